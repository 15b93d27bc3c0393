//! Invariants of the cadence engine over random calendars, zones, histories and plans.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use followthrough_core::cadence::calendar::{weekday_of, WorkWeek};
use followthrough_core::cadence::plan::{builtin_plans, INBOUND_LEAD};
use followthrough_core::cadence::{next_due, Settings, Subject};
use followthrough_core::model::*;
use proptest::prelude::*;

const ZONES: &[Tz] = &[
    chrono_tz::America::Chicago,
    chrono_tz::Europe::Berlin,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Sydney,
];

fn settings_strategy() -> impl Strategy<Value = Settings> {
    (
        0..ZONES.len(),
        1u8..128,
        prop::collection::btree_set(16u32..36, 1..4),
        1u32..30,
    )
        .prop_map(|(z, days, halfhours, gap)| {
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
            s.max_gap_days = gap.max(7);
            s
        })
}

prop_compose! {
    fn history()(start in 0i64..(3 * 365 * 24 * 60), gaps in prop::collection::vec((1i64..(40 * 24 * 60), 0usize..10), 0..14), wait in 0i64..(90 * 24 * 60))
        -> (DateTime<Utc>, Vec<Touch>, DateTime<Utc>) {
        let created = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(start);
        let mut at = created;
        let touches: Vec<Touch> = gaps.into_iter().map(|(gap, c)| {
            at += Duration::minutes(gap);
            let channel = Channel::ALL[c];
            Touch { id: 0, prospect_id: 1, at, channel, outcome: Outcome::NoResponse, note: String::new(), counts: channel.counts(), inbound: false }
        }).collect();
        (created, touches, at + Duration::minutes(wait))
    }
}

fn on_block(week: &WorkWeek, t: DateTime<Utc>) -> bool {
    let local = t.with_timezone(&week.zone);
    week.is_workday(local.date_naive()) && week.blocks.contains(&local.time())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn due_times_respect_the_calendar_the_last_touch_and_the_ceiling(
        settings in settings_strategy(),
        (created, touches, now) in history(),
        plan_index in 0usize..4,
        status_index in 0usize..6,
    ) {
        let plan = &builtin_plans()[plan_index];
        prop_assume!(plan.id != INBOUND_LEAD);
        let status = Status::ALL[status_index];
        let subject = Subject {
            status, source: Source::Cold, created_at: created, paused: false, snoozed_until: None,
            next_step: None, plan, plan_started_at: created, touches: &touches, zone: None,
            preferred_channel: None, preferred_days: &[], preferred_time: None,
        };
        let due = next_due(&subject, &settings, now);
        if matches!(status, Status::DoNotContact | Status::HandedOff | Status::Disqualified) {
            prop_assert!(due.is_none(), "nothing is ever due for a stopped prospect");
            return Ok(());
        }
        let due = due.expect("built-in plans never end");
        let last = touches.iter().filter(|t| t.counts).map(|t| t.at).max();
        let anchor = last.unwrap_or(created);
        prop_assert!(due.at >= anchor, "due {} before the last touch {}", due.at, anchor);
        prop_assert!(on_block(&settings.week, due.at), "due {} is not a follow-up block on a working day ({:?})",
            due.at.with_timezone(&settings.week.zone), weekday_of(due.at.with_timezone(&settings.week.zone).date_naive()));
        let n = touches.iter().filter(|t| t.counts && t.at > created).count();
        let step = plan.step(n).unwrap().1;
        if status == Status::Active && last.is_some() && step.interval() <= Duration::days(settings.max_gap_days.into()) {
            prop_assert!(due.at - anchor <= Duration::days(settings.max_gap_days.into()),
                "gap {} days exceeds the ceiling {}", (due.at - anchor).num_hours() as f64 / 24.0, settings.max_gap_days);
        }
    }

    #[test]
    fn blocks_land_on_local_block_times_in_any_zone(
        settings in settings_strategy(),
        minutes in 0i64..(3 * 365 * 24 * 60),
    ) {
        let t = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(minutes);
        let b = settings.week.next_block(t);
        prop_assert!(b >= t);
        // Blocks are in working hours; no zone here shifts its clocks then.
        prop_assert!(on_block(&settings.week, b));
        prop_assert!(b - t <= Duration::days(8), "a block within a week (+1 day for DST)");
    }
}
