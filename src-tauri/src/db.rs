//! The store, shared by every command. Database work never runs on the GTK main thread
//! or on an async worker: each call is a blocking task holding the store's lock, so SQLite
//! has one writer and the UI stays responsive.

use crate::ipc_error::IpcError;
use followthrough_core::Store;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

#[derive(Clone)]
pub struct Db {
    /// The store, or why it could not be opened (a newer schema, an unwritable folder):
    /// the window still opens and shows that message instead of vanishing.
    inner: Arc<Mutex<Result<Store, IpcError>>>,
    /// Signalled after every successful write, so the reminder scheduler re-plans at
    /// once instead of polling.
    changed: Arc<Notify>,
}

impl Db {
    pub fn new(opened: followthrough_core::Result<Store>) -> Db {
        Db {
            inner: Arc::new(Mutex::new(opened.map_err(IpcError::from))),
            changed: Arc::new(Notify::new()),
        }
    }

    /// A store that was never opened, and why (another app holds the data folder).
    pub fn unavailable(why: IpcError) -> Db {
        Db {
            inner: Arc::new(Mutex::new(Err(why))),
            changed: Arc::new(Notify::new()),
        }
    }

    pub fn changes(&self) -> Arc<Notify> {
        Arc::clone(&self.changed)
    }

    /// `run` for anything that changes data: wakes whoever waits on `changes`.
    pub async fn write<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> followthrough_core::Result<T> + Send + 'static,
    {
        let result = self.run(f).await;
        if result.is_ok() {
            self.changed.notify_one();
        }
        result
    }

    pub async fn run<T, F>(&self, f: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> followthrough_core::Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in another task cannot leave the store half-written (every write is
            // one transaction), so a poisoned lock is safe to keep using.
            let mut guard = inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match &mut *guard {
                Ok(store) => f(store).map_err(IpcError::from),
                Err(open_error) => Err(open_error.clone()),
            }
        })
        .await
        .map_err(IpcError::internal)?
    }
}
