//! Backups of the database, and restoring one.
//!
//! A backup is a `VACUUM INTO` copy: SQLite writes a consistent snapshot from a read
//! transaction, so it is safe while the app keeps writing (WAL readers never block the
//! writer), and the copy is compact and has no WAL of its own. Each is written under a
//! hidden name, synced, checked (it opens, `integrity_check` is ok, its schema and row
//! counts are the live database's), and only then renamed into the `backups/` folder
//! beside the database: a file there with a backup's name is always whole and checked.
//! One that fails its check is deleted and reported, never kept as if good.
//!
//! A restore checks the file first and refuses with the reason (empty, not a database,
//! damaged, from a newer version, not Follow Through's), copies it into the data folder
//! and checks the copy, keeps the current data aside, closes the store, and renames the
//! copy over the database file; the store is then opened again (which brings an older
//! backup up to date, taking a pre-upgrade backup first). A process killed at any moment
//! leaves the old database or the new one, whole: the only step that changes which file
//! is the database is one atomic rename, and nothing of the old database (no WAL, no
//! journal) is left beside the new one for SQLite to replay into it.

use super::{Seed, Store, DB_FILE, MIGRATIONS, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::model::BackupKind;
use crate::retention::{self, Dated};
use chrono::{DateTime, NaiveDateTime, Timelike, Utc};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::Migrations;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The backups' folder, beside the database file.
pub const FOLDER: &str = "backups";
const PREFIX: &str = "followthrough-";
const EXTENSION: &str = ".sqlite3";
/// In file names: sorts by time, and has no colon (not allowed on Windows).
const STAMP: &str = "%Y-%m-%dT%H%M%SZ";
/// A backup being written: hidden, never listed, removed by the next prune.
const PARTIAL: &str = ".partial";
/// A restore's copy, in the data folder until it is renamed over the database.
const RESTORING: &str = ".restoring";

/// What a database holds, as the backups list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Contents {
    /// Its schema version (`PRAGMA user_version`).
    pub schema: i64,
    pub prospects: i64,
    pub touches: i64,
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backup {
    /// Its file name in the backups folder; names a backup to restore.
    pub file: String,
    pub at: DateTime<Utc>,
    pub kind: BackupKind,
    /// Bytes.
    pub size: u64,
    /// What it holds; `None` when it no longer opens (it can't be restored then).
    pub contents: Option<Contents>,
}

/// Where the data a restore replaced is kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Kept {
    /// In the backups list, taken just before (`BackupKind::PreRestore`).
    Backup { backup: Backup },
    /// A database that could not be backed up (it did not open) is set aside whole,
    /// under this name in the data folder.
    File { file: String },
    /// There was no database file.
    Nothing,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Restored {
    /// What the restored file holds (before it was brought up to date).
    pub contents: Contents,
    pub kept: Kept,
}

/// The backups folder of the database at `db_path`.
pub fn folder(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(FOLDER)
}

fn file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!(
        "{PREFIX}{}-{}{EXTENSION}",
        at.format(STAMP),
        kind.as_str().replace('_', "-")
    )
}

/// When and why a backup was taken, from its file name; `None` for any other file.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(EXTENSION)?;
    let (stamp, kind) = rest.split_at_checked("2026-11-23T093000Z".len())?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let kind = BackupKind::parse(&kind.strip_prefix('-')?.replace('-', "_"))?;
    Some((at, kind))
}

/// The path of the backup named `file` in `dir`. Only a backup's own name is accepted:
/// the UI names one from the list, never a path.
pub fn path_of(dir: &Path, file: &str) -> Result<PathBuf> {
    let path = dir.join(file);
    if parse_name(file).is_none() || !path.is_file() {
        return Err(Error::NotFound {
            what: "backup",
            id: 0,
        });
    }
    Ok(path)
}

impl Store {
    /// Backs the database up into the folder beside it, checks the copy, and returns it.
    /// A copy that fails its check is deleted (`Error::BackupFailed`). An import is to
    /// call this with `BackupKind::PreImport` before it writes anything.
    pub fn backup(&self, kind: BackupKind, now: DateTime<Utc>) -> Result<Backup> {
        let Some(file) = &self.file else {
            return Err(Error::invalid(
                "backup",
                "This database is kept in memory only; there is no file to back up.",
            ));
        };
        let made = write(&self.conn, &folder(file), kind, now);
        match &made {
            Ok(b) => tracing::info!("backup ({kind:?}) written and checked: {}", b.file),
            Err(e) => tracing::error!("backup ({kind:?}) failed: {e}"),
        }
        made
    }

    /// A checked backup written to a file of the user's choosing rather than the
    /// backups folder (`followthrough backup -o FILE`), replacing any file there; what
    /// it holds. The check compares the copy with the counts read just before it, so a
    /// write by another connection in between (the app, beside the command line) fails
    /// it rather than pass a copy unchecked; trying again then succeeds.
    pub fn backup_to(&self, path: &Path) -> Result<Contents> {
        let Some(file) = &self.file else {
            return Err(Error::invalid(
                "backup",
                "This database is kept in memory only; there is no file to back up.",
            ));
        };
        // Renamed over the database (or its log), the copy would replace the live data
        // under the app's feet.
        crate::export::not_the_database("backup", file, path)?;
        let expected = contents(&self.conn)?;
        copy_checked(&self.conn, expected, path, &|_| {})?;
        Ok(expected)
    }

    /// The database's file; `None` in memory.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }
}

/// Writes a checked backup of `conn`'s database into `dir` (see the module's notes).
pub(crate) fn write(
    conn: &Connection,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<Backup> {
    write_then_check(conn, dir, kind, now, &|_| {})
}

/// `write`, with a step between writing the copy and checking it: the tests spoil the
/// copy there to see the check catch it.
fn write_then_check(
    conn: &Connection,
    dir: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
    between: &dyn Fn(&Path),
) -> Result<Backup> {
    fs::create_dir_all(dir)?;
    // The store holds the only connection that writes (the app's one writer, under its
    // lock), so these are the counts the snapshot below must have.
    let expected = contents(conn)?;
    // To the second, as the name records it. Two backups in the same second (one before
    // a restore, then one before the upgrade of what was restored) each get their own
    // second, so names still sort in the order they were taken.
    let mut at = now.with_nanosecond(0).unwrap_or(now);
    while BackupKind::ALL
        .iter()
        .any(|k| dir.join(file_name(at, *k)).exists())
    {
        at += chrono::Duration::seconds(1);
    }
    let name = file_name(at, kind);
    let path = dir.join(&name);
    copy_checked(conn, expected, &path, between)?;
    Ok(Backup {
        file: name,
        at,
        kind,
        size: fs::metadata(&path)?.len(),
        contents: Some(expected),
    })
}

/// Copies `conn`'s database under a hidden name beside `path`, syncs it, checks it
/// against `expected`, and only then renames it to `path` (replacing any file there):
/// a file under `path` is always whole and checked. One that fails is deleted.
fn copy_checked(
    conn: &Connection,
    expected: Contents,
    path: &Path,
    between: &dyn Fn(&Path),
) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        Error::invalid(
            "backup",
            format!("{} is not a file name to write to.", path.display()),
        )
    })?;
    let partial = dir.join(format!(".{}{PARTIAL}", name.to_string_lossy()));
    remove_if_present(&partial)?;
    let written = vacuum_into(conn, &partial).and_then(|()| sync_file(&partial));
    if let Err(e) = written {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    between(&partial);
    if let Err(reason) = check_copy(&partial, expected) {
        fs::remove_file(&partial)?;
        return Err(Error::BackupFailed { reason });
    }
    fs::rename(&partial, path)?;
    sync_dir(dir)?;
    Ok(())
}

/// Checks a copy just written against what it was copied from.
fn check_copy(path: &Path, expected: Contents) -> std::result::Result<(), String> {
    let found = examine(path)?;
    if found != expected {
        return Err(format!(
            "it holds {} prospects and {} touches at schema {}, not the {} prospects and {} \
             touches at schema {} it was copied from",
            found.prospects,
            found.touches,
            found.schema,
            expected.prospects,
            expected.touches,
            expected.schema
        ));
    }
    Ok(())
}

fn vacuum_into(conn: &Connection, to: &Path) -> Result<()> {
    let to = to.to_str().ok_or_else(|| {
        Error::invalid(
            "backup",
            format!(
                "The folder {} has a name SQLite can't write to.",
                to.display()
            ),
        )
    })?;
    conn.execute("VACUUM INTO ?1", [to])?;
    Ok(())
}

/// The backups in `dir`, newest first. Each is opened to count what it holds (no full
/// check: that is done when it is written and again before it is restored).
pub fn list(dir: &Path) -> Result<Vec<Backup>> {
    let mut backups = Vec::new();
    for (file, at, kind) in named(dir)? {
        let path = dir.join(&file);
        let meta = fs::metadata(&path)?;
        if !meta.is_file() {
            continue;
        }
        let contents = open_read_only(&path)
            .and_then(|conn| Ok(contents(&conn)?))
            .ok();
        backups.push(Backup {
            file,
            at,
            kind,
            size: meta.len(),
            contents,
        });
    }
    Ok(backups)
}

/// When the newest backup in `dir` was taken, from the names alone.
pub fn newest(dir: &Path) -> Result<Option<DateTime<Utc>>> {
    Ok(named(dir)?.first().map(|(_, at, _)| *at))
}

/// The files in `dir` named as backups, newest first; none when there is no folder yet.
fn named(dir: &Path) -> Result<Vec<(String, DateTime<Utc>, BackupKind)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut named = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        if let Some((at, kind)) = name.to_str().and_then(parse_name) {
            named.push((name.to_string_lossy().into_owned(), at, kind));
        }
    }
    named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    Ok(named)
}

/// Deletes the backups the retention rule no longer keeps (`retention::keep`), and any
/// backup left unfinished by a process that was stopped while writing it. Returns the
/// names deleted. Files that are not backups are never touched.
pub fn prune(dir: &Path, now: DateTime<Utc>) -> Result<Vec<String>> {
    let backups = named(dir)?;
    if backups.is_empty() && !dir.exists() {
        return Ok(Vec::new());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let unfinished = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix('.')?.strip_suffix(PARTIAL))
            .is_some_and(|n| parse_name(n).is_some());
        if unfinished {
            fs::remove_file(path)?;
        }
    }
    let dated: Vec<Dated> = backups
        .iter()
        .map(|&(_, at, kind)| Dated { at, kind })
        .collect();
    let mut removed = Vec::new();
    for ((name, _, _), keep) in backups.into_iter().zip(retention::keep(&dated, now)) {
        if !keep {
            fs::remove_file(dir.join(&name))?;
            removed.push(name);
        }
    }
    Ok(removed)
}

/// The newest backup in `dir` that passes the full check, for the error screen's offer
/// when the database itself can't be opened.
pub fn newest_good(dir: &Path) -> Result<Option<Backup>> {
    Ok(list(dir)?
        .into_iter()
        .find(|b| examine(&dir.join(&b.file)).is_ok()))
}

/// Whether `path` is a whole Follow Through database this version can read, and what it
/// holds; the reason, in words that finish "This file can't be restored: …", if not.
pub fn inspect(path: &Path) -> Result<Contents> {
    examine(path).map_err(|reason| Error::BadBackup { reason })
}

fn examine(path: &Path) -> std::result::Result<Contents, String> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".to_string(),
        _ => format!("it could not be read ({e})"),
    })?;
    if !meta.is_file() {
        return Err("it is a folder, not a file".into());
    }
    if meta.len() == 0 {
        return Err("the file is empty".into());
    }
    // SQLite would take a file that is not a database for an empty one until it is
    // read; its signature says at once.
    if sqlite_header(path).is_none() {
        return Err("it is not a Follow Through backup (it is not a database file at all)".into());
    }
    let damaged = |e: rusqlite::Error| format!("it is damaged ({e})");
    let conn = open_read_only(path).map_err(|e| format!("it could not be opened ({e})"))?;
    let schema: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(damaged)?;
    if problems != ["ok"] {
        return Err(format!(
            "it is damaged (SQLite's integrity check found: {})",
            problems.join("; ")
        ));
    }
    if schema > SCHEMA_VERSION {
        return Err(format!(
            "it was written by a newer version of Follow Through (schema {schema}; this \
             version reads up to {SCHEMA_VERSION}). Update the app to restore it"
        ));
    }
    let not_ours = || "it is not a Follow Through database (it lacks the app's tables)".to_string();
    if schema < 1 {
        return Err(not_ours());
    }
    let have = tables(&conn).map_err(damaged)?;
    let want = tables_at(schema).map_err(|e| e.to_string())?;
    if !want.is_subset(&have) {
        return Err(not_ours());
    }
    contents(&conn).map_err(damaged)
}

fn open_read_only(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

fn contents(conn: &Connection) -> rusqlite::Result<Contents> {
    Ok(Contents {
        schema: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        prospects: conn.query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))?,
        touches: conn.query_row("SELECT count(*) FROM touches", [], |r| r.get(0))?,
    })
}

fn tables(conn: &Connection) -> rusqlite::Result<BTreeSet<String>> {
    conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect()
}

/// The tables a database at `schema` has: the migrations up to it, run in memory.
fn tables_at(schema: i64) -> Result<BTreeSet<String>> {
    let mut conn = Connection::open_in_memory()?;
    let target = usize::try_from(schema).unwrap_or(0);
    Migrations::from_slice(MIGRATIONS)
        .to_version(&mut conn, target)
        .map_err(|e| Error::Migration(e.to_string()))?;
    Ok(tables(&conn)?)
}

/// A checked copy of the file to restore, in the data folder (so the rename that puts it
/// in place stays on one file system and is atomic). Removed if never installed.
struct Staged {
    path: PathBuf,
    contents: Contents,
    installed: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.installed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Deals with the staged copy a restore stopped half-way left in the data folder. With
/// the database still in place, the copy is never used and is removed. With the
/// database already set aside (stopped between setting it aside and renaming the copy
/// in), the copy, checked once more, finishes the restore: starting on an empty database
/// would hide both the old data and the restored, so failing to finish is an error.
pub(crate) fn drop_unfinished_restore(db_path: &Path) -> Result<()> {
    let staged = with_suffix(db_path, RESTORING);
    if !staged.exists() {
        return Ok(());
    }
    let replaced = ["", "-wal", "-journal"]
        .into_iter()
        .all(|suffix| !with_suffix(db_path, suffix).exists());
    if replaced && examine(&staged).is_ok() {
        remove_if_present(&with_suffix(db_path, "-shm"))?;
        fs::rename(&staged, db_path)?;
        if let Some(dir) = db_path.parent() {
            sync_dir(dir)?;
        }
        return Ok(());
    }
    // A leftover that can't be removed (a read-only folder) is harmless beside the
    // database, and the next restore replaces it.
    let _ = remove_if_present(&staged);
    Ok(())
}

fn stage(db_path: &Path, candidate: &Path) -> Result<Staged> {
    let contents = inspect(candidate)?;
    let path = with_suffix(db_path, RESTORING);
    remove_if_present(&path)?;
    let staged = Staged {
        path,
        contents,
        installed: false,
    };
    // Copied through SQLite rather than byte for byte: whatever is still in the file's
    // own WAL comes along, and the copy is a fresh, compact file with no WAL.
    let source = open_read_only(candidate)?;
    vacuum_into(&source, &staged.path)?;
    drop(source);
    sync_file(&staged.path)?;
    check_copy(&staged.path, contents).map_err(|reason| Error::BadBackup {
        reason: format!("its copy did not pass the check: {reason}"),
    })?;
    Ok(staged)
}

/// Restores `candidate` in place of the database at `db_path`, which `slot` holds open
/// (or failed to open). On success the store in `slot` is open on the restored data; on
/// a refusal nothing was changed and `slot` is as it was. If the restored file then fails
/// to open, `slot` holds that error (and the restore still happened: the data it
/// replaced is kept as `Restored::kept` says).
pub fn restore<E: From<Error>>(
    slot: &mut std::result::Result<Store, E>,
    db_path: &Path,
    candidate: &Path,
    seed: Seed,
) -> Result<Restored> {
    refuse_newer(db_path)?;
    let staged = stage(db_path, candidate)?;
    // A database that opens but is damaged may not back up: it is then set aside whole
    // as a file instead (see `retire`), never a reason to refuse the restore.
    let before = match slot {
        Ok(store) => store.backup(BackupKind::PreRestore, seed.now).ok(),
        Err(_) => None,
    };
    // Closing the store checkpoints its WAL into the file and deletes it.
    let closing = std::mem::replace(
        slot,
        Err(Error::invalid("database", "The database is being restored.").into()),
    );
    drop(closing);
    let installed = install(staged, db_path, before, seed.now);
    *slot = Store::open_seeded(db_path, seed).map_err(E::from);
    installed
}

/// Data a newer version wrote is not ours to replace: it may hold what this version
/// can't read, and the user is one upgrade away from it. Every restore (Settings, the
/// error screen, the command line) meets this here. The version is read from the file's
/// header (`user_version`, 4 bytes big-endian at offset 60): opening the file with
/// SQLite, even read-only, would leave a write-ahead log beside it. A file too short or
/// not a database is no reason to refuse: the restore sets it aside whole.
fn refuse_newer(db_path: &Path) -> Result<()> {
    let Some(header) = sqlite_header(db_path) else {
        return Ok(());
    };
    let found = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    super::known_version(found).map(drop)
}

/// The first 64 bytes of an SQLite database file (signature, page size, …,
/// `user_version` at 60); `None` for anything else, or a file too short to be one.
fn sqlite_header(path: &Path) -> Option<[u8; 64]> {
    let mut header = [0u8; 64];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .ok()
        .filter(|()| header.starts_with(b"SQLite format 3\0"))
        .map(|()| header)
}

fn install(
    mut staged: Staged,
    db_path: &Path,
    before: Option<Backup>,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let kept = retire(db_path, before, now)?;
    // SQLite replays a WAL or a hot journal it finds beside a database into it, whatever
    // file that is: the old one's must be gone before the new file takes the name.
    for suffix in ["-wal", "-journal"] {
        let log = with_suffix(db_path, suffix);
        if log.exists() {
            return Err(Error::Io(std::io::Error::other(format!(
                "{} is still there; the restore was stopped before replacing anything",
                log.display()
            ))));
        }
    }
    remove_if_present(&with_suffix(db_path, "-shm"))?;
    fs::rename(&staged.path, db_path)?;
    staged.installed = true;
    if let Some(dir) = db_path.parent() {
        sync_dir(dir)?;
    }
    Ok(Restored {
        contents: staged.contents,
        kept,
    })
}

/// Gets the database at `db_path` out of the way of the new one. Backed up: it is turned
/// into a plain file with no WAL beside it (SQLite checkpoints and removes the WAL).
/// Not backed up (it did not open), or that failed: the file and its WAL are renamed
/// aside whole.
fn retire(db_path: &Path, before: Option<Backup>, now: DateTime<Utc>) -> Result<Kept> {
    if let Some(backup) = before {
        if without_wal(db_path).is_ok() {
            return Ok(Kept::Backup { backup });
        }
    }
    let present = |suffix: &str| with_suffix(db_path, suffix).exists();
    if !["", "-wal", "-journal"].into_iter().any(present) {
        return Ok(Kept::Nothing);
    }
    let mut at = now;
    let aside = loop {
        let name = format!("{DB_FILE}.before-restore-{}", at.format(STAMP));
        let aside = db_path.with_file_name(name);
        if !aside.exists() {
            break aside;
        }
        at += chrono::Duration::seconds(1);
    };
    // Logs first. Stopped half-way, this leaves the old database apart from its log (both
    // still on disk), never a log under the live name with no database: SQLite would
    // replay that into whichever database takes the name next.
    for suffix in ["-journal", "-wal", "-shm", ""] {
        let from = with_suffix(db_path, suffix);
        if from.exists() {
            fs::rename(&from, with_suffix(&aside, suffix))?;
        }
    }
    if let Some(dir) = db_path.parent() {
        sync_dir(dir)?;
    }
    Ok(Kept::File {
        file: aside
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })
}

/// Switches the closed database at `path` to a rollback journal, which makes SQLite
/// checkpoint its WAL into the file and delete it.
fn without_wal(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    conn.close().map_err(|(_, e)| e)?;
    if mode != "delete" {
        return Err(Error::Io(std::io::Error::other(format!(
            "the database stayed in {mode} mode"
        ))));
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    // Opened for writing: Windows flushes only a file it may write.
    fs::OpenOptions::new().write(true).open(path)?.sync_all()?;
    Ok(())
}

/// Makes a rename in `dir` durable. Windows can't open a folder as a file and makes the
/// rename durable itself.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_sort_by_time_and_carry_the_kind() {
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 5).unwrap();
        let name = file_name(at, BackupKind::PreMigration);
        assert_eq!(
            name,
            "followthrough-2026-11-23T093005Z-pre-migration.sqlite3"
        );
        assert_eq!(parse_name(&name), Some((at, BackupKind::PreMigration)));
        for kind in BackupKind::ALL {
            assert_eq!(parse_name(&file_name(at, *kind)), Some((at, *kind)));
        }
        let later = file_name(at + chrono::Duration::hours(1), BackupKind::Daily);
        assert!(later > name);
        for other in [
            "followthrough.sqlite3",
            "followthrough-2026-11-23T093005Z-weekly.sqlite3",
            "followthrough-2026-11-23T0930Z-daily.sqlite3",
            ".followthrough-2026-11-23T093005Z-daily.sqlite3.partial",
            "followthrough-2026-11-23T093005Z-daily.sqlite3-wal",
            "notes.txt",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    fn store_with_touches(dir: &Path) -> Store {
        let store = Store::open(&dir.join(DB_FILE)).unwrap();
        store
            .conn
            .execute_batch(super::super::ONE_PROSPECT_TWO_TOUCHES)
            .unwrap();
        store
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_copy_that_fails_its_check_is_deleted_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_touches(dir.path());
        let backups = folder(&dir.path().join(DB_FILE));
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
        let good =
            write_then_check(&store.conn, &backups, BackupKind::Daily, now, &|_| {}).unwrap();
        assert_eq!(good.contents.unwrap().touches, 2);

        // Cut short, as a full disk or a failing one might leave it.
        let truncate = |p: &Path| {
            let len = fs::metadata(p).unwrap().len();
            fs::OpenOptions::new()
                .write(true)
                .open(p)
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        };
        // Whole and readable, but missing a touch.
        let lose_a_touch = |p: &Path| {
            let c = Connection::open(p).unwrap();
            c.execute("DELETE FROM touches WHERE id = 2", []).unwrap();
        };
        for (spoil, says) in [
            (&truncate as &dyn Fn(&Path), "damaged"),
            (&lose_a_touch, "1 touches"),
        ] {
            let err = write_then_check(&store.conn, &backups, BackupKind::Manual, now, spoil)
                .unwrap_err();
            assert_eq!(err.code(), "backup_failed", "{err}");
            assert!(err.to_string().contains(says), "{err}");
            // Only the good backup is left: no partial file, nothing under a backup's name.
            assert_eq!(names_in(&backups), vec![good.file.clone()]);
        }
        assert_eq!(list(&backups).unwrap(), vec![good]);
    }

    #[test]
    fn only_a_backups_own_name_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let name = "followthrough-2026-11-23T093005Z-daily.sqlite3";
        fs::write(dir.path().join(name), b"x").unwrap();
        assert!(path_of(dir.path(), name).is_ok());
        for bad in [
            "../followthrough.sqlite3",
            "/etc/passwd",
            "followthrough-2026-11-23T093006Z-daily.sqlite3",
        ] {
            assert_eq!(
                path_of(dir.path(), bad).unwrap_err().code(),
                "not_found",
                "{bad}"
            );
        }
    }
}
