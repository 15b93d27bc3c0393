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
}

/// The live file's last contents (without its DTSTAMP lines, which change every time).
#[derive(Clone, Default)]
pub struct LiveCalendar {
    last: Arc<Mutex<Option<String>>>,
}

impl LiveCalendar {
    /// Brings the live file up to date: rewritten when its events changed, removed when
    /// the user turned it off (a stale calendar is worse than none).
    pub async fn refresh(&self, db: &Db) {
        let last = Arc::clone(&self.last);
        let result = db
            .run(move |store| {
                let path = live_path(store)?;
                let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
                let prefs = store.calendar_prefs()?;
                if !prefs.live {
                    if last.take().is_some() || path.exists() {
                        std::fs::remove_file(&path).or_else(|e| match e.kind() {
                            std::io::ErrorKind::NotFound => Ok(()),
                            _ => Err(e),
                        })?;
                    }
                    return Ok(());
                }
                let text = store.calendar(&prefs, clock::now())?;
                let events = without_stamps(&text);
                if last.as_deref() == Some(events.as_str()) && path.exists() {
                    return Ok(());
                }
                followthrough_core::export::write_file(&path, |out| {
                    Ok(out.write_all(text.as_bytes())?)
                })?;
                *last = Some(events);
                Ok(())
            })
            .await;
        if let Err(e) = result {
            eprintln!("live calendar: {}", e.message);
        }
    }
}

/// The live file of the store's data folder.
fn live_path(store: &Store) -> followthrough_core::Result<PathBuf> {
    store
        .file()
        .and_then(Path::parent)
        .map(live_calendar_path)
        .ok_or_else(|| followthrough_core::Error::invalid("calendar", "This book has no folder."))
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
    db.run(|store| {
        Ok(CalendarSettings {
            prefs: store.calendar_prefs()?,
            path: live_path(store)?,
        })
    })
    .await
}

/// Saves the choices (checked in the core) and brings the live file in line at once.
#[tauri::command]
pub async fn save_calendar_prefs(
    db: State<'_, Db>,
    live: State<'_, LiveCalendar>,
    prefs: CalendarPrefs,
) -> Reply<CalendarSettings> {
    let saved = db
        .write(move |store| {
            store.save_calendar_prefs(&prefs)?;
            Ok(CalendarSettings {
                prefs: store.calendar_prefs()?,
                path: live_path(store)?,
            })
        })
        .await?;
    live.refresh(&db).await;
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
