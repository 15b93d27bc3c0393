//! Backups from the desktop: the daily backup (a task of its own that sleeps until the
//! next one is due), and the commands behind Settings → Backups and the error screen's
//! offer. The rules (what a backup is, which are kept, what may be restored) are the
//! core's (`store::backup`, `retention`); this only schedules and moves data.

use crate::chooser::{choose, Mode};
use crate::db::Db;
use crate::ipc_error::IpcError;
use followthrough_core::model::BackupKind;
use followthrough_core::store::backup::{self, Backup, Contents, Restored};
use followthrough_core::{clock, Error};
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;
use tauri::{AppHandle, Runtime, State};

type Reply<T> = Result<T, IpcError>;

/// A daily backup is due this long after the newest backup of any kind.
const DAY: chrono::Duration = chrono::Duration::hours(24);
/// The first look waits for the window and its lists to load.
const SETTLE: Duration = Duration::from_secs(30);
/// The longest single sleep. Timers stop while the machine sleeps, so a backup that fell
/// due meanwhile is taken within this of waking; and a failed one is tried again.
const LONGEST_SLEEP: Duration = Duration::from_secs(3600);

/// Starts the daily backup task.
pub fn start<R: Runtime>(app: AppHandle<R>, db: Db) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        loop {
            let wait = match daily(&db).await {
                Ok(wait) => wait,
                Err(e) => {
                    crate::say_failed(
                        &app,
                        format!("Today's backup could not be made. {}", e.message),
                    );
                    LONGEST_SLEEP
                }
            };
            tokio::time::sleep(wait.min(LONGEST_SLEEP)).await;
        }
    });
}

/// Takes the daily backup if it is due, then prunes the folder; returns how long until
/// the next is due. The newest backup's time comes from the folder, so a manual one, or
/// one taken before a restart, counts.
async fn daily(db: &Db) -> Reply<Duration> {
    db.with_slot(|slot, file| {
        let now = clock::now();
        let folder = backup::folder(file);
        let due = backup::newest(&folder)?.map_or(now, |at| at + DAY);
        if due > now {
            return Ok((due - now).to_std().unwrap_or(LONGEST_SLEEP));
        }
        // A database that did not open has nothing to back up; the error screen offers
        // to restore instead. Look again later.
        let Ok(store) = slot else {
            return Ok(LONGEST_SLEEP);
        };
        // A read-only folder can take no backup, and its data can't change.
        if store.is_read_only() {
            return Ok(LONGEST_SLEEP);
        }
        store.backup(BackupKind::Daily, now)?;
        backup::prune(&folder, now)?;
        Ok(DAY.to_std().unwrap_or(LONGEST_SLEEP))
    })
    .await
}

/// The backups folder and what is in it, newest first.
#[derive(Debug, Serialize)]
pub struct Backups {
    pub folder: String,
    pub backups: Vec<Backup>,
}

/// Works whether or not the database opened: the error screen offers a backup from it.
#[tauri::command]
pub async fn list_backups(db: State<'_, Db>) -> Reply<Backups> {
    // The folder under the store's lock (it is also where a folder another app holds is
    // refused); the listing, which opens every backup to count what it holds, outside
    // it, so other commands don't wait on it.
    let folder = db.with_slot(|_, file| Ok(backup::folder(file))).await?;
    tauri::async_runtime::spawn_blocking(move || {
        Ok(Backups {
            backups: backup::list(&folder).map_err(IpcError::from)?,
            folder: folder.display().to_string(),
        })
    })
    .await
    .map_err(IpcError::internal)?
}

#[tauri::command]
pub async fn backup_now(db: State<'_, Db>) -> Reply<Backup> {
    db.run(|s| {
        let now = clock::now();
        let made = s.backup(BackupKind::Manual, now)?;
        if let Some(file) = s.file() {
            backup::prune(&backup::folder(file), now)?;
        }
        Ok(made)
    })
    .await
}

/// What a file holds, or why it can't be restored: asked before the user confirms.
#[tauri::command]
pub async fn inspect_backup_file(path: PathBuf) -> Reply<Contents> {
    tauri::async_runtime::spawn_blocking(move || backup::inspect(&path).map_err(IpcError::from))
        .await
        .map_err(IpcError::internal)?
}

/// The native file chooser; the path picked, or `None` when it was cancelled.
#[tauri::command]
pub async fn choose_backup_file<R: Runtime>(app: AppHandle<R>) -> Reply<Option<PathBuf>> {
    choose(&app, Mode::Open, |c| {
        c.set_title("Restore from a file")
            .add_filter("Follow Through data", &["sqlite3", "sqlite", "db"])
            .add_filter("All files", &["*"])
    })
    .await
}

/// Restores a backup from the list, named by its file name.
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    file: String,
) -> Reply<Restored> {
    restore(&app, &db, move |folder| Ok(backup::path_of(folder, &file)?)).await
}

/// Restores a file the user chose (`choose_backup_file`).
#[tauri::command]
pub async fn restore_file<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    path: PathBuf,
) -> Reply<Restored> {
    restore(&app, &db, move |_| Ok(path)).await
}

/// The error screen's offer: the newest backup that passes the full check.
#[tauri::command]
pub async fn restore_newest_backup<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
) -> Reply<Restored> {
    restore(&app, &db, |folder| {
        let newest = backup::newest_good(folder)?.ok_or_else(|| {
            Error::invalid(
                "backup",
                format!(
                    "There is no backup that passes its check in {}.",
                    folder.display()
                ),
            )
        })?;
        Ok(folder.join(newest.file))
    })
    .await
}

/// Restores the file `choose` picks (given the backups folder); the restored data's
/// desktop preferences then take effect (tray on close, start at login).
async fn restore<R: Runtime>(
    app: &AppHandle<R>,
    db: &Db,
    choose: impl FnOnce(&std::path::Path) -> Reply<PathBuf> + Send + 'static,
) -> Reply<Restored> {
    let restored = db.restore(choose).await?;
    if let Ok(prefs) = db.run(|s| s.prefs()).await {
        if let Err(e) = crate::apply_prefs(app, prefs) {
            tracing::error!("after the restore: {}", e.message);
        }
    }
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use followthrough_core::store::DB_FILE;
    use followthrough_core::Store;

    fn dailies(dir: &std::path::Path) -> Vec<String> {
        backup::list(&dir.join("backups"))
            .unwrap()
            .into_iter()
            .filter(|b| b.kind == BackupKind::Daily)
            .map(|b| b.file)
            .collect()
    }

    #[test]
    fn the_daily_backup_is_taken_when_due_and_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(DB_FILE);
        let db = Db::new(file.clone(), Store::open(&file));
        let block_on = tauri::async_runtime::block_on;

        // None yet: taken at once, the next a day later.
        let wait = block_on(daily(&db)).unwrap();
        assert_eq!(wait, Duration::from_secs(24 * 3600));
        assert_eq!(dailies(dir.path()).len(), 1);
        // Asked again: not due, so nothing is taken and it sleeps until it is.
        let wait = block_on(daily(&db)).unwrap();
        assert!(wait > Duration::from_secs(23 * 3600), "{wait:?}");
        assert_eq!(dailies(dir.path()).len(), 1);

        // The newest backup is a day and more old (the app was closed): due at once.
        let folder = dir.path().join("backups");
        let only = dailies(dir.path()).remove(0);
        let old = "followthrough-2020-01-05T093000Z-daily.sqlite3";
        std::fs::rename(folder.join(only), folder.join(old)).unwrap();
        block_on(daily(&db)).unwrap();
        let now = dailies(dir.path());
        assert_eq!(now.len(), 2, "{now:?}");
        assert_ne!(now[0], old, "the new one is the newest");
    }

    #[test]
    fn a_database_that_did_not_open_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(DB_FILE);
        let failed = Err(Error::invalid("database", "did not open"));
        let db = Db::new(file, failed);
        let wait = tauri::async_runtime::block_on(daily(&db)).unwrap();
        assert_eq!(wait, LONGEST_SLEEP, "looks again later");
        assert!(!dir.path().join("backups").exists());
    }
}
