//! Export → import loses nothing the format can carry: any prospect written as CSV,
//! vCard 4.0, vCard 3.0 or a dossier, and imported into another book, comes back with
//! the same contact fields (a dossier also with its source, stage, status, reason and
//! preferences). The import goes through the same file readers and store path as the
//! app's and the command line's.

#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed run.

use chrono::{DateTime, TimeZone, Utc};
use followthrough_core::import;
use followthrough_core::model::*;
use followthrough_core::store::import::ImportOptions;
use followthrough_core::Store;
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap()
}

/// Words with the characters that trip writers up: commas, semicolons, quotes,
/// backslashes, colons and non-ASCII letters.
fn word() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9,;:\"'\\\\&.-]{0,9}").unwrap()
}

fn words(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 1..=max).prop_map(|w| w.join(" "))
}

fn optional(s: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), s]
}

fn address() -> impl Strategy<Value = Address> {
    (
        optional(words(4)),
        optional(words(2)),
        optional(words(2)),
        optional("[A-Z0-9]{3,8}"),
        optional(words(2)),
    )
        .prop_map(|(street, city, region, postal_code, country)| Address {
            street,
            city,
            region,
            postal_code,
            country,
        })
}

prop_compose! {
    fn contact()(
        name in words(3),
        company in optional(words(3)),
        title in optional(words(3)),
        emails in proptest::collection::vec("[a-z]{1,8}(\\.[a-z]{1,5})?@[a-z]{2,8}\\.example", 0..3),
        phones in proptest::collection::vec("\\+1 [2-9][0-9]{2} 555 [0-9]{4}", 0..3),
        linkedin in optional("https://www\\.linkedin\\.com/in/[a-z0-9-]{3,12}"),
        // A profile link kept as the website stays the website in the app's own files.
        website in optional(prop_oneof![
            "https://[a-z]{2,10}\\.example/[a-z]{0,6}",
            "https://www\\.linkedin\\.com/in/[a-z0-9-]{3,12}",
        ]),
        address in address(),
        notes in optional(proptest::collection::vec(words(6), 1..4).prop_map(|l| l.join("\n"))),
        tags in proptest::collection::vec("[A-Za-z][A-Za-z0-9 ;]{0,10}[A-Za-z0-9]", 0..3),
    ) -> ProspectInput {
        ProspectInput { name, company, title, emails, phones, linkedin, website, address, notes, tags, ..ProspectInput::default() }
    }
}

fn dossier_extras() -> impl Strategy<Value = (Source, Stage, Status, Option<Channel>)> {
    (
        proptest::sample::select(
            &[
                Source::InboundWeb,
                Source::Referral,
                Source::Networking,
                Source::Cold,
            ][..],
        ),
        proptest::sample::select(Stage::ALL),
        proptest::sample::select(&[Status::Active, Status::Nurture, Status::Client][..]),
        proptest::option::of(proptest::sample::select(Channel::ALL)),
    )
}

/// Writes `p` in `kind` and imports the file into a new book; the prospect it made.
fn round_trip(p: &Prospect, store: &Store, kind: ExportKind) -> Prospect {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("out.{}", kind.extension()));
    let mut bytes = Vec::new();
    let selection = Selection {
        ids: vec![p.id],
        ..Selection::default()
    };
    store.export(kind, &selection, &mut bytes, now()).unwrap();
    std::fs::write(&file, &bytes).unwrap();

    let mut other = Store::open_in_memory().unwrap();
    let import::Opened { mut feed, .. } = import::open(&file, |_| None).unwrap();
    // A source unlike any the prospect has: the formats that carry one must keep theirs.
    let options = ImportOptions {
        tag: String::new(),
        source: Source::Other,
        ..ImportOptions::default()
    };
    let report = other
        .import(feed.as_mut(), &options, now(), &mut |_| true)
        .unwrap();
    assert_eq!(
        (report.new, report.error_count),
        (1, 0),
        "{kind:?}: {report:?}\n{}",
        String::from_utf8_lossy(&bytes)
    );
    let id = other
        .list_prospects(&ListQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id;
    other.prospect(id).unwrap()
}

/// The fields every format carries.
fn contact_fields(p: &Prospect) -> ProspectInput {
    let mut c = p.input();
    let mut tags = c.tags.clone();
    tags.sort_by_key(|t| t.to_lowercase());
    ProspectInput {
        name: c.name,
        company: c.company,
        title: c.title,
        emails: c.emails,
        phones: c.phones,
        linkedin: c.linkedin,
        website: c.website,
        address: std::mem::take(&mut c.address),
        notes: c.notes,
        tags,
        ..ProspectInput::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_prospect_comes_back_equal(input in contact(), extras in dossier_extras()) {
        let mut store = Store::open_in_memory().unwrap();
        let (source, stage, status, channel) = extras;
        let input = ProspectInput { source, stage, status, preferred_channel: channel, ..input };
        let p = store.create_prospect(input, now()).unwrap();
        let want = format!("{:#?}", contact_fields(&p));
        for kind in [ExportKind::ProspectsCsv, ExportKind::VCard4, ExportKind::VCard3, ExportKind::Dossier] {
            let back = round_trip(&p, &store, kind);
            prop_assert_eq!(&format!("{:#?}", contact_fields(&back)), &want, "{:?}", kind);
            if matches!(kind, ExportKind::Dossier | ExportKind::ProspectsCsv) {
                prop_assert_eq!(
                    (back.source, back.stage, back.status, back.preferred_channel),
                    (p.source, p.stage, p.status, p.preferred_channel)
                );
            }
            if kind == ExportKind::Dossier {
                prop_assert_eq!(back.created_at, p.created_at);
            }
        }
    }
}
