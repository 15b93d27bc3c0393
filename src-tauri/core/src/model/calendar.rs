//! The calendar of what is coming, as data: what the user chose to put in it. The file
//! itself is written by `export::ics`; the rule for acceptable choices lives there too.

use serde::{Deserialize, Serialize};

text_enum!(
    /// How much of a follow-up the calendar shows. A calendar is often shared with a
    /// manager or synced to a phone a colleague can see, so the names can stay out.
    CalendarDetail {
        Full = "full": "Full details",
        Private = "private": "Only how many are due",
    }
);

/// What the calendar holds and whether the app keeps a live copy of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CalendarPrefs {
    /// The app rewrites the live calendar file whenever the schedule changes.
    pub live: bool,
    /// How many weeks ahead, from the start of today (`limits::CALENDAR_WEEKS` at most).
    pub weeks: u32,
    pub details: CalendarDetail,
}

impl Default for CalendarPrefs {
    /// Off, four weeks, full details: a month is what a phone's calendar shows ahead.
    fn default() -> CalendarPrefs {
        CalendarPrefs {
            live: false,
            weeks: 4,
            details: CalendarDetail::Full,
        }
    }
}
