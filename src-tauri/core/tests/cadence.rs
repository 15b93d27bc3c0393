//! The cadence engine's rules, each with a fixed clock, plus the seeds' stories replayed
//! through the store. Zone: America/Chicago unless a test says otherwise.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::America::Chicago;
use chrono_tz::Tz;
use followthrough_core::cadence::plan::{self, builtin_plans, Plan};
use followthrough_core::cadence::{next_due, Settings, Subject};
use followthrough_core::model::*;
use followthrough_core::Store;

#[path = "support/older_book.rs"]
mod older_book;

/// Local Chicago wall-clock time as an instant.
fn chi(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Chicago
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn plan(id: i64) -> Plan {
    builtin_plans().into_iter().find(|p| p.id == id).unwrap()
}

fn settings() -> Settings {
    Settings::standard(Chicago)
}

fn t(at: DateTime<Utc>, channel: Channel) -> Touch {
    Touch {
        id: 0,
        prospect_id: 1,
        at,
        channel,
        outcome: Outcome::NoResponse,
        note: String::new(),
        message: String::new(),
        counts: channel.counts(),
        inbound: false,
    }
}

struct Case {
    status: Status,
    source: Source,
    created: DateTime<Utc>,
    plan: Plan,
    touches: Vec<Touch>,
    next_step: Option<NextStep>,
    snoozed: Option<DateTime<Utc>>,
    paused: bool,
    zone: Option<Tz>,
    days: Vec<Weekday>,
    time: Option<NaiveTime>,
    channel: Option<Channel>,
}

impl Case {
    fn new(created: DateTime<Utc>) -> Case {
        Case {
            status: Status::Active,
            source: Source::Cold,
            created,
            plan: plan(plan::NEW_PROSPECT),
            touches: vec![],
            next_step: None,
            snoozed: None,
            paused: false,
            zone: None,
            days: vec![],
            time: None,
            channel: None,
        }
    }

    fn due(&self, s: &Settings, now: DateTime<Utc>) -> Option<Due> {
        next_due(
            &Subject {
                status: self.status,
                source: self.source,
                created_at: self.created,
                paused: self.paused,
                snoozed_until: self.snoozed,
                next_step: self.next_step.as_ref(),
                plan: &self.plan,
                plan_started_at: self.created,
                touches: &self.touches,
                zone: self.zone,
                preferred_channel: self.channel,
                preferred_days: &self.days,
                preferred_time: self.time,
            },
            s,
            now,
        )
    }
}

#[test]
fn a_new_prospect_is_due_in_the_next_block() {
    // Added Monday 10:00: first contact in the 14:00 block.
    let c = Case::new(chi(2026, 11, 23, 10, 0));
    let d = c.due(&settings(), chi(2026, 11, 23, 10, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 23, 14, 0));
    assert_eq!(d.kind, DueKind::Cadence);
    assert_eq!(d.channel, Channel::Call);
    assert!(
        d.explanation
            .starts_with("touch 1 of 12 · first contact · not touched yet"),
        "{}",
        d.explanation
    );
}

#[test]
fn the_clock_runs_from_the_last_counted_touch_and_explains_itself() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    c.touches = vec![t(chi(2026, 11, 16, 9, 40), Channel::Voicemail)];
    let now = chi(2026, 11, 23, 9, 0);
    let d = c.due(&settings(), now).unwrap();
    // Step 2 is a week after the voicemail: Monday 23rd, first block after 09:40 → 14:00.
    assert_eq!(d.at, chi(2026, 11, 23, 14, 0));
    assert_eq!(
        d.explanation,
        "touch 2 of 12 · weekly phase · last touched 6 days ago by voicemail · suggested: email"
    );
    // A call with no message reached nobody: it does not move the clock.
    c.touches
        .push(t(chi(2026, 11, 20, 11, 0), Channel::CallNoMessage));
    assert_eq!(
        c.due(&settings(), now).unwrap().at,
        chi(2026, 11, 23, 14, 0)
    );
    // Any counted touch does, whatever its kind.
    c.touches
        .push(t(chi(2026, 11, 20, 11, 5), Channel::LinkedIn));
    assert_eq!(
        c.due(&settings(), now).unwrap().at,
        chi(2026, 11, 27, 14, 0)
    );
}

#[test]
fn an_agreed_next_step_overrides_the_plan() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    c.touches = vec![t(chi(2026, 11, 20, 10, 0), Channel::InPerson)];
    let step = NextStep {
        at: chi(2026, 12, 9, 15, 15),
        note: "Demo with the partners".into(),
    };
    c.next_step = Some(step.clone());
    let d = c.due(&settings(), chi(2026, 11, 23, 9, 0)).unwrap();
    assert_eq!((d.at, d.kind), (step.at, DueKind::NextStep));
    assert_eq!(d.purpose, "Demo with the partners");
}

/// They called and we talked (or booked the meeting): nothing is owed back.
#[test]
fn an_inbound_call_we_talked_on_owes_no_reply() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    let mut call = t(chi(2026, 11, 24, 10, 0), Channel::Call);
    call.inbound = true;
    for (outcome, owed) in [
        (Outcome::Conversation, false),
        (Outcome::MeetingSet, false),
        (Outcome::Replied, true),
        (Outcome::NoResponse, true),
    ] {
        call.outcome = outcome;
        c.touches = vec![call.clone()];
        let d = c.due(&settings(), chi(2026, 11, 24, 10, 5)).unwrap();
        assert_eq!(d.kind == DueKind::Reply, owed, "{outcome:?}");
    }
}

/// "Snooze 1 hour" on an agreed step's reminder brings it back in an hour.
#[test]
fn a_snooze_holds_an_agreed_step_too() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    c.next_step = Some(NextStep {
        at: chi(2026, 11, 24, 10, 0),
        note: "Call about the quote".into(),
    });
    c.snoozed = Some(chi(2026, 11, 24, 11, 0));
    let d = c.due(&settings(), chi(2026, 11, 24, 10, 0)).unwrap();
    assert_eq!(
        (d.at, d.kind),
        (chi(2026, 11, 24, 11, 0), DueKind::NextStep)
    );
    assert!(d.explanation.contains("snoozed until"), "{}", d.explanation);
    // A snooze that ended before the step changes nothing.
    c.snoozed = Some(chi(2026, 11, 24, 9, 0));
    let d = c.due(&settings(), chi(2026, 11, 24, 8, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 24, 10, 0));
}

#[test]
fn inbound_replies_are_due_by_the_deadline() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    let mut reply = t(chi(2026, 11, 24, 10, 0), Channel::Email);
    reply.inbound = true;
    c.touches = vec![reply.clone()];
    // Tuesday 10:00 → the 14:00 block, well before the deadline.
    let d = c.due(&settings(), chi(2026, 11, 24, 10, 5)).unwrap();
    assert_eq!((d.at, d.kind), (chi(2026, 11, 24, 14, 0), DueKind::Reply));
    assert!(d.urgent);
    assert!(
        d.explanation.contains("reply by Wed Nov 25, 10:00"),
        "{}",
        d.explanation
    );
    // Friday 16:00: the next block (Monday) would miss "within 24 hours" → answer now.
    reply.at = chi(2026, 11, 27, 16, 0);
    c.touches = vec![reply.clone()];
    assert_eq!(
        c.due(&settings(), reply.at).unwrap().at,
        chi(2026, 11, 27, 16, 0)
    );
    // Once we answer, the reply is no longer owed.
    c.touches.push(t(chi(2026, 11, 27, 16, 30), Channel::Call));
    assert_eq!(c.due(&settings(), reply.at).unwrap().kind, DueKind::Cadence);
}

#[test]
fn stopped_and_paused_prospects_are_never_due() {
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    for status in [
        Status::DoNotContact,
        Status::HandedOff,
        Status::Disqualified,
    ] {
        c.status = status;
        assert!(c.due(&settings(), chi(2026, 11, 23, 9, 0)).is_none());
    }
    c.status = Status::Active;
    c.paused = true;
    assert!(c.due(&settings(), chi(2026, 11, 23, 9, 0)).is_none());
    // Resumed: what came due while paused is simply overdue, not lost.
    c.paused = false;
    assert_eq!(
        c.due(&settings(), chi(2026, 12, 23, 9, 0)).unwrap().at,
        chi(2026, 11, 2, 9, 30)
    );
}

/// A snooze ends when the user said ("1 hour" means an hour); one that ends outside
/// working hours ("tomorrow" at 08:00) waits for the first block after it.
#[test]
fn a_snooze_ends_at_its_time_or_the_block_after_it() {
    let mut c = Case::new(chi(2026, 11, 23, 10, 0));
    c.snoozed = Some(chi(2026, 11, 24, 11, 0));
    let d = c.due(&settings(), chi(2026, 11, 23, 10, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 24, 11, 0));
    assert!(d.explanation.contains("snoozed until Tue Nov 24, 11:00"));
    c.snoozed = Some(chi(2026, 11, 24, 8, 0));
    let d = c.due(&settings(), chi(2026, 11, 23, 10, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 24, 9, 30));
}

#[test]
fn the_two_week_ceiling_holds_in_active_pursuit() {
    // A user plan asking for 12 days, with holidays pushing the block past 14 days.
    let mut c = Case::new(chi(2026, 11, 2, 9, 0));
    let mut p = plan(plan::NEW_PROSPECT);
    p.steps[1].after_days = 14;
    c.plan = p;
    c.touches = vec![t(chi(2026, 11, 20, 15, 0), Channel::Email)]; // Friday 15:00
    let mut s = settings();
    // Dec 4 (Friday, day 14) is a holiday: the next block would be Monday the 7th.
    s.week.holidays = vec![chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()];
    let d = c.due(&s, chi(2026, 11, 21, 9, 0)).unwrap();
    assert_eq!(
        d.at,
        chi(2026, 12, 3, 14, 0),
        "the last block before the ceiling"
    );
    // In nurture there is no ceiling.
    c.status = Status::Nurture;
    assert_eq!(
        c.due(&s, chi(2026, 11, 21, 9, 0)).unwrap().at,
        chi(2026, 12, 7, 9, 30)
    );
    // A ceiling lowered to ten days shortens the fortnightly step: still pursuit.
    c.status = Status::Active;
    s.week.holidays.clear();
    s.max_gap_days = 10;
    assert_eq!(
        c.due(&s, chi(2026, 11, 21, 9, 0)).unwrap().at,
        chi(2026, 11, 30, 14, 0),
        "the last block before ten days"
    );
}

#[test]
fn calls_honour_the_prospects_zone_and_preferred_day_and_time() {
    // A prospect in Berlin who prefers Thursdays at 16:00 their time (09:00 in Chicago).
    let mut c = Case::new(chi(2026, 11, 23, 10, 0));
    c.zone = Some(chrono_tz::Europe::Berlin);
    c.days = vec![Weekday::Thu];
    c.time = NaiveTime::from_hms_opt(16, 0, 0);
    let d = c.due(&settings(), chi(2026, 11, 23, 10, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 26, 9, 0));
    // Preferring emails, the preference for call times does not apply: next block.
    c.channel = Some(Channel::Email);
    assert_eq!(
        c.due(&settings(), chi(2026, 11, 23, 10, 0)).unwrap().at,
        chi(2026, 11, 23, 14, 0)
    );
}

#[test]
fn thursday_first_contact_when_preferred() {
    let c = Case::new(chi(2026, 11, 23, 10, 0)); // Monday
    let mut s = settings();
    s.thursday_first_contact = true;
    assert_eq!(
        c.due(&s, chi(2026, 11, 23, 10, 0)).unwrap().at,
        chi(2026, 11, 26, 9, 30)
    );
}

#[test]
fn an_inbound_lead_entered_at_1658_on_a_friday() {
    // Seed 003: answer a web lead within five minutes. It's still the working day.
    let mut c = Case::new(chi(2026, 11, 27, 16, 58));
    c.source = Source::InboundWeb;
    c.plan = plan(plan::INBOUND_LEAD);
    let d = c.due(&settings(), chi(2026, 11, 27, 16, 58)).unwrap();
    assert_eq!(
        (d.at, d.kind, d.urgent),
        (chi(2026, 11, 27, 16, 58), DueKind::Inbound, true)
    );
    // A call with no message: still due, still urgent (retry until connected).
    c.touches
        .push(t(chi(2026, 11, 27, 17, 0), Channel::CallNoMessage));
    assert_eq!(
        c.due(&settings(), chi(2026, 11, 27, 17, 1)).unwrap().at,
        chi(2026, 11, 27, 16, 58)
    );
    // A voicemail at 17:02: the same-day retry falls after hours → Monday, first thing.
    c.touches
        .push(t(chi(2026, 11, 27, 17, 2), Channel::Voicemail));
    assert_eq!(
        c.due(&settings(), chi(2026, 11, 27, 17, 3)).unwrap().at,
        chi(2026, 11, 30, 8, 30)
    );
    // Monday 08:40 email: next business day, same time → Tuesday 08:40.
    c.touches.push(t(chi(2026, 11, 30, 8, 40), Channel::Email));
    assert_eq!(
        c.due(&settings(), chi(2026, 11, 30, 9, 0)).unwrap().at,
        chi(2026, 12, 1, 8, 40)
    );
}

#[test]
fn dst_transitions_keep_blocks_at_local_time_in_two_zones() {
    // Chicago falls back on Nov 1 2026; a weekly touch from Oct 29 lands on Nov 5 09:30 CST.
    let mut c = Case::new(chi(2026, 10, 1, 9, 0));
    c.touches = vec![t(chi(2026, 10, 29, 9, 0), Channel::Email)];
    let d = c.due(&settings(), chi(2026, 10, 30, 9, 0)).unwrap();
    assert_eq!(d.at, chi(2026, 11, 5, 9, 30));
    // Berlin springs forward on Mar 29 2026.
    let berlin = chrono_tz::Europe::Berlin;
    let s = Settings::standard(berlin);
    let b = |d: u32, h: u32, m: u32| {
        berlin
            .with_ymd_and_hms(2026, 3, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let mut c = Case::new(b(1, 9, 0));
    c.touches = vec![t(b(23, 9, 0), Channel::Email)];
    assert_eq!(c.due(&s, b(24, 9, 0)).unwrap().at, b(30, 9, 30));
}

// ---------- Stories from the seeds, through the store ----------

fn store_with(settings: Settings, now: DateTime<Utc>) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.save_settings(settings, now).unwrap();
    store
}

fn log(store: &mut Store, id: i64, at: DateTime<Utc>, channel: Channel, outcome: Outcome) {
    store
        .log_touch(
            TouchInput {
                at: Some(at),
                ..TouchInput::new(id, channel, outcome)
            },
            at,
        )
        .unwrap();
}

/// Logs a message from them (an inbound touch) that needs no confirmation.
fn log_theirs(store: &mut Store, id: i64, at: DateTime<Utc>, outcome: Outcome, note: &str) {
    store
        .log_touch(
            TouchInput {
                at: Some(at),
                note: note.into(),
                inbound: true,
                ..TouchInput::new(id, Channel::Email, outcome)
            },
            at,
        )
        .unwrap();
}

/// Adds a prospect by name, created at `at`; their id.
fn add_named(store: &mut Store, name: &str, at: DateTime<Utc>) -> i64 {
    store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                ..Default::default()
            },
            at,
        )
        .unwrap()
        .id
}

#[test]
fn ten_years_on_a_widening_cadence() {
    let start = chi(2016, 1, 4, 9, 0);
    let mut store = store_with(settings(), start);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                ..Default::default()
            },
            start,
        )
        .unwrap();
    let mut gaps = Vec::new();
    let mut last: Option<DateTime<Utc>> = None;
    let end = start + Duration::days(3653);
    loop {
        let due = store
            .due(p.id, start)
            .unwrap()
            .expect("never stops: only 'never' stops it");
        if due.at > end {
            break;
        }
        if let Some(prev) = last {
            gaps.push((due.at - prev).num_days());
        }
        log(&mut store, p.id, due.at, due.channel, Outcome::NoResponse);
        last = Some(due.at);
    }
    // Weekly, then every other week, then monthly, then quarterly for the rest of the decade.
    assert!(gaps[..4].iter().all(|&g| (7..=8).contains(&g)), "{gaps:?}");
    assert!(
        gaps[4..7].iter().all(|&g| (13..=15).contains(&g)),
        "{gaps:?}"
    );
    assert!(
        gaps[7..10].iter().all(|&g| (28..=33).contains(&g)),
        "{gaps:?}"
    );
    assert!(
        gaps[10..].iter().all(|&g| (89..=95).contains(&g)),
        "{gaps:?}"
    );
    let touches = gaps.len() + 1;
    assert!(
        (45..=50).contains(&touches),
        "{touches} touches in ten years"
    );
    assert_eq!(
        store.prospect(p.id).unwrap().stats.touchpoints as usize,
        touches
    );
}

#[test]
fn an_inbound_lead_connects_and_carries_on_as_a_new_prospect() {
    let now = chi(2026, 11, 27, 16, 58);
    let mut store = store_with(settings(), now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Web Lead".into(),
                source: Source::InboundWeb,
                ..Default::default()
            },
            now,
        )
        .unwrap();
    assert_eq!(p.next_due_at, Some(now), "due the moment it is entered");
    let today = store.today(now, 50).unwrap();
    assert_eq!(today.items[0].group, "Inbound");
    log(
        &mut store,
        p.id,
        chi(2026, 11, 27, 17, 0),
        Channel::Call,
        Outcome::Conversation,
    );
    let detail = store
        .prospect_detail(p.id, chi(2026, 11, 27, 17, 5))
        .unwrap();
    assert_eq!(detail.plan.id, plan::NEW_PROSPECT);
    let due = detail.due.unwrap();
    assert_eq!(due.kind, DueKind::Cadence);
    // A week after Friday 17:00 is past that Friday's last block: Monday morning.
    assert_eq!(due.at, chi(2026, 12, 7, 9, 30));
    assert!(
        due.explanation.starts_with("touch 2 of 12 · weekly phase"),
        "{}",
        due.explanation
    );
}

#[test]
fn no_means_not_now_and_a_deal_two_years_later() {
    let start = chi(2024, 3, 4, 9, 0);
    let mut store = store_with(settings(), start);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Priya Patel".into(),
                ..Default::default()
            },
            start,
        )
        .unwrap();
    log(
        &mut store,
        p.id,
        chi(2024, 3, 4, 10, 0),
        Channel::Call,
        Outcome::NoResponse,
    );
    log(
        &mut store,
        p.id,
        chi(2024, 3, 11, 10, 0),
        Channel::Email,
        Outcome::Conversation,
    );
    log(
        &mut store,
        p.id,
        chi(2024, 3, 18, 10, 0),
        Channel::Call,
        Outcome::No,
    );
    let after_no = store
        .prospect_detail(p.id, chi(2024, 3, 18, 11, 0))
        .unwrap();
    assert_eq!(after_no.prospect.status, Status::Nurture);
    assert_eq!(after_no.plan.id, plan::NURTURE);
    let due = after_no.due.unwrap();
    assert!(
        (due.at - chi(2024, 3, 18, 10, 0)).num_days() >= 30,
        "monthly now, not weekly"
    );
    // Two years of nurture, on time.
    let mut now = due.at;
    while now < chi(2026, 3, 18, 0, 0) {
        let due = store.due(p.id, now).unwrap().unwrap();
        log(&mut store, p.id, due.at, due.channel, Outcome::NoResponse);
        now = due.at;
    }
    log(
        &mut store,
        p.id,
        now + Duration::days(1),
        Channel::InPerson,
        Outcome::Yes,
    );
    let client = store
        .prospect_detail(p.id, now + Duration::days(1))
        .unwrap();
    assert_eq!(
        (client.prospect.status, client.prospect.stage),
        (Status::Client, Stage::Won)
    );
    assert_eq!(client.plan.id, plan::CLIENT_CARE);
    assert_eq!(
        client.due.unwrap().channel,
        Channel::Note,
        "a thank-you note first"
    );
}

#[test]
fn never_stops_everything_and_stopping_early_needs_confirmation() {
    let now = chi(2026, 11, 23, 9, 0);
    let mut store = store_with(settings(), now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Kenji".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    let mut input = ProspectInput {
        name: "Kenji".into(),
        status: Status::Disqualified,
        status_reason: "Wrong industry".into(),
        ..Default::default()
    };
    let err = store.update_prospect(p.id, input.clone(), now).unwrap_err();
    assert_eq!(err.code(), "confirm");
    assert!(err.to_string().contains("Only 0 touches"));
    input.confirm_stop = true;
    store.update_prospect(p.id, input, now).unwrap();
    assert!(store.due(p.id, now).unwrap().is_none());

    let q = store
        .create_prospect(
            ProspectInput {
                name: "Sam".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    // Logging "never" on the first call stops follow-up too: the same question first.
    let mut never = TouchInput {
        at: Some(now),
        ..TouchInput::new(q.id, Channel::Call, Outcome::Never)
    };
    let err = store.log_touch(never.clone(), now).unwrap_err();
    assert_eq!(err.code(), "confirm");
    assert!(err.to_string().contains("Only 1 touch so far"), "{err}");
    assert!(store.touches(q.id).unwrap().is_empty(), "nothing logged");
    assert_eq!(store.prospect(q.id).unwrap().status, Status::Active);
    never.confirm_stop = true;
    store.log_touch(never, now).unwrap();
    let after = store.prospect(q.id).unwrap();
    assert_eq!(after.status, Status::DoNotContact);
    assert!(after.status_reason.contains("Said never"));
    assert_eq!(after.next_due_at, None);
    assert!(store
        .today(now + Duration::days(400), 50)
        .unwrap()
        .items
        .iter()
        .all(|i| i.prospect.id != q.id));
}

/// Seed 004: a call with no message left is nothing the prospect received, so it does
/// not answer them. A prospect who wrote to us and got only such a call is still owed a
/// reply, whichever way the schedule is computed: after logging the touch, or after a
/// full reschedule (saving Settings).
#[test]
fn a_call_with_no_message_does_not_answer_an_inbound_reply() {
    let now = chi(2026, 11, 24, 10, 0);
    let mut store = store_with(settings(), now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Rosa".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    store
        .log_touch(
            TouchInput {
                at: Some(now),
                note: "Can you send prices?".into(),
                inbound: true,
                ..TouchInput::new(p.id, Channel::Email, Outcome::Replied)
            },
            now,
        )
        .unwrap();
    let later = chi(2026, 11, 24, 10, 30);
    log(
        &mut store,
        p.id,
        later,
        Channel::CallNoMessage,
        Outcome::NoResponse,
    );
    let after_log = store.due(p.id, later).unwrap().unwrap();
    assert_eq!(after_log.kind, DueKind::Reply, "{}", after_log.explanation);
    let stored = store.prospect(p.id).unwrap().next_due_at;
    assert_eq!(stored, Some(after_log.at));

    store.recompute_all(later).unwrap();
    assert_eq!(store.prospect(p.id).unwrap().next_due_at, stored);
    assert_eq!(
        store.due(p.id, later).unwrap().unwrap().kind,
        DueKind::Reply
    );

    // A voicemail is received: that answers them.
    let voicemail = chi(2026, 11, 24, 11, 0);
    log(
        &mut store,
        p.id,
        voicemail,
        Channel::Voicemail,
        Outcome::NoResponse,
    );
    assert_eq!(
        store.due(p.id, voicemail).unwrap().unwrap().kind,
        DueKind::Cadence
    );
}

#[test]
fn settings_changes_recompute_every_prospect() {
    let now = chi(2026, 11, 23, 10, 0);
    let mut store = store_with(settings(), now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Jenny".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    assert_eq!(p.next_due_at, Some(chi(2026, 11, 23, 14, 0)));
    let mut s = settings();
    s.week.blocks = vec![
        NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
    ];
    assert_eq!(store.save_settings(s.clone(), now).unwrap(), 1);
    assert_eq!(
        store.prospect(p.id).unwrap().next_due_at,
        Some(chi(2026, 11, 23, 11, 0))
    );
    s.week.blocks = vec![NaiveTime::from_hms_opt(20, 0, 0).unwrap()];
    assert_eq!(
        store.save_settings(s, now).unwrap_err().field(),
        Some("blocks")
    );
}

#[test]
fn today_groups_by_block_and_queues_show_what_was_left_behind() {
    let now = chi(2026, 11, 23, 8, 0); // Monday morning
    let mut store = store_with(settings(), now - Duration::days(60));
    let mk = |store: &mut Store, name: &str| {
        store
            .create_prospect(
                ProspectInput {
                    name: name.into(),
                    ..Default::default()
                },
                now - Duration::days(60),
            )
            .unwrap()
            .id
    };
    let overdue = mk(&mut store, "Overdue Olga");
    log(
        &mut store,
        overdue,
        now - Duration::days(20),
        Channel::Email,
        Outcome::NoResponse,
    );
    let morning = mk(&mut store, "Morning Maria");
    log(
        &mut store,
        morning,
        chi(2026, 11, 16, 9, 0),
        Channel::Email,
        Outcome::Replied,
    );
    let afternoon = mk(&mut store, "Afternoon Alan");
    log(
        &mut store,
        afternoon,
        chi(2026, 11, 16, 11, 0),
        Channel::Email,
        Outcome::Replied,
    );
    let today = store.today(now, 50).unwrap();
    let groups: Vec<(&str, &str)> = today
        .items
        .iter()
        .map(|i| (i.prospect.name.as_str(), i.group.as_str()))
        .collect();
    assert_eq!(
        groups,
        [
            ("Overdue Olga", "Overdue"),
            ("Morning Maria", "09:30 block"),
            ("Afternoon Alan", "14:00 block")
        ]
    );
    assert_eq!(today.total, 3);
    let upcoming = store.upcoming(now, 50).unwrap();
    assert!(upcoming.items.iter().all(|i| i.due.at > now));
    let wonders = store.one_hit_wonders(now, 50).unwrap();
    assert_eq!(
        wonders
            .items
            .iter()
            .map(|i| i.prospect.id)
            .collect::<Vec<_>>(),
        [overdue]
    );
    let stalled = store.stalled(now, 50).unwrap();
    assert_eq!(
        stalled
            .items
            .iter()
            .map(|i| i.prospect.id)
            .collect::<Vec<_>>(),
        [overdue]
    );
}

#[test]
fn skipping_needs_a_reason_goes_on_the_timeline_and_returns_tomorrow() {
    let now = chi(2026, 11, 23, 10, 0); // Monday
    let mut store = store_with(settings(), now - Duration::days(30));
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Olga".into(),
                ..Default::default()
            },
            now - Duration::days(30),
        )
        .unwrap();
    assert_eq!(
        store.skip(p.id, "  ", now).unwrap_err().field(),
        Some("reason")
    );
    store.skip(p.id, "At a trade show all day", now).unwrap();
    let detail = store.prospect_detail(p.id, now).unwrap();
    assert_eq!(detail.skips.len(), 1);
    assert_eq!(detail.skips[0].reason, "At a trade show all day");
    assert_eq!(
        detail.due.unwrap().at,
        chi(2026, 11, 24, 9, 30),
        "back in tomorrow's first block"
    );
    assert!(store.today(now, 50).unwrap().items.is_empty());
}

#[test]
fn away_on_vacation_nothing_is_lost_only_overdue() {
    let now = chi(2026, 12, 1, 10, 0);
    let mut s = settings();
    s.back_on = Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap());
    let mut store = store_with(s, now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Jenny".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    log(&mut store, p.id, now, Channel::Email, Outcome::NoResponse);
    let away = store.today(now, 50).unwrap();
    assert_eq!(away.back_on, s_date(2026, 12, 14));
    // Back on the 14th: the touch that came due on the 8th (a week after 10:00 → the 14:00 block) is waiting, overdue.
    let back = chi(2026, 12, 14, 8, 0);
    let today = store.today(back, 50).unwrap();
    assert_eq!(today.back_on, None);
    assert_eq!(today.items.len(), 1);
    assert_eq!(today.items[0].group, "Overdue");
    assert_eq!(today.items[0].due.at, chi(2026, 12, 8, 14, 0));
}

fn s_date(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// "Snooze 1 hour" on a notification snoozes everyone it named in one go, each only if
/// still due when it said: one deleted meanwhile (whose id a new prospect now has) or one
/// whose follow-up moved is left alone, the rest are still snoozed.
#[test]
fn snoozing_several_at_once_leaves_who_moved_or_went() {
    let now = chi(2026, 11, 23, 10, 0);
    let mut store = store_with(settings(), now);
    let ids: Vec<i64> = ["Ann", "Ben", "Cat"]
        .iter()
        .map(|name| add_named(&mut store, name, now))
        .collect();
    let keys: Vec<(i64, i64)> = ids
        .iter()
        .map(|&id| {
            let due = store.prospect(id).unwrap().next_due_at.unwrap();
            (id, due.timestamp_millis())
        })
        .collect();
    // Ben was called from the window; Cat was deleted and Dee, added after, took her id.
    let called = chi(2026, 11, 23, 11, 0);
    store
        .snooze(ids[1], Some(chi(2026, 11, 25, 9, 0)), called)
        .unwrap();
    store.delete_prospect(ids[2], called).unwrap();
    let dee = add_named(&mut store, "Dee", called);
    assert_eq!(dee, ids[2], "SQLite gives the last id again");
    let ben_before = store.prospect(ids[1]).unwrap();
    let dee_before = store.prospect(dee).unwrap();

    let at = chi(2026, 11, 23, 14, 5);
    let named_at = chi(2026, 11, 23, 10, 30);
    assert_eq!(
        store
            .snooze_all(&keys, named_at, SnoozeTo::Hour, at)
            .unwrap(),
        1
    );
    // "Open" asks the same: Dee is not who the notification named.
    assert!(store.named_then(ids[0], named_at).unwrap());
    assert!(!store.named_then(dee, named_at).unwrap());
    let ann = store.prospect(ids[0]).unwrap();
    assert_eq!(ann.snoozed_until, Some(chi(2026, 11, 23, 15, 5)));
    // An hour later, as the notification's button says.
    assert_eq!(ann.next_due_at, Some(chi(2026, 11, 23, 15, 5)));
    for before in [ben_before, dee_before] {
        let after = store.prospect(before.id).unwrap();
        assert_eq!(
            (after.snoozed_until, after.next_due_at),
            (before.snoozed_until, before.next_due_at),
            "{} is not snoozed by a notification about someone else's follow-up",
            after.name
        );
    }
}

/// A snooze set for a month doesn't hide their email (a reply is owed by tomorrow), and
/// a step agreed afterwards isn't held by it either: the newer choice wins.
#[test]
fn their_message_or_an_agreed_step_ends_a_snooze() {
    let now = chi(2026, 11, 23, 10, 0);
    let mut store = store_with(settings(), now);
    let id = add_named(&mut store, "Sleepy Sam", now);
    let month = now + Duration::days(30);
    store.snooze(id, Some(month), now).unwrap();
    let wrote = chi(2026, 11, 24, 10, 0);
    log_theirs(
        &mut store,
        id,
        wrote,
        Outcome::Replied,
        "Actually, can we talk?",
    );
    let p = store.prospect(id).unwrap();
    assert_eq!(p.snoozed_until, None);
    assert_eq!(p.next_due_at, Some(chi(2026, 11, 24, 14, 0)));

    let answered = chi(2026, 11, 24, 14, 0);
    log(&mut store, id, answered, Channel::Email, Outcome::Replied);
    store.snooze(id, Some(month), answered).unwrap();
    let agreed = chi(2026, 11, 26, 11, 0);
    store
        .set_next_step(
            id,
            Some(NextStep {
                at: agreed,
                note: "Call".into(),
            }),
            answered,
        )
        .unwrap();
    let p = store.prospect(id).unwrap();
    assert_eq!(p.snoozed_until, None);
    assert_eq!(p.next_due_at, Some(agreed));
}

/// Whether the book at `path` still asks for the one reschedule an upgrade set up.
fn reschedule_asked(path: &std::path::Path) -> i64 {
    followthrough_core::rusqlite::Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM settings WHERE key = 'reschedule'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// A message they sent is not a touchpoint: it doesn't move their plan on or count
/// toward 5 and 12. A book from before this rule is put right when it is opened: the
/// stored counts, the stats, and the schedule.
#[test]
fn their_messages_are_not_touchpoints_even_in_an_older_book() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(followthrough_core::store::DB_FILE);
    let now = chi(2026, 11, 23, 10, 0);
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.save_settings(settings(), now).unwrap();
        let id = add_named(&mut store, "Chatty Chad", now - Duration::days(30));
        log(
            &mut store,
            id,
            now - Duration::days(21),
            Channel::Email,
            Outcome::NoResponse,
        );
        for ago in [14, 7] {
            let at = now - Duration::days(ago);
            log_theirs(&mut store, id, at, Outcome::Replied, "Thanks, will read");
            log(
                &mut store,
                id,
                at + Duration::hours(1),
                Channel::Email,
                Outcome::NoResponse,
            );
        }
        let p = store.prospect(id).unwrap();
        assert_eq!((p.stats.touchpoints, p.stats.attempts), (3, 3));
        id
    };
    let fresh = Store::open(&path).unwrap().prospect(id).unwrap();

    // The same book as an older version stored it: their two emails counted.
    {
        let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE touches SET counts = 1 WHERE inbound = 1;
             UPDATE prospects SET touchpoints = 5, attempts = 5, next_due_at = 0;",
        )
        .unwrap();
        older_book::schema_of_version(&conn, 8);
    }
    let upgraded = Store::open(&path).unwrap().prospect(id).unwrap();
    assert_eq!(
        (upgraded.stats.touchpoints, upgraded.stats.attempts),
        (3, 3)
    );
    assert_eq!(upgraded.next_due_at, fresh.next_due_at);
    assert!(upgraded
        .next_due_at
        .is_some_and(|d| d > now - Duration::days(1)));

    // Upgraded, but stopped before the reschedule was done: the next start does it.
    {
        let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE prospects SET next_due_at = 0;
             INSERT INTO settings (key, value) VALUES ('reschedule', 'true');",
        )
        .unwrap();
    }
    let again = Store::open(&path).unwrap().prospect(id).unwrap();
    assert_eq!(again.next_due_at, fresh.next_due_at);
    let asked = reschedule_asked(&path);
    assert_eq!(asked, 0, "done once, not at every start");
}

/// A "call, no message left" with an answer, stored before such a call had to have
/// none, is a call when the book is opened: the touch, the stats and the schedule are
/// what logging it as a call would have made; a call that reached nobody stays as it is.
#[test]
fn an_older_books_unanswered_calls_with_answers_become_calls() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(followthrough_core::store::DB_FILE);
    let now = chi(2026, 11, 23, 10, 0);
    let (id, fresh, fresh_stats) = {
        let mut store = Store::open(&path).unwrap();
        store.save_settings(settings(), now).unwrap();
        let id = add_named(&mut store, "Talkative Tess", now - Duration::days(30));
        log(
            &mut store,
            id,
            now - Duration::days(21),
            Channel::Email,
            Outcome::NoResponse,
        );
        log(
            &mut store,
            id,
            now - Duration::days(7),
            Channel::Call,
            Outcome::Conversation,
        );
        log(
            &mut store,
            id,
            now - Duration::days(3),
            Channel::CallNoMessage,
            Outcome::NoResponse,
        );
        let p = store.prospect(id).unwrap();
        assert_eq!((p.stats.touchpoints, p.stats.attempts), (2, 3));
        (id, p.next_due_at, p.stats)
    };

    // The same book as an older version stored it: the conversation on a call with no
    // message left, which counted as no touchpoint.
    {
        let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE touches SET channel = 'call_no_message', counts = 0 WHERE channel = 'call';
             UPDATE prospects SET touchpoints = 1, last_touch_at = \
                 (SELECT min(at) FROM touches), next_due_at = 0;",
        )
        .unwrap();
        older_book::schema_of_version(&conn, 10);
    }
    let mut store = Store::open(&path).unwrap();
    let upgraded = store.prospect(id).unwrap();
    assert_eq!(upgraded.stats, fresh_stats);
    assert_eq!(upgraded.next_due_at, fresh);
    let channels: Vec<(Channel, Outcome, bool)> = store
        .touches(id)
        .unwrap()
        .iter()
        .map(|t| (t.channel, t.outcome, t.counts))
        .collect();
    assert_eq!(
        channels,
        [
            (Channel::CallNoMessage, Outcome::NoResponse, false),
            (Channel::Call, Outcome::Conversation, true),
            (Channel::Email, Outcome::NoResponse, true),
        ]
    );
    let asked = reschedule_asked(&path);
    assert_eq!(asked, 0, "rescheduled once, not at every start");
    // One deleted while the older version ran is a call when it is put back.
    let call = store.touches(id).unwrap()[1].id;
    let item = store.delete_touch(call, now).unwrap();
    followthrough_core::rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE trash SET payload = json_set(payload, '$.touch.channel', \
             'call_no_message', '$.touch.counts', 0) WHERE id = ?1",
            [item.id],
        )
        .unwrap();
    store.restore_deleted(item.id, now).unwrap();
    assert_eq!(store.prospect(id).unwrap().stats, fresh_stats);
    assert_eq!(store.touches(id).unwrap()[1].channel, Channel::Call);
}

/// Someone tried once who then wrote back is not a one-hit wonder, however their
/// message was logged (the log form's outcome starts at "No response").
#[test]
fn a_reply_from_them_takes_someone_off_the_one_hit_list() {
    let now = chi(2026, 11, 23, 10, 0);
    let mut store = store_with(settings(), now - Duration::days(30));
    let id = add_named(&mut store, "Quiet Quinn", now - Duration::days(30));
    log(
        &mut store,
        id,
        now - Duration::days(20),
        Channel::Email,
        Outcome::NoResponse,
    );
    let listed = |store: &Store| -> Vec<i64> {
        store
            .one_hit_wonders(now, 50)
            .unwrap()
            .items
            .iter()
            .map(|i| i.prospect.id)
            .collect()
    };
    assert_eq!(listed(&store), [id]);
    let wrote = now - Duration::days(2);
    log_theirs(
        &mut store,
        id,
        wrote,
        Outcome::NoResponse,
        "Not now, maybe spring",
    );
    assert!(listed(&store).is_empty());
}

/// Upcoming and Notes to write look as far ahead; "today" is the user's working day.
#[test]
fn the_horizon_ends_a_week_after_the_end_of_the_users_today() {
    use followthrough_core::store::queues::HORIZON_DAYS;
    // 23:30 Monday in Chicago is already Tuesday in UTC: the horizon is counted from
    // the end of Monday, the user's day.
    let now = chi(2026, 11, 23, 23, 30);
    let mut store = store_with(settings(), now);
    let p = store
        .create_prospect(
            ProspectInput {
                name: "Dee".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    store
        .set_next_step(
            p.id,
            Some(NextStep {
                at: chi(2026, 11, 30, 16, 0),
                note: "Call back".into(),
            }),
            now,
        )
        .unwrap();
    assert_eq!(HORIZON_DAYS, 7);
    assert_eq!(store.upcoming(now, 10).unwrap().total, 1);
    store
        .set_next_step(
            p.id,
            Some(NextStep {
                at: chi(2026, 12, 1, 9, 30),
                note: "Call back".into(),
            }),
            now,
        )
        .unwrap();
    assert_eq!(store.upcoming(now, 10).unwrap().total, 0);
}

/// Migration 0013 reads touches logged at the same instant in another order (by their
/// `kind`, no longer by the channel's text), so the engine's "last touch" may be another
/// one: a book with such a tie is rescheduled once when opened; a book without one is
/// not (a reschedule of a large book is seconds at start-up).
#[test]
fn an_older_book_is_rescheduled_only_if_touches_share_an_instant() {
    for tied in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(followthrough_core::store::DB_FILE);
        let now = chi(2026, 11, 23, 10, 0);
        let (id, fresh) = {
            let mut store = Store::open(&path).unwrap();
            store.save_settings(settings(), now).unwrap();
            let id = add_named(&mut store, "Tess Tie", now - Duration::days(30));
            let at = now - Duration::days(6);
            log(&mut store, id, at, Channel::Voicemail, Outcome::NoResponse);
            let second = if tied { at } else { at + Duration::minutes(5) };
            log(&mut store, id, second, Channel::Email, Outcome::NoResponse);
            (id, store.prospect(id).unwrap().next_due_at)
        };
        assert!(fresh.is_some());
        {
            let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
            conn.execute("UPDATE prospects SET next_due_at = 0", [])
                .unwrap();
            older_book::schema_of_version(&conn, 12);
        }
        let upgraded = Store::open(&path).unwrap().prospect(id).unwrap();
        if tied {
            assert_eq!(upgraded.next_due_at, fresh, "rescheduled");
        } else {
            assert_eq!(
                upgraded.next_due_at.map(|d| d.timestamp_millis()),
                Some(0),
                "left as it was"
            );
        }
        assert_eq!(reschedule_asked(&path), 0);
    }
}
