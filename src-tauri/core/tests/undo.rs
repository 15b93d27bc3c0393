//! Undo instead of loss, through the store's public API: every kind of delete comes back
//! whole from Recently deleted (also when its old id was reused meanwhile), the list keeps
//! 30 days, removing the touch that stopped a prospect puts the prospect back, a stale
//! edit is refused, and a note is mailed once.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::cadence::plan::{Plan, Step};
use followthrough_core::model::*;
use followthrough_core::store::notes::NoteDraft;
use followthrough_core::store::reasons::Reason;
use followthrough_core::store::templates::Template;
use followthrough_core::store::{ProspectDetail, Seed, DB_FILE};
use followthrough_core::Store;
use std::sync::{Arc, Barrier};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn days(n: i64) -> DateTime<Utc> {
    now() + Duration::days(n)
}

fn jenny(store: &mut Store) -> i64 {
    store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                company: "Northwind Dental".into(),
                tags: vec!["dental".into(), "chicago".into()],
                notes: "Loves sailing".into(),
                address: Address {
                    street: "12 Main St".into(),
                    city: "Chicago".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
            now() - Duration::days(60),
        )
        .unwrap()
        .id
}

fn named(store: &mut Store, name: &str) -> i64 {
    store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                ..Default::default()
            },
            now() - Duration::days(60),
        )
        .unwrap()
        .id
}

fn touch(prospect_id: i64, channel: Channel, outcome: Outcome, at: DateTime<Utc>) -> TouchInput {
    TouchInput {
        at: Some(at),
        note: format!("{channel:?} {outcome:?}"),
        ..TouchInput::new(prospect_id, channel, outcome)
    }
}

/// Logs a touch that needs no confirmation.
fn log(store: &mut Store, id: i64, channel: Channel, outcome: Outcome, at: DateTime<Utc>) -> Touch {
    store
        .log_touch(touch(id, channel, outcome, at), at)
        .unwrap()
}

/// Saves the prospect's note in progress on the default card.
fn draft(
    store: &mut Store,
    id: i64,
    body: &str,
    reason_id: Option<i64>,
    at: DateTime<Utc>,
) -> Note {
    store
        .save_note(
            NoteDraft {
                prospect_id: id,
                card: String::new(),
                body: body.into(),
                reason_id,
            },
            at,
        )
        .unwrap()
}

fn reason(store: &mut Store, title: &str) -> i64 {
    store
        .save_reason(
            Reason {
                id: 0,
                title: title.into(),
                detail: String::new(),
                link: String::new(),
                dated: None,
                expires_on: None,
                tags: Vec::new(),
            },
            now(),
        )
        .unwrap()
        .id
}

fn search(store: &Store, text: &str) -> Vec<i64> {
    store
        .list_prospects(&ListQuery {
            text: text.into(),
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect()
}

/// What the edit form would send for `p`, unchanged.
fn input_of(p: &Prospect) -> ProspectInput {
    p.input()
}

/// What a detail pane shows, minus the version (every write bumps it).
fn shown(d: &ProspectDetail) -> String {
    let mut p = d.prospect.clone();
    p.version = 0;
    format!(
        "{p:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        d.touches, d.skips, d.reasons_given, d.note, d.due
    )
}

#[test]
fn a_deleted_prospect_comes_back_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    let other = named(&mut store, "Marcus Okafor");
    let news = reason(&mut store, "Fees change in March");
    let mut given = touch(id, Channel::Call, Outcome::Conversation, days(-20));
    given.reason_id = Some(news);
    store.log_touch(given, days(-20)).unwrap();
    log(
        &mut store,
        id,
        Channel::Voicemail,
        Outcome::NoResponse,
        days(-10),
    );
    // A mailed note (linked to its touch) and one in progress.
    let mailed = draft(
        &mut store,
        id,
        "Dear Jenny, thank you.",
        Some(news),
        days(-5),
    );
    store.mail_note(mailed.id, days(-5)).unwrap();
    draft(&mut store, id, "Dear Jenny, next time.", None, days(-1));
    store.skip(id, "At a conference", days(-1)).unwrap();
    // Its due touch is announced; a restore must not announce it again.
    let due = store.prospect(id).unwrap().next_due_at.unwrap();
    let key = (id, due.timestamp_millis());
    let announced = |store: &Store| {
        !store
            .reminders(due + Duration::hours(1), now() - Duration::days(90))
            .unwrap()
            .keys
            .contains(&key)
    };
    assert!(!announced(&store));
    store.mark_reminded(&[key], now()).unwrap();
    assert!(announced(&store));
    let before = store.prospect_detail(id, now()).unwrap();
    assert_eq!(before.touches.len(), 3);
    assert_eq!(before.reasons_given.len(), 2);

    let item = store.delete_prospect(id, now()).unwrap();
    assert_eq!(item.kind, TrashKind::Prospect);
    assert_eq!(item.label, "Jenny Lee");
    assert_eq!(item.detail, "Northwind Dental · 3 touches");
    assert_eq!(store.prospect(id).unwrap_err().code(), "not_found");
    assert!(search(&store, "sailing").is_empty());
    assert!(store.touches(id).unwrap().is_empty());
    assert_eq!(store.overview().unwrap().total, 1);
    assert_eq!(store.recently_deleted(now()).unwrap(), vec![item.clone()]);

    let restored = store.restore_deleted(item.id, now()).unwrap();
    assert_eq!(restored.kind, TrashKind::Prospect);
    assert_eq!((restored.id, restored.prospect_id), (id, Some(id)));
    let after = store.prospect_detail(id, now()).unwrap();
    assert_eq!(
        shown(&after),
        shown(&before),
        "everything is back as it was"
    );
    assert_eq!(after.prospect.tags, vec!["chicago", "dental"]);
    assert_eq!(search(&store, "sailing"), vec![id], "the search index too");
    assert_eq!(search(&store, "dental"), vec![id]);
    assert_eq!(store.overview().unwrap().total, 2);
    // The mailed note still names its touch, and the reminder already sent is not sent
    // again.
    let notes = store.notes_to_write(now()).unwrap();
    assert!(notes.iter().any(|n| n.prospect_id == id));
    assert!(announced(&store));
    assert!(store.recently_deleted(now()).unwrap().is_empty());
    assert_eq!(
        store.restore_deleted(item.id, now()).unwrap_err().code(),
        "not_found",
        "restored once"
    );
    assert_eq!(store.prospect(other).unwrap().name, "Marcus Okafor");
}

#[test]
fn a_restored_prospect_is_rescheduled_for_when_it_comes_back() {
    let mut store = Store::open_in_memory().unwrap();
    let id = named(&mut store, "Ann Berg");
    log(
        &mut store,
        id,
        Channel::Email,
        Outcome::NoResponse,
        days(-3),
    );
    let item = store.delete_prospect(id, now()).unwrap();
    let later = days(20);
    store.restore_deleted(item.id, later).unwrap();
    let p = store.prospect(id).unwrap();
    assert_eq!(p.stats.touchpoints, 1);
    assert_eq!(
        p.next_due_at,
        store.due(id, later).unwrap().map(|d| d.at),
        "the stored due time is the engine's answer as of the restore"
    );
}

#[test]
fn a_deleted_touch_comes_back_with_its_note_and_the_figures_follow() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    log(
        &mut store,
        id,
        Channel::Email,
        Outcome::NoResponse,
        days(-9),
    );
    let note = draft(&mut store, id, "Dear Jenny, thank you.", None, days(-2));
    let mailed = store.mail_note(note.id, days(-2)).unwrap();
    let before = store.prospect_detail(id, now()).unwrap();
    assert_eq!(before.prospect.stats.touchpoints, 2);

    let item = store.delete_touch(mailed.id, now()).unwrap();
    assert_eq!(item.kind, TrashKind::Touch);
    assert_eq!(item.label, "Handwritten note · Jenny Lee");
    assert_eq!(item.detail, "No response · 21 Nov 2026");
    let gone = store.prospect(id).unwrap();
    assert_eq!(gone.stats.touchpoints, 1);
    assert_eq!(gone.stats.last_touch_at, Some(days(-9)));

    let restored = store.restore_deleted(item.id, now()).unwrap();
    assert_eq!((restored.id, restored.prospect_id), (mailed.id, Some(id)));
    let after = store.prospect_detail(id, now()).unwrap();
    assert_eq!(shown(&after), shown(&before));
}

#[test]
fn templates_reasons_and_plans_come_back_and_reconnect() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);

    // A template.
    let t = store
        .save_template(
            Template {
                id: 0,
                name: "Price change".into(),
                channel: Channel::Email,
                subject: "News for {{ company }}".into(),
                body: "Hi {{ first_name }}".into(),
                starter: false,
                updated_at: now(),
            },
            now(),
        )
        .unwrap();
    let item = store.delete_template(t.id, now()).unwrap();
    assert_eq!(
        (item.kind, item.label.as_str()),
        (TrashKind::Template, "Price change")
    );
    assert_eq!(item.detail, "Email");
    assert_eq!(store.template(t.id).unwrap_err().code(), "not_found");
    store.restore_deleted(item.id, now()).unwrap();
    assert_eq!(store.template(t.id).unwrap(), t);

    // A reason given on a touch and on a mailed note: both name it again.
    let news = reason(&mut store, "Fees change in March");
    let mut given = touch(id, Channel::Call, Outcome::Conversation, days(-3));
    given.reason_id = Some(news);
    let call = store.log_touch(given, days(-3)).unwrap();
    let note = draft(
        &mut store,
        id,
        "Dear Jenny, about the fees.",
        Some(news),
        days(-2),
    );
    store.mail_note(note.id, days(-2)).unwrap();
    assert_eq!(store.reasons_given(id).unwrap().len(), 2);
    let item = store.delete_reason(news, now()).unwrap();
    assert_eq!(item.detail, "given on 2 touches");
    assert!(store.reasons_given(id).unwrap().is_empty());
    let restored = store.restore_deleted(item.id, now()).unwrap();
    assert_eq!((restored.kind, restored.id), (TrashKind::Reason, news));
    let given: Vec<i64> = store
        .reasons_given(id)
        .unwrap()
        .iter()
        .map(|g| g.touch_id)
        .collect();
    assert!(given.contains(&call.id));
    assert_eq!(given.len(), 2);

    // A plan with a follower: back on it, and rescheduled by it.
    let plan = store
        .save_plan(
            Plan {
                id: 0,
                name: "Every three days".into(),
                builtin: false,
                description: String::new(),
                steps: vec![Step {
                    after_days: 3,
                    after_hours: 0,
                    business_days: false,
                    channel: Channel::Text,
                    purpose: "Check in".into(),
                }],
                repeat_from: Some(0),
            },
            now(),
        )
        .unwrap();
    let ann = named(&mut store, "Ann Berg");
    store.assign_plan(ann, Some(plan.id), now()).unwrap();
    let on_plan = store.prospect(ann).unwrap();
    let item = store.delete_plan(plan.id, now()).unwrap();
    assert_eq!(item.detail, "1 prospect followed it");
    assert_eq!(store.prospect(ann).unwrap().plan_id, None);
    let restored = store.restore_deleted(item.id, now()).unwrap();
    assert_eq!(restored.id, plan.id);
    assert_eq!(store.plan(plan.id).unwrap(), plan);
    let back = store.prospect(ann).unwrap();
    assert_eq!(back.plan_id, Some(plan.id));
    assert_eq!(back.next_due_at, on_plan.next_due_at);
}

#[test]
fn a_plan_follower_moved_meanwhile_stays_where_the_user_put_it() {
    let mut store = Store::open_in_memory().unwrap();
    let mut plan = store.plans().unwrap()[0].clone();
    plan.id = 0;
    plan.builtin = false;
    plan.name = "Mine".into();
    let plan = store.save_plan(plan, now()).unwrap();
    let ann = named(&mut store, "Ann Berg");
    store.assign_plan(ann, Some(plan.id), now()).unwrap();
    let item = store.delete_plan(plan.id, now()).unwrap();
    // She was put on her default plan again, explicitly, after the delete.
    store.assign_plan(ann, None, days(1)).unwrap();
    store.restore_deleted(item.id, days(2)).unwrap();
    assert_eq!(store.prospect(ann).unwrap().plan_id, None);
}

#[test]
fn recently_deleted_keeps_thirty_days_then_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path).unwrap();
    let ann = named(&mut store, "Ann Berg");
    let ben = named(&mut store, "Ben Cole");
    let old = store.delete_prospect(ann, now()).unwrap();
    let newer = store.delete_prospect(ben, days(10)).unwrap();
    assert_eq!(
        store.recently_deleted(days(29)).unwrap(),
        vec![newer.clone(), old.clone()],
        "newest first"
    );
    // Past 30 days it is no longer listed, nor restorable.
    assert_eq!(
        store.recently_deleted(days(31)).unwrap(),
        vec![newer.clone()]
    );
    assert_eq!(
        store.restore_deleted(old.id, days(31)).unwrap_err().code(),
        "not_found"
    );
    // A delete purges it for good: even asked as of its own day, it is gone.
    let cal = named(&mut store, "Cal Diaz");
    store.delete_prospect(cal, days(31)).unwrap();
    let as_of_then: Vec<i64> = store
        .recently_deleted(now())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert!(!as_of_then.contains(&old.id));
    assert!(as_of_then.contains(&newer.id));
    // Opening the file purges too.
    drop(store);
    let store = Store::open_seeded(
        &path,
        Seed {
            zone: chrono_tz::Tz::UTC,
            now: days(45),
        },
    )
    .unwrap();
    let left: Vec<String> = store
        .recently_deleted(now())
        .unwrap()
        .into_iter()
        .map(|i| i.label)
        .collect();
    assert_eq!(left, vec!["Cal Diaz"]);
}

#[test]
fn restoring_over_a_reused_id_gives_a_new_one_and_overwrites_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let ann = named(&mut store, "Ann Berg");
    let ben = jenny(&mut store);
    let call = log(
        &mut store,
        ben,
        Channel::Call,
        Outcome::NoResponse,
        days(-4),
    );
    let email = log(
        &mut store,
        ben,
        Channel::Email,
        Outcome::NoResponse,
        days(-2),
    );
    // The touch first, then its prospect: both in the trash.
    let touch_item = store.delete_touch(email.id, now()).unwrap();
    let prospect_item = store.delete_prospect(ben, now()).unwrap();
    // SQLite hands the highest ids out again: a new prospect and a new touch take them.
    let cal = named(&mut store, "Cal Diaz");
    assert_eq!(cal, ben, "the id was reused");
    let cals = log(
        &mut store,
        cal,
        Channel::Text,
        Outcome::NoResponse,
        days(-1),
    );
    assert_eq!(cals.id, call.id, "so was the touch id");
    let cal_before = store.prospect_detail(cal, now()).unwrap();

    let restored = store.restore_deleted(prospect_item.id, now()).unwrap();
    assert_ne!(restored.id, ben, "a new id, not Cal's");
    let jenny_back = store.prospect_detail(restored.id, now()).unwrap();
    assert_eq!(jenny_back.prospect.name, "Jenny Lee");
    assert_eq!(jenny_back.touches.len(), 1);
    assert_eq!(jenny_back.touches[0].channel, Channel::Call);
    assert_ne!(jenny_back.touches[0].id, call.id, "a new touch id too");
    assert_eq!(search(&store, "sailing"), vec![restored.id]);
    let cal_after = store.prospect_detail(cal, now()).unwrap();
    assert_eq!(shown(&cal_after), shown(&cal_before), "Cal is untouched");
    assert_eq!(search(&store, "cal"), vec![cal]);

    // The deleted touch follows Jenny to her new id, not onto Cal.
    let back = store.restore_deleted(touch_item.id, now()).unwrap();
    assert_eq!(back.prospect_id, Some(restored.id));
    assert_eq!(store.touches(restored.id).unwrap().len(), 2);
    assert_eq!(store.touches(cal).unwrap().len(), 1);
    assert_eq!(store.prospect(ann).unwrap().name, "Ann Berg");
}

#[test]
fn a_touch_whose_prospect_is_deleted_waits_for_it() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    let t = log(&mut store, id, Channel::Call, Outcome::NoResponse, days(-1));
    let touch_item = store.delete_touch(t.id, now()).unwrap();
    let prospect_item = store.delete_prospect(id, now()).unwrap();
    let err = store.restore_deleted(touch_item.id, now()).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(
        err.to_string().contains("Jenny Lee has been deleted too"),
        "{err}"
    );
    assert_eq!(
        store.recently_deleted(now()).unwrap().len(),
        2,
        "both still there"
    );
    store.restore_deleted(prospect_item.id, now()).unwrap();
    store.restore_deleted(touch_item.id, now()).unwrap();
    assert_eq!(store.touches(id).unwrap().len(), 1);
}

#[test]
fn removing_the_touch_that_stopped_a_prospect_puts_it_back_and_undoing_stops_it_again() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    log(
        &mut store,
        id,
        Channel::Call,
        Outcome::Conversation,
        days(-6),
    );
    store
        .set_next_step(
            id,
            Some(NextStep {
                at: days(14),
                note: "Demo with the partners".into(),
            }),
            now(),
        )
        .unwrap();
    store.snooze(id, Some(days(3)), now()).unwrap();
    let mut input = input_of(&store.prospect(id).unwrap());
    input.stage = Stage::Conversation;
    store.update_prospect(id, input, now()).unwrap();
    let before = store.prospect_detail(id, now()).unwrap();
    assert!(before.due.is_some());

    // "Never" on the second touch: asked first, then stopped.
    let never = touch(id, Channel::Email, Outcome::Never, now());
    assert_eq!(
        store.log_touch(never.clone(), now()).unwrap_err().code(),
        "confirm"
    );
    let stopper = store
        .log_touch(
            TouchInput {
                confirm_stop: true,
                ..never
            },
            now(),
        )
        .unwrap();
    let stopped = store.prospect(id).unwrap();
    assert_eq!(stopped.status, Status::DoNotContact);
    assert!(stopped.status_reason.starts_with("Said never"));
    assert_eq!(
        (stopped.snoozed_until, stopped.next_step.clone()),
        (None, None)
    );
    assert_eq!(stopped.next_due_at, None);

    // Removing it puts back status, reason, snooze, next step, and the schedule.
    let item = store.delete_touch(stopper.id, now()).unwrap();
    let after = store.prospect_detail(id, now()).unwrap();
    assert_eq!(shown(&after), shown(&before));

    // Undoing the removal stops them again.
    store.restore_deleted(item.id, now()).unwrap();
    let again = store.prospect(id).unwrap();
    assert_eq!(again.status, Status::DoNotContact);
    assert_eq!(again.status_reason, stopped.status_reason);
    assert_eq!((again.snoozed_until, again.next_due_at), (None, None));
}

#[test]
fn removing_a_yes_touch_undoes_only_what_nothing_changed_since() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    let yes = store
        .log_touch(touch(id, Channel::InPerson, Outcome::Yes, now()), now())
        .unwrap();
    let client = store.prospect(id).unwrap();
    assert_eq!((client.status, client.stage), (Status::Client, Stage::Won));
    // The user then moved the stage by hand; the status is still what the touch set.
    let mut input = input_of(&store.prospect(id).unwrap());
    input.stage = Stage::Proposal;
    store.update_prospect(id, input, now()).unwrap();
    store.delete_touch(yes.id, now()).unwrap();
    let p = store.prospect(id).unwrap();
    assert_eq!(p.status, Status::Active, "what the touch did is undone");
    assert_eq!(p.stage, Stage::Proposal, "what the user did since stays");
}

#[test]
fn a_stale_edit_is_refused_and_nothing_is_overwritten() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    // The form opens on this version…
    let opened = store.prospect(id).unwrap();
    let mut edit = input_of(&store.prospect(id).unwrap());
    edit.version = Some(opened.version);
    edit.notes = "Typed in the form".into();
    // …then a touch is logged from a notification.
    log(
        &mut store,
        id,
        Channel::Voicemail,
        Outcome::NoResponse,
        now(),
    );
    let newer = store.prospect(id).unwrap();
    assert!(newer.version > opened.version, "a touch bumps the version");
    let err = store.update_prospect(id, edit.clone(), now()).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err
        .to_string()
        .contains("Jenny Lee changed after you opened the form"));
    assert_eq!(store.prospect(id).unwrap(), newer, "nothing was written");
    // Saved against the newer version, it goes through.
    edit.version = Some(newer.version);
    let saved = store.update_prospect(id, edit, now()).unwrap();
    assert_eq!(saved.notes, "Typed in the form");
    assert_eq!(saved.stats.touchpoints, 1, "the touch is still counted");
    // A snooze, a pause, a next step: each is a change the form did not see.
    for change in 0..3 {
        let v = store.prospect(id).unwrap().version;
        match change {
            0 => store.snooze(id, Some(days(2)), now()).unwrap(),
            1 => store.set_paused(id, true, now()).unwrap(),
            _ => store
                .set_next_step(
                    id,
                    Some(NextStep {
                        at: days(5),
                        note: "Call back".into(),
                    }),
                    now(),
                )
                .unwrap(),
        }
        assert!(store.prospect(id).unwrap().version > v, "change {change}");
    }
    // Recomputing the schedule alone (saving Settings) is not an edit of the prospect.
    let v = store.prospect(id).unwrap().version;
    store.recompute_all(days(40)).unwrap();
    assert_eq!(store.prospect(id).unwrap().version, v);
}

#[test]
fn a_note_is_mailed_once() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store);
    let note = draft(&mut store, id, "Dear Jenny, thank you.", None, now());
    store.mail_note(note.id, now()).unwrap();
    let err = store.mail_note(note.id, now()).unwrap_err();
    assert!(err.to_string().contains("already been mailed"));
    assert_eq!(store.touches(id).unwrap().len(), 1);
}

/// Two windows (two connections) mail the same note at the same moment: one logs the
/// touch, the other is told it was mailed already. Several rounds, so the two really
/// overlap: each reads the note before the other has written.
#[test]
fn a_note_mailed_from_two_places_at_once_is_mailed_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path).unwrap();
    let id = jenny(&mut store);
    for round in 0..20 {
        let note = draft(
            &mut store,
            id,
            &format!("Dear Jenny, note {round}."),
            None,
            now(),
        );
        let start = Arc::new(Barrier::new(2));
        let mailers: Vec<_> = (0..2)
            .map(|_| {
                let (path, start) = (path.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    let mut mine = Store::open(&path).unwrap();
                    start.wait();
                    mine.mail_note(note.id, now()).is_ok()
                })
            })
            .collect();
        let mailed = mailers
            .into_iter()
            .map(|m| m.join().unwrap())
            .filter(|ok| *ok)
            .count();
        assert_eq!(mailed, 1, "round {round}");
    }
    assert_eq!(store.touches(id).unwrap().len(), 20);
}

/// A message from them deleted before it stopped counting as a touchpoint (its trash row
/// still says it counts) comes back counted by today's rule: alone, or with its prospect.
#[test]
fn a_message_from_them_comes_back_as_theirs_from_an_older_trash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DB_FILE);
    let mut store = Store::open(&file).unwrap();
    let id = jenny(&mut store);
    log(
        &mut store,
        id,
        Channel::Email,
        Outcome::NoResponse,
        days(-9),
    );
    let mut theirs = touch(id, Channel::Email, Outcome::Replied, days(-5));
    theirs.inbound = true;
    let theirs = store.log_touch(theirs, days(-5)).unwrap();
    assert_eq!(store.prospect(id).unwrap().stats.touchpoints, 1);
    // As an older version kept it: their message counted.
    let older = |path: &str| {
        followthrough_core::rusqlite::Connection::open(&file)
            .unwrap()
            .execute(
                &format!("UPDATE trash SET payload = json_set(payload, '{path}', 1)"),
                [],
            )
            .unwrap();
    };

    let item = store.delete_touch(theirs.id, now()).unwrap();
    older("$.touch.counts");
    store.restore_deleted(item.id, now()).unwrap();
    assert_eq!(store.prospect(id).unwrap().stats.touchpoints, 1);

    let item = store.delete_prospect(id, now()).unwrap();
    older("$.touches[0].counts");
    older("$.touches[1].counts");
    let restored = store.restore_deleted(item.id, now()).unwrap();
    let p = store.prospect(restored.id).unwrap();
    assert_eq!((p.stats.touchpoints, p.stats.attempts), (1, 1));
}
