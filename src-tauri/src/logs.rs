//! The app's log: start-up, upgrades, backups, scheduler rounds, notification failures —
//! what someone needs to understand a problem, never prospect data beyond ids.
//!
//! Written with `tracing` to a file a day in the platform's log folder (the last
//! `KEEP_DAYS` kept), and to stderr for whoever started the app from a terminal. Set up
//! first thing at launch, before the database is opened, so an upgrade is logged too.
//! `FOLLOWTHROUGH_LOG` (e.g. `debug`) changes the level; info by default.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::filter::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The variable that sets the log level (`error`, `warn`, `info`, `debug`, `trace`).
pub const LEVEL_VAR: &str = "FOLLOWTHROUGH_LOG";
/// The log files' names: `followthrough.log.2026-11-24`.
const FILE_PREFIX: &str = "followthrough.log";
/// How many days of logs are kept.
const KEEP_DAYS: usize = 14;

/// Keeps the file writer flushing until the app exits.
static GUARD: OnceLock<WorkerGuard> = OnceLock::new();

/// The platform's log folder for the app `identifier`, as Tauri names it
/// (`PathResolver::app_log_dir`), worked out here because the log starts before Tauri
/// does: `~/.local/share/<id>/logs` on Linux, `~/Library/Logs/<id>` on macOS,
/// `%LOCALAPPDATA%\<id>\logs` on Windows. A data folder given with `--data-dir` (or the
/// environment) keeps its own logs inside it, so a second book's log stays apart.
pub fn folder(identifier: &str, data_dir: &Path, is_default: bool) -> PathBuf {
    if !is_default {
        return data_dir.join("logs");
    }
    let platform = if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library/Logs").join(identifier))
    } else {
        dirs::data_local_dir().map(|d| d.join(identifier).join("logs"))
    };
    platform.unwrap_or_else(|| data_dir.join("logs"))
}

/// Starts the log. Without a writable folder the log goes to stderr only, and says so.
pub fn start(folder: &Path) {
    let filter = EnvFilter::try_from_env(LEVEL_VAR).unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    // Made first: the appender looks for old files to prune before it writes its first.
    let file = std::fs::create_dir_all(folder)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            Builder::new()
                .rotation(Rotation::DAILY)
                .filename_prefix(FILE_PREFIX)
                .max_log_files(KEEP_DAYS)
                .build(folder)
                .map_err(|e| e.to_string())
        });
    match file {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let _ = GUARD.set(guard);
            let file = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer);
            let _ = tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .with(file)
                .try_init();
        }
        Err(e) => {
            let _ = tracing_subscriber::registry()
                .with(filter)
                .with(stderr)
                .try_init();
            tracing::warn!("no log file in {}: {e}", folder.display());
        }
    }
}

/// The last `lines` lines of the newest log file in `folder` (for a diagnostic report).
pub fn tail(folder: &Path, lines: usize) -> String {
    let newest = std::fs::read_dir(folder).ok().and_then(|entries| {
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(FILE_PREFIX))
            })
            .max()
    });
    let Some(text) = newest.and_then(|p| std::fs::read_to_string(p).ok()) else {
        return String::new();
    };
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_of_its_own_keeps_its_own_logs() {
        let dir = Path::new("/tmp/book");
        assert_eq!(folder("app.id", dir, false), dir.join("logs"));
        let platform = folder("app.id", dir, true);
        assert!(platform.ends_with(if cfg!(target_os = "macos") {
            "Library/Logs/app.id"
        } else {
            "app.id/logs"
        }));
    }

    #[test]
    fn the_tail_is_the_newest_files_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("followthrough.log.2026-11-23"), "old\n").unwrap();
        std::fs::write(
            dir.path().join("followthrough.log.2026-11-24"),
            "one\ntwo\nthree\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("other.txt"), "no\n").unwrap();
        assert_eq!(tail(dir.path(), 2), "two\nthree");
        assert_eq!(tail(&dir.path().join("missing"), 2), "");
    }
}
