//! What the cadence engine answers, as data: an agreed next step, where a snooze ends,
//! a due touch and its kind, and a due item as the queues and reminders show it. The
//! rules that produce them are in `cadence`.

use super::{Channel, ProspectRow};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An agreed next step: a date and time set with the prospect (the "advance").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub at: DateTime<Utc>,
    pub note: String,
}

/// Where a snooze the user picks ends (`cadence::calendar::WorkWeek::snooze_until`).
/// The days are the user's, in the zone of their working week, whatever zone the
/// computer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnoozeTo {
    /// An hour from now.
    Hour,
    /// The start of tomorrow: the follow-up comes at that day's first block.
    Tomorrow,
    /// The start of next week's Monday.
    NextWeek,
    /// The start of a day picked on a calendar.
    Day(NaiveDate),
}

text_enum!(
    /// Why a touch is due. Stored beside the due time so the queues can list the urgent
    /// kinds first without re-running the engine.
    DueKind {
        NextStep = "next_step": "Agreed next step",
        Reply = "reply": "Reply owed",
        Inbound = "inbound": "Inbound lead",
        Cadence = "cadence": "Plan",
    }
);

impl DueKind {
    /// Kinds that can't wait for the next follow-up block (seed 003: inbound leads;
    /// seed 002: replies within 24 hours).
    pub fn is_urgent(self) -> bool {
        matches!(self, DueKind::Inbound | DueKind::Reply)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub at: DateTime<Utc>,
    pub kind: DueKind,
    pub channel: Channel,
    pub purpose: String,
    /// Which touchpoint this will be (1-based).
    pub touch_number: u32,
    pub urgent: bool,
    /// Human-readable: "touch 4 of 12 · weekly phase · last touched 7 days ago by
    /// voicemail · suggested: call".
    pub explanation: String,
}

/// A due item as the queues show it: the prospect's row and the engine's answer.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub prospect: ProspectRow,
    pub due: Due,
    /// "Inbound", "Overdue", "09:30 block", …: the group it is listed under.
    pub group: String,
}
