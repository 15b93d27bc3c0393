//! `backup` and `restore`: the same checked backups and the same restore as Settings →
//! Backups (`store::backup`). A restore replaces the database file, so it runs only
//! when no app holds the folder; beside a running app it is refused (the app's own
//! Settings → Backups restores while it runs). Data a newer version wrote is never
//! replaced.

use super::failure::Failure;
use super::open;
use crate::instance::{self, Shared};
use clap::Args;
use followthrough_core::model::BackupKind;
use followthrough_core::store::backup::{self, Kept};
use followthrough_core::store::DB_FILE;
use followthrough_core::{clock, Error, Store};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write the backup to this file instead of the backups folder (replacing it)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print where the backup went and what it holds
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore: a file from the backups folder or any other copy
    pub file: PathBuf,
    /// Print what was restored and where the replaced data is kept
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn backup(dir: &Path, args: &BackupArgs) -> Result<(), Failure> {
    let (store, _lock) = open(dir)?;
    let now = clock::now();
    let (path, contents) = match &args.output {
        // Checked as the folder's backups are; pruning is the folder's business only.
        Some(path) => {
            let contents = store
                .backup_to(path)
                .map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))?;
            (path.clone(), Some(contents))
        }
        // "Back up now" in Settings → Backups: a manual backup, then the folder pruned.
        None => {
            let made = store.backup(BackupKind::Manual, now)?;
            let folder = backup::folder(&dir.join(DB_FILE));
            backup::prune(&folder, now)?;
            (folder.join(&made.file), made.contents)
        }
    };
    if args.verbose {
        println!("{}", path.display());
        if let Some(c) = contents {
            println!("  {} prospects, {} touches", c.prospects, c.touches);
        }
    }
    Ok(())
}

pub fn restore(dir: &Path, args: &RestoreArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("the data folder {} can't be made: {e}", dir.display()))?;
    // Held until the restore is done, so an app started meanwhile waits its turn.
    let _lock = match instance::share(dir) {
        Shared::Alone(lock) => lock,
        Shared::BesideApp => {
            return Err(Failure::Failed(
                "Follow Through is open on this data folder, and a restore replaces the \
                 database under it. Restore from Settings → Backups in the app, or quit the \
                 app and run this again. Nothing was changed."
                    .into(),
            ))
        }
        Shared::Unlockable => {
            return Err(Failure::Failed(format!(
                "the data folder {} can't be written, so nothing can be restored into it",
                dir.display()
            )))
        }
    };
    let file = dir.join(DB_FILE);
    // A database that does not open (damaged) is no reason to refuse: the restore sets
    // it aside whole, as the app's error screen does. One a newer version wrote is not
    // ours to replace (the app's error screen offers no restore for it either). Asked of
    // SQLite here, not only of the file's header (`backup::restore`): a version set by
    // a newer app may still be in the write-ahead log.
    let mut slot: Result<Store, Error> = Store::open_seeded(&file, crate::db::seed());
    if let Err(e @ Error::NewerDatabase { .. }) = &slot {
        return Err(Failure::Failed(format!(
            "{} was not restored. {e}",
            args.file.display()
        )));
    }
    let restored = backup::restore(&mut slot, &file, &args.file, crate::db::seed())
        .map_err(|e| Failure::Failed(format!("{}: {e}", args.file.display())))?;
    // The restored file is in place; it must also open (an older one is upgraded).
    slot.map_err(|e| Failure::Failed(format!("the backup was restored but does not open: {e}")))?;
    if args.verbose {
        let c = restored.contents;
        println!(
            "Restored {}: {} prospects, {} touches",
            args.file.display(),
            c.prospects,
            c.touches
        );
        match restored.kept {
            Kept::Backup { backup } => println!(
                "The data it replaced is kept as {}",
                backup::folder(&file).join(backup.file).display()
            ),
            Kept::File { file: aside } => println!(
                "The data it replaced did not open; it is kept as {}",
                dir.join(aside).display()
            ),
            Kept::Nothing => {}
        }
    }
    Ok(())
}
