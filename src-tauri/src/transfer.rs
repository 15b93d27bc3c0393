//! Import and export commands: thin glue between the window and the core's readers,
//! `Store::preview_import`/`import` and `Store::export`. A long import runs on a blocking
//! thread (the window stays responsive), reports progress as events, and can be
//! cancelled; the file choosers are native and called from Rust only.

use crate::chooser::{choose, Mode};
use crate::db::Db;
use crate::ipc_error::IpcError;
use followthrough_core::import::{self as reader, FileInfo, Mapping, Opened};
use followthrough_core::model::{ExportKind, Exported, Selection};
use followthrough_core::store::import::{ImportOptions, ImportReport, Progress};
use followthrough_core::{clock, Error};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Runtime, State};

type Reply<T> = Result<T, IpcError>;

/// Progress of a preview or an import: `{records, bytes, total}`.
pub const PROGRESS_EVENT: &str = "import-progress";

/// The cancel switch of the import under way (one at a time: the store is locked).
#[derive(Default)]
pub struct Cancel(Arc<AtomicBool>);

/// A file chosen for import, as the preview dialog shows it first.
#[derive(Debug, Serialize)]
pub struct ImportFile {
    pub path: PathBuf,
    pub name: String,
    pub info: FileInfo,
    /// The tag the import will put on new prospects unless the user changes it.
    pub tag: String,
}

#[derive(Debug, Clone, Serialize)]
struct ProgressEvent {
    records: u64,
    bytes: u64,
    total: u64,
}

/// The native file chooser for an import; the path picked, or `None` when cancelled.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(app: AppHandle<R>) -> Reply<Option<PathBuf>> {
    choose(&app, Mode::Open, |c| {
        c.set_title("Import contacts")
            .add_filter(
                "Contacts (CSV, vCard, dossier)",
                &["csv", "txt", "vcf", "vcard", "ftdossier"],
            )
            .add_filter("All files", &["*"])
    })
    .await
}

/// What a file is: its format, encoding, columns and first rows, and the mapping the
/// import would use (remembered for these headers, or guessed from their names).
#[tauri::command]
pub async fn inspect_import(db: State<'_, Db>, path: PathBuf) -> Reply<ImportFile> {
    db.run(move |store| {
        let info = reader::look_at(&path, |headers| {
            store.remembered_mapping(headers).ok().flatten()
        })?;
        let name = file_name(&path);
        let tag = store.default_import_tag(&name, clock::now())?;
        Ok(ImportFile {
            path,
            name,
            info,
            tag,
        })
    })
    .await
}

/// What importing the file would do; writes nothing.
#[tauri::command]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    cancel: State<'_, Cancel>,
    path: PathBuf,
    mapping: Option<Mapping>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    let (stop, total) = start(&cancel, &path);
    db.run(move |store| {
        let Opened { mut feed, .. } = open(&path, mapping, store)?;
        let mut progress = reporter(app, stop, total);
        store.preview_import(feed.as_mut(), &options, clock::now(), &mut progress)
    })
    .await
}

/// Imports the file in one transaction (after a backup); a CSV's column mapping is
/// remembered for the next file with the same headers.
#[tauri::command]
pub async fn run_import<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    cancel: State<'_, Cancel>,
    path: PathBuf,
    mapping: Option<Mapping>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    let (stop, total) = start(&cancel, &path);
    db.write(move |store| {
        let Opened { info, mut feed } = open(&path, mapping.clone(), store)?;
        let mut progress = reporter(app, stop, total);
        let report = store.import(feed.as_mut(), &options, clock::now(), &mut progress)?;
        if let (Some(mapping), false) = (mapping, info.known) {
            store.remember_mapping(&info.headers, &mapping)?;
        }
        Ok(report)
    })
    .await
}

/// Stops the preview or import under way; it leaves nothing written.
#[tauri::command]
pub fn cancel_import(cancel: State<'_, Cancel>) {
    cancel.0.store(true, Ordering::SeqCst);
}

/// The native save dialog for an export, with a file name for what is exported.
#[tauri::command]
pub async fn choose_export_file<R: Runtime>(
    app: AppHandle<R>,
    kind: ExportKind,
    name: String,
) -> Reply<Option<PathBuf>> {
    let extension = kind.extension();
    choose(&app, Mode::Save, |c| {
        c.set_title("Export")
            .set_file_name(format!("{name}.{extension}"))
            .add_filter(kind.label(), &[extension])
    })
    .await
}

/// Writes the export to `path` (whole or not at all: a temporary file renamed in).
#[tauri::command]
pub async fn export_to(
    db: State<'_, Db>,
    kind: ExportKind,
    selection: Selection,
    path: PathBuf,
) -> Reply<Exported> {
    db.run(move |store| {
        let now = clock::now();
        let mut exported = None;
        followthrough_core::export::write_file(&path, store.file(), |out| {
            exported = Some(store.export(kind, &selection, out, now)?);
            Ok(())
        })?;
        exported.ok_or_else(|| Error::invalid("path", "Nothing was exported."))
    })
    .await
}

/// Opens the file with the mapping the user chose, or the reader's own.
fn open(
    path: &Path,
    mapping: Option<Mapping>,
    store: &followthrough_core::Store,
) -> followthrough_core::Result<Opened> {
    match mapping {
        Some(m) => reader::open(path, move |_| Some(m.clone())),
        None => reader::open(path, |headers| {
            store.remembered_mapping(headers).ok().flatten()
        }),
    }
}

/// Arms the cancel switch for a new run; the file's size for the progress bar.
fn start(cancel: &Cancel, path: &Path) -> (Arc<AtomicBool>, u64) {
    cancel.0.store(false, Ordering::SeqCst);
    let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    (Arc::clone(&cancel.0), total)
}

/// Emits progress (the core calls it every few hundred records) and answers whether to
/// go on.
fn reporter<R: Runtime>(
    app: AppHandle<R>,
    stop: Arc<AtomicBool>,
    total: u64,
) -> impl FnMut(Progress) -> bool {
    move |p: Progress| {
        let _ = app.emit(
            PROGRESS_EVENT,
            ProgressEvent {
                records: p.records,
                bytes: p.bytes,
                total,
            },
        );
        !stop.load(Ordering::SeqCst)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
