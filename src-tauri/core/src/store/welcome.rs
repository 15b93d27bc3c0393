//! The first run: whether a new user is still to be walked through setting up, and the
//! sample prospects they may start with (added together, removed together).

use super::prospects::{delete, insert};
use super::schedule::recompute;
use super::settings::read_settings;
use super::touches::insert_touch;
use super::{read_setting, write_setting, Store};
use crate::error::{Error, Result};
use crate::model::TouchInput;
use crate::samples::{samples, Sample};
use crate::validate;
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
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
        let settings = read_settings(&tx)?;
        let mut ids = Vec::new();
        for sample in samples() {
            ids.push(add(&tx, sample, settings.week.zone, now)?);
        }
        for &id in &ids {
            recompute(&tx, id, &settings, now)?;
        }
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
    let mut still = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM prospect_tags WHERE prospect_id = ?1 AND tag = ?2)",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if still.query_row(rusqlite::params![id, crate::samples::TAG], |r| r.get(0))? {
            out.push(id);
        }
    }
    Ok(out)
}

/// One sample, added `added_days_ago` and given its history, through the form's checks
/// and the touch log's one way of recording a touch.
fn add(tx: &Transaction<'_>, sample: Sample, zone: Tz, now: DateTime<Utc>) -> Result<i64> {
    let valid = validate::prospect(sample.prospect)?;
    let added = days_before(now, sample.added_days_ago, zone, 9, 0);
    let id = insert(tx, &valid, None, added)?;
    for t in sample.touches {
        insert_touch(
            tx,
            TouchInput {
                prospect_id: id,
                at: Some(days_before(now, t.days_ago, zone, 10, 30)),
                channel: t.channel,
                outcome: t.outcome,
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

/// `hour:minute` on the day `days` before `now`'s in `zone`, never later than `now`
/// (today's "added" is simply now).
fn days_before(now: DateTime<Utc>, days: u32, zone: Tz, hour: u32, minute: u32) -> DateTime<Utc> {
    if days == 0 {
        return now;
    }
    let date = now.with_timezone(&zone).date_naive() - Duration::days(i64::from(days));
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    zone.from_local_datetime(&date.and_time(time))
        .earliest()
        .map_or(now - Duration::days(i64::from(days)), |t| {
            t.with_timezone(&Utc)
        })
        .min(now)
}
