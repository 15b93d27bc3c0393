//! Insights in the real window: the reports drawn from a book with a known history,
//! a number clicked to list its people (and one of them opened), the tag filter, the
//! weekly review's one thing to do next, a report saved as CSV and PNG, each read back
//! by Python's own csv module and Pillow, and copied and pasted as a table. Screenshots
//! light and dark.

use crate::harness::{launch, App, Driver};
use chrono::Duration;
use fantoccini::key::Key;
use followthrough_core::model::{Channel, Outcome, ProspectInput, Source, TouchInput};
use followthrough_core::{clock, store::DB_FILE, Store};
use serde_json::json;
use std::path::Path;

/// Ada Park: three silent emails, then a call that sets a meeting (four touchpoints).
/// Bo Lind: one silent email ten days ago (a one-hit wonder). Cy Bell: a web lead that
/// arrived two days ago and hasn't been touched.
fn seed(dir: &Path) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let now = clock::now();
    let mut add = |name: &str, company: &str, source: Source, tags: &[&str], days: i64| {
        store
            .create_prospect(
                ProspectInput {
                    name: name.into(),
                    company: company.into(),
                    source,
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                    ..Default::default()
                },
                now - Duration::days(days),
            )
            .unwrap()
            .id
    };
    let ada = add("Ada Park", "Acme Dental", Source::Referral, &["north"], 30);
    let bo = add("Bo Lind", "Lind & Sons", Source::Cold, &["south"], 30);
    add("Cy Bell", "Bell Labs", Source::InboundWeb, &["south"], 2);
    let touches = [
        (ada, 20, Channel::Email, Outcome::NoResponse),
        (ada, 15, Channel::Email, Outcome::NoResponse),
        (ada, 10, Channel::Email, Outcome::NoResponse),
        (ada, 5, Channel::Call, Outcome::MeetingSet),
        (bo, 10, Channel::Email, Outcome::NoResponse),
    ];
    for (id, days, channel, outcome) in touches {
        let at = now - Duration::days(days);
        let touch = TouchInput {
            at: Some(at),
            confirm_stop: true,
            ..TouchInput::new(id, channel, outcome)
        };
        store.log_touch(touch, at).unwrap();
    }
}

/// Opens Insights with the I key and waits for the reports.
async fn open_insights(app: &App) {
    app.keys("i").await;
    wait_drawn(app).await;
}

async fn wait_drawn(app: &App) {
    app.wait_until(
        "the reports",
        "const b = document.getElementById('insights-body'); \
         return !!b && !!b.dataset.ready && !document.getElementById('insights').hidden",
    )
    .await;
}

/// Waits until the shown reports were drawn after `before` (the body's draw number).
async fn wait_redrawn(app: &App, before: &str) {
    app.wait_until(
        "the reports drawn again",
        &format!("return document.getElementById('insights-body').dataset.ready !== {before:?}"),
    )
    .await;
}

async fn ready(app: &App) -> String {
    app.js("return document.getElementById('insights-body').dataset.ready")
        .await
        .as_str()
        .unwrap()
        .to_string()
}

/// The names the people dialog lists.
async fn people(app: &App) -> Vec<String> {
    app.wait_until(
        "the people dialog",
        "const d = document.getElementById('report-people'); return !!d && !d.hidden && !!document.getElementById('people-list')",
    )
    .await;
    app.texts("#people-list .person-name").await
}

/// Scrolls the reports to their end (the lower cards).
async fn scroll_down(app: &App) {
    app.js(
        "const i = document.getElementById('insights'); i.scrollTop = i.scrollHeight; return true;",
    )
    .await;
}

async fn start(env: &[(&str, &Path)]) -> (tempfile::TempDir, Driver, App) {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start_with_env(env);
    let app = launch(Some(data.path())).await;
    (data, driver, app)
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver (scripts/test runs it)"]
async fn insights_count_a_known_history_and_name_the_people_behind_each_number() {
    let (_data, _driver, app) = start(&[]).await;
    open_insights(&app).await;
    assert_eq!(
        app.texts(".report-title").await,
        [
            "How many touches does it take to get a meeting?",
            "Do I give up too soon?",
            "How fast do I answer web leads?",
            "Do I keep my follow-up blocks?",
            "Which channels and hours get answers?",
            "Is my pipeline moving?",
        ]
    );
    // Every report drew a chart.
    let charts = app
        .js("return [...document.querySelectorAll('.report-card')].every(c => c.querySelector('svg.chart'))")
        .await;
    assert_eq!(charts, json!(true));
    let headline = app.text("#report-to_result .report-headline").await;
    assert!(headline.contains("median 4 touches"), "{headline}");
    // Ada and Bo were tried; Bo, once, ten days ago: half are one-hit wonders.
    let headline = app.text("#report-persistence .report-headline").await;
    assert!(
        headline.contains("One-hit wonders: 50% (1 of 2)"),
        "{headline}"
    );
    app.click("#report-persistence [data-cell='one_hit']").await;
    assert_eq!(people(&app).await, ["Bo Lind"]);
    app.keys("\u{e00c}").await; // Escape

    // The table view of the first report: its numbers, each clickable where it names people.
    app.click("#report-to_result .report-actions button").await;
    app.wait_until(
        "the table view",
        "return !!document.querySelector('#report-to_result table.report-table')",
    )
    .await;
    app.click("#report-to_result [data-cell='meeting:4']").await;
    assert_eq!(people(&app).await, ["Ada Park"]);
    app.screenshot("insights-people").await;
    // Opening one shows them in the prospect pane, Insights put away.
    app.click("#people-list .person").await;
    app.wait_text("#detail-name", "Ada Park").await;
    assert_eq!(
        app.js("return document.getElementById('insights').hidden")
            .await,
        json!(true)
    );

    // The tag filter narrows every report: "south" holds Bo and Cy, not Ada.
    open_insights(&app).await;
    let before = ready(&app).await;
    app.js("const t = document.getElementById('insights-tag'); t.value = 'south'; t.dispatchEvent(new Event('change')); return true;")
        .await;
    wait_redrawn(&app, &before).await;
    let headline = app.text("#report-to_result .report-headline").await;
    assert!(headline.starts_with("First meetings: 0"), "{headline}");
    let headline = app.text("#report-speed .report-headline").await;
    assert!(headline.contains("still waiting: 1"), "{headline}");

    // The weekly review names the waiting lead first.
    let before = ready(&app).await;
    app.click("#insights-tab-review").await;
    wait_redrawn(&app, &before).await;
    let next = app.text("#review-next .review-next-text").await;
    assert!(
        next.starts_with("1 inbound lead is waiting for a first touch"),
        "{next}"
    );
    app.click("#review-show").await;
    assert_eq!(people(&app).await, ["Cy Bell"]);
    app.keys("\u{e00c}").await;
    app.screenshot("insights-review").await;
    // T goes back to Today.
    app.keys("t").await;
    app.wait_until(
        "Insights put away",
        "return document.getElementById('insights').hidden",
    )
    .await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver (scripts/test runs it)"]
async fn a_report_saves_as_csv_and_png_that_other_programs_read_and_copies_as_a_table() {
    let (data, _driver, app) = start(&[]).await;
    open_insights(&app).await;
    app.screenshot("insights").await;
    scroll_down(&app).await;
    app.screenshot("insights-lower").await;
    let csv = data.path().join("touches-to-a-result.csv");
    let png = data.path().join("touches-to-a-result.png");
    for (kind, path) in [("csv", &csv), ("png", &png)] {
        app.js(&format!(
            "import('./js/views/insights.js').then(m => m.saveReport('to_result', {}, {})); return true;",
            json!(kind),
            json!(path.display().to_string())
        ))
        .await;
        app.wait_until(
            "the saved toast",
            &format!(
                "return [...document.querySelectorAll('#toasts .toast')].some(t => t.textContent.includes('as {}'))",
                kind.to_uppercase()
            ),
        )
        .await;
    }
    // Copy puts the same numbers on the system clipboard as rows and columns: pasted
    // (Ctrl+V, from the clipboard the window handed them to) into a text box.
    app.click("#report-to_result .report-actions button[title^='Copy']")
        .await;
    app.wait_until(
        "the copied toast",
        "return [...document.querySelectorAll('#toasts .toast')].some(t => t.textContent.includes('Copied the table'))",
    )
    .await;
    app.js("const t = document.createElement('textarea'); t.id = 'paste-here'; document.body.append(t); t.focus(); return true;")
        .await;
    app.chord(Key::Control, 'v').await;
    app.wait_until(
        "the pasted table",
        "return document.getElementById('paste-here').value.length > 0",
    )
    .await;
    let pasted = app
        .js("return document.getElementById('paste-here').value")
        .await;
    let lines: Vec<&str> = pasted.as_str().unwrap().lines().collect();
    assert_eq!(lines[0], "Touches\tFirst meetings\tWon");
    assert_eq!(lines[4], "4\t1\t0");
    assert_eq!(lines.len(), 16);
    app.quit().await;
    let Ok(python) = std::env::var("FOLLOWTHROUGH_TEST_PYTHON") else {
        panic!("FOLLOWTHROUGH_TEST_PYTHON is not set (scripts/test sets it)");
    };
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             from PIL import Image\n\
             rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
             img = Image.open(sys.argv[2]); img.load()\n\
             colours = len(set(img.convert('RGB').getdata()))\n\
             print(json.dumps({'rows': rows, 'size': img.size, 'format': img.format, 'colours': colours}))",
        )
        .arg(&csv)
        .arg(&png)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read["rows"][0], json!(["Touches", "First meetings", "Won"]));
    assert_eq!(read["rows"][4], json!(["4", "1", "0"]));
    assert_eq!(read["rows"].as_array().unwrap().len(), 16);
    assert_eq!(read["format"], json!("PNG"));
    assert_eq!(read["size"], json!([1280, 480]));
    assert!(
        read["colours"].as_u64().unwrap() > 3,
        "a drawn chart, not a blank image"
    );
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver (scripts/test runs it)"]
async fn insights_in_the_dark_theme() {
    let (_data, _driver, app) = start(&[("GTK_THEME", Path::new("Adwaita:dark"))]).await;
    assert_eq!(
        app.js("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        json!(true)
    );
    open_insights(&app).await;
    app.screenshot("insights-dark").await;
    scroll_down(&app).await;
    app.screenshot("insights-lower-dark").await;
    app.click("#insights-tab-review").await;
    app.wait_until(
        "the review",
        "return !!document.getElementById('review-next')",
    )
    .await;
    app.screenshot("insights-review-dark").await;
    app.quit().await;
}
