//! The one error type of the core. Every variant has a stable `code` the shell passes to
//! the UI, and a message written for the person using the app: raw SQL never leaks out.

use thiserror::Error;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, Error)]
pub enum Error {
    /// Input the core refuses. `field` names the form field to highlight.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// A template the core refuses, with the span to highlight in the field's text
    /// (UTF-16 units, as the UI's text boxes count).
    #[error("{message}")]
    Template {
        field: &'static str,
        message: String,
        start: usize,
        end: usize,
    },

    /// The action is allowed but needs the user's explicit confirmation; the UI asks and
    /// sends it again with the confirmation set.
    #[error("{message}")]
    Confirm { message: String },

    #[error("That {what} no longer exists (it may have been deleted).")]
    NotFound { what: &'static str, id: i64 },

    /// A save over something that changed since the form was opened (a touch logged from
    /// a notification, say). Nothing was written; the UI reloads the newer values.
    #[error("{message}")]
    Conflict { message: String },

    /// The database was written by a newer Follow Through; we refuse to touch it rather
    /// than guess at a schema we do not know.
    #[error(
        "This data folder was written by a newer version of Follow Through (schema {found}, \
         this version knows up to {supported}). Update the app to open it; nothing was changed."
    )]
    NewerDatabase { found: i64, supported: i64 },

    /// Stored data this version can't read (settings, a note, a reason, …). Reported,
    /// never replaced by defaults: a later save would overwrite the user's real data.
    #[error("Your saved {what} could not be read ({detail}). Nothing was changed.")]
    Unreadable { what: &'static str, detail: String },

    /// A file offered for a restore that is not a whole Follow Through database this
    /// version can read. `reason` finishes "This file can't be restored: …".
    #[error("This file can't be restored: {reason}. Nothing was changed.")]
    BadBackup { reason: String },

    /// A backup that did not pass its check once written: it is deleted, never kept as
    /// if good.
    #[error(
        "The backup failed its check and was deleted ({reason}). Your data itself is unchanged."
    )]
    BackupFailed { reason: String },

    /// A file offered for an import that can't be read at all (not a contacts file, an
    /// unknown encoding, nothing in it). Nothing was written.
    #[error("{message}")]
    BadFile { message: String },

    /// The user cancelled a long write (an import); it was rolled back whole.
    #[error("Cancelled: nothing was written.")]
    Cancelled,

    /// A printable document could not be made.
    #[error("The pages could not be made: {0}")]
    Print(String),

    /// The disk holding the data folder is full. SQLite rolled the write back whole.
    #[error(
        "The disk is full, so this change was not saved (nothing already saved was lost). \
         Free some space on the drive that holds your data folder, then try again."
    )]
    DiskFull,

    /// The data folder or its file can't be written: opened read-only, so everything can
    /// still be looked up.
    #[error(
        "Your data folder is read-only, so changes can't be saved. You can still look \
         everything up. Make the folder writable (or move it) and restart Follow Through."
    )]
    ReadOnly,

    /// The file is damaged or isn't a database at all.
    #[error(
        "The database file is damaged ({0}). Nothing more was written to it. Restore your \
         newest backup, or keep the file aside for recovery."
    )]
    Damaged(String),

    /// Another program holds the database's write lock longer than the app waits.
    #[error(
        "The database is busy: another program is writing to it. Nothing was changed; try \
         again in a moment."
    )]
    Busy,

    /// The file can't be opened at all (permissions, a missing drive).
    #[error(
        "The database file can't be opened ({0}). Check that the data folder exists and \
         that you may read it."
    )]
    CantOpen(String),

    #[error("The database could not be read or written: {0}")]
    Database(rusqlite::Error),

    #[error("The database could not be upgraded: {0}")]
    Migration(String),

    #[error("File error: {0}")]
    Io(std::io::Error),
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// Stable machine-readable code for the UI (and tests) to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::Template { .. } => "invalid",
            Error::Confirm { .. } => "confirm",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::NewerDatabase { .. } => "newer_database",
            Error::Unreadable { .. } => "unreadable",
            Error::BadBackup { .. } => "bad_backup",
            Error::BackupFailed { .. } => "backup_failed",
            Error::BadFile { .. } => "bad_file",
            Error::Cancelled => "cancelled",
            Error::Print(_) => "print",
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
            Error::Damaged(_) => "damaged",
            Error::Busy => "busy",
            Error::CantOpen(_) => "cant_open",
            Error::Database(_) => "database",
            Error::Migration(_) => "migration",
            Error::Io(_) => "io",
        }
    }

    /// The form field at fault, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Template { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The part of the field's text at fault, when the core can tell.
    pub fn span(&self) -> Option<[usize; 2]> {
        match self {
            Error::Template { start, end, .. } if end > start => Some([*start, *end]),
            _ => None,
        }
    }
}

/// A stored value that no longer reads (JSON of an older shape, a date that isn't one),
/// carried out of rusqlite's row closures and reported as `Error::Unreadable`.
#[derive(Debug, Error)]
#[error("{what}: {detail}")]
pub(crate) struct BadValue {
    pub what: &'static str,
    pub detail: String,
}

impl BadValue {
    /// As the error a row closure returns.
    pub(crate) fn at(column: usize, what: &'static str, detail: impl ToString) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            Box::new(BadValue {
                what,
                detail: detail.to_string(),
            }),
        )
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = &e {
            if let Some(bad) = inner.downcast_ref::<BadValue>() {
                return Error::Unreadable {
                    what: bad.what,
                    detail: bad.detail.clone(),
                };
            }
        }
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull,
            Some(C::ReadOnly) => Error::ReadOnly,
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged(e.to_string()),
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Busy,
            Some(C::CannotOpen | C::PermissionDenied) => Error::CantOpen(e.to_string()),
            _ => Error::Database(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::StorageFull | K::QuotaExceeded => Error::DiskFull,
            K::ReadOnlyFilesystem => Error::ReadOnly,
            _ => Error::Io(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: std::os::raw::c_int) -> Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some("detail".into())).into()
    }

    #[test]
    fn each_failure_of_the_machine_has_its_own_code_and_words() {
        let cases = [
            (ffi::SQLITE_FULL, "disk_full", "disk is full"),
            (ffi::SQLITE_READONLY, "read_only", "read-only"),
            (ffi::SQLITE_CORRUPT, "damaged", "damaged"),
            (ffi::SQLITE_NOTADB, "damaged", "damaged"),
            (ffi::SQLITE_BUSY, "busy", "busy"),
            (ffi::SQLITE_LOCKED, "busy", "busy"),
            (ffi::SQLITE_CANTOPEN, "cant_open", "can't be opened"),
            (ffi::SQLITE_PERM, "cant_open", "can't be opened"),
            (
                ffi::SQLITE_MISUSE,
                "database",
                "could not be read or written",
            ),
        ];
        for (code, expected, words) in cases {
            let e = sqlite(code);
            assert_eq!(e.code(), expected, "{e:?}");
            assert!(e.to_string().contains(words), "{e}");
        }
        let io = |kind| Error::from(std::io::Error::from(kind));
        assert_eq!(io(std::io::ErrorKind::StorageFull).code(), "disk_full");
        assert_eq!(
            io(std::io::ErrorKind::ReadOnlyFilesystem).code(),
            "read_only"
        );
        assert_eq!(io(std::io::ErrorKind::NotFound).code(), "io");
    }
}
