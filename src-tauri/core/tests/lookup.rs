//! Naming a prospect in words (`Store::find_prospect`): by number, email address or a
//! name only one prospect has; shared and unknown names refused with the candidates.

#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed run.

use chrono::{DateTime, TimeZone, Utc};
use followthrough_core::model::ProspectInput;
use followthrough_core::{Error, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn add(store: &mut Store, name: &str, company: &str, emails: &[&str]) -> i64 {
    store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                company: company.into(),
                emails: emails.iter().map(|e| e.to_string()).collect(),
                ..Default::default()
            },
            now(),
        )
        .unwrap()
        .id
}

/// The refusal's message; fails the test on anything but `Error::Invalid` on "prospect".
fn refused(store: &Store, who: &str) -> String {
    match store.find_prospect(who) {
        Err(Error::Invalid {
            field: "prospect",
            message,
        }) => message,
        other => panic!("{who:?}: {other:?}"),
    }
}

#[test]
fn a_prospect_is_found_by_number_email_or_unique_name() {
    let mut store = Store::open_in_memory().unwrap();
    let ada = add(
        &mut store,
        "Ada Lovelace",
        "Analytical",
        &["Ada@Engine.example"],
    );
    let emile = add(&mut store, "Émile Zola", "", &["emile@paris.example"]);
    let year = add(&mut store, "1984", "Orwell & Co", &[]);

    let found = |who: &str| store.find_prospect(who).unwrap().id;
    assert_eq!(found(&ada.to_string()), ada);
    assert_eq!(found(&format!("#{emile}")), emile);
    assert_eq!(found("ada@engine.EXAMPLE"), ada, "addresses in any case");
    assert_eq!(
        found("  ada lovelace "),
        ada,
        "names in any case, spaces trimmed"
    );
    assert_eq!(found("ÉMILE ZOLA"), emile, "case folded beyond ASCII");
    assert_eq!(found("1984"), year, "a number nobody has may be a name");
    assert_eq!(
        store.find_prospect("Ada Lovelace").unwrap().company,
        "Analytical"
    );
}

#[test]
fn a_shared_name_or_address_is_refused_with_the_candidates() {
    let mut store = Store::open_in_memory().unwrap();
    let first = add(&mut store, "Sam Lee", "Acme", &["sam@shared.example"]);
    let second = add(&mut store, "Sam Lee", "", &["sam@shared.example"]);
    add(&mut store, "Samantha Lee", "Bolt", &[]);

    let message = refused(&store, "sam lee");
    assert!(message.contains("could be any of 2 prospects"), "{message}");
    assert!(
        message.contains(&format!("#{first}  Sam Lee (Acme)")),
        "{message}"
    );
    let plain = format!("#{second}  Sam Lee");
    assert!(message.lines().any(|l| l.trim() == plain), "{message}");
    assert!(!message.contains("Samantha"), "{message}");

    let message = refused(&store, "SAM@shared.example");
    assert!(message.contains("could be any of 2"), "{message}");

    // Each is still reachable by number.
    assert_eq!(store.find_prospect(&second.to_string()).unwrap().id, second);
}

#[test]
fn an_unknown_prospect_is_refused_naming_those_it_might_be() {
    let mut store = Store::open_in_memory().unwrap();
    let sam = add(&mut store, "Sam Lee", "Acme", &[]);
    add(&mut store, "Samantha Lee", "Bolt", &[]);
    add(&mut store, "Ada Lovelace", "", &[]);

    let message = refused(&store, "sam");
    assert!(
        message.starts_with("No prospect is known as \u{201c}sam\u{201d}."),
        "{message}"
    );
    assert!(
        message.contains(&format!("#{sam}  Sam Lee (Acme)")),
        "{message}"
    );
    assert!(message.contains("Samantha Lee (Bolt)"), "{message}");
    assert!(!message.contains("Ada"), "{message}");

    let message = refused(&store, "nobody@nowhere.example");
    assert_eq!(
        message,
        "No prospect is known as \u{201c}nobody@nowhere.example\u{201d}."
    );
    let message = refused(&store, "9999");
    assert!(message.starts_with("No prospect is known as"), "{message}");
    assert!(refused(&store, "   ").contains("Say which prospect"));
}

#[test]
fn a_long_list_of_candidates_is_cut_short() {
    let mut store = Store::open_in_memory().unwrap();
    for _ in 0..13 {
        add(&mut store, "Pat Kim", "", &[]);
    }
    let message = refused(&store, "Pat Kim");
    assert!(message.contains("any of 13 prospects"), "{message}");
    assert_eq!(message.matches("Pat Kim\n").count(), 10, "{message}");
    assert!(message.ends_with("… and 3 more"), "{message}");
}

#[test]
fn a_long_list_of_near_names_says_how_many_more_there_are() {
    let mut store = Store::open_in_memory().unwrap();
    for i in 0..13 {
        add(&mut store, &format!("Pat Kim {i:02}"), "", &[]);
    }
    let message = refused(&store, "pat");
    assert!(message.contains("Did you mean"), "{message}");
    assert_eq!(message.matches("  Pat Kim ").count(), 10, "{message}");
    assert!(message.ends_with("… and 3 more"), "{message}");
    // Exactly one past the list.
    add(&mut store, "Patience Ward", "", &[]);
    let message = refused(&store, "pat");
    assert!(message.ends_with("… and 4 more"), "{message}");
    let message = refused(&store, "kim 1");
    assert_eq!(message.matches("  Pat Kim 1").count(), 3, "{message}");
    assert!(!message.contains("more"), "{message}");
}
