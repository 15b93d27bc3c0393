//! Invariants of the cadence engine over random calendars, zones, histories and plans.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use followthrough_core::cadence::calendar::{weekday_of, WorkWeek};
use followthrough_core::cadence::plan::{builtin_plans, INBOUND_LEAD};
use followthrough_core::cadence::{in_pursuit, next_due, reads, Subject};
use followthrough_core::model::*;
use proptest::prelude::*;

mod common;

use common::{settings as settings_strategy, ZONES};

/// A prospect's own circumstances: where they came from, their zone, when they like to be
/// called, an agreed next step, a snooze.
#[derive(Debug, Clone)]
struct Extras {
    source: Source,
    zone: Option<Tz>,
    days: Vec<Weekday>,
    time: Option<NaiveTime>,
    channel: Option<Channel>,
    next_step_in: Option<i64>,
    snooze_in: Option<i64>,
}

fn extras() -> impl Strategy<Value = Extras> {
    (
        0..Source::ALL.len(),
        prop::option::of(0..ZONES.len()),
        any::<u8>(),
        prop::option::of(14u32..40),
        prop::option::of(0..Channel::ALL.len()),
        prop::option::weighted(0.2, -(2i64 * 24 * 60)..(40 * 24 * 60)),
        prop::option::weighted(0.2, 1i64..(30 * 24 * 60)),
    )
        .prop_map(
            |(source, zone, days, time, channel, next_step_in, snooze_in)| Extras {
                source: Source::ALL[source],
                zone: zone.map(|z| ZONES[z]),
                days: Weekday::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| days & 0x80 != 0 && days & (1 << i) != 0)
                    .map(|(_, d)| *d)
                    .collect(),
                time: time.map(|h| NaiveTime::from_hms_opt(h / 2, (h % 2) * 30, 0).unwrap()),
                channel: channel.map(|c| Channel::ALL[c]),
                next_step_in,
                snooze_in,
            },
        )
}

prop_compose! {
    fn history()(start in 0i64..(3 * 365 * 24 * 60), gaps in prop::collection::vec((1i64..(40 * 24 * 60), 0usize..10), 0..14), wait in 0i64..(90 * 24 * 60))
        -> (DateTime<Utc>, Vec<Touch>, DateTime<Utc>) {
        let created = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(start);
        let mut at = created;
        let touches: Vec<Touch> = gaps.into_iter().map(|(gap, c)| {
            at += Duration::minutes(gap);
            let channel = Channel::ALL[c];
            // Every fourth touch or so is one they sent us.
            let inbound = gap % 4 == 0;
            Touch { id: 0, prospect_id: 1, at, channel, outcome: Outcome::NoResponse, note: String::new(), message: String::new(), counts: channel.is_touchpoint(inbound), inbound }
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

    /// The store reads only the touches `reads` keeps (the full reschedule streams only
    /// those); the engine's answer must be the same as with every touch, whatever else
    /// is going on with the prospect.
    #[test]
    fn touches_the_engine_does_not_read_change_nothing(
        settings in settings_strategy(),
        (created, touches, now) in history(),
        x in extras(),
        plan_index in 0usize..4,
        status_index in 0usize..6,
        paused in prop::bool::weighted(0.1),
        back_in in prop::option::weighted(0.2, 0i64..30),
    ) {
        let mut settings = settings;
        settings.back_on = back_in.map(|d| now.date_naive() + Duration::days(d));
        let plan = &builtin_plans()[plan_index];
        let step = x.next_step_in.map(|m| NextStep { at: now + Duration::minutes(m), note: String::new() });
        let read: Vec<Touch> = touches.iter().filter(|t| reads(t)).cloned().collect();
        let subject = |touches| Subject {
            status: Status::ALL[status_index], source: x.source, created_at: created, paused,
            snoozed_until: x.snooze_in.map(|m| now + Duration::minutes(m)),
            next_step: step.as_ref(), plan, plan_started_at: created, touches, zone: x.zone,
            preferred_channel: x.channel, preferred_days: &x.days, preferred_time: x.time,
        };
        prop_assert_eq!(
            next_due(&subject(&touches), &settings, now),
            next_due(&subject(&read), &settings, now)
        );
    }

    /// With everything a prospect can have (a zone, preferred days and times, snoozes,
    /// agreed steps, replies they sent, holidays), nothing is ever due before the last
    /// touch they received unless they asked for it (an owed reply or an agreed step).
    #[test]
    fn due_times_hold_for_any_prospect(
        settings in settings_strategy(),
        (created, touches, now) in history(),
        x in extras(),
        plan_index in 0usize..4,
    ) {
        let plan = &builtin_plans()[plan_index];
        let step = x.next_step_in.map(|m| NextStep { at: now + Duration::minutes(m), note: String::new() });
        let subject = Subject {
            status: Status::Active, source: x.source, created_at: created, paused: false,
            snoozed_until: x.snooze_in.map(|m| now + Duration::minutes(m)),
            next_step: step.as_ref(), plan, plan_started_at: created, touches: &touches, zone: x.zone,
            preferred_channel: x.channel, preferred_days: &x.days, preferred_time: x.time,
        };
        let due = next_due(&subject, &settings, now).expect("built-in plans never end");
        match due.kind {
            DueKind::NextStep => {
                // At the time agreed, unless a snooze holds it later.
                let agreed = step.as_ref().map(|s| s.at);
                let held = subject.snoozed_until.filter(|&u| Some(u) > agreed);
                prop_assert_eq!(Some(due.at), held.map(|u| settings.week.at_or_next_block(u)).or(agreed));
            }
            DueKind::Reply => prop_assert!(touches.iter().any(|t| t.inbound && t.at <= due.at)),
            DueKind::Cadence | DueKind::Inbound => {
                let last = touches.iter().filter(|t| t.counts).map(|t| t.at).max().unwrap_or(created);
                prop_assert!(due.at >= last, "due {} before the last touch {}", due.at, last);
            }
        }
    }

    #[test]
    fn due_times_respect_the_calendar_the_last_touch_and_the_ceiling(
        settings in settings_strategy(),
        (created, touches, now) in history(),
        plan_index in 0usize..4,
        status_index in 0usize..6,
    ) {
        let plan = &builtin_plans()[plan_index];
        prop_assume!(plan.id != INBOUND_LEAD);
        // Only touches of ours here: a reply owed is due at once, not in a block (the
        // next property covers it).
        let touches: Vec<Touch> = touches.into_iter().map(|t| Touch { inbound: false, ..t }).collect();
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
        if last.is_some() && in_pursuit(status, step) {
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
        // Within a week (+1 day for DST), plus a week for each holiday: a holiday can
        // take the only working day of a week.
        let holidays = settings.week.holidays.len() as i64;
        prop_assert!(
            b - t <= Duration::days(8 + 7 * holidays),
            "a block within a week, holidays aside"
        );
    }
}
