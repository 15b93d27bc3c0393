//! Every input limit, through the store's public API: a text at the limit is saved, one
//! character more is refused with the form field named, and the refusal writes nothing
//! (what was stored before reads back the same).

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use followthrough_core::cadence::plan::{Plan, Step};
use followthrough_core::limits;
use followthrough_core::model::*;
use followthrough_core::store::notes::NoteDraft;
use followthrough_core::store::reasons::Reason;
use followthrough_core::store::templates::{Profile, Template};
use followthrough_core::{cards, links, merge, Error, Store};
use std::fmt::Debug;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// `n` characters, two bytes each: the limits count characters, not bytes.
fn text(n: usize) -> String {
    "é".repeat(n)
}

/// Saves with a value of `max` characters (must succeed), reads what is stored, then
/// tries `max + 1` (must be refused, naming `field`) and checks nothing changed.
fn at_and_over<T: PartialEq + Debug>(
    store: &mut Store,
    field: &str,
    max: usize,
    save: impl Fn(&mut Store, usize) -> Result<(), Error>,
    read: impl Fn(&Store) -> T,
) {
    save(store, max).unwrap_or_else(|e| panic!("{field} at its limit ({max}) was refused: {e}"));
    let before = read(store);
    let err = save(store, max + 1).expect_err(&format!("{field} over its limit was saved"));
    assert_eq!(
        (err.code(), err.field()),
        ("invalid", Some(field)),
        "{field}: {err}"
    );
    assert!(!err.to_string().is_empty());
    assert_eq!(
        read(store),
        before,
        "{field} was refused, yet the data changed"
    );
}

/// A change to one field: the form field it is, its limit, and how to put a value of
/// `n` (characters or items) into a copy of what is stored.
type Change<V> = (&'static str, usize, fn(&mut V, usize));

/// [`at_and_over`] for each change: `save` stores a copy of what is on file with the
/// change made.
fn each_at_and_over<V, T: PartialEq + Debug>(
    store: &mut Store,
    changes: &[Change<V>],
    save: impl Fn(&mut Store, &dyn Fn(&mut V)) -> Result<(), Error>,
    read: impl Fn(&Store) -> T,
) {
    for &(field, max, change) in changes {
        at_and_over(store, field, max, |s, n| save(s, &|v| change(v, n)), &read);
    }
}

fn jenny(store: &mut Store) -> Prospect {
    store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                emails: vec!["jenny@acme.com".into()],
                phones: vec!["312 555 0100".into()],
                ..Default::default()
            },
            now(),
        )
        .unwrap()
}

/// The prospect as the form would send it back, with one change.
fn edit(store: &mut Store, id: i64, change: impl Fn(&mut ProspectInput)) -> Result<(), Error> {
    let p = store.prospect(id)?;
    let mut input = ProspectInput {
        name: p.name,
        company: p.company,
        title: p.title,
        emails: p.emails,
        phones: p.phones,
        linkedin: p.linkedin,
        website: p.website,
        address: p.address,
        status_reason: p.status_reason,
        tags: p.tags,
        notes: p.notes,
        ..Default::default()
    };
    change(&mut input);
    store.update_prospect(id, input, now()).map(|_| ())
}

#[test]
fn a_prospects_texts_are_held_to_their_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let fields: &[Change<ProspectInput>] = &[
        ("name", limits::SHORT_TEXT, |p, n| p.name = text(n)),
        ("company", limits::SHORT_TEXT, |p, n| p.company = text(n)),
        ("title", limits::SHORT_TEXT, |p, n| p.title = text(n)),
        ("status_reason", limits::STATUS_REASON, |p, n| {
            p.status_reason = text(n)
        }),
        ("notes", limits::NOTES, |p, n| p.notes = text(n)),
        ("address", limits::STREET, |p, n| p.address.street = text(n)),
        ("city", limits::SHORT_TEXT, |p, n| p.address.city = text(n)),
        ("region", limits::SHORT_TEXT, |p, n| {
            p.address.region = text(n)
        }),
        ("postal_code", limits::POSTAL_CODE, |p, n| {
            p.address.postal_code = text(n)
        }),
        ("country", limits::SHORT_TEXT, |p, n| {
            p.address.country = text(n)
        }),
        ("tags", limits::TAG, |p, n| p.tags = vec![text(n)]),
    ];
    each_at_and_over(
        &mut store,
        fields,
        |s, change| edit(s, id, change),
        |s| s.prospect(id).unwrap(),
    );
}

#[test]
fn web_addresses_stop_at_2000_characters() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let url = |n: usize| {
        format!(
            "https://acme.com/{}",
            "a".repeat(n - "https://acme.com/".len())
        )
    };
    for field in ["linkedin", "website"] {
        at_and_over(
            &mut store,
            field,
            limits::URL,
            |s, n| {
                edit(s, id, |p| match field {
                    "linkedin" => p.linkedin = url(n),
                    _ => p.website = url(n),
                })
            },
            |s| s.prospect(id).unwrap(),
        );
    }
}

/// An address of `local` bytes before the `@` and `domain` after it, ending in ".com",
/// every label of the domain at most 63 bytes (the DNS limit).
fn address(local: usize, domain: usize) -> String {
    let mut left = domain - ".com".len();
    let mut labels = Vec::new();
    while left > 64 {
        labels.push("d".repeat(63));
        left -= 64; // the label and the dot after it
    }
    labels.push("d".repeat(left));
    format!("{}@{}.com", "l".repeat(local), labels.join("."))
}

#[test]
fn email_addresses_follow_rfc_5321_lengths() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let longest = address(limits::EMAIL_LOCAL_PART, 189);
    assert_eq!(longest.len(), limits::EMAIL);
    edit(&mut store, id, |p| p.emails = vec![longest.clone()]).unwrap();
    assert_eq!(store.prospect(id).unwrap().emails, vec![longest.clone()]);
    let before = store.prospect(id).unwrap();

    let too_long = address(limits::EMAIL_LOCAL_PART, 190);
    assert_eq!(too_long.len(), limits::EMAIL + 1);
    let err = edit(&mut store, id, |p| p.emails = vec![too_long.clone()]).unwrap_err();
    assert_eq!(err.field(), Some("emails"));
    assert!(err.to_string().contains("at most 254"), "{err}");

    let local_too_long = address(limits::EMAIL_LOCAL_PART + 1, 20);
    let err = edit(&mut store, id, |p| p.emails = vec![local_too_long.clone()]).unwrap_err();
    assert_eq!(err.field(), Some("emails"));
    assert!(err.to_string().contains("before the @"), "{err}");

    for bad in [
        "jenny@localhost",
        "jenny@[192.0.2.1]",
        "Jenny Lee jenny@acme.com",
        "jenny@acme.com>",
    ] {
        let err = edit(&mut store, id, |p| p.emails = vec![bad.into()]).unwrap_err();
        assert_eq!(err.field(), Some("emails"), "{bad}");
        assert!(err.to_string().contains(bad), "{err}");
    }
    assert_eq!(store.prospect(id).unwrap(), before);
}

#[test]
fn an_address_pasted_with_its_name_is_kept_as_the_address_alone() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    edit(&mut store, id, |p| {
        p.emails = vec![
            "Jenny Lee <jenny@acme.com>".into(),
            "\"Lee, Jenny\" <JENNY@acme.com>".into(),
            "<jl@home.example.org>".into(),
        ]
    })
    .unwrap();
    // The second is the first again, compared without regard to case.
    assert_eq!(
        store.prospect(id).unwrap().emails,
        vec!["jenny@acme.com", "jl@home.example.org"]
    );
}

#[test]
fn lists_on_a_prospect_have_a_length() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let read = |s: &Store| s.prospect(id).unwrap();
    let lists: &[Change<ProspectInput>] = &[
        ("emails", limits::EMAILS, |p, n| {
            p.emails = (0..n).map(|i| format!("j{i}@acme.com")).collect()
        }),
        ("phones", limits::PHONES, |p, n| {
            p.phones = (0..n).map(|i| format!("312 555 {i:04}")).collect()
        }),
        ("tags", limits::TAGS, |p, n| {
            p.tags = (0..n).map(|i| format!("tag{i}")).collect()
        }),
    ];
    each_at_and_over(&mut store, lists, |s, change| edit(s, id, change), read);
    // One phone number, extension included.
    at_and_over(
        &mut store,
        "phones",
        limits::PHONE,
        |s, n| {
            let number = "+1 312 555 0100 ext. ";
            edit(s, id, |p| {
                p.phones = vec![format!("{number}{}", "1".repeat(n - number.len()))]
            })
        },
        read,
    );
}

#[test]
fn a_zone_name_too_long_to_be_one_is_not_repeated_back() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let before = store.prospect(id).unwrap();
    let zone = "Mars/".repeat(1_000);
    let err = edit(&mut store, id, |p| p.time_zone = zone.clone()).unwrap_err();
    assert_eq!(err.field(), Some("time_zone"));
    assert!(err.to_string().len() < 200, "{err}");
    assert_eq!(store.prospect(id).unwrap(), before);
}

fn note(prospect_id: i64, n: usize, at: DateTime<Utc>) -> TouchInput {
    TouchInput {
        at: Some(at),
        note: text(n),
        ..TouchInput::new(prospect_id, Channel::Call, Outcome::Conversation)
    }
}

#[test]
fn a_touch_note_and_date_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let read = |s: &Store| (s.touches(id).unwrap(), s.prospect(id).unwrap());
    at_and_over(
        &mut store,
        "note",
        limits::NOTES,
        |s, n| s.log_touch(note(id, n, now()), now()).map(|_| ()),
        read,
    );
    let before = read(&store);
    let first_day = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).unwrap();
    let err = store
        .log_touch(note(id, 1, first_day - Duration::seconds(1)), now())
        .unwrap_err();
    assert_eq!(err.field(), Some("at"));
    assert!(err.to_string().contains("1990"), "{err}");
    assert_eq!(read(&store), before);
    store.log_touch(note(id, 1, first_day), now()).unwrap();
}

fn template(name: String, subject: String, body: String) -> Template {
    Template {
        id: 0,
        name,
        channel: Channel::Email,
        subject,
        body,
        starter: false,
        updated_at: now(),
    }
}

#[test]
fn a_templates_name_subject_and_text_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let t = store
        .save_template(
            template("Hello".into(), "Hi".into(), "Hi there".into()),
            now(),
        )
        .unwrap();
    let fields: &[Change<Template>] = &[
        ("name", limits::NAME, |t, n| t.name = text(n)),
        ("subject", limits::SUBJECT, |t, n| t.subject = text(n)),
        ("body", limits::TEMPLATE_BODY, |t, n| t.body = text(n)),
    ];
    each_at_and_over(
        &mut store,
        fields,
        |s, change| {
            let mut edited = t.clone();
            change(&mut edited);
            s.save_template(edited, now()).map(|_| ())
        },
        |s| s.templates().unwrap(),
    );
}

#[test]
fn a_template_too_long_is_refused_before_it_is_parsed() {
    // Unbalanced braces the parser would report with a span: the size is what is
    // reported, so the parser never ran.
    let mut store = Store::open_in_memory().unwrap();
    let before = store.templates().unwrap();
    let body = "{{ ".repeat(limits::TEMPLATE_BODY / 3 + 1);
    let err = store
        .save_template(template("Long".into(), "Hi".into(), body.clone()), now())
        .unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "body", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("too long"), "{err}");
    assert_eq!(store.templates().unwrap(), before);

    // The merge engine holds the same line whoever calls it.
    let err = merge::check(&body, "body").unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "body", .. }),
        "{err:?}"
    );
    let short = "{{ ".repeat(10);
    assert!(matches!(
        merge::check(&short, "body").unwrap_err(),
        Error::Template { .. }
    ));
}

fn reason(title: String, detail: String) -> Reason {
    Reason {
        id: 0,
        title,
        detail,
        link: String::new(),
        dated: None,
        expires_on: None,
        tags: vec![],
    }
}

#[test]
fn a_reasons_texts_and_dates_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let r = store
        .save_reason(reason("Fee change".into(), String::new()), now())
        .unwrap();
    let read = |s: &Store| s.reasons(now()).unwrap();
    let with = |title: String, detail: String| Reason {
        id: r.id,
        ..reason(title, detail)
    };
    at_and_over(
        &mut store,
        "title",
        limits::REASON_TITLE,
        |s, n| {
            s.save_reason(with(text(n), String::new()), now())
                .map(|_| ())
        },
        read,
    );
    at_and_over(
        &mut store,
        "detail",
        limits::DETAIL,
        |s, n| {
            s.save_reason(with("Fees".into(), text(n)), now())
                .map(|_| ())
        },
        read,
    );

    let before = read(&store);
    let first = limits::earliest_date();
    let last = limits::latest_date(today());
    assert_eq!(last, NaiveDate::from_ymd_opt(2036, 11, 23).unwrap());
    let dated = |d: NaiveDate| Reason {
        dated: Some(d),
        ..with("Fees".into(), String::new())
    };
    let expiring = |d: NaiveDate| Reason {
        expires_on: Some(d),
        ..with("Fees".into(), String::new())
    };
    for (field, r) in [
        ("dated", dated(first.pred_opt().unwrap())),
        (
            "dated",
            dated(NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap()),
        ),
        ("expires_on", expiring(last.succ_opt().unwrap())),
    ] {
        let err = store.save_reason(r, now()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(read(&store), before);
    }
    store.save_reason(dated(first), now()).unwrap();
    store.save_reason(expiring(last), now()).unwrap();
}

#[test]
fn the_users_own_details_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let fields: &[Change<Profile>] = &[
        ("my_name", limits::SHORT_TEXT, |p, n| p.my_name = text(n)),
        ("my_company", limits::SHORT_TEXT, |p, n| {
            p.my_company = text(n)
        }),
        ("signature", limits::SIGNATURE, |p, n| p.signature = text(n)),
        ("return_address", limits::RETURN_ADDRESS, |p, n| {
            p.return_address = text(n)
        }),
    ];
    each_at_and_over(
        &mut store,
        fields,
        |s, change| {
            let mut p = s.profile()?;
            change(&mut p);
            s.save_profile(p).map(|_| ())
        },
        |s| s.profile().unwrap(),
    );
}

fn plan(name: String, description: String, steps: Vec<Step>) -> Plan {
    Plan {
        id: 0,
        name,
        builtin: false,
        description,
        steps,
        repeat_from: None,
    }
}

fn step(purpose: String) -> Step {
    Step {
        after_days: 7,
        after_hours: 0,
        business_days: false,
        channel: Channel::Call,
        purpose,
    }
}

#[test]
fn a_plans_name_description_and_steps_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let mine = store
        .save_plan(
            plan("Mine".into(), String::new(), vec![step("Call".into())]),
            now(),
        )
        .unwrap();
    let read = |s: &Store| s.plans().unwrap();
    let fields: &[Change<Plan>] = &[
        ("name", limits::NAME, |p, n| p.name = text(n)),
        ("description", limits::DETAIL, |p, n| {
            p.description = text(n)
        }),
        ("steps", limits::SHORT_NOTE, |p, n| {
            p.steps = vec![step(text(n))]
        }),
        ("steps", limits::PLAN_STEPS, |p, n| {
            p.steps = (0..n).map(|i| step(format!("Step {i}"))).collect()
        }),
    ];
    each_at_and_over(
        &mut store,
        fields,
        |s, change| {
            let mut edited = mine.clone();
            change(&mut edited);
            s.save_plan(edited, now()).map(|_| ())
        },
        read,
    );
    // The rule itself, not only the store's cleaning, holds the limits.
    let long = plan(
        text(limits::NAME + 1),
        String::new(),
        vec![step("Call".into())],
    );
    assert_eq!(long.validate().unwrap_err().field(), Some("name"));
}

#[test]
fn settings_lists_and_dates_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let read = |s: &Store| s.settings().unwrap();
    // From 09:00, every half hour: within the standard working day.
    let t = |minutes: u32| NaiveTime::from_hms_opt(9 + minutes / 60, minutes % 60, 0).unwrap();
    at_and_over(
        &mut store,
        "blocks",
        limits::BLOCKS,
        |s, n| {
            let mut settings = s.settings()?;
            settings.week.blocks = (0..n as u32).map(|i| t(i * 30)).collect();
            s.save_settings(settings, now()).map(|_| ())
        },
        read,
    );
    let first = limits::earliest_date();
    at_and_over(
        &mut store,
        "holidays",
        limits::HOLIDAYS,
        |s, n| {
            let mut settings = s.settings()?;
            settings.week.holidays = (0..n as i64).map(|d| first + Duration::days(d)).collect();
            s.save_settings(settings, now()).map(|_| ())
        },
        read,
    );

    let before = read(&store);
    let with = |change: &dyn Fn(&mut followthrough_core::cadence::Settings)| {
        let mut s = before.clone();
        change(&mut s);
        s
    };
    let last = limits::latest_date(today());
    let away_limit = today() + Duration::days(limits::AHEAD_DAYS as i64);
    let refused = [
        (
            "holidays",
            with(&|s| s.week.holidays = vec![first.pred_opt().unwrap()]),
        ),
        (
            "holidays",
            with(&|s| s.week.holidays = vec![last.succ_opt().unwrap()]),
        ),
        (
            "back_on",
            with(&|s| s.back_on = Some(away_limit.succ_opt().unwrap())),
        ),
        (
            "back_on",
            with(&|s| s.back_on = Some(first.pred_opt().unwrap())),
        ),
        (
            "workdays",
            with(&|s| s.week.workdays = vec![Weekday::Mon, Weekday::Mon]),
        ),
        (
            "workdays",
            with(&|s| s.week.workdays = vec![Weekday::Tue; 8]),
        ),
        (
            "max_gap_days",
            with(&|s| s.max_gap_days = limits::MAX_GAP_DAYS as u32 + 1),
        ),
    ];
    for (field, settings) in refused {
        let err = store.save_settings(settings, now()).unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
        assert_eq!(read(&store), before);
    }
    for settings in [
        with(&|s| s.week.holidays = vec![last]),
        with(&|s| s.back_on = Some(away_limit)),
        with(&|s| s.max_gap_days = limits::MAX_GAP_DAYS as u32),
    ] {
        store.save_settings(settings, now()).unwrap();
    }
}

#[test]
fn skip_reasons_next_steps_and_snoozes_have_limits() {
    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    at_and_over(
        &mut store,
        "reason",
        limits::SHORT_NOTE,
        |s, n| s.skip(id, &text(n), now()),
        |s| s.skips(id).unwrap(),
    );
    let read = |s: &Store| s.prospect(id).unwrap();
    at_and_over(
        &mut store,
        "next_step",
        limits::NEXT_STEP,
        |s, n| {
            let step = NextStep {
                at: now() + Duration::days(2),
                note: text(n),
            };
            s.set_next_step(id, Some(step), now())
        },
        read,
    );
    // Ahead in days: the limit is a day count, one more day is refused.
    let ahead = |n: usize| now() + Duration::days(n as i64);
    at_and_over(
        &mut store,
        "next_step",
        limits::AHEAD_DAYS,
        |s, n| {
            let step = NextStep {
                at: ahead(n),
                note: "Demo".into(),
            };
            s.set_next_step(id, Some(step), now())
        },
        read,
    );
    at_and_over(
        &mut store,
        "until",
        limits::AHEAD_DAYS,
        |s, n| s.snooze(id, Some(ahead(n)), now()),
        read,
    );
}

#[test]
fn a_note_draft_is_measured_only_up_to_its_limit() {
    let card = cards::DEFAULT_CARD;
    let at_limit = cards::measure(&"word ".repeat(limits::NOTE_BODY / 5), card).unwrap();
    assert!(!at_limit.fits, "far more than a card holds, but measured");
    let err = cards::measure(&text(limits::NOTE_BODY + 1), card).unwrap_err();
    assert_eq!(err.field(), Some("body"));

    let mut store = Store::open_in_memory().unwrap();
    let id = jenny(&mut store).id;
    let draft = |body: String| NoteDraft {
        prospect_id: id,
        card: card.into(),
        body,
        reason_id: None,
    };
    store.save_note(draft("Dear Jenny,".into()), now()).unwrap();
    let before = store.open_note(id).unwrap();
    let err = store
        .save_note(draft(text(limits::NOTE_BODY + 1)), now())
        .unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(err.to_string().contains("5,000"), "{err}");
    assert_eq!(store.open_note(id).unwrap(), before);
}

#[test]
fn a_draft_goes_into_a_link_only_if_the_link_stays_under_2000_characters() {
    let to = vec!["jenny@acme.com".to_string()];
    let phones = vec!["312 555 0100".to_string()];
    let overhead = "mailto:jenny@acme.com?subject=&body=".len();
    let fill = limits::LINK - overhead;
    let link = links::for_channel(Channel::Email, &to, &[], "", &"a".repeat(fill)).unwrap();
    assert_eq!(link.len(), limits::LINK);

    // One more character: the draft fits the limit but the link does not.
    let err = links::for_channel(Channel::Email, &to, &[], "", &"a".repeat(fill + 1)).unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(err.to_string().contains("needs 2,001"), "{err}");

    // Accents take six characters each once encoded: 400 of them need 2,400.
    let err = links::for_channel(Channel::Email, &to, &[], "Hi", &text(400)).unwrap_err();
    assert!(err.to_string().contains("needs"), "{err}");
    // Longer than a link could ever hold: refused before it is encoded.
    let err =
        links::for_channel(Channel::Text, &[], &phones, "", &"a".repeat(1_000_000)).unwrap_err();
    assert_eq!(err.field(), Some("body"));
    assert!(err.to_string().contains("messaging app"), "{err}");
    assert!(!err.to_string().contains("needs"), "{err}");

    let sms = links::for_channel(Channel::Text, &[], &phones, "", &"a".repeat(1_000)).unwrap();
    assert!(sms.len() <= limits::LINK);
    // A call carries no draft, so a long one does not stop it.
    assert!(links::for_channel(Channel::Call, &[], &phones, "", &text(5_000)).is_ok());
}

#[test]
fn the_limits_reach_the_ui_through_the_vocabulary() {
    let v = serde_json::to_value(followthrough_core::vocabulary::vocabulary()).unwrap();
    assert_eq!(v["limits"]["email"], 254);
    assert_eq!(v["limits"]["template_body"], limits::TEMPLATE_BODY);
    assert_eq!(
        v["limits"].as_object().unwrap().len(),
        limits::ALL.len(),
        "every limit, once"
    );
}

#[test]
fn every_limit_the_ui_names_is_one_the_core_sends() {
    // A misspelt name would quietly set no maxlength; the core's checks would still hold.
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/js");
    let mut names = Vec::new();
    let mut dirs = vec![ui];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                let source = std::fs::read_to_string(&path).unwrap();
                for call in source.split("maxLength(vocab, \"").skip(1) {
                    names.push(call.split('"').next().unwrap().to_string());
                }
            }
        }
    }
    assert!(names.len() >= 10, "the forms set maxlengths: {names:?}");
    for name in names {
        assert!(
            limits::ALL.iter().any(|(n, _)| *n == name),
            "the UI asks for a limit named {name:?}, which the core does not send"
        );
    }
}
