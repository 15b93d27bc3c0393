//! Property tests of the input checks: whatever text arrives — any Unicode, control
//! characters, markup, sizes on either side of a limit — the checks never panic, and
//! they either accept it within its limits or refuse it as invalid input with a field
//! the UI knows.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, TimeZone, Utc};
use followthrough_core::limits;
use followthrough_core::model::{Address, Channel, ProspectInput};
use followthrough_core::store::templates::Template;
use followthrough_core::{links, validate, Error, Store};
use proptest::prelude::*;

/// Text of every kind, and some just either side of `max` characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,60}",
        "[a-z@<>\"., ]{0,40}",
        Just("Jenny Lee <jenny@acme.com>".to_string()),
        (max.saturating_sub(1)..=max + 1, "[a-zé ]").prop_map(|(n, c)| c.repeat(n)),
    ]
}

/// Mostly `valid`, sometimes anything: so that both answers are seen often.
fn mostly(
    valid: impl Strategy<Value = String> + 'static,
    max: usize,
) -> impl Strategy<Value = String> {
    prop_oneof![9 => valid, 1 => text(max)]
}

/// A list of mostly `valid` items, sometimes one either side of `max_items` long.
fn list(
    valid: impl Strategy<Value = String> + Clone + 'static,
    max_items: usize,
    max_len: usize,
) -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        9 => prop::collection::vec(mostly(valid.clone(), max_len), 0..4),
        1 => (max_items..=max_items + 1, valid)
            .prop_map(|(n, v)| (0..n).map(|i| format!("{i}{v}")).collect()),
    ]
}

/// What a refusal must look like: invalid input, naming one of `fields`.
fn refused(err: &Error, fields: &[&str]) -> Result<(), TestCaseError> {
    prop_assert_eq!(err.code(), "invalid");
    let field = err.field().unwrap_or("none");
    prop_assert!(
        fields.contains(&field),
        "unexpected field {} ({})",
        field,
        err
    );
    prop_assert!(!err.to_string().is_empty());
    Ok(())
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

const PROSPECT_FIELDS: &[&str] = &[
    "name",
    "company",
    "title",
    "emails",
    "phones",
    "linkedin",
    "website",
    "address",
    "city",
    "region",
    "postal_code",
    "country",
    "status_reason",
    "tags",
    "notes",
    "time_zone",
    "preferred_time",
];

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_prospect_is_accepted_within_its_limits_or_refused_by_field(
        name in mostly("[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10})?", limits::SHORT_TEXT),
        company in mostly("\\PC{0,30}", limits::SHORT_TEXT),
        emails in list(
            "([A-Z][a-z]{0,8} <[a-z]{1,10}@[a-z]{1,10}\\.com>|[a-z]{1,10}@[a-z]{1,10}\\.(com|org))",
            limits::EMAILS,
            limits::EMAIL,
        ),
        phones in list("[1-9][0-9]{2} 555 [0-9]{4}", limits::PHONES, limits::PHONE),
        website in mostly("([a-z]{1,10}\\.com(/[a-z]{0,10})?)?", limits::URL),
        street in mostly("\\PC{0,40}", limits::STREET),
        city in mostly("\\PC{0,20}", limits::SHORT_TEXT),
        tags in list("[a-z]{1,10}", limits::TAGS, limits::TAG),
        notes in mostly("\\PC{0,100}", limits::NOTES),
        time_zone in mostly("(|America/Chicago|Europe/Berlin)", limits::TIME_ZONE),
        preferred_time in mostly("(|[01][0-9]:[0-5][0-9])", 5),
    ) {
        let input = ProspectInput {
            name, company, emails, phones, website, tags, notes, time_zone, preferred_time,
            address: Address { street, city, ..Default::default() },
            ..Default::default()
        };
        match validate::prospect(input) {
            Ok(v) => {
                let p = v.input;
                prop_assert!(!p.name.is_empty() && chars(&p.name) <= limits::SHORT_TEXT);
                prop_assert!(chars(&p.company) <= limits::SHORT_TEXT);
                prop_assert!(p.emails.len() <= limits::EMAILS);
                for e in &p.emails {
                    prop_assert!(e.len() <= limits::EMAIL && e.contains('@'), "{}", e);
                    // What is stored is a bare address: checked again, it stays the same.
                    let again = validate::prospect(ProspectInput {
                        name: "x".into(),
                        emails: vec![e.clone()],
                        ..Default::default()
                    });
                    prop_assert_eq!(&again.unwrap().input.emails, &vec![e.clone()]);
                }
                prop_assert!(p.phones.len() <= limits::PHONES);
                prop_assert!(p.phones.iter().all(|t| chars(t) <= limits::PHONE));
                prop_assert!(chars(&p.website) <= limits::URL + "https:///".len());
                prop_assert!(chars(&p.address.street) <= limits::STREET);
                prop_assert!(chars(&p.address.city) <= limits::SHORT_TEXT);
                prop_assert!(p.tags.len() <= limits::TAGS);
                prop_assert!(p.tags.iter().all(|t| chars(t) <= limits::TAG));
                prop_assert!(chars(&p.notes) <= limits::NOTES);
                prop_assert!(chars(&p.time_zone) <= limits::TIME_ZONE);
            }
            Err(e) => refused(&e, PROSPECT_FIELDS)?,
        }
    }

    #[test]
    fn a_template_is_saved_within_its_limits_or_refused_by_field(
        name in text(limits::NAME),
        subject in text(limits::SUBJECT),
        body in prop_oneof![
            text(limits::TEMPLATE_BODY),
            "(\\{\\{ ?[a-z_]{0,12} ?\\}?\\}?|\\{% ?(if|for|endif) ?[a-z_]{0,10} ?%\\}|[a-z ]{0,8}){0,12}",
        ],
    ) {
        let mut store = Store::open_in_memory().unwrap();
        let before = store.templates().unwrap();
        // As the UI sends it.
        let t: Template = serde_json::from_value(serde_json::json!({
            "name": name, "channel": "email", "subject": subject, "body": body,
        }))
        .unwrap();
        match store.save_template(t, now()) {
            Ok(saved) => {
                prop_assert!(chars(&saved.name) <= limits::NAME);
                prop_assert!(chars(&saved.subject) <= limits::SUBJECT);
                prop_assert!(chars(&saved.body) <= limits::TEMPLATE_BODY);
            }
            Err(e) => {
                refused(&e, &["name", "subject", "body"])?;
                prop_assert_eq!(store.templates().unwrap(), before);
            }
        }
    }

    #[test]
    fn a_link_is_short_enough_for_every_mail_app_or_refused(
        subject in text(limits::SUBJECT),
        body in text(limits::LINK),
        channel in prop::sample::select(vec![Channel::Email, Channel::Text]),
    ) {
        let emails = vec!["dana+work@harbor.example.com".to_string()];
        let phones = vec!["+1 312 555 0100".to_string()];
        match links::for_channel(channel, &emails, &phones, &subject, &body) {
            Ok(link) => prop_assert!(link.len() <= limits::LINK, "{}", link.len()),
            Err(e) => refused(&e, &["body"])?,
        }
    }
}
