#![allow(clippy::unwrap_used)]
//! Exports read back: the CSVs with the csv crate, the dossier with the importer's own
//! reader, the vCards with an independent library (Python's vobject), and the HTML
//! checked for escaped user text.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::cadence::plan::{Plan, Step};
use followthrough_core::export::csv::{LIST_SEPARATOR, PROSPECT_HEADER, TOUCH_HEADER};
use followthrough_core::import::dossier::{is_dossier, records};
use followthrough_core::import::{HistorySkip, HistoryTouch, Place};
use followthrough_core::model::*;
use followthrough_core::{store::DB_FILE, Store};

#[path = "support/python.rs"]
mod python;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 4, 15, 0, 0).unwrap()
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

const SCRIPT: &str = "<script>alert('x')</script>";

struct Book {
    _dir: tempfile::TempDir,
    store: Store,
    /// Zoë (every field, touches, a custom plan, a next step), Cher (one name, a skip,
    /// paused), and Ann (markup in her fields).
    ids: [i64; 3],
    plan_started: DateTime<Utc>,
}

fn book() -> Book {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    let zoe = store
        .create_prospect(
            ProspectInput {
                name: "Zoë Ann O’Brien".into(),
                company: "Acme, Inc. \"East\"; Zürich".into(),
                title: "VP, Sales; EMEA".into(),
                emails: vec!["zoe@acme.example".into(), "z.obrien@home.example".into()],
                phones: vec!["+41 44 555 01 23".into(), "(555) 010-9999".into()],
                linkedin: "https://www.linkedin.com/in/zoe-obrien".into(),
                website: "https://acme.example/team".into(),
                address: Address {
                    street: "1 Bahnhofstrasse\nSuite 5".into(),
                    city: "Zürich".into(),
                    region: "ZH".into(),
                    postal_code: "8001".into(),
                    country: "Switzerland".into(),
                },
                source: Source::Referral,
                stage: Stage::Meeting,
                status: Status::Active,
                status_reason: String::new(),
                tags: vec!["west".into(), "vip gold".into(), "émigré".into()],
                notes: "Met at the fair, \"very keen\".\nSecond line; third, fourth.".into(),
                time_zone: "Europe/Zurich".into(),
                preferred_channel: Some(Channel::Call),
                preferred_days: vec![Weekday::Tue, Weekday::Thu],
                preferred_time: "09:30".into(),
                ..ProspectInput::default()
            },
            now() - days(40),
        )
        .unwrap()
        .id;
    let cher = store
        .create_prospect(
            ProspectInput {
                name: "Cher".into(),
                emails: vec!["cher@example.com".into()],
                tags: vec!["east".into()],
                source: Source::Cold,
                ..ProspectInput::default()
            },
            now() - days(30),
        )
        .unwrap()
        .id;
    let ann = store
        .create_prospect(
            ProspectInput {
                name: "Ann <b>Bold</b> Smith".into(),
                company: SCRIPT.into(),
                title: "Head of \"Ops\" & <i>things</i>".into(),
                notes: format!("{SCRIPT}\n<img src=x onerror=alert(1)>"),
                tags: vec!["west".into()],
                status: Status::Disqualified,
                status_reason: "Moved to a <competitor> & left".into(),
                confirm_stop: true,
                ..ProspectInput::default()
            },
            now() - days(20),
        )
        .unwrap()
        .id;

    let plan = store
        .save_plan(
            Plan {
                id: 0,
                name: "Standard pursuit".into(),
                builtin: false,
                description: "Weekly, then fortnightly".into(),
                steps: [(0, Channel::Call), (7, Channel::Email), (7, Channel::Call)]
                    .into_iter()
                    .chain(std::iter::repeat_n((14, Channel::LinkedIn), 3))
                    .map(|(d, channel)| Step {
                        after_days: d,
                        after_hours: 0,
                        business_days: false,
                        channel,
                        purpose: format!("Day {d}: bring a reason"),
                    })
                    .collect(),
                repeat_from: Some(3),
            },
            now() - days(35),
        )
        .unwrap();
    let plan_started = now() - days(25);
    store.assign_plan(zoe, Some(plan.id), plan_started).unwrap();
    let touches = [
        (21, Channel::CallNoMessage, Outcome::NoResponse, "", false),
        (
            18,
            Channel::Email,
            Outcome::NoResponse,
            "Sent the deck, \"v2\",\nwith pricing",
            false,
        ),
        (
            14,
            Channel::Call,
            Outcome::Replied,
            "She called back 😀",
            true,
        ),
        (7, Channel::Voicemail, Outcome::NoResponse, SCRIPT, false),
        (3, Channel::Email, Outcome::Conversation, "", false),
    ];
    for (ago, channel, outcome, note, inbound) in touches {
        let at = now() - days(ago);
        // The last email was written in the app: its words travel apart from the note.
        let message = if ago == 3 {
            "Subject: Next week\n\nHi Zoë, \"Tuesday\", 10am?"
        } else {
            ""
        };
        store
            .log_touch(
                TouchInput {
                    at: Some(at),
                    message: message.into(),
                    note: note.into(),
                    inbound,
                    ..TouchInput::new(zoe, channel, outcome)
                },
                at,
            )
            .unwrap();
    }
    store
        .set_next_step(
            zoe,
            Some(NextStep {
                at: now() + days(3),
                note: "Demo, with \"the team\"\nbring the deck".into(),
            }),
            now(),
        )
        .unwrap();
    store
        .skip(cher, "Out of office, back Monday", now() - days(1))
        .unwrap();
    store.set_paused(cher, true, now()).unwrap();
    Book {
        _dir: dir,
        store,
        ids: [zoe, cher, ann],
        plan_started,
    }
}

fn export(store: &Store, kind: ExportKind, selection: &Selection) -> (Vec<u8>, Exported) {
    let mut out = Vec::new();
    let done = store.export(kind, selection, &mut out, now()).unwrap();
    (out, done)
}

fn everyone() -> Selection {
    Selection::default()
}

/// Oldest first, as exports write them.
fn touches_of(store: &Store, id: i64) -> Vec<Touch> {
    let mut t = store.touches(id).unwrap();
    t.reverse();
    t
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// The prospect's CSV row, worked out here from the stored prospect.
fn expected_row(p: &Prospect, plan: &str) -> Vec<String> {
    let a = &p.address;
    vec![
        p.id.to_string(),
        p.name.clone(),
        p.company.clone(),
        p.title.clone(),
        p.emails.join(LIST_SEPARATOR),
        p.phones.join(LIST_SEPARATOR),
        p.linkedin.clone(),
        p.website.clone(),
        a.street.clone(),
        a.city.clone(),
        a.region.clone(),
        a.postal_code.clone(),
        a.country.clone(),
        p.source.as_str().into(),
        p.stage.as_str().into(),
        p.status.as_str().into(),
        p.status_reason.clone(),
        p.tags.join(LIST_SEPARATOR),
        p.notes.clone(),
        p.time_zone.clone(),
        p.preferred_channel
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        p.preferred_days
            .iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        p.preferred_time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        time(Some(p.created_at)),
        p.stats.touchpoints.to_string(),
        p.stats.attempts.to_string(),
        time(p.stats.last_touch_at),
        time(p.next_due_at),
        plan.into(),
        time(p.next_step.as_ref().map(|s| s.at)),
        p.next_step
            .as_ref()
            .map(|s| s.note.clone())
            .unwrap_or_default(),
    ]
}

#[test]
fn prospects_csv_reads_back_field_for_field() {
    let b = book();
    let (out, done) = export(&b.store, ExportKind::ProspectsCsv, &everyone());
    assert_eq!(done.prospects, 3);
    assert!(!out.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let mut r = csv::Reader::from_reader(out.as_slice());
    assert_eq!(r.headers().unwrap(), PROSPECT_HEADER.as_slice());
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|row| row.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    // By name, as the list sorts: Ann, Cher, Zoë.
    let [zoe, cher, ann] = b.ids;
    let plans = [
        (ann, "New prospect"),
        (cher, "New prospect"),
        (zoe, "Standard pursuit"),
    ];
    for (row, (id, plan)) in rows.iter().zip(plans) {
        let p = b.store.prospect(id).unwrap();
        assert_eq!(row, &expected_row(&p, plan), "{}", p.name);
    }
    assert!(rows[2][18].contains('\n') && rows[2][2].contains('"'));
}

#[test]
fn touches_csv_lists_every_touch_oldest_first() {
    let b = book();
    let (out, done) = export(&b.store, ExportKind::TouchesCsv, &everyone());
    let zoe = b.ids[0];
    let touches = touches_of(&b.store, zoe);
    assert_eq!(done.touches as usize, touches.len());
    let mut r = csv::Reader::from_reader(out.as_slice());
    assert_eq!(r.headers().unwrap(), TOUCH_HEADER.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    for (row, t) in rows.iter().zip(&touches) {
        let expected = [
            zoe.to_string(),
            "Zoë Ann O’Brien".into(),
            time(Some(t.at)),
            t.channel.as_str().into(),
            t.outcome.as_str().into(),
            t.note.clone(),
            t.counts.to_string(),
            t.inbound.to_string(),
            t.message.clone(),
        ];
        assert_eq!(row.iter().collect::<Vec<_>>(), expected);
    }
}

#[test]
fn a_dossier_reads_back_with_the_whole_history() {
    let b = book();
    let (out, done) = export(&b.store, ExportKind::Dossier, &everyone());
    assert_eq!((done.prospects, done.touches), (3, 5));
    assert!(is_dossier(&out));
    let text = std::str::from_utf8(&out).unwrap();
    assert_eq!(
        text.lines().count(),
        4,
        "a header and one line per prospect"
    );
    let reader = records(out.as_slice()).unwrap();
    assert_eq!(reader.header().prospects, 3);
    assert_eq!(reader.header().exported_at, now());
    let got: Vec<_> = reader.map(Result::unwrap).collect();
    let [zoe, cher, ann] = b.ids;
    let plans = b.store.plans().unwrap();
    for (n, (record, id)) in got.iter().zip([ann, cher, zoe]).enumerate() {
        let p = b.store.prospect(id).unwrap();
        assert_eq!(record.place, Place::Card(n as u64 + 1));
        assert_eq!(
            serde_json::to_value(&record.contact).unwrap(),
            serde_json::to_value(p.input()).unwrap(),
            "{}'s contact",
            p.name
        );
        let h = record.history.as_ref().unwrap();
        assert_eq!(h.created_at, p.created_at);
        let touches: Vec<HistoryTouch> = touches_of(&b.store, id)
            .into_iter()
            .map(|t| HistoryTouch {
                at: t.at,
                channel: t.channel,
                outcome: t.outcome,
                note: t.note,
                message: t.message,
                inbound: t.inbound,
            })
            .collect();
        assert_eq!(h.touches, touches);
        let mut skips: Vec<HistorySkip> = b
            .store
            .skips(id)
            .unwrap()
            .into_iter()
            .map(|s| HistorySkip {
                at: s.at,
                reason: s.reason,
            })
            .collect();
        skips.reverse();
        assert_eq!(h.skips, skips);
        assert_eq!(h.next_step, p.next_step);
        assert_eq!(h.snoozed_until, p.snoozed_until);
        assert_eq!(h.paused, p.paused);
        let chosen = p
            .plan_id
            .map(|pid| plans.iter().find(|x| x.id == pid).unwrap().clone());
        assert_eq!(h.plan, chosen);
    }
    let zoe_history = got[2].history.as_ref().unwrap();
    assert_eq!(zoe_history.plan.as_ref().unwrap().name, "Standard pursuit");
    assert_eq!(zoe_history.plan_started_at, Some(b.plan_started));
    assert!(zoe_history.next_step.is_some());
    assert!(got[1].history.as_ref().unwrap().paused);
    assert_eq!(got[1].history.as_ref().unwrap().skips.len(), 1);
}

#[test]
fn a_selection_chooses_by_ids_tag_and_list_filters() {
    let b = book();
    let [zoe, cher, ann] = b.ids;
    let names = |selection: Selection| -> Vec<String> {
        let (out, done) = export(&b.store, ExportKind::Dossier, &selection);
        let reader = records(out.as_slice()).unwrap();
        assert_eq!(reader.header().prospects, done.prospects);
        reader.map(|r| r.unwrap().contact.name).collect()
    };
    let tagged = Selection {
        tag: Some("west".into()),
        ..Selection::default()
    };
    assert_eq!(names(tagged), ["Ann <b>Bold</b> Smith", "Zoë Ann O’Brien"]);
    let picked = Selection {
        ids: vec![cher, zoe, 9_999],
        ..Selection::default()
    };
    assert_eq!(names(picked), ["Cher", "Zoë Ann O’Brien"]);
    let territory = Selection {
        query: Some(ListQuery {
            status: Some(Status::Active),
            tag: Some("west".into()),
            ..ListQuery::default()
        }),
        ..Selection::default()
    };
    assert_eq!(names(territory), ["Zoë Ann O’Brien"]);
    let searched = Selection {
        ids: vec![ann, cher],
        query: Some(ListQuery {
            text: "cher".into(),
            ..ListQuery::default()
        }),
        ..Selection::default()
    };
    assert_eq!(names(searched), ["Cher"]);
}

#[test]
fn the_html_dossier_escapes_every_user_text() {
    let b = book();
    let (out, done) = export(&b.store, ExportKind::DossierHtml, &everyone());
    assert_eq!(done.prospects, 3);
    let html = String::from_utf8(out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Dossier: Everyone, 4 March 2025</title>"));
    for raw in ["<script", "<b>", "<i>", "<img", "<competitor>"] {
        assert!(!html.contains(raw), "{raw} must not be markup");
    }
    assert!(html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt;"));
    assert!(html.contains("Ann &lt;b&gt;Bold&lt;&#x2f;b&gt; Smith"));
    assert!(html.contains("Moved to a &lt;competitor&gt; &amp; left"));
    // Zoë has had three touchpoints since she started the plan (her own call back is not
    // one): the fourth step is next.
    assert!(html.contains("step 4 of Standard pursuit"), "{html}");
    assert!(html.contains("Demo, with &quot;the team&quot;"));
    assert!(html.contains("@media print") && html.contains("break-before: page"));
    assert_eq!(html.matches("<section class=\"prospect\">").count(), 3);
    assert_eq!(html.matches("<tr><td class=\"when\">").count(), 5);
}

#[test]
fn vcards_read_in_an_independent_library() {
    let b = book();
    let dir = tempfile::tempdir().unwrap();
    let [zoe, cher, ann] = b.ids;
    for (kind, version) in [(ExportKind::VCard4, "4.0"), (ExportKind::VCard3, "3.0")] {
        let (out, done) = export(&b.store, kind, &everyone());
        assert_eq!(done.prospects, 3);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 3);
        assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
        let file = dir.path().join(format!("book-{version}.vcf"));
        std::fs::write(&file, &text).unwrap();
        let Some(python) = python::test_python("the vCards were not read by vobject") else {
            continue;
        };
        let cards = python::read_with(&python, "check_vcard.py", &file);
        let cards = cards.as_array().unwrap();
        assert_eq!(cards.len(), 3);
        for (card, id) in cards.iter().zip([ann, cher, zoe]) {
            let p = b.store.prospect(id).unwrap();
            let s = |key: &str| card[key].as_str().unwrap().to_string();
            let list = |key: &str| -> Vec<String> {
                card[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            assert_eq!(s("version"), version);
            assert_eq!(s("fn"), p.name, "{version}");
            assert_eq!(s("org"), p.company, "{version}");
            assert_eq!(s("title"), p.title, "{version}");
            assert_eq!(list("emails"), p.emails, "{version}");
            assert_eq!(list("phones"), p.phones, "{version}");
            assert_eq!(s("note"), p.notes, "{version}");
            assert_eq!(list("categories"), p.tags, "{version}");
            assert_eq!(s("url"), p.website, "{version}");
            assert_eq!(s("linkedin"), p.linkedin, "{version}");
            assert!(s("uid").starts_with("urn:uuid:"));
            if p.address.is_empty() {
                assert!(card["address"].is_null());
            } else {
                let a = &card["address"];
                assert_eq!(a["street"], p.address.street.as_str(), "{version}");
                assert_eq!(a["city"], p.address.city.as_str());
                assert_eq!(a["region"], p.address.region.as_str());
                assert_eq!(a["postal_code"], p.address.postal_code.as_str());
                assert_eq!(a["country"], p.address.country.as_str());
            }
        }
        let zoe_card = &cards[2];
        assert_eq!(zoe_card["family"], "O’Brien");
        assert_eq!(zoe_card["given"], "Zoë Ann");
        assert_eq!(cards[1]["given"], "Cher");
    }
}

#[test]
fn a_uid_stays_the_same_from_one_export_to_the_next() {
    let b = book();
    let uids = |out: Vec<u8>| -> Vec<String> {
        String::from_utf8(out)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("UID:").map(String::from))
            .collect()
    };
    let first = uids(export(&b.store, ExportKind::VCard4, &everyone()).0);
    let again = uids(export(&b.store, ExportKind::VCard3, &everyone()).0);
    assert_eq!(first.len(), 3);
    assert_eq!(first, again);
}
