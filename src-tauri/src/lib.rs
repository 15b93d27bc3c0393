//! The desktop shell around `followthrough-core`: opens the store in the chosen data
//! folder, exposes the IPC commands, and keeps the app to one window per user.

#[macro_use]
mod command_list;
mod about;
mod backups;
mod calendar;
mod chooser;
pub mod cli;
mod commands;
mod data_dir;
mod db;
mod insights;
mod instance;
mod ipc_error;
mod logs;
mod notifier;
mod outside;
mod rendering;
mod resume;
mod scheduler;
mod transfer;
mod tray;
mod writing;

#[cfg(test)]
mod app_tests;

use db::Db;
use followthrough_core::store::reminders::Prefs;
use followthrough_core::store::DB_FILE;
use followthrough_core::Store;
use ipc_error::IpcError;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;
use tauri::{AppHandle, Emitter, Manager, Runtime, WindowEvent};
use tauri_plugin_autostart::{AutoLaunchManager, MacosLauncher};

/// Whether closing the window keeps the app in the tray (read on the UI thread, so it
/// lives in memory rather than in the database).
struct KeepInTray(AtomicBool);

/// Facts about this run that the UI shows (About, where data lives).
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    /// Where the log files are (About shows it).
    pub log_dir: String,
    pub vocabulary: followthrough_core::vocabulary::Vocabulary,
    /// The data folder could only be opened read-only: the UI says changes can't be saved.
    pub read_only: bool,
    #[serde(skip)]
    pub started: Instant,
}

pub fn run() {
    let started = Instant::now();
    rendering::choose();
    // Read the clock first thing: a clock fixed for a test (see core's `clock`) starts
    // at launch.
    let _ = followthrough_core::clock::now();
    if let Some((at, wall)) = followthrough_core::clock::fixed_start() {
        // Read by tests that line the app's instants up with the wall clock.
        eprintln!(
            "test clock: {} started at wall clock {}",
            at.to_rfc3339(),
            wall.to_rfc3339()
        );
    }
    let dir = data_dir::resolve(std::env::args_os(), std::env::var_os(data_dir::ENV_VAR));
    let context: tauri::Context<tauri::Wry> = context();
    let identifier = context.config().identifier.clone();
    let log_dir = logs::folder(&identifier, &dir.path, dir.is_default);
    logs::start(&log_dir);
    tracing::info!(
        "Follow Through {} starting on {}",
        env!("CARGO_PKG_VERSION"),
        dir.path.display()
    );

    // The folder first, the database second: nothing is opened or migrated under another
    // running app (see `instance`).
    let bus = instance::bus_id(&identifier, &dir.path, dir.is_default);
    let claim = instance::claim(
        &dir.path,
        &identifier,
        bus.as_deref(),
        dir.is_default,
        instance::HANDOVER_WAIT,
    );
    let (db, read_only, desktop, lock) = match claim {
        instance::Claim::HandedOver => std::process::exit(0),
        instance::Claim::InUse(message) => {
            eprintln!("{message}");
            let why = IpcError::new(db::FOLDER_IN_USE, message);
            let db = Db::unavailable(dir.path.join(DB_FILE), why);
            (db, false, Desktop::Locked, None)
        }
        instance::Claim::Held(file) => {
            let (db, read_only) = open_store(&dir.path, false);
            (db, read_only, Desktop::Full, Some(file))
        }
        instance::Claim::Unlockable => {
            let (db, read_only) = open_store(&dir.path, true);
            (db, read_only, Desktop::Full, None)
        }
    };

    let info = AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: dir.path.display().to_string(),
        log_dir: log_dir.display().to_string(),
        vocabulary: followthrough_core::vocabulary::vocabulary(),
        read_only,
        started,
    };
    let mut builder = tauri::Builder::default();
    // A second launch on this folder brings the open window forward. Registered first,
    // as the plugin asks. On Linux each folder has a bus name of its own, which the app
    // holding the folder takes, so runs on other folders (--data-dir, for development and
    // tests) never steal or disturb the real one. Elsewhere the plugin knows only the
    // app's identifier: it guards the default folder, for the app holding it and for a
    // second launch (which it hands over, then ends); the lock guards the rest.
    let single_instance = if cfg!(target_os = "linux") {
        desktop == Desktop::Full
    } else {
        dir.is_default
    };
    if single_instance {
        let mut single = tauri_plugin_single_instance::Builder::new()
            .callback(|app, _argv, _cwd| show_window(app));
        if let Some(bus) = bus {
            single = single.dbus_id(bus);
        }
        builder = builder.plugin(single.build());
    }
    builder = builder.manage(instance::FolderLock(lock));
    app_builder(builder, db, info, desktop)
        .run(context)
        .unwrap_or_else(|e| {
            eprintln!("Follow Through could not start: {e}");
            std::process::exit(1);
        });
}

/// Opens the store in the data folder (first-run settings in the machine's zone), or
/// only for reading; says whether it is read-only (a folder that can't be written opens
/// so either way).
fn open_store(dir: &std::path::Path, read_only: bool) -> (Db, bool) {
    let file = dir.join(DB_FILE);
    let opened = if read_only {
        Store::open_read_only(&file)
    } else {
        Store::open_seeded(&file, db::seed())
    };
    let read_only = opened.as_ref().is_ok_and(Store::is_read_only);
    (Db::new(file, opened), read_only)
}

/// How much of the desktop the app takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Desktop {
    /// The real app: start at login, the tray icon, the reminder scheduler (and its
    /// notifications), the wake-from-sleep watch, the daily backup.
    Full,
    /// The unit tests' app on Tauri's mock runtime. Leaves out what needs a real window
    /// system or session, or would act on the machine: the autostart plugin (it writes
    /// login entries), the file chooser (it waits for a person), the tray icon, the
    /// scheduler's loop (it shows notifications on a thread of its own; an idle
    /// scheduler still answers `reminder_status`), the logind watch, and the daily
    /// backup (the tests back up when they choose). Everything else, the command table
    /// above all, is the real one.
    #[cfg_attr(not(test), allow(dead_code))]
    Headless,
    /// Another app holds the data folder: the window only says so. No store, no tray, no
    /// scheduler, no login entry.
    Locked,
}

/// Routes every command in `command_list.rs`.
macro_rules! command_handler {
    ($($module:ident :: $name:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$name),*]
    };
}

/// The app on any Tauri runtime: plugins, state, start-up and the command table. `run`
/// uses it on the real (Wry) runtime; the unit tests on the mock runtime.
pub(crate) fn app_builder<R: Runtime>(
    builder: tauri::Builder<R>,
    db: Db,
    info: AppInfo,
    desktop: Desktop,
) -> tauri::Builder<R> {
    let prefs = if desktop == Desktop::Locked {
        Prefs::default()
    } else {
        read_prefs(&db)
    };
    let mut builder = builder.plugin(tauri_plugin_opener::init());
    if desktop == Desktop::Full {
        builder = builder
            .plugin(tauri_plugin_autostart::init(
                MacosLauncher::LaunchAgent,
                None,
            ))
            .plugin(tauri_plugin_dialog::init());
    }
    builder
        .manage(db.clone())
        .manage(transfer::Cancel::default())
        .manage(calendar::LiveCalendar::default())
        .manage(info)
        .manage(KeepInTray(AtomicBool::new(prefs.keep_in_tray)))
        .setup(move |app| {
            if desktop != Desktop::Full {
                app.manage(scheduler::Scheduler::idle(&db));
                return Ok(());
            }
            // The tray icon is built once the window has had its first second to itself
            // (creating it costs ~100 ms on the main thread). No tray host (some desktops,
            // a CI display): the app still runs; the window and notifications carry on.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                let on_main = handle.clone();
                let _ = handle.run_on_main_thread(move || {
                    if let Err(e) = tray::build(&on_main) {
                        tracing::warn!("tray icon unavailable: {e}");
                        return;
                    }
                    // The scheduler sets the count only when it changes: a round that ran
                    // before the icon existed had nowhere to show it. On the main thread,
                    // so a round's later count, which comes here too, lands after this.
                    if let Some(scheduler) = on_main.try_state::<scheduler::Scheduler>() {
                        tray::show_count(&on_main, scheduler.status().due_now);
                    }
                });
            });
            app.manage(scheduler::Scheduler::start(
                app.handle().clone(),
                db.clone(),
            ));
            backups::start(app.handle().clone(), db.clone());
            resume::watch(db.changes());
            outside::watch(app.handle().clone(), db.clone(), db.file());
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
        .invoke_handler(with_commands!(command_handler))
}

/// The app's configuration, assets and capability, compiled in from tauri.conf.json and
/// ui/ (the unit tests use it too, so they run under the real capability).
fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Every command's name, as the UI invokes it (from `command_list.rs`).
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// Tells the window that something done away from it failed (the daily backup, a tray
/// pause, a notification's snooze): it shows `message` as an error. Logged too, without
/// what a prospect is called (the messages here name none).
pub(crate) fn say_failed<R: Runtime>(app: &AppHandle<R>, message: String) {
    tracing::warn!("{message}");
    let _ = app.emit(FAILED_EVENT, message);
}

/// The event `say_failed` sends.
pub const FAILED_EVENT: &str = "background-failed";

/// Brings the window forward on the follow-ups: Today, or one prospect.
pub(crate) fn open_followups<R: Runtime>(app: &AppHandle<R>, prospect_id: Option<i64>) {
    show_window(app);
    let _ = app.emit("open-followups", prospect_id);
}

/// Brings the window forward: shown, unminimised, focused.
fn show_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Applies the desktop preferences: tray on close, start at login.
pub(crate) fn apply_prefs<R: Runtime>(app: &AppHandle<R>, prefs: Prefs) -> Result<(), IpcError> {
    app.state::<KeepInTray>()
        .0
        .store(prefs.keep_in_tray, Ordering::Relaxed);
    // Without the autostart plugin (the headless test app) there is no login entry to
    // keep in step; the preference is still saved.
    let Some(autostart) = app.try_state::<AutoLaunchManager>() else {
        return Ok(());
    };
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

/// The desktop preferences, or the defaults when the store cannot give them.
fn read_prefs(db: &Db) -> Prefs {
    tauri::async_runtime::block_on(db.run(|s| s.prefs())).unwrap_or_else(|e| {
        // The window still opens and shows why (an unreadable file, a newer schema);
        // until then the app behaves as by default.
        tracing::warn!("desktop preferences unavailable: {}", e.message);
        Prefs::default()
    })
}
