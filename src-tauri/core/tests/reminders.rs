//! Desktop reminders' rules: when an item may be announced, grouped wording, catch-up,
//! never twice, and holding everything while away or paused.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::America::Chicago;
use followthrough_core::cadence::Settings;
use followthrough_core::model::*;
use followthrough_core::reminders::{compose, Pause};
use followthrough_core::Store;

fn chi(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Chicago
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

/// A book in a database file in `dir`, in Chicago's standard week.
fn book(dir: &tempfile::TempDir, now: DateTime<Utc>) -> Store {
    let mut s = Store::open(&dir.path().join(followthrough_core::store::DB_FILE)).unwrap();
    s.save_settings(Settings::standard(Chicago), now).unwrap();
    s
}

fn store(now: DateTime<Utc>) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.save_settings(Settings::standard(Chicago), now).unwrap();
    s
}

fn add(store: &mut Store, name: &str, source: Source, at: DateTime<Utc>) -> i64 {
    store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                source,
                ..Default::default()
            },
            at,
        )
        .unwrap()
        .id
}

#[test]
fn a_block_announces_everything_due_in_it_once() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    for name in ["Jenny Lee", "Marcus Okafor", "Priya Patel"] {
        add(&mut s, name, Source::Referral, monday);
    }
    // Due in the 14:00 block: nothing to say before it, and the scheduler sleeps until then.
    let before = s.reminders(monday, monday).unwrap();
    assert_eq!(before.total, 0);
    assert_eq!(before.next_at, Some(chi(2026, 11, 23, 14, 0)));
    // At 14:00 one round holds all three.
    let at = chi(2026, 11, 23, 14, 0);
    let round = s.reminders(at, monday).unwrap();
    assert_eq!(round.total, 3);
    assert!(!round.catch_up);
    let msg = compose(&round.items, round.total, round.catch_up).unwrap();
    assert_eq!(msg.summary, "3 follow-ups due");
    assert_eq!(
        msg.body,
        "Jenny Lee (call), Marcus Okafor (call), Priya Patel (call)"
    );
    assert_eq!(msg.prospect_id, None);
    s.mark_reminded(&round.keys, at).unwrap();
    // Announced once: not again in this run, nor after a restart.
    assert_eq!(
        s.reminders(at + Duration::minutes(1), monday)
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        s.reminders(at + Duration::hours(3), at + Duration::hours(3))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn an_inbound_lead_is_announced_at_once_and_marked_urgent() {
    let friday = chi(2026, 11, 27, 16, 58);
    let mut s = store(friday);
    let id = add(&mut s, "Web Lead", Source::InboundWeb, friday);
    let round = s.reminders(friday, friday - Duration::hours(8)).unwrap();
    assert_eq!(round.total, 1);
    let msg = compose(&round.items, 1, false).unwrap();
    assert!(msg.urgent);
    assert_eq!(msg.summary, "Web Lead is due: call");
    assert_eq!(msg.prospect_id, Some(id));
}

#[test]
fn outside_working_hours_items_wait_for_the_working_day() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    let id = add(&mut s, "Evening Eve", Source::Referral, monday);
    s.set_next_step(
        id,
        Some(NextStep {
            at: chi(2026, 11, 23, 19, 0),
            note: "Call after dinner".into(),
        }),
        monday,
    )
    .unwrap();
    let evening = chi(2026, 11, 23, 19, 30);
    let round = s.reminders(evening, monday).unwrap();
    assert_eq!(round.total, 0, "not in the evening");
    // The working day starts at 08:30.
    assert_eq!(round.next_at, Some(chi(2026, 11, 24, 8, 30)));
    assert_eq!(
        s.reminders(chi(2026, 11, 24, 8, 30), monday).unwrap().total,
        1
    );
}

/// A step agreed for 15:10 is announced at 15:10, not at the next follow-up block (the
/// next morning, after the call should have happened).
#[test]
fn an_agreed_step_is_announced_at_its_time() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    let id = add(&mut s, "Thursday Theo", Source::Referral, monday);
    let at = chi(2026, 11, 26, 15, 10);
    s.set_next_step(
        id,
        Some(NextStep {
            at,
            note: "Call back about the quote".into(),
        }),
        monday,
    )
    .unwrap();
    let before = s.reminders(chi(2026, 11, 26, 15, 0), monday).unwrap();
    assert_eq!(before.total, 0);
    assert_eq!(before.next_at, Some(at));
    let round = s.reminders(at, monday).unwrap();
    assert_eq!(round.total, 1);
    assert_eq!(round.items[0].prospect.id, id);
}

#[test]
fn what_came_due_while_closed_is_a_catch_up() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    add(&mut s, "Jenny Lee", Source::Referral, monday);
    // The app starts on Wednesday morning: Monday's 14:00 item was never announced.
    let wednesday = chi(2026, 11, 25, 9, 0);
    let round = s.reminders(wednesday, wednesday).unwrap();
    assert_eq!(round.total, 1);
    assert!(round.catch_up);
    let msg = compose(&round.items, 1, true).unwrap();
    assert_eq!(msg.summary, "1 follow-up waiting: Jenny Lee");
    assert!(msg
        .body
        .ends_with("(came due while Follow Through was closed)"));
    s.mark_reminded(&round.keys, wednesday).unwrap();
    assert_eq!(
        s.reminders(
            wednesday + Duration::hours(1),
            wednesday + Duration::hours(1)
        )
        .unwrap()
        .total,
        0
    );
}

#[test]
fn away_and_paused_hold_everything_until_then() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    add(&mut s, "Jenny Lee", Source::Referral, monday);
    let later = chi(2026, 11, 23, 15, 0);
    s.pause_reminders(Some(Pause::Hour), chi(2026, 11, 23, 15, 0))
        .unwrap();
    let paused = s.reminders(later, monday).unwrap();
    assert_eq!(
        (paused.total, paused.next_at),
        (0, Some(chi(2026, 11, 23, 16, 0)))
    );
    s.pause_reminders(None, later).unwrap();
    assert_eq!(s.reminders(later, monday).unwrap().total, 1);

    let mut settings = Settings::standard(Chicago);
    settings.back_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 30);
    s.save_settings(settings, monday).unwrap();
    let away = s.reminders(later, monday).unwrap();
    assert_eq!(
        (away.total, away.next_at),
        (0, Some(chi(2026, 11, 30, 9, 30)))
    );
    // Back: it is all still there.
    assert_eq!(
        s.reminders(chi(2026, 11, 30, 9, 30), chi(2026, 11, 30, 9, 0))
            .unwrap()
            .total,
        1
    );
}

#[test]
fn long_lists_are_cut_short_with_a_count() {
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = store(monday);
    for i in 0..8 {
        add(&mut s, &format!("Person {i}"), Source::Referral, monday);
    }
    let round = s.reminders(chi(2026, 11, 23, 14, 0), monday).unwrap();
    let msg = compose(&round.items, round.total, false).unwrap();
    assert_eq!(msg.summary, "8 follow-ups due");
    assert!(
        msg.body.ends_with("Person 4 (call), and 3 more"),
        "{}",
        msg.body
    );
}

/// The tray's "pause until tomorrow" lasts until the first block of the next working
/// day in the user's zone.
#[test]
fn pausing_until_tomorrow_means_the_next_working_days_first_block() {
    let friday = chi(2026, 11, 27, 15, 0);
    let mut s = store(friday);
    let until = s.pause_reminders(Some(Pause::Tomorrow), friday).unwrap();
    assert_eq!(until, Some(chi(2026, 11, 30, 9, 30)));
    assert_eq!(s.reminders_paused_until().unwrap(), until);
    assert_eq!(s.pause_reminders(None, friday).unwrap(), None);
    assert_eq!(s.reminders_paused_until().unwrap(), None);
}

/// Saving Settings reschedules everyone. An overdue follow-up already announced gets a
/// new due (the blocks moved), still in the past: it is the same follow-up, not news, so
/// it is not announced again; one not announced yet still is.
#[test]
fn saving_settings_does_not_announce_an_overdue_follow_up_again() {
    let dir = tempfile::tempdir().unwrap();
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = book(&dir, monday);
    for name in ["Jenny Lee", "Marcus Okafor", "Priya Patel"] {
        add(&mut s, name, Source::Referral, monday);
    }
    let wednesday = chi(2026, 11, 25, 10, 0);
    let round = s.reminders(wednesday, wednesday).unwrap();
    assert_eq!(round.total, 3);
    // Two were announced; the third's record is still to come.
    let (announced, waiting) = round.keys.split_at(2);
    s.mark_reminded(announced, wednesday).unwrap();
    let before: Vec<_> = round
        .keys
        .iter()
        .map(|&(id, _)| s.prospect(id).unwrap().next_due_at)
        .collect();

    let mut settings = Settings::standard(Chicago);
    settings.week.blocks = vec![
        chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(15, 30, 0).unwrap(),
    ];
    let saved = wednesday + Duration::minutes(5);
    s.save_settings(settings, saved).unwrap();
    for (&(id, _), was) in round.keys.iter().zip(before) {
        let due = s.prospect(id).unwrap().next_due_at.unwrap();
        assert_ne!(Some(due), was, "the blocks moved, and the due with them");
        assert!(due <= saved, "still overdue");
    }

    let later = saved + Duration::minutes(1);
    let again = s.reminders(later, wednesday).unwrap();
    assert_eq!(again.total, 1, "only the one not announced before");
    assert_eq!(again.keys[0].0, waiting[0].0);
    // Recorded in the settings' own transaction: a restart agrees.
    drop(s);
    let s = Store::open(&dir.path().join(followthrough_core::store::DB_FILE)).unwrap();
    assert_eq!(s.reminders(later, later).unwrap().total, 1);
}

/// The laptop opens on Saturday night: Friday's missed follow-up waits for Monday
/// morning, when it is announced as a catch-up.
#[test]
fn a_catch_up_outside_working_hours_waits_for_the_working_day() {
    let dir = tempfile::tempdir().unwrap();
    let friday = chi(2026, 11, 27, 10, 0);
    let mut s = book(&dir, friday);
    add(&mut s, "Jenny Lee", Source::Referral, friday);
    let saturday_night = chi(2026, 11, 28, 22, 0);
    let round = s.reminders(saturday_night, saturday_night).unwrap();
    assert_eq!(round.total, 0, "not on a Saturday night");
    assert_eq!(round.next_at, Some(chi(2026, 11, 30, 8, 30)));
    let monday = s
        .reminders(chi(2026, 11, 30, 8, 30), saturday_night)
        .unwrap();
    assert_eq!((monday.total, monday.catch_up), (1, true));
}

/// "Pause 1 hour" at 17:00 ends at 18:00, after the day ended at 17:30: what waited is
/// announced the next working morning, not at 18:00.
#[test]
fn a_pause_that_ends_after_hours_holds_reminders_until_the_morning() {
    let dir = tempfile::tempdir().unwrap();
    let monday = chi(2026, 11, 23, 10, 0);
    let mut s = book(&dir, monday);
    add(&mut s, "Jenny Lee", Source::Referral, monday);
    assert_eq!(
        s.next_due_after(monday).unwrap(),
        Some(chi(2026, 11, 23, 14, 0))
    );
    let five = chi(2026, 11, 23, 17, 0);
    s.pause_reminders(Some(Pause::Hour), five).unwrap();
    assert_eq!(s.reminders(five, monday).unwrap().total, 0);
    let six = chi(2026, 11, 23, 18, 0);
    let round = s.reminders(six, monday).unwrap();
    assert_eq!(round.total, 0, "the day is over");
    assert_eq!(round.next_at, Some(chi(2026, 11, 24, 8, 30)));
    assert_eq!(
        s.reminders(chi(2026, 11, 24, 8, 30), monday).unwrap().total,
        1
    );
}
