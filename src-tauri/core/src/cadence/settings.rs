//! The user's follow-up settings, and the rule for what settings are acceptable. Pure:
//! the store loads and saves them.

use super::calendar::WorkWeek;
use crate::error::{Error, Result};
use crate::limits::{self, check_date};
use chrono::{DateTime, Duration, Utc};
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

    /// Whether these settings can be worked with at `now`: the one check, used by every
    /// path that saves them. Dates are held to a sane window around today (see `limits`).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<()> {
        let w = &self.week;
        if w.workdays.is_empty() {
            return Err(Error::invalid("workdays", "Pick at least one working day."));
        }
        let repeated = |i: usize| w.workdays[..i].contains(&w.workdays[i]);
        if w.workdays.len() > 7 || (0..w.workdays.len()).any(repeated) {
            return Err(Error::invalid(
                "workdays",
                "Pick each working day only once.",
            ));
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
        if w.blocks.len() > limits::BLOCKS {
            return Err(Error::invalid(
                "blocks",
                format!("At most {} follow-up blocks a day.", limits::BLOCKS),
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
        if !(1..=limits::MAX_GAP_DAYS).contains(&(self.max_gap_days as usize)) {
            return Err(Error::invalid(
                "max_gap_days",
                format!(
                    "The longest gap must be between 1 and {} days.",
                    limits::MAX_GAP_DAYS
                ),
            ));
        }
        if w.holidays.len() > limits::HOLIDAYS {
            return Err(Error::invalid(
                "holidays",
                format!(
                    "At most {} holidays at once: remove the ones that have passed.",
                    limits::HOLIDAYS
                ),
            ));
        }
        let today = w.local_date(now);
        for &day in &w.holidays {
            check_date("holidays", "Holiday", day, today)?;
        }
        if let Some(back) = self.back_on {
            check_date("back_on", "Away until", back, today)?;
            if back > today + Duration::days(limits::AHEAD_DAYS as i64) {
                return Err(Error::invalid(
                    "back_on",
                    format!(
                        "Away until {back} is too far ahead (at most {} days from today).",
                        limits::AHEAD_DAYS
                    ),
                ));
            }
        }
        Ok(())
    }
}
