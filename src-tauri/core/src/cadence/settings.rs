//! The user's follow-up settings, and the rule for what settings are acceptable. Pure:
//! the store loads and saves them.

use super::calendar::WorkWeek;
use crate::error::{Error, Result};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The user's follow-up settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub week: WorkWeek,
    /// In active pursuit, the longest allowed gap between touches (seed 003: two weeks).
    pub max_gap_days: u32,
    /// Seed 003 finds Thursday the best day for a first contact.
    pub thursday_first_contact: bool,
    /// The user is away (vacation) until this date: due items wait, and on the day they
    /// are back everything missed shows as overdue. Nothing is rescheduled or lost.
    #[serde(default)]
    pub back_on: Option<chrono::NaiveDate>,
}

impl Settings {
    /// First-run settings in the user's zone (the caller says which: the core never
    /// reads the machine's zone).
    pub fn standard(zone: Tz) -> Settings {
        Settings {
            week: WorkWeek::standard(zone),
            max_gap_days: 14,
            thursday_first_contact: false,
            back_on: None,
        }
    }

    /// Whether these settings can be worked with: the one check, used by every path
    /// that saves them.
    pub fn validate(&self) -> Result<()> {
        let w = &self.week;
        if w.workdays.is_empty() {
            return Err(Error::invalid("workdays", "Pick at least one working day."));
        }
        if w.day_start >= w.day_end {
            return Err(Error::invalid(
                "day_end",
                "The working day must end after it starts.",
            ));
        }
        if w.blocks.is_empty() {
            return Err(Error::invalid(
                "blocks",
                "Add at least one follow-up block.",
            ));
        }
        if w.blocks.windows(2).any(|p| p[0] >= p[1]) {
            return Err(Error::invalid(
                "blocks",
                "List the follow-up blocks in order, without repeats.",
            ));
        }
        if w.blocks.iter().any(|b| *b < w.day_start || *b >= w.day_end) {
            return Err(Error::invalid(
                "blocks",
                "Follow-up blocks must fall within working hours.",
            ));
        }
        if !(1..=90).contains(&self.max_gap_days) {
            return Err(Error::invalid(
                "max_gap_days",
                "The longest gap must be between 1 and 90 days.",
            ));
        }
        if w.holidays.len() > 366 {
            return Err(Error::invalid(
                "holidays",
                "That's more holidays than days in a year.",
            ));
        }
        Ok(())
    }
}
