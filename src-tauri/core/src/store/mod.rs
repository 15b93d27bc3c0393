//! The prospect database: one SQLite file, opened with the pragmas every connection
//! needs, migrated to the current schema, and refused if it is newer than this build.

pub mod backup;
pub mod calendar;
mod changes;
mod controls;
mod export;
mod identities;
pub mod import;
mod kind;
mod list;
mod lookup;
pub mod notes;
mod plans;
mod prospects;
pub mod queues;
pub mod reasons;
pub mod reminders;
pub mod reports;
mod schedule;
mod settings;
pub mod templates;
mod touches;
pub mod trash;
mod welcome;

pub use list::fts_query;
pub use prospects::ProspectDetail;

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::time::Duration;

/// Numbered migrations, applied in order; `PRAGMA user_version` records how far a file
/// has come. Append only: never edit a migration that has shipped. Each ends with a
/// foreign key check (see `migrate`).
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_prospects.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0002_cadence.sql")).foreign_key_check(),
    M::up(include_str!(
        "../../migrations/0003_skips_and_cadence_index.sql"
    ))
    .foreign_key_check(),
    M::up(include_str!("../../migrations/0004_reminders.sql")).foreign_key_check(),
    M::up(include_str!(
        "../../migrations/0005_templates_reasons_notes.sql"
    ))
    .foreign_key_check(),
    M::up(include_str!("../../migrations/0006_undo.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0007_insights.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0008_search_buffer.sql")).foreign_key_check(),
    M::up(include_str!(
        "../../migrations/0009_inbound_not_touchpoints.sql"
    ))
    .foreign_key_check(),
    M::up(include_str!("../../migrations/0010_search_rowids_only.sql")).foreign_key_check(),
    M::up(include_str!(
        "../../migrations/0011_unanswered_calls_with_answers.sql"
    ))
    .foreign_key_check(),
    M::up(include_str!("../../migrations/0012_touch_messages.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0013_touch_kind.sql")).foreign_key_check(),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "followthrough.sqlite3";

/// Each connection's page cache, in KiB (see `Store::init`).
pub(crate) const CACHE_KIB: i64 = 16 * 1024;
/// The page cache while an import's one transaction runs (see `Store::import`).
pub(crate) const IMPORT_CACHE_KIB: i64 = 32 * 1024;

pub struct Store {
    pub(crate) conn: Connection,
    /// Opened read-only (a read-only folder or file): everything reads, every write is
    /// refused with `Error::ReadOnly`.
    read_only: bool,
    /// The database's file (its backups go beside it); `None` in memory.
    file: Option<std::path::PathBuf>,
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
    ///
    /// A folder or file that can't be written is opened read-only instead of failing, so
    /// the user can still look everything up (see `is_read_only`).
    pub fn open_seeded(path: &Path, seed: Seed) -> Result<Store> {
        if let Some(dir) = path.parent() {
            // An existing read-only folder is fine (read-only open below); a missing one
            // that can't be made is not.
            if let Err(e) = std::fs::create_dir_all(dir) {
                if !dir.is_dir() {
                    return Err(e.into());
                }
            }
        }
        // A restore's staged copy left by a stopped process.
        backup::drop_unfinished_restore(path)?;
        let opened = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(Error::from)
        .and_then(|conn| {
            // SQLite quietly opens a file it may not write read-only; say so up front
            // rather than at the first write.
            if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
                return Err(Error::ReadOnly);
            }
            Store::init(conn, Some(path), seed)
        });
        match opened {
            Err(Error::ReadOnly | Error::CantOpen(_)) if path.is_file() => {
                Store::open_read_only(path)
            }
            other => other,
        }
    }

    /// Opens an existing database for reading only. SQLite reads a WAL database so when
    /// its -wal and -shm files exist or can be made; in a folder that can't be written and
    /// has neither (the usual case after a clean exit), it is opened as immutable, which
    /// is true of it: nobody can write there. (A -wal left by a crash without its -shm
    /// would then go unread until the folder is writable again: hidden, not lost.)
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = |query: &str| format!("file:{}?{query}", uri_path(path));
        let conn = Connection::open_with_flags(uri("mode=ro"), flags)?;
        let conn = match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(())) {
            Ok(()) => conn,
            Err(_) => Connection::open_with_flags(uri("immutable=1"), flags)?,
        };
        conn.busy_timeout(Duration::from_secs(5))?;
        let found = schema_version(&conn)?;
        if found < SCHEMA_VERSION {
            return Err(Error::Migration(
                "this data folder is read-only, so its database can't be brought up to \
                 this version. Make the folder writable and start Follow Through again"
                    .into(),
            ));
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store {
            conn: with_statement_cache(conn),
            read_only: true,
            file: Some(path.to_path_buf()),
        })
    }

    /// Opens an existing database that another process (the running app) holds, for the
    /// command line: read-write, but never upgraded or seeded under it. A database of
    /// another version is refused with a message saying what to do.
    pub fn open_without_upgrade(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::CantOpen(format!(
                "there is no database at {}",
                path.display()
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let found = schema_version(&conn)?;
        if found < SCHEMA_VERSION {
            return Err(Error::Migration(
                "the Follow Through that has this data folder open is an older version, and \
                 its database can't be upgraded while it runs. Close the app and try again"
                    .into(),
            ));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false);
        Ok(Store {
            conn: with_statement_cache(conn),
            read_only,
            file: Some(path.to_path_buf()),
        })
    }

    /// True when the store was opened read-only (every write is refused).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A private database for tests and tools, with the default seed.
    pub fn open_in_memory() -> Result<Store> {
        Store::init(Connection::open_in_memory()?, None, Seed::default())
    }

    fn init(mut conn: Connection, file: Option<&Path>, seed: Seed) -> Result<Store> {
        // Per-connection settings: never inside a migration (they would not stick, or
        // would fail inside its transaction).
        if file.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // The page cache is an upper bound, not an allocation, but a long-running app
        // fills it: 16 MiB (it was 32) for what the window's queries read again and
        // again. At 8 MiB opening a prospect on a 100,000-prospect book read its pages
        // from the file on every call (2.5 times slower); at 16 it measured as at 32
        // (BENCHMARKS.md). No memory map: its pages count in the app's resident memory
        // too, with no bound short of the file's size.
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "mmap_size", 0)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(Duration::from_secs(5))?;

        let found = schema_version(&conn)?;
        if let Some(file) = file.filter(|_| found > 0 && found < SCHEMA_VERSION) {
            // The way back if the upgrade goes wrong, or this version does: refused
            // without it rather than upgraded without one.
            backup::write(
                &conn,
                &backup::folder(file),
                crate::model::BackupKind::PreMigration,
                seed.now,
            )
            .map_err(|e| {
                Error::Migration(format!(
                    "it was not upgraded, because a backup could not be made first ({e})"
                ))
            })?;
        }
        migrate(&mut conn, MIGRATIONS)?;
        settings::seed(&conn, &crate::cadence::Settings::standard(seed.zone))?;
        let mut store = Store {
            conn: with_statement_cache(conn),
            read_only: false,
            file: file.map(Path::to_path_buf),
        };
        store.sync_builtin_plans()?;
        store.reschedule_if_asked(seed.now)?;
        store.seed_starter_templates(seed.now)?;
        store.purge_deleted(seed.now)?;
        Ok(store)
    }

    /// Runs several reads as one snapshot. Outside a transaction each statement takes and
    /// drops the database's shared lock on its own (a system call each way): a Today
    /// queue of 100 made about 300 of them. Inside one it is once, and every read agrees
    /// with the others. Already inside a transaction, `f` simply runs in it.
    pub(crate) fn reading<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f();
        // Only reads happened: ending the transaction either way loses nothing.
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end?;
        Ok(out)
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so a second
    /// writer waits on `busy_timeout` instead of failing half-way through.
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(Error::ReadOnly);
        }
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// A number that changes when another connection — the command line, a script —
    /// commits to the database; this connection's own writes leave it as it is
    /// (SQLite's `PRAGMA data_version`). The app compares it to notice outside writes.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Runs `PRAGMA optimize`, as SQLite recommends before closing a long-lived handle.
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize;")?;
        Ok(())
    }
}

/// The file's schema version; a newer one than this build knows is refused untouched.
fn schema_version(conn: &Connection) -> Result<i64> {
    known_version(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// `found`, a database's schema version, unless a newer build wrote it.
pub(crate) fn known_version(found: i64) -> Result<i64> {
    if found > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

/// A file path as the path part of an SQLite URI: the characters URIs reserve are
/// percent-encoded, the rest (including non-ASCII) passed as is, which SQLite accepts.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Brings the database up to the last of `migrations`, with foreign keys off while they
/// run: SQLite's recipe for changing a table's shape rebuilds it (create, copy, drop,
/// rename), and with foreign keys on, dropping `prospects` would cascade-delete every
/// touch. Instead each migration ends with `PRAGMA foreign_key_check` inside the one
/// transaction (`M::foreign_key_check`), so one that leaves a dangling reference is
/// rolled back whole.
fn migrate(conn: &mut Connection, migrations: &[M<'_>]) -> Result<()> {
    // Outside any transaction: inside one the pragma does nothing.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let before = schema_version(conn)?;
    let migrated = Migrations::from_slice(migrations)
        .to_latest(conn)
        .map_err(|e| Error::Migration(e.to_string()));
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let after = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    match &migrated {
        Ok(()) if before != after => {
            tracing::info!("database upgraded from version {before} to {after}");
        }
        Ok(()) => {}
        Err(e) => tracing::error!("database upgrade from version {before} failed: {e}"),
    }
    migrated
}

#[cfg(feature = "dataset")]
pub(crate) use prospects::name_key as name_key_for_dataset;

/// Ids as the JSON array `json_each` reads: one bound value for a list of any length, so
/// a page of ids is one statement, not one per id.
pub(crate) fn id_list(ids: &[i64]) -> String {
    serde_json::Value::from(ids).to_string()
}

/// Statements kept prepared per connection. rusqlite keeps 16 by default, fewer than one
/// Today queue uses, so they were parsed and planned again on every call (a profile of
/// the benchmark showed SQLite's parser and planner at the top). The store has about a
/// hundred distinct statements; each kept one costs a few KiB.
const STATEMENT_CACHE: usize = 256;

fn with_statement_cache(conn: Connection) -> Connection {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn
}

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
    zone_of(&text).map_err(|detail| crate::error::BadValue::at(i, "time zone", detail))
}

/// Preferred weekdays, stored as "mon,thu"; empty means no preference.
pub(crate) fn days_at(
    r: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Vec<crate::model::Weekday>> {
    let text: String = r.get(i)?;
    days_of(&text).map_err(|detail| crate::error::BadValue::at(i, "preferred days", detail))
}

/// A preferred time, stored as "HH:MM"; empty means no preference.
pub(crate) fn time_at(
    r: &rusqlite::Row<'_>,
    i: usize,
) -> rusqlite::Result<Option<chrono::NaiveTime>> {
    let text: String = r.get(i)?;
    time_of(&text).map_err(|detail| crate::error::BadValue::at(i, "preferred time", detail))
}

/// `zone_at`'s reading of the stored text (also used for a row about to be written).
pub(crate) fn zone_of(text: &str) -> std::result::Result<Option<chrono_tz::Tz>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| format!("{text:?}"))
}

/// Preferred weekdays as stored: "mon,thu" (what `days_of` reads).
pub(crate) fn days_text(days: &[crate::model::Weekday]) -> String {
    days.iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// `days_at`'s reading of the stored text.
pub(crate) fn days_of(text: &str) -> std::result::Result<Vec<crate::model::Weekday>, String> {
    text.split(',')
        .filter(|d| !d.is_empty())
        .map(|d| crate::model::Weekday::parse(d).ok_or_else(|| format!("{d:?}")))
        .collect()
}

/// `time_at`'s reading of the stored text.
pub(crate) fn time_of(text: &str) -> std::result::Result<Option<chrono::NaiveTime>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(text, "%H:%M")
        .map(Some)
        .map_err(|_| format!("{text:?}"))
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

/// One prospect with two touches, written straight in SQL (for tests below the API).
#[cfg(test)]
pub(crate) const ONE_PROSPECT_TWO_TOUCHES: &str = "
    INSERT INTO prospects (id, name, name_key, source, stage, status, created_at, updated_at)
      VALUES (1, 'Jenny Lee', 'jenny lee', 'referral', 'new', 'active', 0, 0);
    INSERT INTO touches (prospect_id, at, channel, outcome, counts, created_at)
      VALUES (1, 1, 'call', 'no_response', 0, 0), (1, 2, 'email', 'no_response', 1, 0);";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        Migrations::from_slice(MIGRATIONS).validate().unwrap();
    }

    #[test]
    fn every_migration_ends_with_a_foreign_key_check() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert!(
                m.to_string().contains("foreign key check"),
                "migration {} has no .foreign_key_check()",
                i + 1
            );
        }
    }

    /// A database at the current schema with one prospect and two touches.
    fn book() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        conn.execute_batch(ONE_PROSPECT_TWO_TOUCHES).unwrap();
        conn
    }

    fn touches(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM touches", [], |r| r.get(0))
            .unwrap()
    }

    /// SQLite's recipe for changing a table's shape: a new table, copy, drop, rename.
    const REBUILD_PROSPECTS: &str = "
        CREATE TABLE prospects_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        INSERT INTO prospects_new SELECT id, name FROM prospects;
        DROP TABLE prospects;
        ALTER TABLE prospects_new RENAME TO prospects;";

    #[test]
    fn a_migration_that_rebuilds_the_prospects_keeps_the_touch_log() {
        let with_rebuild: Vec<M<'_>> = MIGRATIONS
            .iter()
            .cloned()
            .chain([M::up(REBUILD_PROSPECTS).foreign_key_check()])
            .collect();
        // With foreign keys on, as the app's connection has them, the drop would take
        // every touch with it: this is what the runner prevents.
        let mut bare = book();
        Migrations::new(with_rebuild.clone())
            .to_latest(&mut bare)
            .unwrap();
        assert_eq!(touches(&bare), 0, "the hazard: the drop cascades");

        let mut conn = book();
        migrate(&mut conn, &with_rebuild).unwrap();
        assert_eq!(touches(&conn), 2, "the touch log survives the rebuild");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1, "foreign keys are back on afterwards");
    }

    #[test]
    fn a_migration_that_leaves_a_dangling_reference_is_rolled_back() {
        let dangling: Vec<M<'_>> = MIGRATIONS
            .iter()
            .cloned()
            .chain([
                M::up("CREATE TABLE extra (x INTEGER);").foreign_key_check(),
                M::up("DELETE FROM prospects;").foreign_key_check(),
            ])
            .collect();
        let mut conn = book();
        let err = migrate(&mut conn, &dangling).unwrap_err();
        assert_eq!(err.code(), "migration", "{err}");
        assert_eq!(touches(&conn), 2);
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION, "nothing of the failed run is kept");
        let extra: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(extra, 0, "the whole run is one transaction");
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
        // The search index's write buffer (migration 0008) is the file's own setting.
        let buffer: i64 = store
            .conn
            .query_row(
                "SELECT v FROM prospect_search_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(buffer, 8 << 20);
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
