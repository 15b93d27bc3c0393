#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed run.
//! The first run: shown to a new book only, once; the sample prospects fill Today
//! whenever the user starts (a weekday morning, a Saturday, late at night), are
//! scheduled exactly as a full reschedule would, and go together in one removal that
//! leaves everyone else alone.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::Chicago;
use chrono_tz::Tz;
use followthrough_core::model::*;
use followthrough_core::samples;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::Store;

fn local(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    zone.with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn open(dir: &tempfile::TempDir, zone: Tz, now: DateTime<Utc>) -> Store {
    Store::open_seeded(&dir.path().join(DB_FILE), Seed { zone, now }).unwrap()
}

#[test]
fn the_first_run_is_for_a_new_book_and_only_until_done_with() {
    let now = local(Chicago, 2026, 11, 24, 10, 0);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Chicago, now);
    assert!(store.welcome_pending().unwrap());
    assert!(store.overview().unwrap().welcome);
    store.finish_welcome(now).unwrap();
    assert!(!store.welcome_pending().unwrap());
    drop(store);
    // Kept in the file: a restart does not show it again.
    let store = open(&dir, Chicago, now);
    assert!(!store.welcome_pending().unwrap());

    // A book that already has people in it (from before the screen existed, or added
    // from the command line first) is not new.
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Chicago, now);
    let id = store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                ..ProspectInput::default()
            },
            now,
        )
        .unwrap()
        .id;
    assert!(!store.welcome_pending().unwrap());
    // Nor is one whose people are all in Recently deleted.
    store.delete_prospect(id, now).unwrap();
    assert!(!store.welcome_pending().unwrap());
}

#[test]
fn the_samples_fill_today_whenever_the_user_starts() {
    // Tuesday morning, Saturday afternoon, Monday before dawn, Friday night; in two zones.
    let starts = [
        (Chicago, local(Chicago, 2026, 11, 24, 10, 0)),
        (Chicago, local(Chicago, 2026, 11, 28, 15, 0)),
        (Chicago, local(Chicago, 2026, 11, 30, 3, 0)),
        (Chicago, local(Chicago, 2026, 11, 27, 23, 30)),
        (
            chrono_tz::Asia::Tokyo,
            local(chrono_tz::Asia::Tokyo, 2026, 3, 8, 12, 0),
        ),
    ];
    for (zone, now) in starts {
        let dir = tempfile::tempdir().unwrap();
        let mut store = open(&dir, zone, now);
        let ids = store.add_samples(now).unwrap();
        assert_eq!(ids.len(), samples::samples().len());
        let today = store.today(now, 50).unwrap();
        assert!(
            today.items.len() >= 3,
            "{now} in {zone}: only {} due today",
            today.items.len()
        );
        assert!(today.items.len() < ids.len(), "not everyone at once");
        // Someone is also coming up, so Upcoming is not empty either.
        assert!(!store.upcoming(now, 50).unwrap().items.is_empty());
        let overview = store.overview().unwrap();
        assert_eq!(overview.samples, ids.len() as u32);
        assert!(overview
            .tags
            .iter()
            .any(|(t, n)| t == samples::TAG && *n == ids.len() as u32));
        for &id in &ids {
            let p = store.prospect(id).unwrap();
            assert!(p.tags.iter().any(|t| t == samples::TAG), "{}", p.name);
            // No history is in the future, and everyone is scheduled by the engine.
            for t in store.touches(id).unwrap() {
                assert!(t.at <= now);
            }
        }
        // Their schedules are what a full reschedule gives: the same rule, not a copy.
        let stored = |store: &Store| -> Vec<_> {
            ids.iter()
                .map(|&id| store.prospect(id).unwrap().next_due_at)
                .collect()
        };
        let before = stored(&store);
        let fresh: Vec<_> = ids
            .iter()
            .map(|&id| store.due(id, now).unwrap().map(|d| d.at))
            .collect();
        assert_eq!(before, fresh, "{now} in {zone}");
        store.recompute_all(now).unwrap();
        let after = stored(&store);
        assert_eq!(before, after, "{now} in {zone}");
    }
}

#[test]
fn at_any_hour_of_the_week_today_has_at_least_three_samples() {
    let dir = tempfile::tempdir().unwrap();
    let monday = local(Chicago, 2026, 11, 23, 0, 30);
    for hour in 0..(7 * 24) {
        let now = monday + chrono::Duration::hours(hour);
        let path = dir.path().join(format!("{hour}.sqlite3"));
        let mut store = Store::open_seeded(&path, Seed { zone: Chicago, now }).unwrap();
        store.add_samples(now).unwrap();
        let today = store.today(now, 50).unwrap().items.len();
        assert!(today >= 3, "{now}: only {today} due today");
    }
}

#[test]
fn samples_are_added_once_and_removed_together_leaving_everyone_else() {
    let now = local(Chicago, 2026, 11, 24, 10, 0);
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir, Chicago, now);
    let mine = store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                // The user's own prospect wearing the same tag is still theirs.
                tags: vec![samples::TAG.into()],
                ..ProspectInput::default()
            },
            now,
        )
        .unwrap()
        .id;
    let ids = store.add_samples(now).unwrap();
    // A second click while they are here adds nobody.
    let err = store.add_samples(now).unwrap_err();
    assert!(err.to_string().contains("already here"), "{err}");
    assert_eq!(store.overview().unwrap().total, ids.len() as u32 + 1);

    // One deleted by hand first: the removal takes the rest and still counts right.
    store.delete_prospect(ids[0], now).unwrap();
    assert_eq!(store.sample_count().unwrap(), ids.len() as u32 - 1);
    assert_eq!(store.remove_samples(now).unwrap(), ids.len() as u32 - 1);
    let overview = store.overview().unwrap();
    assert_eq!(overview.total, 1);
    assert_eq!(overview.samples, 0);
    assert_eq!(store.prospect(mine).unwrap().name, "Jenny Lee");
    // Kept in Recently deleted, as any delete is.
    assert_eq!(store.recently_deleted(now).unwrap().len(), ids.len());
    // Removing again is nothing to do; adding again is allowed.
    assert_eq!(store.remove_samples(now).unwrap(), 0);
    assert_eq!(store.add_samples(now).unwrap().len(), ids.len());
}
