//! Backups of the database, as data: why each was taken. How long each is kept is a
//! rule (`retention`); writing, checking and restoring them is the store's (`store::backup`).

use serde::{Deserialize, Serialize};

text_enum!(
    /// Why a backup was taken. Part of its file name, so the folder says it too.
    BackupKind {
        Daily = "daily": "Daily",
        Manual = "manual": "Backed up by you",
        PreMigration = "pre_migration": "Before an upgrade",
        PreRestore = "pre_restore": "Before a restore",
        PreImport = "pre_import": "Before an import",
    }
);

impl BackupKind {
    /// Taken just before the data was replaced or reshaped: the way back from that
    /// change, so kept longer than the daily ones (see `retention`).
    pub fn guards_a_change(self) -> bool {
        matches!(
            self,
            BackupKind::PreMigration | BackupKind::PreRestore | BackupKind::PreImport
        )
    }
}
