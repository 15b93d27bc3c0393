//! The user's follow-up settings as stored: one JSON value in the `settings` table,
//! written on first run in the zone the caller gives and read back strictly.

use super::{read_setting, schedule, write_setting, Store};
use crate::cadence::Settings;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

const SETTINGS_KEY: &str = "cadence";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        read_settings(&self.conn)
    }

    /// Saves the settings and recomputes every prospect's next due time under them, in
    /// one transaction: either both happen or neither. Returns how many prospects are
    /// due at some point.
    pub fn save_settings(&mut self, settings: Settings, now: DateTime<Utc>) -> Result<u32> {
        settings.validate(now)?;
        let tx = self.write()?;
        write_setting(&tx, SETTINGS_KEY, &settings)?;
        let due = schedule::recompute_all(&tx, &settings, now)?;
        tx.commit()?;
        Ok(due)
    }
}

/// Writes first-run settings when there are none (a new database, or one from before
/// settings existed).
pub(super) fn seed(conn: &Connection, settings: &Settings) -> Result<()> {
    // Only whether there are any: settings that no longer read are reported where they
    // are used, so the app still opens and the user can save new ones.
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)",
        [SETTINGS_KEY],
        |r| r.get(0),
    )?;
    if !exists {
        write_setting(conn, SETTINGS_KEY, settings)?;
    }
    Ok(())
}

/// The stored settings. Seeded on open, so missing ones mean the file was changed
/// behind the app's back: an error, like settings that no longer read.
pub(crate) fn read_settings(conn: &Connection) -> Result<Settings> {
    read_setting(conn, SETTINGS_KEY, "settings")?.ok_or(Error::Unreadable {
        what: "settings",
        detail: "they are missing".into(),
    })
}

impl Store {
    /// `now` as a wall-clock time in the user's working zone (from Settings, not the
    /// machine's): for "today", and for names like a printed batch's file name.
    pub fn local_time(&self, now: DateTime<Utc>) -> Result<chrono::NaiveDateTime> {
        let zone = read_settings(&self.conn)?.week.zone;
        Ok(now.with_timezone(&zone).naive_local())
    }
}
