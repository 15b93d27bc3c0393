#![allow(clippy::unwrap_used)]
//! The calendar file: read back with calcard's iCalendar parser and with an independent
//! library (Python's icalendar); its events at the engine's own due instants on both
//! sides of a daylight-saving change, UIDs kept across exports, a due that went away
//! gone, and nothing about anyone in the private calendar.

use calcard::icalendar::{ICalendarComponentType, ICalendarProperty};
use calcard::{Entry, Parser};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::Chicago;
use followthrough_core::model::*;
use followthrough_core::store::calendar::live_calendar_path;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::Store;
use std::collections::BTreeMap;

#[path = "support/python.rs"]
mod python;

/// Tuesday 27 October 2026, 10:00 in Chicago: the clocks go back on Sunday 1 November.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 27, 15, 0, 0).unwrap()
}

fn chicago(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Chicago
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

struct Book {
    _dir: tempfile::TempDir,
    store: Store,
    /// Jenny (a next step before the change), Bob (one after it, markup-like text in his
    /// fields), Cher (due on the plan).
    ids: [i64; 3],
}

fn book() -> Book {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_seeded(
        &dir.path().join(DB_FILE),
        Seed {
            zone: Chicago,
            now: now(),
        },
    )
    .unwrap();
    let mut add = |input: ProspectInput| store.create_prospect(input, now()).unwrap().id;
    let jenny = add(ProspectInput {
        name: "Jenny Lee".into(),
        company: "Acme Dental".into(),
        emails: vec!["jenny@acme.example".into()],
        phones: vec!["+1 312 555 0100".into()],
        ..ProspectInput::default()
    });
    let bob = add(ProspectInput {
        name: "Bob Stone".into(),
        company: "Stone, Hart; & Co".into(),
        phones: vec!["(312) 555-0199".into(), "+1 773 555 0142".into()],
        ..ProspectInput::default()
    });
    let cher = add(ProspectInput {
        name: "Cher".into(),
        ..ProspectInput::default()
    });
    let step = |at, note: &str| {
        Some(NextStep {
            at,
            note: note.into(),
        })
    };
    // Thursday 14:00 CDT, and Tuesday 09:30 CST after the change.
    store
        .set_next_step(
            jenny,
            step(chicago(2026, 10, 29, 14, 0), "Demo of the scheduler"),
            now(),
        )
        .unwrap();
    store
        .set_next_step(
            bob,
            step(
                chicago(2026, 11, 3, 9, 30),
                "Send pricing; bring the floor plan, v2\nthen call",
            ),
            now(),
        )
        .unwrap();
    Book {
        _dir: dir,
        store,
        ids: [jenny, bob, cher],
    }
}

#[derive(Debug, Clone)]
struct Ev {
    uid: String,
    summary: String,
    description: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    transp: String,
    /// (action, description) of each alarm.
    alarms: Vec<(String, String)>,
}

/// The events of a calendar, by UID, as calcard reads them.
fn events(text: &str) -> BTreeMap<String, Ev> {
    let Entry::ICalendar(cal) = Parser::new(text).entry() else {
        panic!("not a calendar:\n{text}");
    };
    let mut out = BTreeMap::new();
    for (i, c) in cal.components.iter().enumerate() {
        if c.component_type != ICalendarComponentType::VEvent {
            continue;
        }
        let value = |c: &calcard::icalendar::ICalendarComponent, p: ICalendarProperty| {
            c.property(&p)
                .and_then(|e| e.values.first())
                .and_then(|v| v.as_text())
                .unwrap_or_default()
                .to_string()
        };
        let time = |p: ICalendarProperty| {
            let entry = c.property(&p).unwrap();
            let when = entry.values[0].as_partial_date_time().unwrap();
            assert!(when.has_zone(), "{p:?} is an instant in UTC");
            DateTime::from_timestamp(when.to_timestamp().unwrap(), 0).unwrap()
        };
        let ev = Ev {
            uid: c.uid().unwrap().to_string(),
            summary: value(c, ICalendarProperty::Summary),
            description: value(c, ICalendarProperty::Description),
            start: time(ICalendarProperty::Dtstart),
            end: time(ICalendarProperty::Dtend),
            transp: value(c, ICalendarProperty::Transp),
            alarms: cal
                .alarms_for_id(i as u32)
                .map(|a| {
                    (
                        value(a, ICalendarProperty::Action),
                        value(a, ICalendarProperty::Description),
                    )
                })
                .collect(),
        };
        assert!(out.insert(ev.uid.clone(), ev).is_none(), "UIDs are unique");
    }
    out
}

fn prefs(weeks: u32, details: CalendarDetail) -> CalendarPrefs {
    CalendarPrefs {
        live: false,
        weeks,
        details,
    }
}

fn uid_of<'a>(evs: &'a BTreeMap<String, Ev>, prefix: &str) -> &'a Ev {
    let mut found = evs.values().filter(|e| e.uid.starts_with(prefix));
    let ev = found
        .next()
        .unwrap_or_else(|| panic!("no {prefix}… in {evs:#?}"));
    assert!(found.next().is_none(), "one {prefix}…");
    ev
}

#[test]
fn follow_ups_are_at_the_engines_due_instants_across_a_dst_change() {
    let b = book();
    let full = prefs(4, CalendarDetail::Full);
    let text = b.store.calendar(&full, now()).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("PRODID:-//Follow Through//Calendar//EN\r\n"));
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
    let evs = events(&text);
    let [jenny, bob, cher] = b.ids;

    // What the queues list is what the calendar holds, to the instant.
    let listed: Vec<_> = ["today", "upcoming"]
        .iter()
        .flat_map(|q| b.store.queue(q, now(), 500).unwrap().items)
        .map(|i| (i.prospect.id, i.due.at))
        .collect();
    for id in [jenny, bob, cher] {
        let due = b.store.due(id, now()).unwrap().unwrap();
        let ev = uid_of(&evs, &format!("prospect-{id}@"));
        assert_eq!(ev.start, due.at, "prospect {id}");
        assert_eq!(ev.end - ev.start, chrono::Duration::minutes(15));
        if let Some(&(_, at)) = listed.iter().find(|(p, _)| *p == id) {
            assert_eq!(ev.start, at, "as the queue lists it");
        }
    }
    // Either side of the change, at the wall-clock time agreed.
    assert_eq!(
        uid_of(&evs, &format!("prospect-{jenny}@")).start,
        Utc.with_ymd_and_hms(2026, 10, 29, 19, 0, 0).unwrap()
    );
    assert_eq!(
        uid_of(&evs, &format!("prospect-{bob}@")).start,
        Utc.with_ymd_and_hms(2026, 11, 3, 15, 30, 0).unwrap()
    );
    // The 09:30 block is 09:30 in Chicago before and after the clocks go back.
    let friday = uid_of(&evs, "block-20261030-0930@");
    assert_eq!(
        friday.start,
        Utc.with_ymd_and_hms(2026, 10, 30, 14, 30, 0).unwrap()
    );
    let monday = uid_of(&evs, "block-20261102-0930@");
    assert_eq!(
        monday.start,
        Utc.with_ymd_and_hms(2026, 11, 2, 15, 30, 0).unwrap()
    );
    assert_eq!(monday.end - monday.start, chrono::Duration::hours(1));
    assert!(
        !evs.keys()
            .any(|u| u.starts_with("block-20261031") || u.starts_with("block-20261101")),
        "no blocks at the weekend"
    );

    // Four weeks of working days from today, two blocks each, and the three follow-ups.
    assert_eq!(evs.len(), 20 * 2 + 3);
    for ev in evs.values() {
        assert_eq!(ev.transp, "OPAQUE", "{}", ev.uid);
        assert_eq!(
            ev.alarms,
            vec![("DISPLAY".into(), ev.summary.clone())],
            "{}",
            ev.uid
        );
    }
    let j = uid_of(&evs, &format!("prospect-{jenny}@"));
    assert_eq!(j.summary, "Call Jenny Lee (Acme Dental)");
    assert!(
        j.description
            .contains("Next step agreed: Demo of the scheduler"),
        "{j:?}"
    );
    assert!(j.description.contains("Phone: +1 312 555 0100"));
    assert!(j.description.contains("Email: jenny@acme.example"));
    assert!(j.description.contains("Why: "));
    // Text with the characters iCalendar reserves comes back as it was written.
    let bo = uid_of(&evs, &format!("prospect-{bob}@"));
    assert!(
        bo.summary.ends_with("Bob Stone (Stone, Hart; & Co)"),
        "{bo:?}"
    );
    assert!(
        bo.description
            .contains("Next step agreed: Send pricing; bring the floor plan, v2\nthen call"),
        "{bo:?}"
    );
    assert!(bo
        .description
        .contains("Phone: (312) 555-0199, +1 773 555 0142"));
    // Thursday's 14:00 block lists Jenny.
    let thursday = uid_of(&evs, "block-20261029-1400@");
    assert_eq!(thursday.summary, "Follow-up (1)");
    assert_eq!(thursday.description, "Call Jenny Lee (Acme Dental)");
}

#[test]
fn uids_are_kept_across_exports_and_a_due_that_went_away_is_gone() {
    let mut b = book();
    let full = prefs(2, CalendarDetail::Full);
    let first = events(&b.store.calendar(&full, now()).unwrap());
    let again = events(&b.store.calendar(&full, now()).unwrap());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>(),
        "the same export twice: the same UIDs"
    );
    let [jenny, bob, cher] = b.ids;
    // Jenny's next step moves: her event moves with it, under the same UID.
    let moved = chicago(2026, 11, 5, 11, 0);
    b.store
        .set_next_step(
            jenny,
            Some(NextStep {
                at: moved,
                note: "Demo, moved".into(),
            }),
            now(),
        )
        .unwrap();
    // Cher is paused: nothing is due, so she leaves the calendar.
    b.store.set_paused(cher, true, now()).unwrap();
    let later = now() + chrono::Duration::hours(1);
    let after = events(&b.store.calendar(&full, later).unwrap());
    let uid = |id: i64| uid_of(&first, &format!("prospect-{id}@")).uid.clone();
    assert_eq!(after[&uid(jenny)].start, moved);
    assert_eq!(after[&uid(bob)].start, first[&uid(bob)].start);
    assert!(
        !after.contains_key(&uid(cher)),
        "a due no longer there is gone"
    );
    assert_eq!(after.len(), first.len() - 1);
    // Every UID names this book, and only this book.
    let book_part = |evs: &BTreeMap<String, Ev>| -> Vec<String> {
        evs.keys()
            .map(|u| u.split_once('@').unwrap().1.to_string())
            .collect()
    };
    let mine = book_part(&after);
    assert!(mine.iter().all(|p| p == &mine[0] && p.len() == 32));
    let other = book();
    let theirs = book_part(&events(&other.store.calendar(&full, now()).unwrap()));
    assert_ne!(mine[0], theirs[0], "two books never share a UID");
}

#[test]
fn the_private_calendar_holds_counts_and_no_names() {
    let b = book();
    let text = b
        .store
        .calendar(&prefs(4, CalendarDetail::Private), now())
        .unwrap();
    // Every line but the UIDs, whose book part is 32 random hex digits (a "312" in one
    // is chance, not a phone number).
    let shown: String = text
        .lines()
        .filter(|l| !l.starts_with("UID:"))
        .collect::<Vec<_>>()
        .join("\n");
    for secret in [
        "Jenny", "Lee", "Acme", "Bob", "Stone", "Cher", "312", "jenny@", "Demo", "pricing",
    ] {
        assert!(!shown.contains(secret), "{secret} in the private calendar");
    }
    let evs = events(&text);
    assert!(evs.keys().all(|u| u.starts_with("block-")), "only blocks");
    assert_eq!(evs.len(), 20 * 2);
    let counted: usize = evs
        .values()
        .filter_map(|e| e.summary.strip_prefix("Follow-up (")?.strip_suffix(')'))
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    assert_eq!(counted, 3, "every follow-up counted in its block");
    assert_eq!(
        uid_of(&evs, "block-20261029-1400@").summary,
        "Follow-up (1)"
    );
    assert_eq!(
        uid_of(&evs, "block-20261103-0930@").summary,
        "Follow-up (1)"
    );
    assert_eq!(
        uid_of(&evs, "block-20261028-0930@").summary,
        "Follow-up block"
    );
    assert!(evs.values().all(|e| e.description.is_empty()));
}

#[test]
fn a_next_step_on_a_day_without_blocks_keeps_its_time_in_private() {
    let mut b = book();
    let saturday = chicago(2026, 10, 31, 10, 0);
    let [jenny, ..] = b.ids;
    b.store
        .set_next_step(
            jenny,
            Some(NextStep {
                at: saturday,
                note: "Open house".into(),
            }),
            now(),
        )
        .unwrap();
    let due = b.store.due(jenny, now()).unwrap().unwrap();
    let evs = events(
        &b.store
            .calendar(&prefs(1, CalendarDetail::Private), now())
            .unwrap(),
    );
    let own = uid_of(&evs, &format!("prospect-{jenny}@"));
    assert_eq!(own.start, due.at);
    assert_eq!(own.summary, "Follow-up (1)");
    assert!(own.description.is_empty());
}

#[test]
fn prefs_are_checked_saved_and_read_back() {
    let mut b = book();
    assert_eq!(b.store.calendar_prefs().unwrap(), CalendarPrefs::default());
    assert_eq!(CalendarPrefs::default().weeks, 4);
    for weeks in [0, 13, 1000] {
        let bad = prefs(weeks, CalendarDetail::Full);
        let err = b.store.save_calendar_prefs(&bad).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().contains("1 to 12 weeks"), "{err}");
        assert!(b.store.calendar(&bad, now()).is_err());
    }
    assert_eq!(b.store.calendar_prefs().unwrap(), CalendarPrefs::default());
    let mine = CalendarPrefs {
        live: true,
        weeks: 12,
        details: CalendarDetail::Private,
    };
    b.store.save_calendar_prefs(&mine).unwrap();
    assert_eq!(b.store.calendar_prefs().unwrap(), mine);
    // Stored as plain JSON; a field left out takes its default.
    let read: CalendarPrefs = serde_json::from_str(r#"{"details":"private"}"#).unwrap();
    assert_eq!(read, prefs(4, CalendarDetail::Private));
}

#[test]
fn the_live_file_is_replaced_whole() {
    let b = book();
    let dir = tempfile::tempdir().unwrap();
    let path = live_calendar_path(dir.path());
    assert_eq!(path, dir.path().join("followthrough.ics"));
    let full = prefs(1, CalendarDetail::Full);
    let n = b.store.write_calendar(&path, &full, now()).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(n, events(&text).len());
    assert_eq!(
        n,
        5 * 2 + 2,
        "7 days from Tuesday: 5 working days, and Jenny and Cher"
    );
    // A bad choice leaves the file as it was, and no part file beside it.
    assert!(b
        .store
        .write_calendar(&path, &prefs(0, CalendarDetail::Full), now())
        .is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec!["followthrough.ics"]);
}

#[test]
fn the_calendar_reads_in_an_independent_library() {
    let b = book();
    let dir = tempfile::tempdir().unwrap();
    let Some(python) = python::test_python("the calendar was not read by Python's icalendar")
    else {
        return;
    };
    let full = prefs(4, CalendarDetail::Full);
    let mut seen = Vec::new();
    for (i, at) in [now(), now() + chrono::Duration::minutes(5)]
        .into_iter()
        .enumerate()
    {
        let file = dir.path().join(format!("export-{i}.ics"));
        let n = b.store.write_calendar(&file, &full, at).unwrap();
        let read = python::read_with(&python, "check_ics.py", &file);
        assert_eq!(read["version"], "2.0");
        let evs = read["events"].as_array().unwrap();
        assert_eq!(evs.len(), n);
        assert_eq!(n, 20 * 2 + 3);
        let mut uids: Vec<String> = Vec::new();
        for e in evs {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            uids.push(s("uid"));
            assert_eq!(s("stamp"), at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
            assert_eq!(s("transp"), "OPAQUE");
            let alarms = e["alarms"].as_array().unwrap();
            assert_eq!(alarms.len(), 1, "{e}");
            assert_eq!(alarms[0]["action"], "DISPLAY");
            assert_eq!(alarms[0]["trigger_seconds"], 0.0);
            assert_eq!(alarms[0]["related"], "START");
            assert_eq!(alarms[0]["description"], e["summary"]);
        }
        // Each follow-up at the engine's instant, read by another library.
        for id in b.ids {
            let due = b.store.due(id, now()).unwrap().unwrap();
            let e = evs
                .iter()
                .find(|e| {
                    e["uid"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("prospect-{id}@"))
                })
                .unwrap();
            assert_eq!(
                e["start"].as_str().unwrap(),
                due.at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            );
        }
        let jenny = evs
            .iter()
            .find(|e| e["summary"] == "Call Jenny Lee (Acme Dental)")
            .unwrap();
        assert_eq!(jenny["start"], "2026-10-29T19:00:00Z");
        let bob = evs
            .iter()
            .find(|e| e["summary"].as_str().unwrap().contains("Stone, Hart; & Co"))
            .unwrap();
        assert_eq!(bob["start"], "2026-11-03T15:30:00Z");
        assert!(bob["description"]
            .as_str()
            .unwrap()
            .contains("floor plan, v2\nthen call"));
        uids.sort();
        seen.push(uids);
    }
    assert_eq!(seen[0], seen[1], "UIDs stable across two exports");
}
