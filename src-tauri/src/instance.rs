//! One app per data folder. Before the database is opened (or migrated) the app takes an
//! OS lock on a file in the data folder; a second launch on the same folder hands its
//! launch over to the app that holds it (which brings its window forward) or, when it
//! cannot, says that the folder is in use and runs nothing: no store, no scheduler, no
//! notifications. The OS drops the lock when the process ends, however it ends, so a
//! crash never leaves the folder locked.
//!
//! The hand-over uses the single-instance plugin's D-Bus interface (Linux), with a bus
//! name per folder, so launches on different folders never hand over to each other.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name inside the data folder.
pub const LOCK_FILE: &str = "followthrough.lock";

/// How long a second launch keeps trying to reach an app that holds the folder but is
/// still starting (it takes the lock before it answers on the bus).
pub const HANDOVER_WAIT: Duration = Duration::from_secs(5);

/// The lock, kept as the app's state for as long as it runs.
pub struct FolderLock(#[allow(dead_code)] pub Option<File>);

/// What this launch may do with the folder.
#[derive(Debug)]
pub enum Claim {
    /// The folder is ours for the life of the process (the file keeps the lock).
    Held(File),
    /// The folder cannot take a lock file (a read-only folder or disk, or a lock file
    /// this user may not open): the store opens read-only, so this app writes nothing
    /// another might be writing.
    Unlockable,
    /// Another app holds the folder and took this launch (its window came forward).
    HandedOver,
    /// Another app holds the folder and could not be reached. The message says so.
    InUse(String),
}

/// The single-instance plugin's bus name suffix for `dir`: none for the default folder
/// (the name every version has used for it), one per folder otherwise.
pub fn bus_id(identifier: &str, dir: &Path, is_default: bool) -> Option<String> {
    if is_default {
        return None;
    }
    Some(format!("{identifier}.Folder{:016x}", folder_hash(dir)))
}

/// FNV-1a of the folder's canonical path: stable across runs and versions (unlike
/// `DefaultHasher`, whose output std does not promise to keep).
fn folder_hash(dir: &Path) -> u64 {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// Whether a command-line run has the folder to itself.
#[derive(Debug)]
pub enum Shared {
    /// Nobody had it: the command holds the lock while it runs (an app started
    /// meanwhile waits, then says the folder is in use), and may upgrade the database.
    Alone(File),
    /// An app holds it: the command works beside it (SQLite's locks keep the writes
    /// apart) and must not upgrade the database under it.
    BesideApp,
    /// No lock can be taken here (a read-only folder): nobody can write either.
    Unlockable,
}

/// The folder's lock for a command-line run, without handing anything over.
pub fn share(dir: &Path) -> Shared {
    let path = dir.join(LOCK_FILE);
    let opened = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .or_else(|_| File::open(&path));
    let Ok(file) = opened else {
        return Shared::Unlockable;
    };
    match file.try_lock() {
        Ok(()) => Shared::Alone(file),
        Err(std::fs::TryLockError::WouldBlock) => Shared::BesideApp,
        Err(std::fs::TryLockError::Error(_)) => Shared::Unlockable,
    }
}

/// Takes the folder, or hands this launch over to the app that has it. `bus` is the
/// single-instance bus name for the folder (see `bus_id`; `identifier` when `None`).
/// `wait` is how long to keep trying to reach a holder that is still starting.
pub fn claim(
    dir: &Path,
    identifier: &str,
    bus: Option<&str>,
    is_default: bool,
    wait: Duration,
) -> Claim {
    // The folder may not exist yet; if it cannot be made, the store says why.
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(LOCK_FILE);
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(f) => f,
        // A read-only folder: the lock file may still be there from an earlier run, and
        // a lock needs no write access; otherwise there is nothing to lock.
        Err(_) => match File::open(&path) {
            Ok(f) => f,
            Err(_) => return Claim::Unlockable,
        },
    };
    let name = bus.unwrap_or(identifier).to_string();
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                // An older version (before this lock) may be running on the default
                // folder: it answers on the bus without holding the lock. (Nobody
                // answering is the bus saying so at once.)
                if is_default && handover::send(&name) {
                    return Claim::HandedOver;
                }
                write_pid(&file);
                return Claim::Held(file);
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                // Where this module can't hand over, the caller lets the single-instance
                // plugin do it (default folder) or says the folder is in use: no wait.
                if !handover::SUPPORTED {
                    return Claim::InUse(in_use_message(dir, &path));
                }
                if handover::send(&name) {
                    return Claim::HandedOver;
                }
                if started.elapsed() >= wait {
                    return Claim::InUse(in_use_message(dir, &path));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            // A file system without locks (some network shares): run as before.
            Err(std::fs::TryLockError::Error(e)) => {
                tracing::warn!("data folder lock unavailable ({e}); running without it");
                return Claim::Held(file);
            }
        }
    }
}

/// The holder's process id, for the in-use message (information only: the lock is what
/// counts, and it goes with the process).
fn write_pid(mut file: &File) {
    let _ = file.set_len(0);
    let _ = writeln!(file, "{}", std::process::id());
    let _ = file.flush();
}

fn in_use_message(dir: &Path, lock: &Path) -> String {
    let pid = std::fs::read_to_string(lock)
        .ok()
        .and_then(|t| t.trim().parse::<u32>().ok());
    let holder = match pid {
        Some(pid) => format!("another Follow Through (process {pid})"),
        None => "another Follow Through".to_string(),
    };
    format!(
        "The data folder {} is in use by {holder}. Switch to that window, or close it and \
         start Follow Through again. Nothing was opened or changed here.",
        dir.display()
    )
}

#[cfg(target_os = "linux")]
mod handover {
    use zbus::blocking::Connection;

    pub const SUPPORTED: bool = true;

    /// The bus path the single-instance plugin serves its interface at for `name`.
    fn object_path(name: &str) -> String {
        format!(
            "/{}",
            format!("{name}.SingleInstance")
                .replace('.', "/")
                .replace('-', "_")
        )
    }

    /// Passes this launch (arguments and working folder) to the app holding the folder,
    /// as a second launch of the plugin would; true once that app has accepted it.
    pub fn send(name: &str) -> bool {
        let Ok(conn) = Connection::session() else {
            return false;
        };
        let args: Vec<String> = std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let cwd = std::env::current_dir()
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        conn.call_method(
            Some(format!("{name}.SingleInstance").as_str()),
            object_path(name).as_str(),
            Some("org.SingleInstance.DBus"),
            "ExecuteCallback",
            &(args, cwd),
        )
        .is_ok()
    }
}

#[cfg(not(target_os = "linux"))]
mod handover {
    // The plugin hands over by the app's identifier on these platforms, which covers the
    // default folder; other folders say they are in use.
    pub const SUPPORTED: bool = false;
    pub fn send(_name: &str) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ID: &str = "test.followthrough";
    const SHORT: Duration = Duration::from_millis(200);

    #[test]
    fn a_folder_is_held_by_one_claim_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = claim(dir.path(), ID, Some("test.nobody"), false, SHORT);
        assert!(matches!(first, Claim::Held(_)), "{first:?}");
        // Nobody answers on the bus for this folder, so the second launch is told.
        let second = claim(dir.path(), ID, Some("test.nobody"), false, SHORT);
        let Claim::InUse(message) = second else {
            panic!("expected in use, got {second:?}");
        };
        assert!(message.contains("in use"), "{message}");
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        drop(first);
        let again = claim(dir.path(), ID, Some("test.nobody"), false, SHORT);
        assert!(
            matches!(again, Claim::Held(_)),
            "released with the process: {again:?}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn each_folder_has_its_own_bus_name() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let id = "app.followthrough.desktop";
        assert_eq!(bus_id(id, a.path(), true), None);
        let name_a = bus_id(id, a.path(), false).unwrap();
        assert_ne!(Some(name_a.clone()), bus_id(id, b.path(), false));
        // The same folder by another spelling is the same folder.
        let dotted = a.path().join("..").join(a.path().file_name().unwrap());
        assert_eq!(Some(name_a.clone()), bus_id(id, &dotted, false));
        assert!(zbus::names::WellKnownName::try_from(format!("{name_a}.SingleInstance")).is_ok());
    }
}
