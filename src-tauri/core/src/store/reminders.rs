//! Which due items a desktop reminder should announce now, and when to look next. The
//! shell's scheduler calls `reminders` after every wake and `mark_reminded` after
//! announcing; what was announced is recorded, so nothing is repeated after a restart
//! and nothing missed is dropped.

use super::settings::read_settings;
use super::{from_ms, read_setting, to_ms, write_setting, Store};
use crate::cadence::calendar::resolve;
use crate::error::Result;
use crate::model::DueItem;
use crate::reminders::{held_until, notify_at, Pause};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use std::collections::HashSet;

const PAUSE_KEY: &str = "reminders_paused_until";
/// How many items a round carries in full (the notification names only a few).
const ROUND_ITEMS: usize = 20;

#[derive(Debug, Clone)]
pub struct Round {
    /// The first items ready to announce, soonest due first.
    pub items: Vec<DueItem>,
    /// How many are ready in all.
    pub total: u32,
    /// Some of them came due while the app was not running.
    pub catch_up: bool,
    /// (prospect id, due instant in ms) of every ready item, for `mark_reminded`.
    pub keys: Vec<(i64, i64)>,
    /// When the next reminder could be due; `None` when nothing is scheduled at all.
    pub next_at: Option<DateTime<Utc>>,
}

impl Store {
    /// What to announce at `now`. `started_at` is when the app started: items that became
    /// announceable before it are a catch-up.
    pub fn reminders(&self, now: DateTime<Utc>, started_at: DateTime<Utc>) -> Result<Round> {
        self.reminders_except(now, started_at, &HashSet::new())
    }

    /// `reminders`, leaving out `announced`: reminders shown whose record the database
    /// has not taken yet (see the shell's scheduler). They are not news again.
    pub fn reminders_except(
        &self,
        now: DateTime<Utc>,
        started_at: DateTime<Utc>,
        announced: &HashSet<(i64, i64)>,
    ) -> Result<Round> {
        let settings = read_settings(&self.conn)?;
        let week = &settings.week;
        let empty = |next_at| Round {
            items: Vec::new(),
            total: 0,
            catch_up: false,
            keys: Vec::new(),
            next_at,
        };

        // Away, or reminders paused: hold everything until then (nothing is dropped).
        if let Some(back) = settings.back_on.filter(|&d| week.local_date(now) < d) {
            let first = week.next_block(resolve(week.zone, back, chrono::NaiveTime::MIN));
            return Ok(empty(Some(first)));
        }
        if let Some(until) = self.reminders_paused_until()?.filter(|&u| u > now) {
            return Ok(empty(Some(until)));
        }
        // Outside working hours (a catch-up on a Saturday night, a pause that ended after
        // the day did): hold everything until the working day starts.
        if let Some(back) = held_until(week, now) {
            return Ok(empty(Some(back)));
        }

        let mut ready: Vec<(i64, i64, DateTime<Utc>)> = Vec::new();
        let mut next_at: Option<DateTime<Utc>> = None;
        let mut consider =
            |at: DateTime<Utc>| next_at = Some(next_at.map_or(at, |n: DateTime<Utc>| n.min(at)));
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT p.id, p.next_due_at FROM prospects p \
                 WHERE (p.next_due_at IS NULL) = 0 AND p.next_due_at <= ?1 \
                 AND NOT EXISTS (SELECT 1 FROM reminders_sent r WHERE r.prospect_id = p.id AND r.due_at = p.next_due_at) \
                 ORDER BY p.next_due_at",
            )?;
            let mut rows = stmt.query([to_ms(now)])?;
            while let Some(r) = rows.next()? {
                let (id, due_ms): (i64, i64) = (r.get(0)?, r.get(1)?);
                if announced.contains(&(id, due_ms)) {
                    continue;
                }
                let at = notify_at(week, from_ms(due_ms)?);
                if at <= now {
                    ready.push((id, due_ms, at));
                } else {
                    consider(at);
                }
            }
        }
        // The next future item: `notify_at` keeps due order, so the soonest is enough.
        if let Some(at) = self.next_due_after(now)? {
            consider(notify_at(week, at));
        }

        // Slack: a block reached in the first minute after start is not a "missed" one.
        let catch_up = ready
            .iter()
            .any(|&(_, _, at)| at < started_at - Duration::seconds(60));
        let ids: Vec<i64> = ready
            .iter()
            .take(ROUND_ITEMS)
            .map(|&(id, _, _)| id)
            .collect();
        let items = self.items(&ids, &settings, now)?;
        Ok(Round {
            items,
            total: ready.len() as u32,
            catch_up,
            keys: ready.iter().map(|&(id, due, _)| (id, due)).collect(),
            next_at,
        })
    }

    /// Records that these (prospect, due instant) pairs were announced.
    pub fn mark_reminded(&mut self, keys: &[(i64, i64)], now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        {
            let mut stmt = tx.prepare_cached(
                // Only for prospects still here: one deleted since the announcement
                // must not make the whole record fail (and so repeat the others).
                "INSERT OR IGNORE INTO reminders_sent (prospect_id, due_at, sent_at) \
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM prospects WHERE id = ?1)",
            )?;
            for (id, due) in keys {
                stmt.execute(params![id, due, to_ms(now)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Pauses desktop reminders for a while (None resumes). Due items keep their times.
    /// Returns when they resume.
    pub fn pause_reminders(
        &mut self,
        pause: Option<Pause>,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let tx = self.write()?;
        let until = match pause {
            Some(p) => Some(p.until(&read_settings(&tx)?.week, now)),
            None => None,
        };
        match until {
            Some(u) => write_setting(&tx, PAUSE_KEY, &to_ms(u))?,
            None => {
                tx.execute("DELETE FROM settings WHERE key = ?1", [PAUSE_KEY])?;
            }
        };
        tx.commit()?;
        Ok(until)
    }

    pub fn reminders_paused_until(&self) -> Result<Option<DateTime<Utc>>> {
        let ms: Option<i64> = read_setting(&self.conn, PAUSE_KEY, "reminder pause")?;
        Ok(ms.map(from_ms).transpose()?)
    }
}

impl Store {
    /// How many follow-ups are due now (overdue included): the tray's number.
    pub fn due_now_count(&self, now: DateTime<Utc>) -> Result<u32> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM prospects WHERE (next_due_at IS NULL) = 0 AND next_due_at <= ?1")?
            .query_row([to_ms(now)], |r| r.get(0))?)
    }

    /// Whether prospect `id` is the one a reminder named at `named_at`: still in the
    /// book, and added before then. Ids are reused after a delete, so an id alone may by
    /// now be someone else.
    pub fn named_then(&self, id: i64, named_at: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM prospects WHERE id = ?1 AND created_at <= ?2)",
            )?
            .query_row(params![id, to_ms(named_at)], |r| r.get(0))?)
    }

    /// The soonest due after `now`: when `due_now_count` next goes up (whether or not it
    /// may be announced then). Walks prospects_by_next_due.
    pub fn next_due_after(&self, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let soonest: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT next_due_at FROM prospects WHERE (next_due_at IS NULL) = 0 \
                 AND next_due_at > ?1 ORDER BY next_due_at IS NULL, next_due_at LIMIT 1",
            )?
            .query_row([to_ms(now)], |r| r.get(0))
            .optional()?;
        Ok(soonest.map(from_ms).transpose()?)
    }
}

const PREFS_KEY: &str = "app";

/// How the app itself behaves on the desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Closing the window keeps the app (and its reminders) running in the tray.
    pub keep_in_tray: bool,
    pub start_at_login: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            keep_in_tray: true,
            start_at_login: false,
        }
    }
}

impl Store {
    pub fn prefs(&self) -> Result<Prefs> {
        Ok(read_setting(&self.conn, PREFS_KEY, "desktop preferences")?.unwrap_or_default())
    }

    pub fn save_prefs(&mut self, prefs: Prefs) -> Result<()> {
        write_setting(&self.conn, PREFS_KEY, &prefs)
    }
}
