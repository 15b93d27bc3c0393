//! The store, shared by every command. Database work never runs on the GTK main thread
//! or on an async worker: each call is a blocking task holding the store's lock, so SQLite
//! has one writer and the UI stays responsive.

use crate::ipc_error::IpcError;
use followthrough_core::store::backup::{self, Restored};
use followthrough_core::store::Seed;
use followthrough_core::{clock, Store};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

/// The error code of a folder another app holds (see `instance`).
pub const FOLDER_IN_USE: &str = "folder_in_use";

#[derive(Clone)]
pub struct Db {
    /// The store, or why it could not be opened (a newer schema, an unwritable folder):
    /// the window still opens and shows that message instead of vanishing.
    inner: Arc<Mutex<Result<Store, IpcError>>>,
    /// Signalled after every successful write, so the reminder scheduler re-plans at
    /// once instead of polling.
    changed: Arc<Notify>,
    /// Counts the changes to the data (writes here, writes from outside, a restore), so
    /// whoever keeps something made from it (the live calendar) can tell it is stale.
    generation: Arc<AtomicU64>,
    /// The database's file, kept even when it did not open: a backup can be restored in
    /// its place.
    file: PathBuf,
}

impl Db {
    /// The store opened on `file` (or why it did not open).
    pub fn new(file: PathBuf, opened: followthrough_core::Result<Store>) -> Db {
        Db::new_slot(file, opened.map_err(IpcError::from))
    }

    fn new_slot(file: PathBuf, slot: Result<Store, IpcError>) -> Db {
        Db {
            inner: Arc::new(Mutex::new(slot)),
            changed: Arc::new(Notify::new()),
            generation: Arc::new(AtomicU64::new(0)),
            file,
        }
    }

    /// A store that was never opened, and why (another app holds the data folder).
    pub fn unavailable(file: PathBuf, why: IpcError) -> Db {
        Db::new_slot(file, Err(why))
    }

    /// The database's file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn changes(&self) -> Arc<Notify> {
        Arc::clone(&self.changed)
    }

    /// How many changes the data has seen since the app started.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The data changed (here, from outside, or restored): count it and wake the
    /// scheduler.
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_one();
    }

    /// `run` for anything that changes data: wakes whoever waits on `changes`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> followthrough_core::Result<T> + Send + 'static,
    {
        let result = self.run(f).await;
        if result.is_ok() {
            self.changed();
        }
        result
    }

    pub async fn run<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> followthrough_core::Result<T> + Send + 'static,
    {
        self.with_slot(move |slot, _| match slot {
            Ok(store) => f(store).map_err(IpcError::from),
            Err(open_error) => Err(open_error.clone()),
        })
        .await
    }

    /// Runs `f` under the store's lock on the store or the reason it did not open, with
    /// the database's file: for what works either way (the backups folder) or replaces
    /// the store (a restore).
    pub async fn with_slot<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Result<Store, IpcError>, &Path) -> Result<T, IpcError> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let file = self.file.clone();
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in another task cannot leave the store half-written (every write is
            // one transaction), so a poisoned lock is safe to keep using.
            let mut guard = inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            // The folder belongs to another running app: nothing here may back up or
            // restore over its database, or even look.
            if let Err(e) = &*guard {
                if e.code == FOLDER_IN_USE {
                    return Err(e.clone());
                }
            }
            f(&mut guard, &file)
        })
        .await
        .map_err(IpcError::internal)?
    }

    /// Restores the file `choose` picks (given the backups folder) in place of the
    /// database, and reopens the store on it (see `backup::restore`); the scheduler then
    /// re-plans on the restored data.
    pub async fn restore<F>(&self, choose: F) -> Result<Restored, IpcError>
    where
        F: FnOnce(&Path) -> Result<PathBuf, IpcError> + Send + 'static,
    {
        let restored = self
            .with_slot(move |slot, file| {
                let candidate = choose(&backup::folder(file))?;
                backup::restore(slot, file, &candidate, seed()).map_err(IpcError::from)
            })
            .await;
        if restored.is_ok() {
            self.changed();
        }
        restored
    }
}

/// What a database made or reopened now starts with: this machine's zone.
pub fn seed() -> Seed {
    Seed {
        zone: clock::local_zone(),
        now: clock::now(),
    }
}
