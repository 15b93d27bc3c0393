//! The reports through the store: what a logged touch and an edit leave behind for them
//! (the due a touch answered, the stage and status history), the people behind a number,
//! the tag filter, and a period that can't be.

#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::cadence::Settings;
use followthrough_core::model::*;
use followthrough_core::reports::Filter;
use followthrough_core::{Error, Store};

/// Monday 2 March 2026, 08:00 UTC.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap()
}

fn book() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .save_settings(Settings::standard(chrono_tz::UTC), monday())
        .unwrap();
    store
}

fn add(store: &mut Store, name: &str, tags: &[&str], at: DateTime<Utc>) -> i64 {
    let input = ProspectInput {
        name: name.into(),
        source: Source::Referral,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        ..Default::default()
    };
    store.create_prospect(input, at).unwrap().id
}

fn log(store: &mut Store, id: i64, at: DateTime<Utc>, channel: Channel, outcome: Outcome) {
    let touch = TouchInput {
        at: Some(at),
        confirm_stop: true,
        ..TouchInput::new(id, channel, outcome)
    };
    store.log_touch(touch, at).unwrap();
}

fn march() -> Filter {
    Filter {
        from: monday().date_naive(),
        to: monday().date_naive() + Duration::days(30),
        tag: None,
    }
}

#[test]
fn a_touch_on_its_due_day_is_on_time_and_one_days_later_is_late() {
    let mut store = book();
    let id = add(&mut store, "Ada Park", &[], monday());
    let due = store.prospect(id).unwrap().next_due_at.unwrap();
    log(
        &mut store,
        id,
        due + Duration::hours(1),
        Channel::Email,
        Outcome::NoResponse,
    );
    let next = store.prospect(id).unwrap().next_due_at.unwrap();
    let late = next + Duration::days(2);
    log(&mut store, id, late, Channel::Call, Outcome::NoResponse);
    let now = late + Duration::hours(1);
    let blocks = store.insights(&march(), now).unwrap().blocks;
    let on_time: u32 = blocks.iter().map(|w| w.on_time).sum();
    let late: u32 = blocks.iter().map(|w| w.late).sum();
    assert_eq!((on_time, late), (1, 1), "{blocks:?}");
}

#[test]
fn the_pipeline_keeps_each_change_through_a_delete_and_restore() {
    let mut store = book();
    let id = add(&mut store, "Bo Lind", &[], monday());
    // A week later the form moves them to "Meeting set"; a week after that a yes makes
    // them a client.
    let mut input = store.prospect(id).unwrap().input();
    input.stage = Stage::Meeting;
    store
        .update_prospect(id, input, monday() + Duration::days(7))
        .unwrap();
    log(
        &mut store,
        id,
        monday() + Duration::days(14),
        Channel::InPerson,
        Outcome::Yes,
    );
    let now = monday() + Duration::days(22);
    let stages = |store: &Store| -> Vec<(Stage, Status)> {
        let weeks = store.insights(&march(), now).unwrap().pipeline.weeks;
        weeks
            .iter()
            .filter(|w| w.week < now.date_naive())
            .map(|w| {
                let stage = w.by_stage.iter().position(|&n| n == 1).unwrap();
                let status = w.by_status.iter().position(|&n| n == 1).unwrap();
                (Stage::ALL[stage], Status::ALL[status])
            })
            .collect()
    };
    let expected = vec![
        (Stage::New, Status::Active),
        (Stage::Meeting, Status::Active),
        (Stage::Won, Status::Client),
        (Stage::Won, Status::Client),
    ];
    assert_eq!(stages(&store), expected);
    let deleted = store.delete_prospect(id, now).unwrap();
    assert_eq!(store.insights(&march(), now).unwrap().prospects, 0);
    store.restore_deleted(deleted.id, now).unwrap();
    assert_eq!(stages(&store), expected, "the history came back with them");
}

#[test]
fn a_number_lists_the_people_it_counted_and_a_tag_narrows_every_report() {
    let mut store = book();
    let ada = add(&mut store, "Ada Park", &["north"], monday());
    let cy = add(&mut store, "Cy Bell", &["south"], monday());
    let bo = add(&mut store, "Bo Lind", &["north"], monday());
    for &id in &[ada, cy, bo] {
        for day in 0..3 {
            log(
                &mut store,
                id,
                monday() + Duration::days(day),
                Channel::Email,
                Outcome::NoResponse,
            );
        }
        log(
            &mut store,
            id,
            monday() + Duration::days(3),
            Channel::Call,
            Outcome::MeetingSet,
        );
    }
    let now = monday() + Duration::days(10);
    let all = store.insights(&march(), now).unwrap();
    assert_eq!(all.to_result.meetings[3].count, 3);
    let people = store
        .report_people(&march(), false, "meeting:4", now)
        .unwrap();
    assert_eq!(people.total, 3);
    let names: Vec<&str> = people.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Ada Park", "Bo Lind", "Cy Bell"]);

    let north = Filter {
        tag: Some("North".into()),
        ..march()
    };
    let narrowed = store.insights(&north, now).unwrap();
    assert_eq!(narrowed.prospects, 2);
    assert_eq!(narrowed.to_result.meetings[3].count, 2);
    assert_eq!(narrowed.connects.attempts, 8);
    let people = store
        .report_people(&north, false, "meeting:4", now)
        .unwrap();
    assert_eq!(people.total, 2);
    // A number nobody is behind lists nobody.
    let none = store
        .report_people(&march(), false, "meeting:9", now)
        .unwrap();
    assert_eq!(none.total, 0);
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused_in_words() {
    let store = book();
    let reversed = Filter {
        from: monday().date_naive(),
        to: monday().date_naive() - Duration::days(1),
        tag: None,
    };
    match store.insights(&reversed, monday()) {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "from");
            assert_eq!(message, "The period ends before it starts.");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
