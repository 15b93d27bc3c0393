//! The user's working week: which days, which hours, when the follow-up blocks are, and
//! which dates are holidays, all in the user's own zone. Turns "due after this instant"
//! into "due at this block", across DST transitions.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::model::{SnoozeTo, Weekday};

/// How far ahead to look for a working slot. A year covers any sane holiday list; the
/// settings validation guarantees at least one workday, so this never runs out.
const SEARCH_DAYS: i64 = 400;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkWeek {
    pub zone: Tz,
    pub workdays: Vec<Weekday>,
    pub day_start: NaiveTime,
    pub day_end: NaiveTime,
    /// Follow-up blocks (seed 002: twice a day), sorted, each within working hours.
    pub blocks: Vec<NaiveTime>,
    pub holidays: Vec<NaiveDate>,
}

impl WorkWeek {
    /// Monday to Friday, 08:30–17:30, blocks at 09:30 and 14:00.
    pub fn standard(zone: Tz) -> WorkWeek {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("a valid clock time");
        WorkWeek {
            zone,
            workdays: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            day_start: t(8, 30),
            day_end: t(17, 30),
            blocks: vec![t(9, 30), t(14, 0)],
            holidays: Vec::new(),
        }
    }

    pub fn is_workday(&self, date: NaiveDate) -> bool {
        self.workdays.contains(&weekday_of(date)) && !self.holidays.contains(&date)
    }

    pub fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.zone).date_naive()
    }

    /// The first follow-up block at or after `t`.
    pub fn next_block(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        self.scan_forward(t, |date| {
            self.blocks.iter().map(move |&b| (date, b)).collect()
        })
        .unwrap_or(t)
    }

    /// A time the user chose (the end of a snooze): kept when it falls in working hours,
    /// else the first follow-up block after it (the window snoozes "until tomorrow" to
    /// tomorrow's midnight, so it starts at tomorrow's first block).
    pub fn at_or_next_block(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        if self.is_working_instant(t) {
            t
        } else {
            self.next_block(t)
        }
    }

    /// The last follow-up block at or before `t`, if there is one within the search window.
    pub fn prev_block(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let start = self.local_date(t);
        for back in 0..SEARCH_DAYS {
            let date = start - Duration::days(back);
            if !self.is_workday(date) {
                continue;
            }
            for &b in self.blocks.iter().rev() {
                let at = resolve(self.zone, date, b);
                if at <= t {
                    return Some(at);
                }
            }
        }
        None
    }

    /// `t` itself if it falls in working hours on a workday, else the start of the next
    /// working period. Inbound leads use this rather than waiting for a block.
    pub fn next_working_instant(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let date = self.local_date(t);
        if self.is_workday(date) {
            let (start, end) = (
                resolve(self.zone, date, self.day_start),
                resolve(self.zone, date, self.day_end),
            );
            if t >= start && t < end {
                return t;
            }
        }
        self.scan_forward(t, |date| vec![(date, self.day_start)])
            .unwrap_or(t)
    }

    /// Whether `t` is inside working hours on a workday.
    pub fn is_working_instant(&self, t: DateTime<Utc>) -> bool {
        self.next_working_instant(t) == t
    }

    /// The end of the business day after the one `t` falls on (seed 002: return calls by
    /// the end of the next business day).
    pub fn end_of_next_business_day(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let mut date = self.local_date(t);
        for _ in 0..SEARCH_DAYS {
            date += Duration::days(1);
            if self.is_workday(date) {
                return resolve(self.zone, date, self.day_end);
            }
        }
        t + Duration::days(1)
    }

    /// The midnight that ends the local day containing `t`.
    pub fn end_of_day(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        resolve(
            self.zone,
            self.local_date(t) + Duration::days(1),
            NaiveTime::MIN,
        )
    }

    /// The instant a snooze picked at `now` ends: a day's choices at that day's local
    /// midnight (the follow-up then comes at its first block), so "tomorrow" is the
    /// user's tomorrow even on a computer set to another zone.
    pub fn snooze_until(&self, to: SnoozeTo, now: DateTime<Utc>) -> DateTime<Utc> {
        let today = self.local_date(now);
        let day = match to {
            SnoozeTo::Hour => return now + Duration::hours(1),
            SnoozeTo::Tomorrow => today + Duration::days(1),
            SnoozeTo::NextWeek => {
                today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()))
            }
            SnoozeTo::Day(date) => date,
        };
        resolve(self.zone, day, NaiveTime::MIN)
    }

    /// First candidate instant >= t, walking days forward from t's local date.
    fn scan_forward(
        &self,
        t: DateTime<Utc>,
        candidates: impl Fn(NaiveDate) -> Vec<(NaiveDate, NaiveTime)>,
    ) -> Option<DateTime<Utc>> {
        let start = self.local_date(t);
        for ahead in 0..SEARCH_DAYS {
            let date = start + Duration::days(ahead);
            if !self.is_workday(date) {
                continue;
            }
            for (d, time) in candidates(date) {
                let at = resolve(self.zone, d, time);
                if at >= t {
                    return Some(at);
                }
            }
        }
        None
    }
}

pub fn weekday_of(date: NaiveDate) -> Weekday {
    match date.weekday() {
        chrono::Weekday::Mon => Weekday::Mon,
        chrono::Weekday::Tue => Weekday::Tue,
        chrono::Weekday::Wed => Weekday::Wed,
        chrono::Weekday::Thu => Weekday::Thu,
        chrono::Weekday::Fri => Weekday::Fri,
        chrono::Weekday::Sat => Weekday::Sat,
        chrono::Weekday::Sun => Weekday::Sun,
    }
}

/// A local wall-clock time on a date, as an instant. In a spring-forward gap the time
/// does not exist: take the first instant after the gap (09:30 that became 10:30 is
/// still "first thing"). In a fall-back fold it exists twice: take the earlier.
pub fn resolve(zone: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // Gaps are at most a few hours; step forward in quarter hours until valid.
            let mut probe = naive;
            for _ in 0..16 {
                probe += Duration::minutes(15);
                if let Some(t) = zone.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&naive)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Chicago;
    use chrono_tz::Europe::Berlin;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn next_block_skips_to_the_afternoon_block_and_over_weekends() {
        let w = WorkWeek::standard(Chicago);
        // Tue 2026-11-24 11:00 CST (17:00Z) → 14:00 CST the same day.
        assert_eq!(
            w.next_block(utc("2026-11-24T17:00:00Z")),
            utc("2026-11-24T20:00:00Z")
        );
        // Fri 16:58 CST → Mon 09:30 CST.
        assert_eq!(
            w.next_block(utc("2026-11-27T22:58:00Z")),
            utc("2026-11-30T15:30:00Z")
        );
        // Exactly on a block stays there.
        assert_eq!(
            w.next_block(utc("2026-11-24T15:30:00Z")),
            utc("2026-11-24T15:30:00Z")
        );
    }

    /// The days of a snooze are the user's: at 20:00 in Chicago on Sunday the 29th it is
    /// already Monday the 30th in UTC (and Monday morning in Tokyo), but tomorrow is
    /// Monday the 30th and so is next week's start, each from Chicago's midnight.
    #[test]
    fn a_snooze_to_a_day_is_that_day_in_the_users_zone() {
        let w = WorkWeek::standard(Chicago);
        let now = utc("2026-11-30T02:00:00Z"); // Sun 2026-11-29 20:00 CST
        let midnight = |d| resolve(Chicago, d, NaiveTime::MIN);
        let date = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            w.snooze_until(SnoozeTo::Hour, now),
            now + Duration::hours(1)
        );
        assert_eq!(w.snooze_until(SnoozeTo::Tomorrow, now), midnight(date(30)));
        assert_eq!(w.snooze_until(SnoozeTo::NextWeek, now), midnight(date(30)));
        assert_eq!(
            w.snooze_until(SnoozeTo::Day(date(27)), now),
            utc("2026-11-27T06:00:00Z")
        );
        // On a Monday, next week is the Monday after.
        let monday = utc("2026-11-30T15:00:00Z");
        assert_eq!(
            w.snooze_until(SnoozeTo::NextWeek, monday),
            utc("2026-12-07T06:00:00Z")
        );
        // Across the change to summer time: the day still starts at its own midnight.
        let berlin = WorkWeek::standard(Berlin);
        assert_eq!(
            berlin.snooze_until(SnoozeTo::Tomorrow, utc("2026-03-28T12:00:00Z")),
            utc("2026-03-28T23:00:00Z")
        );
    }

    #[test]
    fn holidays_are_skipped() {
        let mut w = WorkWeek::standard(Chicago);
        w.holidays = vec![NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()]; // Thanksgiving
        assert_eq!(
            w.next_block(utc("2026-11-25T21:00:00Z")),
            utc("2026-11-27T15:30:00Z")
        );
    }

    #[test]
    fn spring_forward_gap_moves_to_the_first_valid_instant() {
        // Berlin 2026-03-29: 02:00 → 03:00. A block at 02:30 resolves to 03:00 CEST (01:00Z).
        let t = resolve(
            Berlin,
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        );
        assert_eq!(t, utc("2026-03-29T01:00:00Z"));
        // Chicago 2026-03-08: 02:00 → 03:00.
        let t = resolve(
            Chicago,
            NaiveDate::from_ymd_opt(2026, 3, 8).unwrap(),
            NaiveTime::from_hms_opt(2, 15, 0).unwrap(),
        );
        assert_eq!(t, utc("2026-03-08T08:00:00Z"));
    }

    #[test]
    fn fall_back_fold_takes_the_earlier_instant() {
        // Chicago 2026-11-01: 01:30 happens twice; the first is CDT (06:30Z).
        let t = resolve(
            Chicago,
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
        );
        assert_eq!(t, utc("2026-11-01T06:30:00Z"));
        // Berlin 2026-10-25: 02:30 twice; first is CEST (00:30Z).
        let t = resolve(
            Berlin,
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap(),
            NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        );
        assert_eq!(t, utc("2026-10-25T00:30:00Z"));
    }

    #[test]
    fn blocks_keep_their_local_time_across_dst() {
        let w = WorkWeek::standard(Chicago);
        // Friday before the November change: 09:30 CDT = 14:30Z; the Monday after: 09:30 CST = 15:30Z.
        assert_eq!(
            w.next_block(utc("2026-10-30T14:00:00Z")),
            utc("2026-10-30T14:30:00Z")
        );
        assert_eq!(
            w.next_block(utc("2026-10-31T00:00:00Z")),
            utc("2026-11-02T15:30:00Z")
        );
    }

    #[test]
    fn working_instants_and_business_days() {
        let w = WorkWeek::standard(Chicago);
        assert!(w.is_working_instant(utc("2026-11-24T17:00:00Z"))); // Tue 11:00
        assert!(!w.is_working_instant(utc("2026-11-28T17:00:00Z"))); // Sat
                                                                     // Fri 16:58 CST → still working (ends 17:30).
        assert!(w.is_working_instant(utc("2026-11-27T22:58:00Z")));
        // Fri 18:00 CST → Mon 08:30 CST.
        assert_eq!(
            w.next_working_instant(utc("2026-11-28T00:00:00Z")),
            utc("2026-11-30T14:30:00Z")
        );
        // End of next business day after Friday is Monday 17:30 CST.
        assert_eq!(
            w.end_of_next_business_day(utc("2026-11-27T22:58:00Z")),
            utc("2026-11-30T23:30:00Z")
        );
        let prev = w.prev_block(utc("2026-11-30T12:00:00Z")).unwrap(); // Mon 06:00 CST
        assert_eq!(prev, utc("2026-11-27T20:00:00Z")); // Fri 14:00 CST
    }
}
