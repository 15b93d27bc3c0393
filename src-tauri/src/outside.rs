//! Writes from outside the app — the command line, a script — noticed within a second.
//!
//! A watch on the data folder (inotify on Linux, the platform's own elsewhere, through
//! the `notify` crate) says the database's files changed; SQLite's `PRAGMA data_version`
//! then says whether another connection committed (the app's own writes leave it as it
//! is, so they cost one small query and nothing more). On an outside write the reminder
//! scheduler re-plans (reminders, tray count, live calendar) and the window reads its
//! lists again. No polling: nothing runs until a file in the folder changes.

use crate::db::Db;
use followthrough_core::store::DB_FILE;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::Path;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Runtime};

/// A commit touches the files several times (WAL, shared memory, a checkpoint): wait this
/// long after the first change and take the burst as one.
const SETTLE: Duration = Duration::from_millis(150);

/// Starts watching the folder of the database file `db_file`. Without a watch (the
/// platform refuses one) the app still works; outside writes then show when the
/// scheduler next looks, within a quarter hour.
pub fn watch<R: Runtime>(app: AppHandle<R>, db: Db, db_file: &Path) {
    let Some(folder) = db_file.parent() else {
        return;
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if is_database_write(&event) {
                // The receiver goes with the app: nothing to tell then.
                let _ = tx.send(());
            }
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            tracing::warn!("outside changes: no watch on the data folder: {e}");
            return;
        }
    };
    if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
        tracing::warn!("outside changes: no watch on {}: {e}", folder.display());
        return;
    }
    tauri::async_runtime::spawn(async move {
        // The watch lives as long as this task.
        let _watcher = watcher;
        let mut seen = db.run(|s| s.data_version()).await.ok();
        while rx.recv().await.is_some() {
            tokio::time::sleep(SETTLE).await;
            while rx.try_recv().is_ok() {}
            let now = db.run(|s| s.data_version()).await.ok();
            if now != seen {
                seen = now;
                db.changed();
                let _ = app.emit("data-changed", ());
            }
        }
    });
}

/// A change to the database's own files (the file, its WAL); not the backups folder,
/// the live calendar or anything else kept beside them.
fn is_database_write(event: &notify::Event) -> bool {
    matches!(
        event.kind,
        EventKind::Modify(_) | EventKind::Create(_) | EventKind::Remove(_)
    ) && event.paths.iter().any(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == DB_FILE || n == format!("{DB_FILE}-wal"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, ModifyKind};
    use std::path::PathBuf;

    fn event(kind: EventKind, name: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from("/data").join(name))
    }

    #[test]
    fn only_the_database_files_count() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(is_database_write(&event(write, DB_FILE)));
        assert!(is_database_write(&event(write, &format!("{DB_FILE}-wal"))));
        assert!(is_database_write(&event(
            EventKind::Create(CreateKind::File),
            DB_FILE
        )));
        assert!(!is_database_write(&event(write, "followthrough.ics")));
        assert!(!is_database_write(&event(write, &format!("{DB_FILE}-shm"))));
        assert!(!is_database_write(&event(
            EventKind::Access(notify::event::AccessKind::Any),
            DB_FILE
        )));
    }
}
