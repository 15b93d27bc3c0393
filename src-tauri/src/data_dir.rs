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

/// Resolves the app's data folder from its command line and environment. By the time
/// the app starts, `cli::dispatch` has had clap accept that command line and found no
/// subcommand in it, so a `--data-dir` in it can only be the flag. A subcommand's folder
/// comes from clap's own reading of the flag instead (`from_flag`): its arguments may
/// hold that text as a value (`add -- --data-dir=x` adds a prospect of that name).
pub fn resolve(args: impl IntoIterator<Item = OsString>, env: Option<OsString>) -> DataDir {
    from_flag(from_args(args), env)
}

/// The folder `flag` names (`--data-dir` as parsed), else the one `env` names, else the
/// platform's.
pub fn from_flag(flag: Option<PathBuf>, env: Option<OsString>) -> DataDir {
    if let Some(path) = flag {
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

    #[test]
    fn a_parsed_flag_beats_environment_beats_default() {
        let d = from_flag(Some("/tmp/a".into()), Some("/tmp/b".into()));
        assert_eq!(
            d,
            DataDir {
                path: "/tmp/a".into(),
                is_default: false
            }
        );
        assert_eq!(
            from_flag(None, Some("/tmp/b".into())).path,
            PathBuf::from("/tmp/b")
        );
        assert!(from_flag(None, None).is_default);
    }
}
