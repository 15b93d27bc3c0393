//! The hand-off dossier: what another Follow Through imports to carry on where this one
//! left off. JSON Lines in UTF-8, so it streams both ways: a header object on the first
//! line, then one object per prospect (its contact and its `import::History`). The file
//! is read back by `import::dossier`.

use super::{io, Entry};
use crate::error::{Error, Result};
use crate::import::{History, HistorySkip, HistoryTouch};
use crate::model::ProspectInput;
use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The format's version. A reader refuses a newer one (it would drop what it doesn't
/// know); adding a field that older readers may ignore does not need a new version.
pub const VERSION: u32 = 1;

/// The key that starts a dossier's first line, and how a reader recognises one.
pub const MAGIC: &str = "followthrough_dossier";

/// The first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Field order matters: this key comes first, so `is_dossier` can tell from the
    /// file's first bytes.
    pub followthrough_dossier: u32,
    pub exported_at: DateTime<Utc>,
    /// How many prospect lines follow, so a file cut short is noticed.
    pub prospects: u32,
}

/// The form's own fields, which are no contact detail: left out of the file, and
/// ignored if a file has them.
const FORM_ONLY: [&str; 2] = ["confirm_stop", "version"];

/// One prospect's line: its contact (the prospect form's fields) and its history.
#[derive(Debug, Clone, Deserialize)]
pub struct Line {
    pub contact: ProspectInput,
    pub history: History,
}

impl Line {
    /// The line for a prospect with its touches, skips and plan.
    pub fn of(e: &Entry) -> Line {
        let p = &e.prospect;
        Line {
            contact: p.input(),
            history: History {
                created_at: p.created_at,
                touches: e
                    .touches
                    .iter()
                    .map(|t| HistoryTouch {
                        at: t.at,
                        channel: t.channel,
                        outcome: t.outcome,
                        note: t.note.clone(),
                        message: t.message.clone(),
                        inbound: t.inbound,
                    })
                    .collect(),
                // Only a plan the user chose travels; `None` lets the receiving book
                // pick the default for the status, as this one did.
                plan: p.plan_id.and(e.plan.clone()),
                plan_started_at: e.plan_started_at,
                next_step: p.next_step.clone(),
                snoozed_until: p.snoozed_until,
                paused: p.paused,
                skips: e
                    .skips
                    .iter()
                    .map(|s| HistorySkip {
                        at: s.at,
                        reason: s.reason.clone(),
                    })
                    .collect(),
            },
        }
    }

    /// The record a reader hands on: the form's own fields cleared, whatever the file
    /// said.
    pub fn into_parts(self) -> (ProspectInput, History) {
        let mut contact = self.contact;
        contact.version = None;
        contact.confirm_stop = false;
        (contact, self.history)
    }
}

impl Serialize for Line {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut contact = serde_json::to_value(&self.contact).map_err(serde::ser::Error::custom)?;
        if let Some(fields) = contact.as_object_mut() {
            for key in FORM_ONLY {
                fields.remove(key);
            }
        }
        let mut line = s.serialize_struct("Line", 2)?;
        line.serialize_field("contact", &contact)?;
        line.serialize_field("history", &self.history)?;
        line.end()
    }
}

/// Writes a dossier: the header at once, then a line per prospect.
pub struct Writer<W: Write> {
    out: W,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W, exported_at: DateTime<Utc>, prospects: u32) -> Result<Self> {
        let header = Header {
            followthrough_dossier: VERSION,
            exported_at,
            prospects,
        };
        write_line(&mut out, &header)?;
        Ok(Writer { out })
    }

    pub fn write(&mut self, e: &Entry) -> Result<()> {
        write_line(&mut self.out, &Line::of(e))
    }

    pub fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(io)
    }
}

/// One JSON object and a newline. serde_json escapes newlines inside strings, so an
/// object is always exactly one line.
fn write_line<T: Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io(std::io::Error::new(kind, e.to_string())),
        None => Error::Io(std::io::Error::other(e.to_string())),
    })?;
    out.write_all(b"\n").map_err(io)
}
