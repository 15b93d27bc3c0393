//! How a subcommand fails: the message for stderr and the exit status. A command line
//! the data refuses (an unknown prospect, a name several share, a date in the far
//! future, a stop that needs `--yes`) exits 2 like a command line clap refuses: nothing
//! was done and the command as typed will not work. Anything else that fails (a file, the
//! database, a newer version's data) exits 1.

use followthrough_core::Error;
use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// The input is refused; exit status 2.
    Refused(String),
    /// Something failed; exit status 1.
    Failed(String),
}

impl Failure {
    /// Says why on stderr and gives the exit status.
    pub fn report(self) -> ExitCode {
        let (message, status) = match self {
            Failure::Refused(m) => (m, 2),
            Failure::Failed(m) => (m, 1),
        };
        eprintln!("followthrough: {message}");
        ExitCode::from(status)
    }

    /// `e` as a failure, its message led by what it concerns (a file's path), with the
    /// exit status `e` itself calls for.
    pub fn about(what: impl std::fmt::Display, e: Error) -> Failure {
        match Failure::from(e) {
            Failure::Refused(m) => Failure::Refused(format!("{what}: {m}")),
            Failure::Failed(m) => Failure::Failed(format!("{what}: {m}")),
        }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Failed(message)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Invalid { .. } | Error::NotFound { .. } | Error::Confirm { .. } => {
                Failure::Refused(e.to_string())
            }
            _ => Failure::Failed(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_input_and_failures_get_their_own_status() {
        let refused = Failure::from(Error::invalid("prospect", "No prospect is known as x."));
        assert!(matches!(refused, Failure::Refused(ref m) if m.contains("known as x")));
        let confirm = Failure::from(Error::Confirm {
            message: "Stop now?".into(),
        });
        assert!(matches!(confirm, Failure::Refused(_)));
        let newer = Failure::from(Error::NewerDatabase {
            found: 99,
            supported: 6,
        });
        assert!(matches!(newer, Failure::Failed(ref m) if m.contains("newer version")));
        assert!(matches!(
            Failure::from(String::from("x")),
            Failure::Failed(_)
        ));
    }

    #[test]
    fn a_failure_about_a_file_names_it_and_keeps_its_status() {
        let refused = Failure::about("a.csv", Error::invalid("per_day", "From 1 to 500."));
        assert!(matches!(refused, Failure::Refused(ref m) if m == "a.csv: From 1 to 500."));
        let failed = Failure::about("a.csv", Error::Cancelled);
        assert!(matches!(failed, Failure::Failed(ref m) if m.starts_with("a.csv: ")));
    }
}
