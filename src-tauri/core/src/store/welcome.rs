//! The first run: whether a new user is still to be walked through setting up, and the
//! sample prospects they may start with (added together, removed together).

use super::plans::read_plans;
use super::prospects::{delete, insert};
use super::settings::read_settings;
use super::touches::insert_touch;
use super::{id_list, read_setting, write_setting, Store};
use crate::cadence::calendar::{resolve, WorkWeek};
use crate::cadence::plan::Plan;
use crate::cadence::Settings;
use crate::error::{Error, Result};
use crate::model::TouchInput;
use crate::samples::{samples, Sample, TAG};
use crate::validate;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use rusqlite::{Connection, Transaction};

/// Set once the first-run screen is done with (finished or skipped): when it was.
const WELCOME_KEY: &str = "welcome_done";
/// The ids of the sample prospects still to be removed together.
const SAMPLES_KEY: &str = "sample_prospects";

impl Store {
    /// Whether to show the first-run screen: never done with, and nothing in the book or
    /// in Recently deleted (a book from before the screen existed is not new).
    pub fn welcome_pending(&self) -> Result<bool> {
        welcome_pending(&self.conn)
    }

    /// The first-run screen was finished or skipped: it is not shown again.
    pub fn finish_welcome(&mut self, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        write_setting(&tx, WELCOME_KEY, &now)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds the sample prospects with their histories, scheduled by the engine as any
    /// prospect is, in one transaction. Refused while earlier samples are still here, so
    /// a double click does not add them twice. Returns their ids.
    pub fn add_samples(&mut self, now: DateTime<Utc>) -> Result<Vec<i64>> {
        let tx = self.write()?;
        if !sample_ids(&tx)?.is_empty() {
            return Err(Error::invalid(
                "samples",
                "The sample prospects are already here.",
            ));
        }
        let (settings, plans) = (read_settings(&tx)?, read_plans(&tx)?);
        let ids = samples()
            .into_iter()
            .map(|sample| add(&tx, sample, &settings, &plans, now))
            .collect::<Result<Vec<i64>>>()?;
        write_setting(&tx, SAMPLES_KEY, &ids)?;
        tx.commit()?;
        Ok(ids)
    }

    /// How many sample prospects are still in the book.
    pub fn sample_count(&self) -> Result<u32> {
        Ok(sample_ids(&self.conn)?.len() as u32)
    }

    /// Removes every sample prospect still here, in one transaction, each kept in
    /// Recently deleted as any deleted prospect is. Returns how many went.
    pub fn remove_samples(&mut self, now: DateTime<Utc>) -> Result<u32> {
        let tx = self.write()?;
        let ids = sample_ids(&tx)?;
        for &id in &ids {
            delete(&tx, id, now)?;
        }
        tx.execute("DELETE FROM settings WHERE key = ?1", [SAMPLES_KEY])?;
        tx.commit()?;
        Ok(ids.len() as u32)
    }
}

pub(super) fn welcome_pending(conn: &Connection) -> Result<bool> {
    let done: Option<DateTime<Utc>> = read_setting(conn, WELCOME_KEY, "first-run state")?;
    if done.is_some() {
        return Ok(false);
    }
    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM prospects) AND NOT EXISTS (SELECT 1 FROM trash)",
        [],
        |r| r.get(0),
    )?;
    Ok(empty)
}

/// The samples' ids that still name a prospect (one may have been deleted by hand, and
/// its id given to someone else since: a real prospect is never removed as a sample, so
/// the tag must still be on it too).
fn sample_ids(conn: &Connection) -> Result<Vec<i64>> {
    let ids: Vec<i64> = read_setting(conn, SAMPLES_KEY, "sample prospects")?.unwrap_or_default();
    if ids.is_empty() {
        return Ok(ids);
    }
    let ids = id_list(&ids);
    let mut still = conn.prepare_cached(
        "SELECT prospect_id FROM prospect_tags \
         WHERE tag = ?2 AND prospect_id IN (SELECT value FROM json_each(?1)) ORDER BY prospect_id",
    )?;
    let rows = still.query_map(rusqlite::params![ids, TAG], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One sample, added `added_days_ago` and given its history, through the form's checks,
/// the one insert (which schedules a new prospect) and the touch log's one way of
/// recording a touch (which schedules it again after each touch).
fn add(
    tx: &Transaction<'_>,
    sample: Sample,
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Result<i64> {
    let valid = validate::prospect(sample.prospect)?;
    let added = days_before(now, sample.added_days_ago, &settings.week, 9, 0);
    // In with its first due; each touch logged below schedules it again.
    let id = insert(tx, &valid, None, added, settings, plans, now)?;
    for t in sample.touches {
        insert_touch(
            tx,
            TouchInput {
                prospect_id: id,
                at: Some(days_before(now, t.days_ago, &settings.week, 10, 30)),
                channel: t.channel,
                outcome: t.outcome,
                message: String::new(),
                note: t.note.to_string(),
                inbound: false,
                reason_id: None,
                confirm_stop: true,
            },
            now,
        )?;
    }
    Ok(id)
}

/// `hour:minute` on the day `days` before `now`'s in the user's zone, never later than
/// `now` (today's "added" is simply now).
fn days_before(
    now: DateTime<Utc>,
    days: u32,
    week: &WorkWeek,
    hour: u32,
    minute: u32,
) -> DateTime<Utc> {
    if days == 0 {
        return now;
    }
    let date = week.local_date(now) - Duration::days(i64::from(days));
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    resolve(week.zone, date, time).min(now)
}
