//! Every view and dialog of the real window, read as a person reads it: no `null`,
//! `undefined`, `NaN` or `[object Object]` anywhere on screen — in the text, in the
//! values of visible fields, or in their tooltips and placeholders. Each queue, a
//! prospect's pane with the *Write it* card on every channel its menu offers, Notes to
//! write, Templates, Reasons, Plans, Settings, the prospect form and the help overlay.

use crate::harness::{launch, App, Driver};
use chrono::Duration;
use fantoccini::key::Key;
use followthrough_core::model::{
    Address, Channel, Outcome, ProspectInput, Source, TouchInput, Weekday,
};
use followthrough_core::{clock, store::DB_FILE, Store};
use serde_json::{json, Value};
use std::path::Path;

/// Someone in each queue: an inbound lead (Today), a prospect emailed once a month ago
/// (Today, One-hit wonders, Stalled), and one with every field filled in, emailed three
/// days ago (Upcoming).
fn seed(dir: &Path) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let now = clock::now();
    let mut add = |input: ProspectInput, emailed_days_ago: Option<i64>| {
        let id = store
            .create_prospect(input, now - Duration::days(40))
            .unwrap()
            .id;
        if let Some(days) = emailed_days_ago {
            let touch = TouchInput {
                at: Some(now - Duration::days(days)),
                note: "Sent the spring price list".into(),
                ..TouchInput::new(id, Channel::Email, Outcome::NoResponse)
            };
            store.log_touch(touch, now).unwrap();
        }
    };
    add(
        ProspectInput {
            name: "Web Lead Wendy".into(),
            source: Source::InboundWeb,
            ..Default::default()
        },
        None,
    );
    add(
        ProspectInput {
            name: "Olga Overdue".into(),
            company: "Northwind Dental".into(),
            source: Source::Referral,
            ..Default::default()
        },
        Some(30),
    );
    add(
        ProspectInput {
            name: "Paula Full".into(),
            company: "Harbor Dental".into(),
            title: "Office manager".into(),
            emails: vec!["paula@harbor.example.com".into()],
            phones: vec!["+1 503 555 0100".into()],
            linkedin: "linkedin.com/in/paula-full".into(),
            website: "harbor.example.com".into(),
            address: Address {
                street: "18 Harbor Way\nSuite 2".into(),
                city: "Portland".into(),
                region: "OR".into(),
                postal_code: "97201".into(),
                country: "USA".into(),
            },
            source: Source::Networking,
            tags: vec!["dental".into(), "portland".into()],
            notes: "Loves sailing.".into(),
            time_zone: "America/Los_Angeles".into(),
            preferred_channel: Some(Channel::Email),
            preferred_days: vec![Weekday::Tue, Weekday::Thu],
            preferred_time: "10:00".into(),
            ..Default::default()
        },
        Some(3),
    );
}

/// Waits until the window stops changing (every IPC answer in and drawn): the body's
/// text and the fields' values the same for three polls in a row.
async fn settle(app: &App) {
    let snapshot = "return document.body.innerText + '\\u0000' + \
        [...document.querySelectorAll('input, textarea, select')].map(e => e.value).join('\\u0000')";
    let started = std::time::Instant::now();
    let mut last = Value::Null;
    let mut same = 0;
    while same < 3 {
        tokio::time::sleep(std::time::Duration::from_millis(120)).await;
        let now = app.js(snapshot).await;
        if now == last {
            same += 1;
        } else {
            same = 0;
            last = now;
        }
        assert!(started.elapsed().as_secs() < 10, "the window never settled");
    }
}

/// What a person can see that reads like a programming slip, with some context, each
/// labelled with where it is.
const FIND_SLIPS: &str = r#"
const slip = /\b(null|undefined|NaN)\b|\[object Object\]/;
const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
const name = (e) => e.id ? `#${e.id}` : e.getAttribute('aria-label') ? `${e.tagName.toLowerCase()}[aria-label=${e.getAttribute('aria-label')}]` : e.tagName.toLowerCase();
const texts = [['text on screen', document.body.innerText]];
for (const e of document.querySelectorAll('input, textarea')) {
  if (shown(e) && !['checkbox', 'radio', 'hidden'].includes(e.type)) texts.push([`value of ${name(e)}`, e.value]);
}
for (const e of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
  if (!shown(e)) continue;
  for (const attr of ['title', 'placeholder', 'aria-label']) {
    if (e.hasAttribute(attr)) texts.push([`${attr} of ${name(e)}`, e.getAttribute(attr)]);
  }
}
const found = [];
for (const [where, text] of texts) {
  const m = slip.exec(text);
  if (m) found.push(`${where}: \u2026${text.slice(Math.max(0, m.index - 50), m.index + 30).replace(/\s+/g, ' ')}\u2026`);
}
return found;
"#;

/// Fails, with a screenshot, if anything on screen reads `null`, `undefined`, `NaN` or
/// `[object Object]`.
async fn assert_clean(app: &App, place: &str) {
    settle(app).await;
    let found: Vec<String> = serde_json::from_value(app.js(FIND_SLIPS).await).unwrap();
    if !found.is_empty() {
        let shot = format!("text-sanity-{}", place.replace([' ', '/', ','], "-"));
        app.screenshot(&shot).await;
        panic!(
            "{place} shows {}\n(screen in tests/artifacts/{shot}.png)",
            found.join("\n  ")
        );
    }
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn escape(app: &App, dialog: &str) {
    app.keys(&key(Key::Escape)).await;
    app.wait_until(
        &format!("{dialog} to close"),
        &format!("return document.getElementById({}).hidden", json!(dialog)),
    )
    .await;
}

async fn open_dialog(app: &App, button: &str, dialog: &str, loaded: &str) {
    app.click(button).await;
    app.wait_until(
        &format!("{dialog} to open"),
        &format!(
            "return !document.getElementById({}).hidden && !!document.querySelector({})",
            json!(dialog),
            json!(loaded)
        ),
    )
    .await;
}

/// Shows a sidebar view, then opens its first item, if it has one.
async fn walk_view(app: &App, view: &str, first_item: &str) {
    app.click(&format!("[data-view={view}]")).await;
    app.wait_until(
        &format!("the {view} view"),
        &format!(
            "return document.querySelector('[data-view={view}]').getAttribute('aria-pressed') === 'true'"
        ),
    )
    .await;
    assert_clean(app, &format!("the {view} view")).await;
    let has_item = app
        .js(&format!(
            "return !!document.querySelector({})",
            json!(first_item)
        ))
        .await;
    if has_item == Value::Bool(true) {
        app.click(first_item).await;
        app.wait_until(
            "a prospect's pane",
            "return !!document.querySelector('#detail-name') && !!document.querySelector('#compose')",
        )
        .await;
        assert_clean(app, &format!("a prospect opened from {view}")).await;
    }
}

/// Opens the prospect named `name` from All prospects.
async fn open_prospect(app: &App, name: &str) {
    app.click("[data-view=all]").await;
    app.wait_list(&["Olga Overdue", "Paula Full", "Web Lead Wendy"])
        .await;
    let index = app
        .js(&format!(
            "return [...document.querySelectorAll('#list .row:not(.placeholder)')].find(r => r.querySelector('.row-name').textContent === {}).dataset.index",
            json!(name)
        ))
        .await;
    app.click(&format!(
        "#list .row[data-index='{}']",
        index.as_str().unwrap()
    ))
    .await;
    app.wait_text("#detail-name", name).await;
}

/// The Write it card on `channel`.
async fn write_on(app: &App, channel: &str) {
    app.select("#compose-channel", channel).await;
    app.wait_until(
        &format!("the {channel} card"),
        &format!(
            "return document.querySelector('#compose-channel').value === {}",
            json!(channel)
        ),
    )
    .await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn no_view_or_dialog_shows_null_undefined_or_nan() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    // A reason that suits Paula, added the way a user adds one, so the card has a chip.
    open_dialog(&app, "#reasons-button", "reasons-dialog", "#reason-title").await;
    assert_clean(&app, "the reasons dialog, empty").await;
    app.fill("#reason-title", "Dental fee schedule changes 1 March")
        .await;
    app.fill("#reason-detail", "Cleanings move to the new schedule.")
        .await;
    app.fill("#reason-tags", "dental").await;
    app.click("#save-reason").await;
    app.wait_until(
        "the reason in the list",
        "return document.querySelectorAll('[data-reason]').length === 1",
    )
    .await;
    assert_clean(&app, "the reasons dialog").await;
    app.click("#new-reason").await;
    assert_clean(&app, "a new reason").await;
    escape(&app, "reasons-dialog").await;

    // Every queue, and a prospect opened from each; Notes to write while it is empty.
    for view in ["today", "upcoming", "one_hit", "stalled"] {
        walk_view(&app, view, "#queue .due-item").await;
    }
    walk_view(&app, "notes", "#notes .due-item").await;
    walk_view(&app, "all", "#list .row:not(.placeholder)").await;

    // Paula, with every field filled in: the Write it card on every channel it offers.
    open_prospect(&app, "Paula Full").await;
    let channels: Vec<String> = serde_json::from_value(
        app.js(
            "return [...document.querySelectorAll('#compose-channel option')].map(o => o.value)",
        )
        .await,
    )
    .unwrap();
    for expected in [
        "call",
        "voicemail",
        "email",
        "text",
        "handwritten_note",
        "linkedin",
    ] {
        assert!(
            channels.iter().any(|c| c == expected),
            "the channel menu offers {expected}: {channels:?}"
        );
    }
    for channel in &channels {
        write_on(&app, channel).await;
        assert_clean(&app, &format!("Write it on {channel}")).await;
        if channel == "call" || channel == "email" || channel == "handwritten_note" {
            app.js("document.querySelector('#compose').scrollIntoView({block: 'start'})")
                .await;
            app.screenshot(&format!("40-write-it-{channel}")).await;
        }
    }
    // The envelope is the core's own address lines (Address::lines), under the name.
    write_on(&app, "handwritten_note").await;
    let envelope = app
        .js("return [...document.querySelectorAll('#note-address div:not(.hint)')].map(d => d.textContent)")
        .await;
    assert_eq!(
        envelope,
        json!([
            "Paula Full",
            "Harbor Dental",
            "18 Harbor Way",
            "Suite 2",
            "Portland, OR 97201",
            "USA"
        ])
    );
    // With the reason picked, and the note queued: Notes to write has it.
    app.click(".reason-chip").await;
    assert_clean(&app, "a note with a reason").await;
    app.click("#note-queue").await;
    app.wait_until(
        "the note queued",
        "return !!document.querySelector('#note-discard')",
    )
    .await;
    assert_clean(&app, "a queued note").await;

    // Olga has no address and no email: the gaps are said in words.
    open_prospect(&app, "Olga Overdue").await;
    for channel in ["email", "handwritten_note", "text"] {
        write_on(&app, channel).await;
        assert_clean(&app, &format!("Write it on {channel}, little on file")).await;
    }

    walk_view(&app, "notes", "#notes .due-item").await;

    // The prospect form, new and editing.
    app.click("#new-prospect").await;
    app.find("#prospect-form").await;
    assert_clean(&app, "the new prospect form").await;
    app.keys(&key(Key::Escape)).await;
    open_prospect(&app, "Paula Full").await;
    app.click("#edit-prospect").await;
    app.find("#prospect-form").await;
    assert_clean(&app, "the edit form").await;
    app.click("#cancel-prospect").await;
    app.wait_text("#detail-name", "Paula Full").await;

    // The dialogs.
    open_dialog(&app, "#templates-button", "templates", "#template-name").await;
    assert_clean(&app, "the templates dialog").await;
    app.click("#new-template").await;
    assert_clean(&app, "a new template").await;
    escape(&app, "templates").await;

    open_dialog(&app, "#plans-button", "plans", ".plan-name").await;
    assert_clean(&app, "the plans dialog").await;
    app.click("#clone-plan").await;
    app.find("#plan-name").await;
    assert_clean(&app, "a plan being edited").await;
    escape(&app, "plans").await;

    open_dialog(&app, "#settings-button", "settings", "#s-save").await;
    assert_clean(&app, "the settings dialog").await;
    escape(&app, "settings").await;

    open_dialog(&app, "#trash-button", "trash", "#trash-list li").await;
    assert_clean(&app, "Recently deleted").await;
    escape(&app, "trash").await;

    open_dialog(&app, "#help-button", "help", "#shortcut-list dt").await;
    assert_clean(&app, "the help overlay").await;
    escape(&app, "help").await;
    app.quit().await;
}
