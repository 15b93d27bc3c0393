//! The desktop shell around `followthrough-core`: opens the store in the chosen data
//! folder, exposes the IPC commands, and keeps the app to one window per user.

mod commands;
mod data_dir;
mod db;
mod ipc_error;
mod notifier;
mod resume;
mod scheduler;
mod tray;
mod writing;

use db::Db;
use followthrough_core::store::reminders::Prefs;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::{clock, Store};
use ipc_error::IpcError;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use tauri::{AppHandle, Emitter, Manager, WindowEvent};
use tauri_plugin_autostart::{MacosLauncher, ManagerExt};

/// Whether closing the window keeps the app in the tray (read on the UI thread, so it
/// lives in memory rather than in the database).
struct KeepInTray(AtomicBool);

/// Facts about this run that the UI shows (About, where data lives).
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub vocabulary: followthrough_core::vocabulary::Vocabulary,
    #[serde(skip)]
    pub started: Instant,
}

pub fn run() {
    let started = Instant::now();
    let dir = data_dir::resolve(std::env::args_os(), std::env::var_os(data_dir::ENV_VAR));
    let info = AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: dir.path.display().to_string(),
        vocabulary: followthrough_core::vocabulary::vocabulary(),
        started,
    };
    let seed = Seed {
        zone: clock::local_zone(),
        now: clock::now(),
    };
    let db = Db::new(Store::open_seeded(&dir.path.join(DB_FILE), seed));
    let prefs = tauri::async_runtime::block_on(db.run(|s| s.prefs())).unwrap_or_default();

    let mut builder = tauri::Builder::default();
    // One running app per data folder: launching again brings the open window forward.
    // Runs against another folder (--data-dir, for development and tests) are separate
    // on purpose, so they can never steal or disturb the real one.
    if dir.is_default {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }));
    }
    builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_autostart::init(
            MacosLauncher::LaunchAgent,
            None,
        ))
        .manage(db.clone())
        .manage(info)
        .manage(KeepInTray(AtomicBool::new(prefs.keep_in_tray)))
        .setup(move |app| {
            // The tray icon is built once the window has had its first second to itself
            // (creating it costs ~100 ms on the main thread). No tray host (some desktops,
            // a CI display): the app still runs; the window and notifications carry on.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let on_main = handle.clone();
                let _ = handle.run_on_main_thread(move || {
                    if let Err(e) = tray::build(&on_main) {
                        eprintln!("tray icon unavailable: {e}");
                    }
                });
            });
            app.manage(scheduler::Scheduler::start(
                app.handle().clone(),
                db.clone(),
            ));
            resume::watch(db.changes());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                let keep = window.state::<KeepInTray>().0.load(Ordering::Relaxed);
                if keep && window.app_handle().tray_by_id("main").is_some() {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::ui_ready,
            commands::overview,
            commands::list_prospects,
            commands::get_prospect,
            commands::create_prospect,
            commands::update_prospect,
            commands::delete_prospect,
            commands::log_touch,
            commands::delete_touch,
            commands::queue,
            commands::get_settings,
            commands::save_settings,
            commands::list_plans,
            commands::save_plan,
            commands::delete_plan,
            commands::assign_plan,
            commands::snooze,
            commands::set_paused,
            commands::set_next_step,
            commands::skip,
            commands::reminder_status,
            commands::get_prefs,
            commands::save_prefs,
            writing::list_templates,
            writing::save_template,
            writing::delete_template,
            writing::get_profile,
            writing::save_profile,
            writing::compose,
            writing::list_reasons,
            writing::save_reason,
            writing::delete_reason,
            writing::suggest_reasons,
            writing::open_draft,
            writing::notes_to_write,
            writing::queue_note,
            writing::save_note,
            writing::set_note_written,
            writing::mail_note,
            writing::discard_note,
            writing::note_fit,
            writing::print_batch,
            writing::print_pdf,
            writing::open_pdf,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Follow Through could not start: {e}");
            std::process::exit(1);
        });
}

/// Brings the window forward on the follow-ups: Today, or one prospect.
pub(crate) fn open_followups(app: &AppHandle, prospect_id: Option<i64>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    let _ = app.emit("open-followups", prospect_id);
}

/// Applies the desktop preferences: tray on close, start at login.
pub(crate) fn apply_prefs(app: &AppHandle, prefs: Prefs) -> Result<(), IpcError> {
    app.state::<KeepInTray>()
        .0
        .store(prefs.keep_in_tray, Ordering::Relaxed);
    let autostart = app.autolaunch();
    let failed = |e: tauri_plugin_autostart::Error| {
        IpcError::new(
            "autostart",
            format!("Your preferences were saved, but starting at login couldn't be changed: {e}"),
        )
    };
    let enabled = autostart.is_enabled().map_err(failed)?;
    match (prefs.start_at_login, enabled) {
        (true, false) => autostart.enable().map_err(failed),
        (false, true) => autostart.disable().map_err(failed),
        _ => Ok(()),
    }
}
