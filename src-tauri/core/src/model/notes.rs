//! Handwritten notes as data: a note and where it stands, the card it goes on, and a
//! print batch. How a text fits a card is in `cards`; drawing the pages is in `print`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum!(
    /// Where a handwritten note stands. Queued: the user asked for one, nothing written
    /// yet. Mailing it logs the touch.
    NoteState {
        Queued = "queued": "To write",
        Drafted = "drafted": "Drafted",
        Written = "written": "Written",
        Mailed = "mailed": "Mailed",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: i64,
    pub prospect_id: i64,
    pub card: String,
    pub body: String,
    pub state: NoteState,
    pub reason_id: Option<i64>,
    pub touch_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A card the user writes on, with its physical size and how much handwriting fits.
/// The presets are in `cards::CARDS`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CardSize {
    pub id: &'static str,
    pub label: &'static str,
    /// Writing area, in inches (the inside panel of a folded card).
    pub width_in: f32,
    pub height_in: f32,
    pub chars_per_line: usize,
    pub lines: usize,
    /// The envelope it goes in, in inches (width × height).
    pub envelope: (f32, f32),
    pub envelope_label: &'static str,
}

impl CardSize {
    pub fn max_chars(&self) -> usize {
        self.chars_per_line * self.lines
    }
}

/// What goes with the notes: nothing, an envelope page each, or one sheet of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Addressing {
    None,
    #[default]
    Envelopes,
    Labels,
}

/// A batch as it goes to the printer: the notes, and the return address for envelopes.
#[derive(Debug, Clone, Serialize)]
pub struct PrintBatch {
    pub notes: Vec<PrintNote>,
    /// Your name and return address, one line each (empty lines dropped).
    pub from: Vec<String>,
}

/// One note as it goes to the printer.
#[derive(Debug, Clone, Serialize)]
pub struct PrintNote {
    pub note_id: i64,
    pub name: String,
    pub address: Vec<String>,
    pub card: &'static CardSize,
    pub lines: Vec<String>,
}
