//! The local days of a report's period: which day, week, weekday and hour an instant
//! falls in, told from the instants the days begin instead of through the zone's rules
//! for every touch (a million touches, three or four lookups each, were most of the
//! longest report's walk).

use crate::cadence::calendar::resolve;
use chrono::{DateTime, Datelike};
use chrono::{Duration, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// The days from a Monday through a last date, in one zone.
pub(super) struct Days {
    zone: Tz,
    /// The instant each day begins, then the instant after the last day ends. Day 0 is
    /// a Monday, so day `i` is weekday `i % 7` and in week `i / 7`.
    starts: Vec<i64>,
}

impl Days {
    /// The days from `monday` through `last`.
    pub(super) fn new(zone: Tz, monday: NaiveDate, last: NaiveDate) -> Days {
        let days = (last - monday).num_days().max(0) + 1;
        let starts = (0..=days)
            .map(|i| day_start(zone, monday + Duration::days(i)))
            .collect();
        Days { zone, starts }
    }

    /// How many days there are.
    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The instant day `day` begins; `len()` gives the instant the last one ends.
    pub(super) fn start(&self, day: usize) -> i64 {
        self.starts[day.min(self.len())]
    }

    /// The day `ms` falls in, if it is one of them.
    pub(super) fn day(&self, ms: i64) -> Option<usize> {
        let (first, end) = (self.starts[0], self.starts[self.len()]);
        if !(first..end).contains(&ms) {
            return None;
        }
        // Most days are 24 hours, the rest a few hours either way, so the guess is at
        // most a day or so off; step to the day whose start is the last at or before.
        let mut day = (((ms - first) / DAY_MS) as usize).min(self.len() - 1);
        while day > 0 && self.starts[day] > ms {
            day -= 1;
        }
        while self.starts[day + 1] <= ms {
            day += 1;
        }
        Some(day)
    }

    /// The local weekday (0 is Monday) and hour `ms` falls in, if in one of the days.
    pub(super) fn weekday_hour(&self, ms: i64) -> Option<(usize, u32)> {
        let day = self.day(ms)?;
        let start = self.starts[day];
        let hour = if self.starts[day + 1] - start == DAY_MS {
            // A 24-hour day has no change of offset in it (a change makes the day
            // longer or shorter, and no zone changes twice in a day), so its hours
            // count from midnight.
            ((ms - start) / HOUR_MS) as u32
        } else {
            local(self.zone, ms).hour()
        };
        Some((day % 7, hour))
    }
}

/// The instant a local date begins, in ms.
pub(super) fn day_start(zone: Tz, date: NaiveDate) -> i64 {
    resolve(zone, date, NaiveTime::MIN).timestamp_millis()
}

/// A stored instant's local date.
pub(super) fn local_date(zone: Tz, ms: i64) -> NaiveDate {
    local(zone, ms).date_naive()
}

/// A stored instant in `zone`.
fn local(zone: Tz, ms: i64) -> DateTime<Tz> {
    // Stored instants are written from `DateTime`s, so they are in range; the epoch
    // stands in for one that is not rather than failing a whole report.
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&zone)
}

/// The local weekday (0 is Monday) and hour of an instant, through the zone's rules.
pub(super) fn weekday_hour(zone: Tz, ms: i64) -> (usize, u32) {
    let at = local(zone, ms);
    (at.weekday().num_days_from_monday() as usize, at.hour())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Zones with summer time either way round the year, one moving by half an hour,
    /// one that changes at midnight, and one without.
    const ZONES: [Tz; 6] = [
        chrono_tz::America::New_York,
        chrono_tz::Europe::Berlin,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::America::Santiago,
        chrono_tz::Asia::Kolkata,
        chrono_tz::UTC,
    ];

    proptest! {
        /// An instant's day, weekday and hour are what the zone's rules say.
        #[test]
        fn days_agree_with_the_zone(zone in 0..ZONES.len(), start in 0..1_500i64, len in 0..800i64, at in 0..1_000_000i64) {
            let zone = ZONES[zone];
            let from = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap() + Duration::days(start);
            let monday = from - Duration::days(from.weekday().num_days_from_monday().into());
            let last = from + Duration::days(len);
            let days = Days::new(zone, monday, last);
            // From a day before the first to a day after the last, in steps of about
            // a minute (a prime number of ms, so every minute and hour comes up).
            let first = days.start(0) - DAY_MS;
            let span = days.start(days.len()) + DAY_MS - first;
            let ms = first + (at * 59_999) % span;
            let date = local_date(zone, ms);
            let inside = (monday..=last).contains(&date);
            match days.day(ms) {
                Some(day) => {
                    prop_assert!(inside);
                    prop_assert_eq!(monday + Duration::days(day as i64), date);
                    prop_assert_eq!(days.weekday_hour(ms), Some(weekday_hour(zone, ms)));
                }
                None => prop_assert!(!inside, "{ms} on {date} is in {monday}..={last}"),
            }
        }
    }

    /// The hours of the days the clocks change, and the day itself: in Berlin the
    /// spring day has 23 hours (no 2 o'clock) and the autumn day 25 (two 2 o'clocks).
    #[test]
    fn the_days_the_clocks_change_keep_their_hours() {
        let zone = chrono_tz::Europe::Berlin;
        let monday = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap();
        let days = Days::new(zone, monday, monday + Duration::days(6));
        let sunday = days.start(6);
        assert_eq!(days.start(7) - sunday, 23 * HOUR_MS);
        assert_eq!(days.weekday_hour(sunday + 2 * HOUR_MS), Some((6, 3)));
        let monday = NaiveDate::from_ymd_opt(2026, 10, 19).unwrap();
        let days = Days::new(zone, monday, monday + Duration::days(6));
        let sunday = days.start(6);
        assert_eq!(days.start(7) - sunday, 25 * HOUR_MS);
        assert_eq!(days.weekday_hour(sunday + 2 * HOUR_MS), Some((6, 2)));
        assert_eq!(days.weekday_hour(sunday + 3 * HOUR_MS), Some((6, 2)));
        assert_eq!(days.weekday_hour(sunday + 4 * HOUR_MS), Some((6, 3)));
        assert_eq!(days.day(days.start(7)), None);
        assert_eq!(days.day(days.start(0) - 1), None);
    }
}
