//! What a desktop reminder says, and when the next one is due. Pure: the store gathers the
//! due items, this decides the wording, and `notify_at` decides when an item may be
//! announced (seed 002: follow-up happens in fixed blocks; inbound leads can't wait).

use crate::cadence::calendar::WorkWeek;
use crate::model::{DueItem, DueKind};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The earliest instant an item due at `due` may be announced: urgent ones (inbound
/// leads, replies owed) at once within working hours; the rest at the start of the next
/// follow-up block.
pub fn notify_at(week: &WorkWeek, due: DateTime<Utc>, kind: DueKind) -> DateTime<Utc> {
    if kind.is_urgent() {
        week.next_working_instant(due)
    } else {
        week.next_block(due)
    }
}

/// How long the tray's "pause reminders" lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pause {
    /// An hour from now.
    Hour,
    /// Until the first follow-up block of the next working day, in the user's zone.
    Tomorrow,
}

impl Pause {
    pub fn until(self, week: &WorkWeek, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Pause::Hour => now + chrono::Duration::hours(1),
            Pause::Tomorrow => week.next_block(week.end_of_day(now)),
        }
    }
}

/// One grouped notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub summary: String,
    pub body: String,
    /// An inbound lead or an owed reply is among them.
    pub urgent: bool,
    /// The single prospect it is about, when there is only one (clicking opens them).
    pub prospect_id: Option<i64>,
}

const NAMES_SHOWN: usize = 5;

/// Words for `items` (the first few of `total` waiting). `catch_up` is for what came
/// due while the app was closed or the machine slept.
pub fn compose(items: &[DueItem], total: u32, catch_up: bool) -> Option<Message> {
    let first = items.first()?;
    let urgent = items.iter().any(|i| i.due.urgent);
    let what = |i: &DueItem| {
        format!(
            "{} ({})",
            i.prospect.name,
            i.due.channel.label().to_lowercase()
        )
    };
    let noun = if total == 1 {
        "follow-up"
    } else {
        "follow-ups"
    };
    let summary = match (total, catch_up) {
        (1, false) => format!(
            "{} is due: {}",
            first.prospect.name,
            first.due.channel.label().to_lowercase()
        ),
        (1, true) => format!("1 follow-up waiting: {}", first.prospect.name),
        (n, false) => format!("{n} {noun} due"),
        (n, true) => format!("{n} {noun} waiting"),
    };
    let mut names: Vec<String> = items.iter().take(NAMES_SHOWN).map(what).collect();
    let shown = names.len() as u32;
    if total > shown {
        names.push(format!("and {} more", total - shown));
    }
    let mut body = if total == 1 {
        first.due.purpose.clone()
    } else {
        names.join(", ")
    };
    if catch_up {
        body.push_str(if total == 1 {
            " (came due while Follow Through was closed)"
        } else {
            " — came due while Follow Through was closed"
        });
    }
    Some(Message {
        summary,
        body,
        urgent,
        prospect_id: (total == 1).then_some(first.prospect.id),
    })
}
