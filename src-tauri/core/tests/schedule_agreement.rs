//! Every path that schedules a prospect gives the same answer. A write to one prospect
//! (logging a touch, a snooze, a next step, …) recomputes it alone; saving Settings
//! reschedules everyone in one streaming pass. For random books of prospects and
//! histories, both must leave the same next due time, and the engine's fresh answer
//! must match what is stored. The queues read a whole page's schedules at once
//! (`evaluate_many`): each item's answer must be the one read for it alone. The reports
//! count one-hit wonders and stalled prospects exactly as those queues list them.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::model::*;
use followthrough_core::Store;
use proptest::prelude::*;

mod common;

use common::{settings, ZONES};

/// One thing that happens to a prospect, `gap` minutes after the previous one.
#[derive(Debug, Clone)]
enum Event {
    Touch {
        channel: usize,
        outcome: usize,
        inbound: bool,
    },
    Snooze(i64),
    NextStep(i64),
    Pause(bool),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => (0..Channel::ALL.len(), 0..Outcome::ALL.len(), prop::bool::weighted(0.3))
            .prop_map(|(channel, outcome, inbound)| Event::Touch { channel, outcome, inbound }),
        1 => (60i64..(20 * 24 * 60)).prop_map(Event::Snooze),
        1 => (60i64..(30 * 24 * 60)).prop_map(Event::NextStep),
        1 => any::<bool>().prop_map(Event::Pause),
    ]
}

#[derive(Debug, Clone)]
struct Person {
    source: usize,
    zone: Option<usize>,
    days: u8,
    time: Option<u32>,
    channel: Option<usize>,
    events: Vec<(i64, Event)>,
}

fn person() -> impl Strategy<Value = Person> {
    (
        0..Source::ALL.len(),
        prop::option::of(0..ZONES.len()),
        any::<u8>(),
        prop::option::of(16u32..38),
        prop::option::of(0..Channel::ALL.len()),
        prop::collection::vec((1i64..(40 * 24 * 60), event()), 0..12),
    )
        .prop_map(|(source, zone, days, time, channel, events)| Person {
            source,
            zone,
            days,
            time,
            channel,
            events,
        })
}

fn play(store: &mut Store, start: DateTime<Utc>, p: &Person) -> (i64, DateTime<Utc>) {
    let days: Vec<Weekday> = Weekday::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| p.days & (1 << i) != 0 && p.days & 0x80 != 0)
        .map(|(_, d)| *d)
        .collect();
    let input = ProspectInput {
        name: "Pat".into(),
        source: Source::ALL[p.source],
        time_zone: p
            .zone
            .map(|z| ZONES[z].name().to_string())
            .unwrap_or_default(),
        preferred_days: days,
        preferred_time: p
            .time
            .map(|h| format!("{:02}:{:02}", h / 2, (h % 2) * 30))
            .unwrap_or_default(),
        preferred_channel: p.channel.map(|c| Channel::ALL[c]),
        ..Default::default()
    };
    let id = store.create_prospect(input, start).unwrap().id;
    let mut at = start;
    for (gap, e) in &p.events {
        at += Duration::minutes(*gap);
        // Refusals (a stopped prospect, a snooze too far ahead) are part of the game:
        // whatever a path refuses, it must leave the schedule consistent.
        let _ = match e {
            Event::Touch {
                channel,
                outcome,
                inbound,
            } => store
                .log_touch(
                    TouchInput {
                        at: Some(at),
                        inbound: *inbound,
                        confirm_stop: true,
                        ..TouchInput::new(id, Channel::ALL[*channel], Outcome::ALL[*outcome])
                    },
                    at,
                )
                .map(|_| ()),
            Event::Snooze(m) => store.snooze(id, Some(at + Duration::minutes(*m)), at),
            Event::NextStep(m) => store.set_next_step(
                id,
                Some(NextStep {
                    at: at + Duration::minutes(*m),
                    note: String::new(),
                }),
                at,
            ),
            Event::Pause(paused) => store.set_paused(id, *paused, at),
        };
    }
    (id, at)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_full_reschedule_and_the_per_prospect_recompute_agree(
        settings in settings(),
        people in prop::collection::vec(person(), 1..6),
        start in 0i64..(365 * 24 * 60),
    ) {
        let start = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(start);
        let mut store = Store::open_in_memory().unwrap();
        store.save_settings(settings, start).unwrap();
        let mut ids = Vec::new();
        let mut now = start;
        for p in &people {
            let (id, end) = play(&mut store, start, p);
            ids.push(id);
            now = now.max(end);
        }
        let per_prospect: Vec<Option<DateTime<Utc>>> =
            ids.iter().map(|&id| store.prospect(id).unwrap().next_due_at).collect();
        for (&id, stored) in ids.iter().zip(&per_prospect) {
            let fresh = store.due(id, now).unwrap().map(|d| d.at);
            prop_assert_eq!(&fresh, stored, "prospect {}: stored answer differs from the engine's", id);
        }
        for queue in ["today", "upcoming"] {
            for item in store.queue(queue, now, 500).unwrap().items {
                let alone = store.due(item.prospect.id, now).unwrap();
                prop_assert_eq!(Some(&item.due), alone.as_ref(), "prospect {} in {}", item.prospect.id, queue);
            }
        }
        // The reports count one-hit wonders and stalled prospects as the queues list them.
        let everything = followthrough_core::reports::Filter {
            from: (start - Duration::days(1)).date_naive(),
            to: (now + Duration::days(1)).date_naive(),
            tag: None,
        };
        // (A queue's items leave out whoever has nothing due, a paused prospect; its
        // total counts them.)
        for (queue, cell) in [("one_hit", "one_hit"), ("stalled", "stalled")] {
            let listed = store.queue(queue, now, 500).unwrap();
            let counted: Vec<i64> = store
                .report_people(&everything, false, cell, now)
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect();
            prop_assert_eq!(listed.total as usize, counted.len(), "{} queue and report", queue);
            for item in &listed.items {
                prop_assert!(counted.contains(&item.prospect.id), "{} queue and report", queue);
            }
        }
        store.recompute_all(now).unwrap();
        for (&id, before) in ids.iter().zip(&per_prospect) {
            let after = store.prospect(id).unwrap().next_due_at;
            prop_assert_eq!(&after, before, "prospect {}: full reschedule disagrees", id);
        }
    }
}
