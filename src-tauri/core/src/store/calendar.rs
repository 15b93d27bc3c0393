//! The calendar of what is coming: the user's choices for it, and the file itself from
//! the stored due times (the ones the queues list) and the engine's answer for each.

use super::plans::read_plans;
use super::schedule::evaluate_many;
use super::settings::read_settings;
use super::{from_ms, json_at, read_setting, to_ms, write_setting, Store};
use crate::error::{Error, Result};
use crate::export::ics::{self, FollowUp, Ics};
use crate::model::{CalendarPrefs, Due, NextStep};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const PREFS_KEY: &str = "calendar";
/// The book's own name in every UID it writes, made once: two books (a colleague's
/// hand-off, a second data folder) synced into one calendar never share a UID.
const BOOK_ID_KEY: &str = "book_id";

/// The live calendar's file name in the data folder.
pub const CALENDAR_FILE: &str = "followthrough.ics";

/// Where the app keeps the live calendar, so the app and the command line agree.
pub fn live_calendar_path(data_dir: &Path) -> PathBuf {
    data_dir.join(CALENDAR_FILE)
}

impl Store {
    /// The calendar choices, or the defaults before any were saved.
    pub fn calendar_prefs(&self) -> Result<CalendarPrefs> {
        Ok(read_setting(&self.conn, PREFS_KEY, "calendar settings")?.unwrap_or_default())
    }

    pub fn save_calendar_prefs(&mut self, prefs: &CalendarPrefs) -> Result<()> {
        prefs.validate()?;
        let tx = self.write()?;
        write_setting(&tx, PREFS_KEY, prefs)?;
        tx.commit()?;
        Ok(())
    }

    /// The calendar as iCalendar text.
    pub fn calendar(&self, prefs: &CalendarPrefs, now: DateTime<Utc>) -> Result<String> {
        Ok(self.ics(prefs, now)?.text)
    }

    /// Writes the calendar to `path` whole or not at all (the live file is replaced in
    /// one rename, so a calendar app reading it never sees half of it). Returns how
    /// many events it holds.
    pub fn write_calendar(
        &self,
        path: &Path,
        prefs: &CalendarPrefs,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let ics = self.ics(prefs, now)?;
        crate::export::write_file(path, self.file(), |out| {
            Ok(out.write_all(ics.text.as_bytes())?)
        })?;
        Ok(ics.events)
    }

    fn ics(&self, prefs: &CalendarPrefs, now: DateTime<Utc>) -> Result<Ics> {
        prefs.validate()?;
        let settings = read_settings(&self.conn)?;
        let plans = read_plans(&self.conn)?;
        let (start, end) = ics::window(&settings.week, prefs.weeks, now);
        // The same window condition as the queues', on the same index.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, company, emails, phones, next_step_at, next_step_note FROM prospects \
             WHERE (next_due_at IS NULL) = 0 AND next_due_at >= ?1 AND next_due_at < ?2 \
             ORDER BY next_due_at IS NULL, next_due_at, id",
        )?;
        let rows = stmt
            .query_map([to_ms(start), to_ms(end)], |r| {
                let step: Option<i64> = r.get(5)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    json_at::<Vec<String>>(r, 3, "emails")?,
                    json_at::<Vec<String>>(r, 4, "phone numbers")?,
                    match step {
                        Some(ms) => Some(NextStep {
                            at: from_ms(ms)?,
                            note: r.get(6)?,
                        }),
                        None => None,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // The engine's answers now, as Today and Upcoming show them.
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut dues: HashMap<i64, Option<Due>> =
            evaluate_many(&self.conn, &ids, &settings, &plans, now)?
                .into_iter()
                .collect();
        let mut follow_ups = Vec::with_capacity(rows.len());
        for (id, name, company, emails, phones, next_step) in rows {
            let Some(due) = dues.remove(&id).flatten() else {
                continue;
            };
            follow_ups.push(FollowUp {
                prospect_id: id,
                name,
                company,
                phones,
                emails,
                due,
                next_step,
            });
        }
        let book = book_id(&self.conn, self.read_only)?;
        Ok(ics::calendar(&book, &follow_ups, &settings, prefs, now))
    }
}

/// The book's id, made the first time a calendar is written: random, from SQLite, in
/// one statement (its own transaction; `OR IGNORE` keeps the first of two racing).
fn book_id(conn: &Connection, read_only: bool) -> Result<String> {
    let read = || read_setting::<String>(conn, BOOK_ID_KEY, "the book's id");
    if let Some(id) = read()? {
        return Ok(id);
    }
    if read_only {
        return Err(Error::ReadOnly);
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, json_quote(lower(hex(randomblob(16)))))",
    )?
    .execute([BOOK_ID_KEY])?;
    read()?.ok_or(Error::Unreadable {
        what: "the book's id",
        detail: "it could not be stored".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_id_is_made_once_and_kept() {
        let store = Store::open_in_memory().unwrap();
        let first = book_id(&store.conn, false).unwrap();
        assert_eq!(first.len(), 32);
        assert!(first.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(book_id(&store.conn, false).unwrap(), first);
        let other = Store::open_in_memory().unwrap();
        assert_ne!(book_id(&other.conn, false).unwrap(), first);
    }
}
