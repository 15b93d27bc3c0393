//! Follow Through's core: the prospect database, the rules that keep it honest, and
//! the cadence engine that decides who is due next, and why. No GUI code lives here, so it builds
//! and tests on any machine.

pub mod cadence;
pub mod cards;
pub mod clock;
pub mod error;
pub mod export;
pub mod import;
pub mod limits;
pub mod links;
pub mod merge;
pub mod model;
pub mod print;
pub mod reminders;
pub mod reports;
pub mod retention;
pub mod samples;
pub mod store;
pub mod validate;
pub mod vocabulary;

#[cfg(feature = "dataset")]
pub mod dataset;

/// Re-exported so the shell names the zones `clock` and the settings hand it with the
/// same crate and version.
pub use chrono_tz;
pub use error::{Error, Result};
/// Re-exported so the shell's tests can build database errors without a second copy.
pub use rusqlite;
pub use store::Store;
