//! The native file choosers (tauri-plugin-dialog), called from Rust only: the window
//! gets the path picked, never a file-system or dialog permission of its own. The
//! headless test app has no chooser (it would wait for a person) and says so.

use crate::ipc_error::IpcError;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder};

/// Choosing a file to read, or a place to write one.
pub enum Mode {
    Open,
    Save,
}

/// Shows the chooser `build` sets up (title, filters, a file name); the path picked, or
/// `None` when it was cancelled.
pub async fn choose<R: Runtime>(
    app: &AppHandle<R>,
    mode: Mode,
    build: impl FnOnce(FileDialogBuilder<R>) -> FileDialogBuilder<R>,
) -> Result<Option<PathBuf>, IpcError> {
    let dialog = app
        .try_state::<Dialog<R>>()
        .ok_or_else(|| IpcError::new("unavailable", "There is no file chooser here.".into()))?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let chooser = build(dialog.file());
    let answer = move |picked| {
        let _ = tx.send(picked);
    };
    match mode {
        Mode::Open => chooser.pick_file(answer),
        Mode::Save => chooser.save_file(answer),
    }
    let picked = rx.await.map_err(IpcError::internal)?;
    picked
        .map(|p| p.into_path().map_err(IpcError::internal))
        .transpose()
}
