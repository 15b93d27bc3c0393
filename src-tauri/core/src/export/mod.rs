//! Writing prospects out: CSV for spreadsheets, vCard for address books, the hand-off
//! dossier another Follow Through reads back with the history intact, and the same
//! dossier as a page a manager can read and print. Pure: each writer takes model values
//! and an `io::Write`, one prospect at a time, so a whole book streams through without
//! being held; `store::export` chooses the prospects and feeds them in. Beside them,
//! the calendar of what is coming (`ics`), written whole from the due items.

pub mod csv;
pub mod dossier;
pub mod html;
pub mod ics;
pub mod report;
pub mod vcard;

use crate::cadence::plan::Plan;
use crate::error::Error;
use crate::model::{Prospect, Skip, Touch};
use chrono::{DateTime, SecondsFormat, Utc};
use std::path::{Path, PathBuf};

/// One prospect with what an export may write about it. The store fills in only what
/// the format needs (a vCard needs no touches).
#[derive(Debug, Clone)]
pub struct Entry {
    pub prospect: Prospect,
    /// Oldest first.
    pub touches: Vec<Touch>,
    /// Oldest first.
    pub skips: Vec<Skip>,
    /// The plan followed: the chosen one, or the default for the status.
    pub plan: Option<Plan>,
    pub plan_started_at: Option<DateTime<Utc>>,
}

/// A time as exports write it: RFC 3339 in UTC, to the second ("2025-03-04T15:00:00Z").
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A write that failed half-way (a full disk, a closed pipe).
fn io(e: std::io::Error) -> Error {
    Error::from(e)
}

/// Refuses a file to write (an export, a report, a backup of the user's choosing) that
/// is the live database at `database`, or its `-wal`, `-shm` or `-journal` beside it:
/// writing there would replace the user's data with the export, or corrupt it. Paths
/// are compared resolved (links and `..` followed, `field` names the form field).
pub fn not_the_database(field: &'static str, database: &Path, target: &Path) -> crate::Result<()> {
    let Some(name) = database.file_name() else {
        return Ok(());
    };
    let target = resolved(target);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut companion = name.to_os_string();
        companion.push(suffix);
        if same_path(&target, &resolved(&database.with_file_name(companion))) {
            return Err(Error::invalid(
                field,
                "That is Follow Through's own database (or a file SQLite keeps beside it): writing there would destroy your data. Choose another file.",
            ));
        }
    }
    Ok(())
}

/// A path with its links and `..` resolved; for a file not there yet, its folder's.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(found) = std::fs::canonicalize(path) {
        return found;
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Two resolved paths name the same file: on Windows and macOS, whose file systems
/// usually ignore case, also when they differ only in case.
fn same_path(a: &Path, b: &Path) -> bool {
    a == b
        || (cfg!(any(windows, target_os = "macos"))
            && a.to_string_lossy().to_lowercase() == b.to_string_lossy().to_lowercase())
}

/// Writes a file whole or not at all: `write` fills a hidden file beside `path`, which
/// is flushed to disk and renamed over `path` only once everything is in it. A failed
/// export never leaves a half file where the user looks for the finished one.
///
/// `database` is the live database's file (`None` only for a store kept in memory):
/// a `path` that is that file, or one SQLite keeps beside it, is refused before
/// anything is written (`not_the_database`).
pub fn write_file(
    path: &Path,
    database: Option<&Path>,
    write: impl FnOnce(&mut dyn std::io::Write) -> crate::Result<()>,
) -> crate::Result<()> {
    use std::io::Write as _;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::invalid("path", "Choose a file name to export to."))?;
    if let Some(database) = database {
        not_the_database("path", database, path)?;
    }
    let part = path.with_file_name(format!(".{name}.part"));
    let result = (|| {
        let file = std::fs::File::create(&part)?;
        let mut out = std::io::BufWriter::new(file);
        write(&mut out)?;
        out.flush()?;
        let file = out.into_inner().map_err(|e| Error::from(e.into_error()))?;
        file.sync_all()?;
        std::fs::rename(&part, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}
