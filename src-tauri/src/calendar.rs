//! The calendar of what is coming: the Settings panel's commands (what goes in it, where
//! the live file is, a one-off export) and the live file itself.
//!
//! The live file is rewritten from the scheduler's rounds: the scheduler wakes on every
//! write in the window, on a write from outside (`outside.rs`) and at every due instant,
//! which are exactly the moments the calendar can change. A round that would write the
//! same events again leaves the file alone, so a calendar app watching it re-reads it
//! only when something moved.

use crate::chooser::{choose, Mode};
use crate::db::Db;
use crate::ipc_error::IpcError;
use chrono::{DateTime, Utc};
use followthrough_core::model::CalendarPrefs;
use followthrough_core::store::calendar::live_calendar_path;
use followthrough_core::{clock, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Runtime, State};

type Reply<T> = Result<T, IpcError>;

/// What the Settings panel shows.
#[derive(Debug, Serialize)]
pub struct CalendarSettings {
    pub prefs: CalendarPrefs,
    /// Where the live file is (or would be): the path a calendar app subscribes to.
    pub path: PathBuf,
    /// Why the live file could not be brought in line just now (the choices were saved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_error: Option<String>,
}

/// How long the live file may go unmade while the data stays the same: what is
/// "coming" moves with the clock too (a new day comes into the window), so it is made
/// again at least this often.
const REMAKE_AFTER: chrono::Duration = chrono::Duration::hours(1);

/// What the live file was last made from.
struct Made {
    /// `Db::generation` when it was made.
    generation: u64,
    at: DateTime<Utc>,
    /// Its events (the file without its DTSTAMP lines, which change every time); `None`
    /// while the live calendar is off.
    events: Option<String>,
}

/// The live calendar file, kept in step with the data.
#[derive(Clone, Default)]
pub struct LiveCalendar {
    made: Arc<Mutex<Option<Made>>>,
}

impl LiveCalendar {
    /// Brings the live file up to date when the data changed since it was made (or an
    /// hour passed): rewritten when its events changed, removed when the user turned it
    /// off (a stale calendar is worse than none). A failure is logged, and said to the
    /// caller that can tell the user.
    /// Answers when the file is to be made again though the data stays the same
    /// (`REMAKE_AFTER`; `None` without a live file), for the scheduler to wake then.
    pub async fn refresh(&self, db: &Db) -> Result<Option<DateTime<Utc>>, String> {
        let generation = db.generation();
        let file = db.file().to_path_buf();
        let made = Arc::clone(&self.made);
        let done =
            tauri::async_runtime::spawn_blocking(move || remake(&file, generation, &made)).await;
        let result = match done {
            Ok(made) => made.map_err(|e| e.to_string()),
            Err(panicked) => Err(panicked.to_string()),
        };
        if let Err(e) = &result {
            tracing::warn!("live calendar: {e}");
        }
        result
    }
}

/// Makes the live file from a connection of its own: a large book's calendar takes a
/// moment to make, and the window's store stays free meanwhile (SQLite's WAL lets both
/// read at once). A new connection each time, so a restored database is the one read.
fn remake(
    file: &Path,
    generation: u64,
    made: &Mutex<Option<Made>>,
) -> followthrough_core::Result<Option<DateTime<Utc>>> {
    let mut made = made.lock().unwrap_or_else(|p| p.into_inner());
    let now = clock::now();
    let path = live_path(file)?;
    let current = made.as_ref().is_some_and(|m| {
        m.generation == generation
            && now - m.at < REMAKE_AFTER
            && m.events.is_some() == path.exists()
    });
    let again = |m: &Made| m.events.is_some().then(|| m.at + REMAKE_AFTER);
    if current {
        return Ok(made.as_ref().and_then(again));
    }
    let store = Store::open_without_upgrade(file)?;
    let prefs = store.calendar_prefs()?;
    let events = if prefs.live {
        let text = store.calendar(&prefs, now)?;
        let events = without_stamps(&text);
        let same = made
            .as_ref()
            .is_some_and(|m| m.events.as_deref() == Some(events.as_str()));
        if !same || !path.exists() {
            followthrough_core::export::write_file(&path, Some(file), |out| {
                Ok(out.write_all(text.as_bytes())?)
            })?;
        }
        Some(events)
    } else {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => None,
        }
    };
    let m = made.insert(Made {
        generation,
        at: now,
        events,
    });
    Ok(again(m))
}

/// The live file beside the database `file`.
fn live_path(file: &Path) -> followthrough_core::Result<PathBuf> {
    file.parent()
        .map(live_calendar_path)
        .ok_or_else(|| followthrough_core::Error::invalid("calendar", "This book has no folder."))
}

/// What the Settings panel shows for the window's store (whose database is always a
/// file).
fn settings_of(store: &mut Store) -> followthrough_core::Result<CalendarSettings> {
    let file = store.file().ok_or_else(|| {
        followthrough_core::Error::invalid("calendar", "This book has no folder.")
    })?;
    Ok(CalendarSettings {
        path: live_path(file)?,
        prefs: store.calendar_prefs()?,
        live_error: None,
    })
}

/// The calendar without the lines that say when it was written.
fn without_stamps(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("DTSTAMP"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tauri::command]
pub async fn calendar_settings(db: State<'_, Db>) -> Reply<CalendarSettings> {
    db.run(settings_of).await
}

/// Saves the choices (checked in the core) and brings the live file in line at once.
#[tauri::command]
pub async fn save_calendar_prefs(
    db: State<'_, Db>,
    live: State<'_, LiveCalendar>,
    prefs: CalendarPrefs,
) -> Reply<CalendarSettings> {
    let mut saved = db
        .write(move |store| {
            store.save_calendar_prefs(&prefs)?;
            settings_of(store)
        })
        .await?;
    saved.live_error = live.refresh(&db).await.err();
    Ok(saved)
}

/// The native chooser for a one-off calendar file.
#[tauri::command]
pub async fn choose_calendar_file<R: Runtime>(app: AppHandle<R>) -> Reply<Option<PathBuf>> {
    choose(&app, Mode::Save, |c| {
        c.set_title("Export calendar")
            .set_file_name("Follow-ups.ics")
            .add_filter("iCalendar", &["ics"])
    })
    .await
}

/// Writes the calendar as `prefs` says to `path` (whole or not at all); how many events.
#[tauri::command]
pub async fn export_calendar(
    db: State<'_, Db>,
    prefs: CalendarPrefs,
    path: PathBuf,
) -> Reply<usize> {
    db.run(move |store| store.write_calendar(&path, &prefs, clock::now()))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_stamps_are_left_out() {
        let a = "BEGIN:VEVENT\r\nUID:p1\r\nDTSTAMP:20261124T080000Z\r\nDTSTART:20261125T150000Z\r\nEND:VEVENT";
        let b = a.replace("20261124T080000Z", "20261124T090000Z");
        assert_eq!(without_stamps(a), without_stamps(&b));
        let moved = a.replace("20261125T150000Z", "20261126T150000Z");
        assert_ne!(without_stamps(a), without_stamps(&moved));
    }
}
