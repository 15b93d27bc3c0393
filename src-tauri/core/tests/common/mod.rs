//! Generators shared by the property tests: zones on both sides of the date line and
//! with DST in either half of the year, and any calendar a user could save.

use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use followthrough_core::cadence::Settings;
use followthrough_core::model::Weekday;
use proptest::prelude::*;

pub const ZONES: &[Tz] = &[
    chrono_tz::America::Chicago,
    chrono_tz::Europe::Berlin,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Sydney,
];

/// Any settings a user could save: working days, one to three follow-up blocks,
/// holidays, a longest gap, Thursday first contact, and sometimes an away-until date
/// (within `limits::AHEAD_DAYS` of any day in 2025, as saving requires).
pub fn settings() -> impl Strategy<Value = Settings> {
    (
        0..ZONES.len(),
        1u8..128,
        prop::collection::btree_set(16u32..36, 1..4),
        7u32..30,
        prop::collection::vec(0i64..(3 * 365), 0..8),
        any::<bool>(),
        prop::option::weighted(0.2, 0i64..(2 * 365)),
    )
        .prop_map(|(z, days, halfhours, gap, holidays, thursday, back)| {
            let mut s = Settings::standard(ZONES[z]);
            s.week.workdays = Weekday::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| days & (1 << i) != 0)
                .map(|(_, d)| *d)
                .collect();
            s.week.day_start = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
            s.week.day_end = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
            s.week.blocks = halfhours
                .into_iter()
                .map(|h| NaiveTime::from_hms_opt(h / 2, (h % 2) * 30, 0).unwrap())
                .collect();
            let day0 = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
            s.week.holidays = holidays
                .into_iter()
                .map(|d| day0 + Duration::days(d))
                .collect();
            s.week.holidays.sort();
            s.week.holidays.dedup();
            s.max_gap_days = gap;
            s.thursday_first_contact = thursday;
            s.back_on = back.map(|d| day0 + Duration::days(d));
            s
        })
}
