//! Where the database lives. Development and tests must never touch a real user's data,
//! so the folder can be chosen per run: `--data-dir DIR` beats `FOLLOWTHROUGH_DATA_DIR`,
//! which beats the platform's app-data folder.

use std::ffi::OsString;
use std::path::PathBuf;

pub const ENV_VAR: &str = "FOLLOWTHROUGH_DATA_DIR";
const FOLDER: &str = "followthrough";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    pub path: PathBuf,
    /// True when the folder came from the platform default rather than a flag or the
    /// environment: its hand-over keeps the bus name every version has used (see
    /// `instance`).
    pub is_default: bool,
}

/// Resolves the data folder from the command line and environment.
pub fn resolve(args: impl IntoIterator<Item = OsString>, env: Option<OsString>) -> DataDir {
    if let Some(path) = from_args(args) {
        return DataDir {
            path,
            is_default: false,
        };
    }
    if let Some(path) = env.filter(|v| !v.is_empty()) {
        return DataDir {
            path: PathBuf::from(path),
            is_default: false,
        };
    }
    // On Linux this is $XDG_DATA_HOME (or ~/.local/share); on macOS Application Support;
    // on Windows %APPDATA%. Falling back to the working directory beats refusing to start.
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    DataDir {
        path: base.join(FOLDER),
        is_default: true,
    }
}

fn from_args(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn flag_beats_environment_beats_default() {
        let d = resolve(args(&["ft", "--data-dir", "/tmp/a"]), Some("/tmp/b".into()));
        assert_eq!(
            d,
            DataDir {
                path: "/tmp/a".into(),
                is_default: false
            }
        );
        let d = resolve(args(&["ft", "--data-dir=/tmp/c"]), None);
        assert_eq!(d.path, PathBuf::from("/tmp/c"));
        let d = resolve(args(&["ft"]), Some("/tmp/b".into()));
        assert_eq!(
            d,
            DataDir {
                path: "/tmp/b".into(),
                is_default: false
            }
        );
        let d = resolve(args(&["ft"]), Some("".into()));
        assert!(d.is_default);
        assert!(d.path.ends_with(FOLDER));
    }
}
