//! IPC for writing the touch: templates, the reasons library, composing a draft for a
//! prospect, handing it to the user's own apps, and handwritten notes through to the
//! printer. Thin like `commands`: the rules live in the core.

use crate::db::Db;
use crate::ipc_error::IpcError;
use followthrough_core::cards::{self, Fit};
use followthrough_core::model::{Addressing, Channel, Note, PrintBatch, Touch, TrashItem};
use followthrough_core::print::{self, PrintOptions};
use followthrough_core::store::notes::{NoteDraft, NoteItem};
use followthrough_core::store::reasons::{Reason, Suggestion};
use followthrough_core::store::templates::{Composed, Profile, Template};
use followthrough_core::{clock, links, Error};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn list_templates(db: State<'_, Db>) -> Reply<Vec<Template>> {
    db.run(|s| s.templates()).await
}

#[tauri::command]
pub async fn save_template(db: State<'_, Db>, template: Template) -> Reply<Template> {
    db.write(move |s| s.save_template(template, clock::now()))
        .await
}

#[tauri::command]
pub async fn delete_template(db: State<'_, Db>, id: i64) -> Reply<TrashItem> {
    db.write(move |s| s.delete_template(id, clock::now())).await
}

#[tauri::command]
pub async fn get_profile(db: State<'_, Db>) -> Reply<Profile> {
    db.run(|s| s.profile()).await
}

#[tauri::command]
pub async fn save_profile(db: State<'_, Db>, profile: Profile) -> Reply<Profile> {
    db.write(move |s| s.save_profile(profile)).await
}

/// A template merged for a prospect and (optionally) the reason for this touch.
#[tauri::command]
pub async fn compose(
    db: State<'_, Db>,
    template_id: i64,
    prospect_id: i64,
    reason_id: Option<i64>,
) -> Reply<Composed> {
    db.run(move |s| s.compose(template_id, prospect_id, reason_id))
        .await
}

#[tauri::command]
pub async fn list_reasons(db: State<'_, Db>) -> Reply<Vec<Reason>> {
    db.run(|s| s.reasons(clock::now())).await
}

#[tauri::command]
pub async fn save_reason(db: State<'_, Db>, reason: Reason) -> Reply<Reason> {
    db.write(move |s| s.save_reason(reason, clock::now())).await
}

#[tauri::command]
pub async fn delete_reason(db: State<'_, Db>, id: i64) -> Reply<TrashItem> {
    db.write(move |s| s.delete_reason(id, clock::now())).await
}

#[tauri::command]
pub async fn suggest_reasons(db: State<'_, Db>, prospect_id: i64) -> Reply<Vec<Suggestion>> {
    db.run(move |s| s.suggest_reasons(prospect_id, clock::now()))
        .await
}

/// Opens the user's mail, phone or messaging app with the draft in it. The link is built
/// in the core from the prospect's own address; the UI never hands us a URL to open.
#[tauri::command]
pub async fn open_draft<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    prospect_id: i64,
    channel: Channel,
    subject: String,
    body: String,
) -> Reply<String> {
    let link = db
        .run(move |s| {
            let p = s.prospect(prospect_id)?;
            links::for_channel(channel, &p.emails, &p.phones, &subject, &body)
        })
        .await?;
    app.opener().open_url(&link, None::<&str>).map_err(|e| {
        IpcError::new(
            "unavailable",
            format!(
                "No app on this computer opens {} links ({e}). Copy the text instead.",
                link.split(':').next().unwrap_or("these")
            ),
        )
    })?;
    Ok(link)
}

#[tauri::command]
pub async fn notes_to_write(db: State<'_, Db>) -> Reply<Vec<NoteItem>> {
    db.run(|s| s.notes_to_write(clock::now())).await
}

#[tauri::command]
pub async fn notes_to_write_count(db: State<'_, Db>) -> Reply<u32> {
    db.run(|s| s.notes_to_write_count(clock::now())).await
}

#[tauri::command]
pub async fn queue_note(db: State<'_, Db>, prospect_id: i64) -> Reply<Note> {
    db.write(move |s| s.queue_note(prospect_id, clock::now()))
        .await
}

#[tauri::command]
pub async fn save_note(db: State<'_, Db>, draft: NoteDraft) -> Reply<Note> {
    db.write(move |s| s.save_note(draft, clock::now())).await
}

#[tauri::command]
pub async fn set_note_written(db: State<'_, Db>, id: i64, written: bool) -> Reply<Note> {
    db.write(move |s| s.set_note_written(id, written, clock::now()))
        .await
}

#[tauri::command]
pub async fn mail_note(db: State<'_, Db>, id: i64) -> Reply<Touch> {
    db.write(move |s| s.mail_note(id, clock::now())).await
}

#[tauri::command]
pub async fn discard_note(db: State<'_, Db>, id: i64) -> Reply<()> {
    db.write(move |s| s.discard_note(id)).await
}

/// How a text sits on a card: the composer's live count. Pure, so no database.
#[tauri::command]
pub async fn note_fit(body: String, card: String) -> Reply<Fit> {
    Ok(cards::measure(&body, &card)?)
}

/// The batch laid out for the system print dialog (the UI draws these lines exactly).
#[tauri::command]
pub async fn print_batch(
    db: State<'_, Db>,
    ids: Vec<i64>,
    addressing: Addressing,
) -> Reply<PrintBatch> {
    db.run(move |s| s.print_batch(&ids, addressing)).await
}

/// Writes the batch as a PDF in the user's documents folder and returns its path.
#[tauri::command]
pub async fn print_pdf(db: State<'_, Db>, ids: Vec<i64>, options: PrintOptions) -> Reply<String> {
    let addressing = options.addressing;
    let (batch, stamp) = db
        .run(move |s| {
            Ok((
                s.print_batch(&ids, addressing)?,
                s.local_time(clock::now())?,
            ))
        })
        .await?;
    // Rendering and writing the file happen off the store's lock.
    tauri::async_runtime::spawn_blocking(move || {
        let bytes = print::pdf(&batch, &options)?;
        let dir = print_dir();
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        let path = free_name(&dir, &format!("Notes {}", stamp.format("%Y-%m-%d %H%M")));
        std::fs::write(&path, bytes).map_err(|e| io_error(&path, e))?;
        Ok(path.display().to_string())
    })
    .await
    .map_err(IpcError::internal)?
}

/// Opens a PDF this app wrote, in the user's PDF viewer.
#[tauri::command]
pub async fn open_pdf<R: Runtime>(app: AppHandle<R>, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    // Only files we wrote: in our folder, ending in .pdf.
    if path.parent() != Some(print_dir().as_path())
        || path.extension().and_then(|e| e.to_str()) != Some("pdf")
    {
        return Err(IpcError::from(Error::invalid(
            "path",
            "That file isn't one Follow Through printed.",
        )));
    }
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::new(
                "unavailable",
                format!("No PDF viewer could be opened ({e})."),
            )
        })
}

/// Where printed notes go: "Follow Through" in the user's documents folder (the XDG one
/// on Linux), so they are easy to find and survive a reinstall.
pub fn print_dir() -> PathBuf {
    dirs::document_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join("Documents")))
        .unwrap_or_else(std::env::temp_dir)
        .join("Follow Through")
}

fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}.pdf"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem} ({n}).pdf"));
        n += 1;
    }
    path
}

fn io_error(path: &Path, e: std::io::Error) -> IpcError {
    IpcError::new("io", format!("Couldn't write {}: {e}", path.display()))
}
