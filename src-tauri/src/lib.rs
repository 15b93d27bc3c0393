//! The desktop shell around `followthrough-core`: opens the store in the chosen data
//! folder, exposes the IPC commands, and keeps the app to one window per user.

mod commands;
mod data_dir;
mod db;
mod ipc_error;

use db::Db;
use followthrough_core::{store::DB_FILE, Store};
use serde::Serialize;
use std::time::Instant;
use tauri::Manager;

/// Facts about this run that the UI shows (About, where data lives).
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub vocabulary: followthrough_core::model::Vocabulary,
    #[serde(skip)]
    pub started: Instant,
}

pub fn run() {
    let started = Instant::now();
    let dir = data_dir::resolve(std::env::args_os(), std::env::var_os(data_dir::ENV_VAR));
    let info = AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: dir.path.display().to_string(),
        vocabulary: followthrough_core::model::vocabulary(),
        started,
    };
    let db = Db::new(Store::open(&dir.path.join(DB_FILE)));

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
        .manage(db)
        .manage(info)
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
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Follow Through could not start: {e}");
            std::process::exit(1);
        });
}
