//! An import through the store's public API, with records made in the test (the file
//! readers have their own tests): the preview says what the import then does; nothing
//! is written by a preview, a cancel or a failure; a re-import creates no duplicates;
//! a merge fills gaps and overwrites nothing; first contacts are spread at the rate
//! asked; a backup is taken first; a dossier's history comes in whole.

#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use followthrough_core::cadence::plan::{Plan, Step};
use followthrough_core::import::{Feed, History, HistoryTouch, Place, Record, RowError};
use followthrough_core::model::*;
use followthrough_core::store::backup;
use followthrough_core::store::import::{ImportOptions, ImportReport, OnMatch, Progress};
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::{Error, Store};
use std::collections::BTreeMap;

fn now() -> DateTime<Utc> {
    // Monday 23 November 2026, 10:00 in Chicago.
    Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap()
}

/// Records from memory, as a reader would hand them over.
struct Items(std::vec::IntoIter<Result<Record, RowError>>, u64);

impl Iterator for Items {
    type Item = Result<Record, RowError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.1 += 1;
        self.0.next()
    }
}

impl Feed for Items {
    fn bytes_read(&self) -> u64 {
        self.1 * 100
    }
}

fn feed(items: Vec<Result<Record, RowError>>) -> Items {
    Items(items.into_iter(), 0)
}

fn contact(line: u64, name: &str, company: &str, email: &str) -> Result<Record, RowError> {
    Ok(Record {
        place: Place::Line(line),
        contact: ProspectInput {
            name: name.into(),
            company: company.into(),
            emails: if email.is_empty() {
                vec![]
            } else {
                vec![email.into()]
            },
            ..ProspectInput::default()
        },
        history: None,
        keeps_source: false,
    })
}

fn people(n: usize) -> Vec<Result<Record, RowError>> {
    (0..n)
        .map(|i| {
            contact(
                i as u64 + 2,
                &format!("Person {i}"),
                "Acme",
                &format!("p{i}@acme.example"),
            )
        })
        .collect()
}

fn go(_: Progress) -> bool {
    true
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let seed = Seed {
        zone: chrono_tz::America::Chicago,
        now: now(),
    };
    let store = Store::open_seeded(&dir.path().join(DB_FILE), seed).unwrap();
    (dir, store)
}

fn count(store: &Store) -> u32 {
    store.overview().unwrap().total
}

/// The first prospect in the list (the only one, in the tests that ask).
fn first_id(store: &Store) -> i64 {
    store
        .list_prospects(&ListQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id
}

/// Imports a file's bytes as the reader reads them.
fn import_bytes(store: &mut Store, file: &[u8]) -> ImportReport {
    use followthrough_core::import::{inspect_bytes, records_from_bytes};
    let info = inspect_bytes(file).unwrap();
    let mut rows = records_from_bytes(file.to_vec(), &info, &info.mapping).unwrap();
    store.import(&mut rows, &options(), now(), &mut go).unwrap()
}

fn options() -> ImportOptions {
    ImportOptions {
        source: Source::Networking,
        tag: "Expo 2026".into(),
        ..ImportOptions::default()
    }
}

fn import(
    store: &mut Store,
    items: Vec<Result<Record, RowError>>,
    o: &ImportOptions,
) -> ImportReport {
    store.import(&mut feed(items), o, now(), &mut go).unwrap()
}

/// How many prospects (all but `except`) come due on each day, in Chicago.
fn due_per_day(store: &Store, except: &str) -> Vec<(NaiveDate, u32)> {
    let rows = store
        .list_prospects(&ListQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
        .rows;
    let mut per_day: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.name != except) {
        let at = r
            .next_due_at
            .unwrap()
            .with_timezone(&chrono_tz::America::Chicago);
        *per_day.entry(at.date_naive()).or_default() += 1;
    }
    per_day.into_iter().collect()
}

#[test]
fn the_preview_says_what_the_import_does_and_writes_nothing() {
    let (_dir, mut store) = store();
    let mut items = people(3);
    items.push(contact(5, "", "Nameless Inc", ""));
    items.push(contact(6, "Bad Email", "", "not-an-address"));
    items.push(Err(RowError {
        place: Place::Line(7),
        reason: "the row has an unclosed quote".into(),
    }));
    // The same person twice in one file is one prospect.
    items.push(contact(8, "Person 0", "Acme", "P0@acme.example"));

    let preview = store
        .preview_import(&mut feed(items.clone()), &options(), now(), &mut go)
        .unwrap();
    assert_eq!(count(&store), 0, "a preview writes nothing");
    assert_eq!(
        (preview.new, preview.matching, preview.error_count),
        (3, 1, 3)
    );
    assert!(!preview.written);
    let lines: Vec<_> = preview.errors.iter().map(|e| e.place).collect();
    assert_eq!(lines, [Place::Line(5), Place::Line(6), Place::Line(7)]);
    assert!(
        preview.errors[1].reason.contains("not-an-address"),
        "{:?}",
        preview.errors[1]
    );

    let done = import(&mut store, items.clone(), &options());
    assert_eq!((done.new, done.matching, done.error_count), (3, 1, 3));
    assert!(done.written);
    assert_eq!(count(&store), 3);

    // Again: nothing new.
    let again = import(&mut store, items, &options());
    assert_eq!((again.new, again.matching), (0, 4));
    assert_eq!(count(&store), 3);
}

#[test]
fn new_prospects_get_the_source_and_the_import_tag() {
    let (_dir, mut store) = store();
    import(&mut store, people(2), &options());
    let page = store
        .list_prospects(&ListQuery {
            tag: Some("expo 2026".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    let p = store.prospect(page.rows[0].id).unwrap();
    assert_eq!(p.source, Source::Networking);
    assert_eq!(p.status, Status::Active);
    assert!(p.next_due_at.is_some(), "on its plan from the start");
}

#[test]
fn a_match_is_merged_without_overwriting_or_skipped() {
    let (_dir, mut store) = store();
    let id = store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                company: "Acme Dental".into(),
                emails: vec!["jenny@acme.example".into()],
                notes: "Prefers mornings.".into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap()
        .id;
    let mut theirs = contact(2, "Jennifer Lee", "Acme Dental Group", "JENNY@acme.example").unwrap();
    theirs.contact.title = "Office manager".into();
    theirs.contact.phones = vec!["312 555 0100".into()];
    let items = vec![Ok(theirs)];

    let skipped = import(&mut store, items.clone(), &options());
    assert_eq!(
        (skipped.matching, skipped.with_changes, skipped.merged),
        (1, 1, 0)
    );
    assert_eq!(store.prospect(id).unwrap().title, "");

    let merge = ImportOptions {
        on_match: OnMatch::Merge,
        ..options()
    };
    let merged = import(&mut store, items.clone(), &merge);
    assert_eq!((merged.new, merged.merged), (0, 1));
    let p = store.prospect(id).unwrap();
    assert_eq!(p.name, "Jenny Lee");
    assert_eq!(p.company, "Acme Dental");
    assert_eq!(p.title, "Office manager");
    assert_eq!(p.phones, ["312 555 0100"]);
    assert_eq!(p.notes, "Prefers mornings.");
    assert!(
        !p.tags.contains(&"Expo 2026".to_string()),
        "the import's tag marks only whom it created"
    );

    let again = import(&mut store, items, &merge);
    assert_eq!((again.with_changes, again.merged), (0, 0));
}

#[test]
fn first_contacts_are_spread_at_the_rate_asked() {
    let (_dir, mut store) = store();
    let o = ImportOptions {
        per_day: 20,
        ..options()
    };
    let preview = store
        .preview_import(&mut feed(people(50)), &o, now(), &mut go)
        .unwrap();
    let spread = preview.spread.unwrap();
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    assert_eq!((spread.prospects, spread.days), (50, 3));
    assert_eq!((spread.first, spread.last), (day(23), day(25)));

    import(&mut store, people(50), &o);
    // The import scheduled everyone through the engine's one evaluation: the full
    // reschedule (a settings change) finds nothing to move.
    let before = store
        .list_prospects(&ListQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
        .rows;
    store.recompute_all(now()).unwrap();
    let after = store
        .list_prospects(&ListQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
        .rows;
    assert_eq!(before, after);
    assert_eq!(
        due_per_day(&store, ""),
        [(day(23), 20), (day(24), 20), (day(25), 10)]
    );
}

/// A dossier of people never touched is spread like any list (its empty snooze doesn't
/// undo the spread's), and one whose snooze or next step is years ahead is refused with
/// its line, not imported to vanish from every queue.
#[test]
fn dossiers_are_spread_and_their_dates_checked() {
    let (_dir, mut store) = store();
    let dossier = |i: usize, snoozed_until| {
        let mut r = contact(
            i as u64 + 2,
            &format!("Person {i}"),
            "Acme",
            &format!("p{i}@acme.example"),
        )
        .unwrap();
        r.history = Some(Box::new(History {
            created_at: now() - Duration::days(10),
            touches: vec![],
            plan: None,
            plan_started_at: None,
            next_step: None,
            snoozed_until,
            paused: false,
            skips: vec![],
        }));
        Ok(r)
    };
    let mut items: Vec<_> = (0..30).map(|i| dossier(i, None)).collect();
    items.push(dossier(
        30,
        Some(Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap()),
    ));
    // One with a step agreed for later today keeps it: the spread's day for it (the
    // 32nd, tomorrow) doesn't hold it back.
    let agreed = now() + Duration::hours(1);
    let mut with_step = dossier(31, None).unwrap();
    if let Some(h) = with_step.history.as_mut() {
        h.next_step = Some(NextStep {
            at: agreed,
            note: "Call about the order".into(),
        });
    }
    items.push(Ok(with_step));
    let o = ImportOptions {
        per_day: 20,
        ..options()
    };
    let done = import(&mut store, items, &o);
    assert_eq!((done.new, done.error_count), (31, 1));
    assert!(
        done.errors[0].reason.contains("too far ahead"),
        "{:?}",
        done.errors[0]
    );
    let rows = store
        .list_prospects(&ListQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
        .rows;
    let stepped = rows.iter().find(|r| r.name == "Person 31").unwrap();
    assert_eq!(stepped.next_due_at, Some(agreed));
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    // The first twenty are due since they came into the old book; the rest tomorrow.
    assert_eq!(
        due_per_day(&store, "Person 31"),
        [(day(13), 20), (day(24), 10)]
    );
}

/// Two colleagues on one switchboard number are two people, not a match to skip.
#[test]
fn a_shared_phone_number_is_not_the_same_person() {
    let (_dir, mut store) = store();
    let with_phone = |line, name: &str, email: &str| {
        let mut r = contact(line, name, "Acme", email).unwrap();
        r.contact.phones = vec!["+1 312 555 0100".into()];
        Ok(r)
    };
    let done = import(
        &mut store,
        vec![
            with_phone(2, "Jenny Lee", "jenny@acme.example"),
            with_phone(3, "Bob Stone", "bob@acme.example"),
        ],
        &options(),
    );
    assert_eq!((done.new, done.matching), (2, 0));
}

#[test]
fn a_cancel_or_a_bad_rate_writes_nothing() {
    let (_dir, mut store) = store();
    let mut asked = 0;
    let err = store
        .import(&mut feed(people(1000)), &options(), now(), &mut |_| {
            asked += 1;
            asked < 2
        })
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert_eq!(count(&store), 0);

    let err = store
        .import(
            &mut feed(people(1)),
            &ImportOptions {
                per_day: 0,
                ..options()
            },
            now(),
            &mut go,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("per_day"));
    assert_eq!(count(&store), 0);
}

/// A cancel answered to the last progress report (the only one a short file gets)
/// leaves the book exactly as it was, for an import as for a preview.
#[test]
fn a_cancel_at_the_end_of_a_short_file_writes_nothing() {
    let (_dir, mut store) = store();
    import(&mut store, people(2), &options());
    let book = |store: &Store| {
        let rows = store
            .list_prospects(&ListQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap()
            .rows;
        format!("{rows:?}")
    };
    let before = book(&store);
    // Two already here (merged: new details), one new.
    let mut items = people(3);
    if let Ok(r) = &mut items[0] {
        r.contact.title = "Office manager".into();
    }
    let merge = ImportOptions {
        on_match: OnMatch::Merge,
        ..options()
    };
    let mut asked = Vec::new();
    let err = store
        .import(
            &mut feed(items.clone()),
            &merge,
            now(),
            &mut |p: Progress| {
                asked.push(p.records);
                p.records < 3
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert_eq!(asked, [3], "asked once, at the end");
    assert_eq!(book(&store), before);
    assert_eq!(count(&store), 2);

    let err = store
        .preview_import(&mut feed(items.clone()), &merge, now(), &mut |_| false)
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    // Going on, the same file is imported.
    let done = import(&mut store, items, &merge);
    assert_eq!((done.new, done.matching, done.merged), (1, 2, 1));
}

#[test]
fn a_backup_is_taken_before_writing() {
    let (dir, mut store) = store();
    let done = import(&mut store, people(1), &options());
    let file = done.backup.unwrap();
    let backups = backup::list(&backup::folder(&dir.path().join(DB_FILE))).unwrap();
    let b = backups.iter().find(|b| b.file == file).unwrap();
    assert_eq!(b.kind, BackupKind::PreImport);
    assert_eq!(
        b.contents.as_ref().map(|c| c.prospects),
        Some(0),
        "taken before the import wrote"
    );
}

#[test]
fn a_dossier_brings_the_history_and_the_plan() {
    let (_dir, mut store) = store();
    let plan = Plan {
        id: 99,
        name: "Dental territory".into(),
        builtin: false,
        description: String::new(),
        steps: vec![Step {
            after_days: 10,
            after_hours: 0,
            business_days: false,
            channel: Channel::Call,
            purpose: "Check in".into(),
        }],
        repeat_from: Some(0),
    };
    let touch = |days: i64, outcome| HistoryTouch {
        at: now() - Duration::days(days),
        channel: Channel::Call,
        outcome,
        note: format!("{days} days ago"),
        message: String::new(),
        inbound: false,
    };
    let mut record = contact(1, "Ravi Patel", "Bright Smiles", "ravi@bright.example").unwrap();
    record.contact.status = Status::Nurture;
    record.contact.stage = Stage::Conversation;
    record.contact.source = Source::Referral;
    record.place = Place::Card(1);
    record.keeps_source = true;
    record.history = Some(Box::new(History {
        created_at: now() - Duration::days(60),
        touches: vec![
            touch(30, Outcome::Conversation),
            touch(3, Outcome::NoResponse),
        ],
        plan: Some(plan.clone()),
        plan_started_at: Some(now() - Duration::days(40)),
        next_step: None,
        snoozed_until: None,
        paused: false,
        skips: vec![],
    }));
    let done = import(&mut store, vec![Ok(record.clone())], &options());
    assert_eq!(done.new, 1);
    assert!(
        done.spread.is_none(),
        "a prospect with a history keeps its own schedule"
    );

    let id = first_id(&store);
    let detail = store.prospect_detail(id, now()).unwrap();
    let p = &detail.prospect;
    assert_eq!(
        (p.status, p.stage, p.source),
        (Status::Nurture, Stage::Conversation, Source::Referral)
    );
    assert_eq!(p.created_at, now() - Duration::days(60));
    assert_eq!(p.stats.touchpoints, 2);
    assert_eq!(detail.touches.len(), 2);
    assert_eq!(detail.touches[0].note, "3 days ago");
    assert_eq!(detail.plan.name, "Dental territory");
    // Ten days after the last touch, at a block.
    let due = p.next_due_at.unwrap();
    assert!(
        due >= now() + Duration::days(7) && due <= now() + Duration::days(8),
        "{due}"
    );

    // Importing the same dossier again adds no touches; the plan is not copied twice.
    let merge = ImportOptions {
        on_match: OnMatch::Merge,
        ..options()
    };
    let again = import(&mut store, vec![Ok(record)], &merge);
    assert_eq!((again.new, again.matching, again.merged), (0, 1, 0));
    assert_eq!(store.prospect_detail(id, now()).unwrap().touches.len(), 2);
    let copies = store
        .plans()
        .unwrap()
        .iter()
        .filter(|p| p.name == "Dental territory")
        .count();
    assert_eq!(copies, 1);
}

/// A dossier from a book written before "call, no message left" had to have no answer
/// brings such a call in as a call (they spoke), rather than leaving the prospect out.
#[test]
fn a_dossiers_unanswered_call_with_an_answer_comes_in_as_a_call() {
    let (_dir, mut store) = store();
    let touch = |days: i64, outcome| HistoryTouch {
        at: now() - Duration::days(days),
        channel: Channel::CallNoMessage,
        outcome,
        note: String::new(),
        message: String::new(),
        inbound: false,
    };
    let mut record = contact(1, "Ravi Patel", "Bright Smiles", "ravi@bright.example").unwrap();
    record.place = Place::Card(1);
    record.history = Some(Box::new(History {
        created_at: now() - Duration::days(60),
        touches: vec![
            touch(30, Outcome::Conversation),
            touch(3, Outcome::NoResponse),
        ],
        plan: None,
        plan_started_at: None,
        next_step: None,
        snoozed_until: None,
        paused: false,
        skips: vec![],
    }));
    let done = import(&mut store, vec![Ok(record)], &options());
    assert_eq!((done.new, done.error_count), (1, 0), "{:?}", done.errors);
    let id = first_id(&store);
    let detail = store.prospect_detail(id, now()).unwrap();
    let touches: Vec<(Channel, Outcome, bool)> = detail
        .touches
        .iter()
        .map(|t| (t.channel, t.outcome, t.counts))
        .collect();
    assert_eq!(
        touches,
        [
            (Channel::CallNoMessage, Outcome::NoResponse, false),
            (Channel::Call, Outcome::Conversation, true),
        ]
    );
    assert_eq!(
        (
            detail.prospect.stats.attempts,
            detail.prospect.stats.touchpoints
        ),
        (2, 1)
    );
}

/// A contact with nothing but a name is known by it: importing the same file again
/// creates nobody twice.
#[test]
fn the_same_names_only_file_imported_twice_creates_nobody_twice() {
    let (_dir, mut store) = store();
    for round in 0..2 {
        let done = import_bytes(&mut store, b"Name\nJenny Lee\n");
        assert_eq!((done.new, done.matching), (1 - round, round), "{done:?}");
    }
    assert_eq!(count(&store), 1);
}

/// A phone number that can't be stored would leave the whole contact out: a slash as
/// the separator and vCard 4.0's own example of a `tel:` URI with an extension (RFC
/// 6350) come in.
#[test]
fn a_slash_or_a_tel_uris_extension_keeps_nobody_out() {
    let (_dir, mut store) = store();
    let file = b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jenny Lee\r\n\
        TEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-555-555-5555;ext=5555\r\n\
        TEL:030/1234567\r\nEND:VCARD\r\n";
    let done = import_bytes(&mut store, file);
    assert_eq!((done.new, done.error_count), (1, 0), "{:?}", done.errors);
    let id = first_id(&store);
    assert_eq!(
        store.prospect(id).unwrap().phones,
        ["+1-555-555-5555 ext. 5555", "030/1234567"]
    );
}

#[test]
fn a_read_only_book_can_be_previewed_again_and_again() {
    let (dir, mut store) = store();
    import(&mut store, people(2), &options());
    drop(store);
    let store = Store::open_read_only(&dir.path().join(DB_FILE)).unwrap();
    let mut items = people(3);
    items.push(contact(9, "Person 2", "Acme", "p2@acme.example"));
    // The identities a preview keeps go with it: the second sees the same book.
    for _ in 0..2 {
        let preview = store
            .preview_import(&mut feed(items.clone()), &options(), now(), &mut go)
            .unwrap();
        assert_eq!((preview.new, preview.matching), (1, 3));
    }
}
