//! No due storm after an import: a thousand new contacts must not all be due in the next
//! block. First contacts are spread over the coming first-contact days (working days, or
//! Thursdays when the user keeps first contacts for Thursday, seed 003), at most
//! `per_day` a day, by holding each later day's prospects back with a snooze until that
//! day's first block. A snooze is the engine's own "not before" (a touch the prospect
//! receives ends it), so the engine still decides everything else about the touch.

use super::calendar::{resolve, weekday_of};
use super::Settings;
use crate::model::Weekday;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

/// Hands out first-contact days in order, `per_day` prospects each.
#[derive(Debug, Clone)]
pub struct Spread<'a> {
    settings: &'a Settings,
    per_day: u32,
    /// The day being filled and how many it holds already.
    day: NaiveDate,
    taken: u32,
    /// How many days have been handed out so far (the first counts as one).
    days: u32,
    /// How many slots have been handed out.
    slots: u32,
    first: NaiveDate,
}

/// Where a new prospect's first contact falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub day: NaiveDate,
    /// The snooze that holds the prospect back until `day`; `None` on the first day,
    /// where the engine's own next block is already right.
    pub snooze: Option<DateTime<Utc>>,
}

impl<'a> Spread<'a> {
    /// `per_day` is at least 1 (the caller validates the user's number).
    pub fn new(settings: &'a Settings, now: DateTime<Utc>, per_day: u32) -> Spread<'a> {
        let week = &settings.week;
        let mut day = week.local_date(week.next_block(now));
        if let Some(back) = settings.back_on {
            day = day.max(back);
        }
        let day = next_day(settings, day);
        Spread {
            settings,
            per_day: per_day.max(1),
            day,
            taken: 0,
            days: 1,
            slots: 0,
            first: day,
        }
    }

    /// The slot for the next prospect.
    pub fn next_slot(&mut self) -> Slot {
        if self.taken == self.per_day {
            self.day = next_day(self.settings, self.day + Duration::days(1));
            self.taken = 0;
            self.days += 1;
        }
        self.taken += 1;
        self.slots += 1;
        let snooze = (self.day != self.first).then(|| {
            let week = &self.settings.week;
            week.next_block(resolve(week.zone, self.day, NaiveTime::MIN))
        });
        Slot {
            day: self.day,
            snooze,
        }
    }

    /// How many slots were handed out.
    pub fn slots(&self) -> u32 {
        self.slots
    }

    /// The first and last day handed out, and how many days that is.
    pub fn span(&self) -> (NaiveDate, NaiveDate, u32) {
        (self.first, self.day, self.days)
    }
}

/// The first first-contact day on or after `from`. Settings hold at least one workday
/// (their validation), so a year's search always finds one; a Thursday-only search
/// falls back to any workday if every Thursday is a holiday.
fn next_day(settings: &Settings, from: NaiveDate) -> NaiveDate {
    let week = &settings.week;
    let wanted = |d: NaiveDate| {
        week.is_workday(d) && (!settings.thursday_first_contact || weekday_of(d) == Weekday::Thu)
    };
    (0..400)
        .map(|i| from + Duration::days(i))
        .find(|&d| wanted(d))
        .or_else(|| {
            (0..400)
                .map(|i| from + Duration::days(i))
                .find(|&d| week.is_workday(d))
        })
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::America::Chicago;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Chicago
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn fills_each_working_day_up_to_the_rate() {
        let s = Settings::standard(Chicago);
        // Friday 2026-11-20, 10:00: today still has its 14:00 block.
        let mut spread = Spread::new(&s, at(2026, 11, 20, 10), 2);
        let days: Vec<_> = (0..5).map(|_| spread.next_slot()).collect();
        assert_eq!(
            days[0],
            Slot {
                day: date(2026, 11, 20),
                snooze: None
            }
        );
        assert_eq!(days[1].day, date(2026, 11, 20));
        // The weekend is skipped; Monday's prospects wait for Monday's first block.
        assert_eq!(days[2].day, date(2026, 11, 23));
        assert_eq!(
            days[2].snooze,
            Some(at(2026, 11, 23, 9) + Duration::minutes(30))
        );
        assert_eq!(days[4].day, date(2026, 11, 24));
        assert_eq!(spread.span(), (date(2026, 11, 20), date(2026, 11, 24), 3));
    }

    #[test]
    fn after_the_last_block_starts_on_the_next_working_day() {
        let s = Settings::standard(Chicago);
        let mut spread = Spread::new(&s, at(2026, 11, 20, 16), 20);
        assert_eq!(spread.next_slot().day, date(2026, 11, 23));
    }

    #[test]
    fn thursday_first_contacts_spread_over_thursdays() {
        let mut s = Settings::standard(Chicago);
        s.thursday_first_contact = true;
        let mut spread = Spread::new(&s, at(2026, 11, 23, 10), 1);
        assert_eq!(spread.next_slot().day, date(2026, 11, 26));
        assert_eq!(spread.next_slot().day, date(2026, 12, 3));
    }

    #[test]
    fn starts_after_a_vacation() {
        let mut s = Settings::standard(Chicago);
        s.back_on = Some(date(2026, 12, 7));
        let mut spread = Spread::new(&s, at(2026, 11, 23, 10), 5);
        assert_eq!(spread.next_slot().day, date(2026, 12, 7));
    }
}
