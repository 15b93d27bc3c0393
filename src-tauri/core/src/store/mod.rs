//! The prospect database: one SQLite file, opened with the pragmas every connection
//! needs, migrated to the current schema, and refused if it is newer than this build.

mod controls;
mod list;
pub mod notes;
mod plans;
mod prospects;
pub mod queues;
pub mod reasons;
pub mod reminders;
mod schedule;
mod settings;
pub mod templates;
mod touches;
pub mod trash;

pub use prospects::ProspectDetail;

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::time::Duration;

/// Numbered migrations, applied in order; `PRAGMA user_version` records how far a file
/// has come. Append only: never edit a migration that has shipped.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_prospects.sql")),
    M::up(include_str!("../../migrations/0002_cadence.sql")),
    M::up(include_str!(
        "../../migrations/0003_skips_and_cadence_index.sql"
    )),
    M::up(include_str!("../../migrations/0004_reminders.sql")),
    M::up(include_str!(
        "../../migrations/0005_templates_reasons_notes.sql"
    )),
    M::up(include_str!("../../migrations/0006_undo.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "followthrough.sqlite3";

pub struct Store {
    pub(crate) conn: Connection,
}

/// What a new database starts with. The core reads neither the clock nor the machine's
/// zone (only `clock` does): the app passes them in, tests pass what they like.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    /// The zone of first-run settings.
    pub zone: chrono_tz::Tz,
    /// When the starter set of templates is written.
    pub now: DateTime<Utc>,
}

impl Default for Seed {
    /// UTC at the Unix epoch: for tests and tools that don't care.
    fn default() -> Seed {
        Seed {
            zone: chrono_tz::Tz::UTC,
            now: DateTime::UNIX_EPOCH,
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings it up to date, with
    /// the default seed (see `open_seeded`).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_seeded(path, Seed::default())
    }

    /// Opens (creating if needed) the database at `path` and brings it up to date; a new
    /// database gets first-run settings and the starter templates from `seed`.
    pub fn open_seeded(path: &Path, seed: Seed) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::init(conn, true, seed)
    }

    /// A private database for tests and tools, with the default seed.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, false, Seed::default())
    }

    fn init(mut conn: Connection, wal: bool, seed: Seed) -> Result<Store> {
        // Per-connection settings: never inside a migration (they would not stick, or
        // would fail inside its transaction).
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A desktop app can afford a warm cache: 32 MiB of pages, and reads through a
        // memory map instead of a syscall per page. Both are upper bounds, not allocations.
        conn.pragma_update(None, "cache_size", -32_768)?;
        conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(Duration::from_secs(5))?;

        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_VERSION {
            return Err(Error::NewerDatabase {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        Migrations::from_slice(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| Error::Migration(e.to_string()))?;
        settings::seed(&conn, &crate::cadence::Settings::standard(seed.zone))?;
        let mut store = Store { conn };
        store.sync_builtin_plans()?;
        store.seed_starter_templates(seed.now)?;
        store.purge_deleted(seed.now)?;
        Ok(store)
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so a second
    /// writer waits on `busy_timeout` instead of failing half-way through.
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Runs `PRAGMA optimize`, as SQLite recommends before closing a long-lived handle.
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize;")?;
        Ok(())
    }
}

#[cfg(feature = "dataset")]
pub(crate) use prospects::name_key as name_key_for_dataset;

/// A value from the key/value `settings` table, as JSON; `None` when absent. A stored
/// value that no longer reads is an error naming it, never a silent default: the next
/// save would overwrite what the user had.
/// `what` names it for the person reading the error ("settings", "your details").
pub(crate) fn read_setting<T: serde::de::DeserializeOwned>(
    conn: &rusqlite::Connection,
    key: &str,
    what: &'static str,
) -> Result<Option<T>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| Error::Unreadable {
            what,
            detail: e.to_string(),
        })
    })
    .transpose()
}

pub(crate) fn write_setting<T: serde::Serialize>(
    conn: &rusqlite::Connection,
    key: &str,
    value: &T,
) -> Result<()> {
    // Settings are plain data; serialising them cannot fail short of a bug, which is
    // still reported rather than panicking.
    let json =
        serde_json::to_string(value).map_err(|e| Error::invalid("settings", e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![key, json])?;
    Ok(())
}

/// A JSON column of a row, read strictly: a value that no longer reads is reported as
/// unreadable `what`, never replaced by a default.
pub(crate) fn json_at<T: serde::de::DeserializeOwned>(
    r: &rusqlite::Row<'_>,
    i: usize,
    what: &'static str,
) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| crate::error::BadValue::at(i, what, e))
}

/// An IANA zone column: empty means "same as mine".
pub(crate) fn zone_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<chrono_tz::Tz>> {
    let text: String = r.get(i)?;
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| crate::error::BadValue::at(i, "time zone", format!("{text:?}")))
}

/// Preferred weekdays, stored as "mon,thu"; empty means no preference.
pub(crate) fn days_at(
    r: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Vec<crate::model::Weekday>> {
    let text: String = r.get(i)?;
    text.split(',')
        .filter(|d| !d.is_empty())
        .map(|d| {
            crate::model::Weekday::parse(d)
                .ok_or_else(|| crate::error::BadValue::at(i, "preferred days", format!("{d:?}")))
        })
        .collect()
}

/// A preferred time, stored as "HH:MM"; empty means no preference.
pub(crate) fn time_at(
    r: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Option<chrono::NaiveTime>> {
    let text: String = r.get(i)?;
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(&text, "%H:%M")
        .map(Some)
        .map_err(|_| crate::error::BadValue::at(i, "preferred time", format!("{text:?}")))
}

pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| crate::error::BadValue::at(0, "date", format!("out of range: {ms}")))
}

pub(crate) fn opt_from_ms(ms: Option<i64>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    ms.map(from_ms).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn a_file_is_created_in_wal_mode_with_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join(DB_FILE);
        let store = Store::open(&path).unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let v: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        drop(store);
        // Reopening an up-to-date file is a no-op.
        Store::open(&path).unwrap();
    }

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 3)
                .unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("newer schema must be refused");
        assert_eq!(err.code(), "newer_database");
        assert!(err.to_string().contains("newer version"));
        let conn = Connection::open(&path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION + 3, "the file must not be touched");
    }
}
