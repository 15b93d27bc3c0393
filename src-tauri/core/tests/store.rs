//! The prospect database end to end through the public API, on real SQLite files.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::model::*;
use followthrough_core::{store::DB_FILE, Store};

#[path = "support/older_book.rs"]
mod older_book;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn person(name: &str, company: &str) -> ProspectInput {
    ProspectInput {
        name: name.into(),
        company: company.into(),
        ..Default::default()
    }
}

fn touch(prospect_id: i64, channel: Channel, at: DateTime<Utc>) -> TouchInput {
    TouchInput {
        at: Some(at),
        ..TouchInput::new(prospect_id, channel, Outcome::NoResponse)
    }
}

fn search(store: &Store, text: &str) -> Vec<String> {
    let page = store
        .list_prospects(&ListQuery {
            text: text.into(),
            ..Default::default()
        })
        .unwrap();
    page.rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn a_prospect_round_trips_every_field() {
    let mut store = Store::open_in_memory().unwrap();
    let input = ProspectInput {
        name: "Jenny Lee".into(),
        company: "Acme Dental".into(),
        title: "Office manager".into(),
        emails: vec![
            "jenny@acme.example.com".into(),
            "jl@home.example.org".into(),
        ],
        phones: vec!["+1 312 555 0100".into()],
        linkedin: "linkedin.com/in/jennylee".into(),
        website: "https://acme.example.com".into(),
        address: Address {
            street: "12 Main St\nSuite 4".into(),
            city: "Chicago".into(),
            region: "IL".into(),
            postal_code: "60601".into(),
            country: "USA".into(),
        },
        source: Source::Referral,
        stage: Stage::Contacted,
        status: Status::Active,
        tags: vec!["dental".into(), "chicago".into()],
        notes: "Prefers mornings.".into(),
        time_zone: "America/Chicago".into(),
        preferred_channel: Some(Channel::Call),
        preferred_days: vec![Weekday::Thu, Weekday::Mon],
        preferred_time: "09:30".into(),
        ..Default::default()
    };
    let created = store.create_prospect(input, now()).unwrap();
    let read = store.prospect(created.id).unwrap();
    assert_eq!(created, read);
    assert_eq!(read.linkedin, "https://linkedin.com/in/jennylee");
    assert_eq!(read.tags, vec!["chicago", "dental"]);
    assert_eq!(read.preferred_days, vec![Weekday::Mon, Weekday::Thu]);
    assert_eq!(read.address.street, "12 Main St\nSuite 4");
    assert_eq!(read.created_at, now());
    assert_eq!(read.stats, TouchStats::default());
}

#[test]
fn search_finds_by_prefix_of_any_word_across_fields() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .create_prospect(person("Jenny Lee", "Acme Dental"), now())
        .unwrap();
    store
        .create_prospect(person("Marcus Okafor", "Northwind Logistics"), now())
        .unwrap();
    let mut tagged = person("Priya Patel", "Bluebird Bakery");
    tagged.tags = vec!["conference".into()];
    tagged.notes = "Met at the dental expo".into();
    store.create_prospect(tagged, now()).unwrap();

    assert_eq!(search(&store, "acm"), vec!["Jenny Lee"]);
    assert_eq!(search(&store, "north log"), vec!["Marcus Okafor"]);
    assert_eq!(search(&store, "confer"), vec!["Priya Patel"]);
    assert_eq!(search(&store, "dent"), vec!["Jenny Lee", "Priya Patel"]);
    assert!(search(&store, "zzz").is_empty());
    // Query syntax typed into the box is just text.
    assert!(search(&store, "\"NEAR(* OR").is_empty());
}

#[test]
fn editing_a_prospect_updates_the_search_index() {
    let mut store = Store::open_in_memory().unwrap();
    let p = store
        .create_prospect(person("Jenny Lee", "Acme"), now())
        .unwrap();
    store
        .update_prospect(
            p.id,
            person("Jenny Lee", "Globex"),
            now() + Duration::hours(1),
        )
        .unwrap();
    assert!(search(&store, "acme").is_empty());
    assert_eq!(search(&store, "glob"), vec!["Jenny Lee"]);
    assert_eq!(
        store.prospect(p.id).unwrap().updated_at,
        now() + Duration::hours(1)
    );
    store.delete_prospect(p.id, now()).unwrap();
    assert!(search(&store, "glob").is_empty());
    assert_eq!(store.prospect(p.id).unwrap_err().code(), "not_found");
}

/// Migration 0010 keeps only rowids in the search index; a book indexed the old way
/// (positions kept, schema 9) is made again from what it holds and finds the same.
#[test]
fn an_older_search_index_is_rebuilt_and_finds_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    {
        let mut store = Store::open(&path).unwrap();
        let mut tagged = person("Priya Patel", "Bluebird Bakery");
        tagged.tags = vec!["conference".into(), "west".into()];
        tagged.notes = "Met at the dental expo".into();
        store.create_prospect(tagged, now()).unwrap();
        let gone = store
            .create_prospect(person("Jenny Lee", "Acme Dental"), now())
            .unwrap();
        store.delete_prospect(gone.id, now()).unwrap();
    }
    {
        let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE prospect_search;
             CREATE VIRTUAL TABLE prospect_search USING fts5 (
                 name, company, tags, notes, content = '', contentless_delete = 1,
                 tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
",
        )
        .unwrap();
        older_book::schema_of_version(&conn, 9);
    }
    let mut store = Store::open(&path).unwrap();
    for found in ["pri", "blue bak", "conf", "we", "dent", "expo"] {
        assert_eq!(search(&store, found), vec!["Priya Patel"], "{found}");
    }
    assert!(
        search(&store, "acme").is_empty(),
        "a deleted prospect stays out"
    );
    // Entries still come and go with their prospects.
    let p = store
        .create_prospect(person("Marcus Okafor", "Northwind"), now())
        .unwrap();
    assert_eq!(search(&store, "north"), vec!["Marcus Okafor"]);
    store.delete_prospect(p.id, now()).unwrap();
    assert!(search(&store, "north").is_empty());
    let sql: String = followthrough_core::rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'prospect_search'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("detail = none"), "{sql}");
}

#[test]
fn touches_are_a_timeline_and_only_received_ones_count() {
    let mut store = Store::open_in_memory().unwrap();
    let p = store
        .create_prospect(person("Jenny Lee", "Acme"), now())
        .unwrap();
    let day = |d: i64| now() - Duration::days(d);
    store
        .log_touch(touch(p.id, Channel::Voicemail, day(10)), now())
        .unwrap();
    store
        .log_touch(touch(p.id, Channel::Email, day(5)), now())
        .unwrap();
    // A call with no message reached nobody: logged, not counted, doesn't move "last touch".
    store
        .log_touch(touch(p.id, Channel::CallNoMessage, day(1)), now())
        .unwrap();

    let detail = store.prospect_detail(p.id, now()).unwrap();
    let channels: Vec<Channel> = detail.touches.iter().map(|t| t.channel).collect();
    assert_eq!(
        channels,
        vec![Channel::CallNoMessage, Channel::Email, Channel::Voicemail],
        "newest first"
    );
    assert!(!detail.touches[0].counts);
    assert_eq!(detail.prospect.stats.attempts, 3);
    assert_eq!(detail.prospect.stats.touchpoints, 2);
    assert_eq!(detail.prospect.stats.last_touch_at, Some(day(5)));

    let email = detail.touches[1].id;
    store.delete_touch(email, now()).unwrap();
    let stats = store.prospect(p.id).unwrap().stats;
    assert_eq!((stats.attempts, stats.touchpoints), (2, 1));
    assert_eq!(stats.last_touch_at, Some(day(10)));
}

#[test]
fn bad_input_is_refused_and_leaves_nothing_behind() {
    let mut store = Store::open_in_memory().unwrap();
    let mut bad = person("Jenny Lee", "Acme");
    bad.emails = vec!["jenny(at)acme".into()];
    let err = store.create_prospect(bad, now()).unwrap_err();
    assert_eq!((err.code(), err.field()), ("invalid", Some("emails")));
    assert_eq!(store.overview().unwrap().total, 0);

    let p = store
        .create_prospect(person("Jenny Lee", "Acme"), now())
        .unwrap();
    let mut bad = person("Jenny Lee", "Acme");
    bad.time_zone = "Europe/Atlantis".into();
    assert_eq!(
        store.update_prospect(p.id, bad, now()).unwrap_err().field(),
        Some("time_zone")
    );
    assert_eq!(store.prospect(p.id).unwrap().time_zone, "");

    let future = touch(p.id, Channel::Email, now() + Duration::days(400));
    assert_eq!(
        store.log_touch(future, now()).unwrap_err().field(),
        Some("at")
    );
    let orphan = touch(p.id + 100, Channel::Email, now());
    assert_eq!(
        store.log_touch(orphan, now()).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(store.prospect(p.id).unwrap().stats.attempts, 0);
}

#[test]
fn markup_is_stored_as_text() {
    let mut store = Store::open_in_memory().unwrap();
    let name = "<img src=x onerror=alert(1)>";
    let p = store
        .create_prospect(person(name, "<b>Acme</b>"), now())
        .unwrap();
    assert_eq!(store.prospect(p.id).unwrap().name, name);
    assert_eq!(search(&store, "onerror"), vec![name]);
}

#[test]
fn filters_sorting_paging_and_counts() {
    let mut store = Store::open_in_memory().unwrap();
    let names = ["delta", "Alpha", "charlie", "Bravo", "émile"];
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let mut p = person(n, "Co");
        if i % 2 == 0 {
            p.status = Status::Nurture;
            p.tags = vec!["warm".into()];
            p.stage = Stage::Meeting;
        }
        ids.push(store.create_prospect(p, now()).unwrap().id);
    }
    // Name sort is case-insensitive and Unicode-aware.
    let all = store.list_prospects(&ListQuery::default()).unwrap();
    let order: Vec<&str> = all.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(order, vec!["Alpha", "Bravo", "charlie", "delta", "émile"]);
    assert_eq!(all.total, 5);

    let nurture = store
        .list_prospects(&ListQuery {
            status: Some(Status::Nurture),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(nurture.total, 3);
    let warm = store
        .list_prospects(&ListQuery {
            tag: Some("WARM".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(warm.total, 3, "tags match case-insensitively");
    let meeting = store
        .list_prospects(&ListQuery {
            stage: Some(Stage::Meeting),
            status: Some(Status::Nurture),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(meeting.total, 3);

    // Last-touch sort: most recent first, never touched last.
    store
        .log_touch(
            touch(ids[3], Channel::Email, now() - Duration::days(1)),
            now(),
        )
        .unwrap();
    store
        .log_touch(
            touch(ids[1], Channel::Email, now() - Duration::days(3)),
            now(),
        )
        .unwrap();
    let by_touch = store
        .list_prospects(&ListQuery {
            sort: Sort::LastTouch,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_touch.rows[0].name, "Bravo");
    assert_eq!(by_touch.rows[1].name, "Alpha");
    assert!(by_touch.rows[2].last_touch_at.is_none());

    let page = store
        .list_prospects(&ListQuery {
            offset: 2,
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    let order: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(order, vec!["charlie", "delta"]);
    assert_eq!((page.total, page.offset), (5, 2));

    let overview = store.overview().unwrap();
    assert_eq!(overview.total, 5);
    assert!(overview.by_status.contains(&(Status::Nurture, 3)));
    assert!(overview.by_status.contains(&(Status::Active, 2)));
    assert_eq!(overview.tags, vec![("warm".to_string(), 3)]);
}

#[test]
fn data_survives_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let id = {
        let mut store = Store::open(&path).unwrap();
        let p = store
            .create_prospect(person("Jenny Lee", "Acme"), now())
            .unwrap();
        store
            .log_touch(touch(p.id, Channel::Voicemail, now()), now())
            .unwrap();
        p.id
    };
    let store = Store::open(&path).unwrap();
    let detail = store.prospect_detail(id, now()).unwrap();
    assert_eq!(detail.prospect.name, "Jenny Lee");
    assert_eq!(detail.touches.len(), 1);
    assert_eq!(search(&store, "acme"), vec!["Jenny Lee"]);
}

#[test]
fn search_combines_with_filters_sorts_and_pages() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..30 {
        let mut p = person(
            &format!("Person {i:02}"),
            if i % 2 == 0 { "Acme" } else { "Globex" },
        );
        p.tags = if i % 3 == 0 {
            vec!["warm".into()]
        } else {
            vec![]
        };
        p.status = if i % 5 == 0 {
            Status::Nurture
        } else {
            Status::Active
        };
        store.create_prospect(p, now()).unwrap();
    }
    let q = |text: &str, tag: Option<&str>, status: Option<Status>, offset, limit| ListQuery {
        text: text.into(),
        tag: tag.map(Into::into),
        status,
        offset,
        limit,
        ..Default::default()
    };
    let names = |page: &ProspectPage| page.rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();

    // Acme = even numbers; warm = multiples of 3; both = multiples of 6.
    let page = store
        .list_prospects(&q("acme", Some("warm"), None, 0, 100))
        .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(
        names(&page),
        [
            "Person 00",
            "Person 06",
            "Person 12",
            "Person 18",
            "Person 24"
        ]
    );
    // ... and nurture (multiples of 5): 0 and 30-excluded → only Person 00.
    let page = store
        .list_prospects(&q("acme", Some("warm"), Some(Status::Nurture), 0, 100))
        .unwrap();
    assert_eq!(names(&page), ["Person 00"]);
    // Paging through a search keeps the sort and the total.
    let page = store.list_prospects(&q("acme", None, None, 4, 3)).unwrap();
    assert_eq!((page.total, page.offset), (15, 4));
    assert_eq!(names(&page), ["Person 08", "Person 10", "Person 12"]);
    let past_end = store
        .list_prospects(&q("acme", None, None, 14, 10))
        .unwrap();
    assert_eq!(names(&past_end), ["Person 28"]);
    let none = store
        .list_prospects(&q("acme", None, None, 40, 10))
        .unwrap();
    assert!(none.rows.is_empty());
    // Tag alone, sorted by last touch: the touched one first.
    let touched = store
        .list_prospects(&q("", Some("warm"), None, 0, 1))
        .unwrap()
        .rows[0]
        .id
        + 3;
    store
        .log_touch(
            touch(touched, Channel::Email, now() - Duration::days(1)),
            now(),
        )
        .unwrap();
    let page = store
        .list_prospects(&ListQuery {
            tag: Some("warm".into()),
            sort: Sort::LastTouch,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.rows[0].id, touched);
    assert_eq!(page.total, 10);
}

/// Stored data this version can't read is reported with what it is, and left alone: a
/// silent default would be saved over the user's real settings on the next change.
#[test]
fn stored_data_that_no_longer_reads_is_an_error_not_a_default() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let id = {
        let mut store = Store::open(&path).unwrap();
        store
            .create_prospect(person("Jenny Lee", "Acme"), now())
            .unwrap()
            .id
    };
    let raw = followthrough_core::rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE settings SET value = '{\"week\": 3}' WHERE key = 'cadence'",
        [],
    )
    .unwrap();
    raw.execute(
        "UPDATE prospects SET address = 'not json' WHERE id = ?1",
        [id],
    )
    .unwrap();
    drop(raw);

    let store = Store::open(&path).unwrap();
    let err = store.settings().unwrap_err();
    assert_eq!(err.code(), "unreadable");
    assert!(err.to_string().contains("settings"), "{err}");
    let err = store.today(now(), 10).unwrap_err();
    assert_eq!(err.code(), "unreadable");
    let err = store.prospect(id).unwrap_err();
    assert_eq!(err.code(), "unreadable");
    assert!(err.to_string().contains("mailing address"), "{err}");
    drop(store);

    // Columns that used to be read leniently: a bad value is named, not dropped.
    let raw = followthrough_core::rusqlite::Connection::open(&path).unwrap();
    for (column, value, what) in [
        ("preferred_time", "25:99", "preferred time"),
        ("time_zone", "Mars/Olympus", "time zone"),
        ("preferred_days", "mon,funday", "preferred days"),
        ("status", "gone_fishing", "Status"),
    ] {
        let before: String = raw
            .query_row(
                &format!("SELECT {column} FROM prospects WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap();
        raw.execute(
            &format!("UPDATE prospects SET address = '{{}}', {column} = ?2 WHERE id = ?1"),
            (id, value),
        )
        .unwrap();
        let store = Store::open(&path).unwrap();
        let err = store.prospect_detail(id, now()).unwrap_err();
        assert_eq!(err.code(), "unreadable", "{column}: {err}");
        assert!(err.to_string().contains(what), "{column}: {err}");
        drop(store);
        raw.execute(
            &format!("UPDATE prospects SET {column} = ?2 WHERE id = ?1"),
            (id, before),
        )
        .unwrap();
    }

    let kept: String = raw
        .query_row(
            "SELECT value FROM settings WHERE key = 'cadence'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        kept, "{\"week\": 3}",
        "the stored value must not be replaced"
    );
}

/// Saving settings and the reschedule it causes are one transaction: when the
/// reschedule can't finish, the old settings stay.
#[test]
fn saving_settings_and_rescheduling_happen_together_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DB_FILE);
    let mut store = Store::open(&path).unwrap();
    let id = store
        .create_prospect(person("Jenny Lee", "Acme"), now())
        .unwrap()
        .id;
    let before = store.settings().unwrap();
    // A row the reschedule can't read makes it fail half-way.
    let raw = followthrough_core::rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE prospects SET created_at = 9223372036854775807 WHERE id = ?1",
        [id],
    )
    .unwrap();
    drop(raw);
    let mut changed = before.clone();
    changed.max_gap_days = 10;
    assert!(store.save_settings(changed, now()).is_err());
    assert_eq!(store.settings().unwrap(), before);
}
