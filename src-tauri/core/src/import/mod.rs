//! Bringing contacts in from other programs' files, and the dossier another Follow
//! Through wrote. This layer only *reads*: a file becomes a stream of [`Record`]s (or a
//! [`RowError`] naming the line or card at fault). Matching them against the book,
//! the preview, merging and the one transaction that writes them live in
//! `store::import`; the rules they use (what a match is, what a merge fills in, how
//! first contacts are spread) are pure functions beside these types.

mod contact;
mod decode;
pub mod dossier;
mod known;
pub mod matching;
mod open;
mod read;
mod table;
mod vcard;

pub use open::{look_at, open, Feed, Opened};
pub use read::{inspect, inspect_bytes, records, records_from_bytes, FileInfo, Mapping, Records};

use crate::model::{Channel, NextStep, Outcome, ProspectInput};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a record was in its file, for messages the user can find it by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "number", rename_all = "snake_case")]
pub enum Place {
    /// The line a CSV row starts on (1-based, counting every line of the file, so a
    /// quoted newline moves the rows after it, as a text editor would show them).
    Line(u64),
    /// The card's position in a vCard file (1-based), or the prospect's in a dossier.
    Card(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Card(n) => write!(f, "card {n}"),
        }
    }
}

/// One contact read from a file, before validation (the store validates it with
/// `validate::prospect`, like a form save).
#[derive(Debug, Clone)]
pub struct Record {
    pub place: Place,
    pub contact: ProspectInput,
    /// What a dossier carries beyond the contact; `None` for CSV and vCard.
    pub history: Option<Box<History>>,
    /// The file says where the contact came from (a dossier, Follow Through's own CSV):
    /// the source the user picks for the import doesn't replace it.
    pub keeps_source: bool,
}

/// A row or card that can't be brought in, and why, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub place: Place,
    pub reason: String,
}

/// A prospect's follow-up as another Follow Through kept it: the touch history, the
/// plan and where it stood, so the successor carries on where it was left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub created_at: DateTime<Utc>,
    pub touches: Vec<HistoryTouch>,
    /// The plan the prospect follows, by value (the receiving book may not have it; a
    /// plan with the same name and steps is reused, otherwise it is added). `None`: the
    /// default plan for the status.
    pub plan: Option<crate::cadence::plan::Plan>,
    pub plan_started_at: Option<DateTime<Utc>>,
    pub next_step: Option<NextStep>,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub paused: bool,
    /// Due touches the user chose to skip, and why.
    pub skips: Vec<HistorySkip>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryTouch {
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub outcome: Outcome,
    pub note: String,
    /// What was sent (`TouchInput::message`). Absent in dossiers written before it was
    /// kept apart from the note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    pub inbound: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistorySkip {
    pub at: DateTime<Utc>,
    pub reason: String,
}
