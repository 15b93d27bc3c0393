//! The Insights view's commands: the reports, the weekly review, the people behind a
//! number, and a report saved as CSV (its table) or PNG (its chart, drawn by the window).

use crate::chooser::{choose, Mode};
use crate::db::Db;
use crate::ipc_error::IpcError;
use followthrough_core::clock;
use followthrough_core::export::{report, write_file};
use followthrough_core::reports::{Filter, Insights, Review};
use followthrough_core::store::reports::People;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

type Reply<T> = Result<T, IpcError>;

/// Every report for a period and, optionally, a tag.
#[tauri::command]
pub async fn insights(db: State<'_, Db>, filter: Filter) -> Reply<Insights> {
    db.run(move |s| s.insights(&filter, clock::now())).await
}

/// This week beside the four before it, and the one thing to do next.
#[tauri::command]
pub async fn weekly_review(db: State<'_, Db>, tag: Option<String>) -> Reply<Review> {
    db.run(move |s| s.review(tag, clock::now())).await
}

/// The people a number counted.
#[tauri::command]
pub async fn report_people(
    db: State<'_, Db>,
    filter: Filter,
    review: bool,
    cell: String,
) -> Reply<People> {
    db.run(move |s| s.report_people(&filter, review, &cell, clock::now()))
        .await
}

/// The save dialog for a report: `kind` is "csv" or "png".
#[tauri::command]
pub async fn choose_report_file<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    kind: String,
) -> Reply<Option<PathBuf>> {
    let label = match kind.as_str() {
        "csv" => "CSV table",
        "png" => "PNG image",
        _ => return Err(IpcError::new("invalid", "Unknown file type.".into())),
    };
    choose(&app, Mode::Save, |c| {
        c.set_title("Save report")
            .set_file_name(format!("{name}.{kind}"))
            .add_filter(label, &[kind.as_str()])
    })
    .await
}

/// Writes a report's table as CSV (whole or not at all).
#[tauri::command]
pub async fn save_report_csv(
    db: State<'_, Db>,
    path: PathBuf,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Reply<()> {
    let database = db.file().to_path_buf();
    tauri::async_runtime::spawn_blocking(move || {
        write_file(&path, Some(&database), |out| {
            report::write_table(out, &columns, &rows)
        })
    })
    .await
    .map_err(IpcError::internal)?
    .map_err(IpcError::from)
}

/// Writes a chart the window drew as PNG, once its bytes are checked to be one.
#[tauri::command]
pub async fn save_report_png(db: State<'_, Db>, path: PathBuf, bytes: Vec<u8>) -> Reply<()> {
    let database = db.file().to_path_buf();
    tauri::async_runtime::spawn_blocking(move || {
        report::check_png(&bytes)?;
        write_file(&path, Some(&database), |out| Ok(out.write_all(&bytes)?))
    })
    .await
    .map_err(IpcError::internal)?
    .map_err(IpcError::from)
}
