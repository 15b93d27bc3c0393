//! About: what this app is (version, build date), where it keeps things (the data,
//! backups and log folders, each opened in the file manager on request), and a
//! diagnostic report to paste into a bug report: versions, the settings without any
//! personal text, counts, and the log's last lines (which hold ids, never names).

use crate::db::Db;
use crate::ipc_error::IpcError;
use crate::logs;
use crate::AppInfo;
use followthrough_core::store::backup;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

type Reply<T> = Result<T, IpcError>;

/// How many of the log's last lines a diagnostic report carries.
const REPORT_LOG_LINES: usize = 80;

/// The app's folders, as About shows them.
#[derive(Debug, Serialize)]
pub struct About {
    pub version: &'static str,
    /// The day this build was made (UTC), from the build script.
    pub built: &'static str,
    pub data_dir: PathBuf,
    pub backups_dir: PathBuf,
    pub log_dir: PathBuf,
}

/// The folders About can open: only these, never a path the window names.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Folder {
    Data,
    Backups,
    Logs,
}

fn about(info: &AppInfo, db: &Db) -> About {
    About {
        version: info.version,
        built: env!("FOLLOWTHROUGH_BUILD_DATE"),
        data_dir: PathBuf::from(&info.data_dir),
        backups_dir: backup::folder(db.file()),
        log_dir: PathBuf::from(&info.log_dir),
    }
}

#[tauri::command]
pub async fn about_info(info: State<'_, AppInfo>, db: State<'_, Db>) -> Reply<About> {
    Ok(about(&info, &db))
}

/// Opens one of the app's folders in the file manager (made first if it isn't there yet:
/// no backup or log written so far).
#[tauri::command]
pub async fn open_folder<R: Runtime>(
    app: AppHandle<R>,
    info: State<'_, AppInfo>,
    db: State<'_, Db>,
    folder: Folder,
) -> Reply<()> {
    let a = about(&info, &db);
    let path = match folder {
        Folder::Data => a.data_dir,
        Folder::Backups => a.backups_dir,
        Folder::Logs => a.log_dir,
    };
    std::fs::create_dir_all(&path).map_err(IpcError::internal)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            IpcError::new(
                "unavailable",
                format!(
                    "The folder could not be opened ({e}). It is {}.",
                    path.display()
                ),
            )
        })
}

/// A report for a bug report: nothing a prospect or the user wrote is in it.
#[tauri::command]
pub async fn diagnostic_report(info: State<'_, AppInfo>, db: State<'_, Db>) -> Reply<String> {
    let a = about(&info, &db);
    let facts = db
        .run(|s| {
            Ok((
                s.overview()?.total,
                serde_json::to_string_pretty(&s.settings()?).unwrap_or_default(),
                serde_json::to_string(&s.calendar_prefs()?).unwrap_or_default(),
            ))
        })
        .await;
    let book = match facts {
        Ok((total, settings, calendar)) => {
            format!("Prospects: {total}\nFollow-up settings: {settings}\nCalendar: {calendar}")
        }
        Err(e) => format!("The database could not be read: {}", e.message),
    };
    Ok(format!(
        "Follow Through {} (built {})\nSystem: {} {}\nTauri {}\nRead-only: {}\n\
         Data folder: {}\nLog folder: {}\n{book}\n\n\
         Last lines of the log:\n{}\n",
        a.version,
        a.built,
        std::env::consts::OS,
        std::env::consts::ARCH,
        tauri::VERSION,
        info.read_only,
        a.data_dir.display(),
        a.log_dir.display(),
        logs::tail(&a.log_dir, REPORT_LOG_LINES),
    ))
}
