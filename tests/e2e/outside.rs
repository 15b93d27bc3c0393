//! Writes from outside the window — the command line, beside the running app — show in
//! it without anyone pressing anything.

use crate::calendar::{poll_until, prospect_event};
use crate::harness::{add_jenny, launch, Driver, APP};
use followthrough_core::model::CalendarPrefs;
use followthrough_core::store::calendar::live_calendar_path;
use followthrough_core::{store::DB_FILE, Store};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/import")
        .join(name)
}

/// Runs the app's command line on `dir` beside the open window; it must succeed.
fn command_line(dir: &Path, args: &[&str]) {
    let out = Command::new(APP)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn an_import_from_the_command_line_shows_in_the_open_window() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.click("[data-view=all]").await;
    app.wait_until(
        "the empty list",
        "return document.querySelectorAll('#list .row:not(.placeholder)').length === 0",
    )
    .await;

    let csv = fixture("google.csv");
    command_line(data.path(), &["import", csv.to_str().unwrap()]);
    let written = Instant::now();
    // Nothing is clicked: the window has to notice by itself.
    app.wait_until(
        "the three imported from the command line",
        "return document.querySelectorAll('#list .row:not(.placeholder)').length === 3",
    )
    .await;
    // The figure the issue sets (within a second) is for BENCHMARKS.md; here it only has
    // to arrive, which it never would without the watch (nothing else refreshes it).
    eprintln!("outside write shown after {:?}", written.elapsed());
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_touch_logged_from_the_command_line_shows_in_the_open_window_and_calendar() {
    let data = tempfile::tempdir().unwrap();
    let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
    store
        .save_calendar_prefs(&CalendarPrefs {
            live: true,
            ..CalendarPrefs::default()
        })
        .unwrap();
    drop(store);
    add_jenny(data.path());
    let live = live_calendar_path(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.click("[data-view=all]").await;
    app.click("#list .row").await;
    poll_until(&app, "the live calendar", || {
        prospect_event(&live).is_some()
    })
    .await;
    let (uid, before) = prospect_event(&live).unwrap();
    app.wait_text("#detail-name", "Jenny Lee").await;
    assert!(
        app.js("return document.querySelector('#timeline .touch') === null")
            .await
            == true
    );

    command_line(
        data.path(),
        &[
            "log",
            "jenny lee",
            "call",
            "no_response",
            "--note",
            "Left no message",
        ],
    );
    let written = Instant::now();
    // The open prospect's timeline shows it, nothing clicked.
    app.wait_text("#timeline .touch-channel", "Call").await;
    eprintln!("outside touch shown after {:?}", written.elapsed());
    // The live calendar follows too: the same event, moved.
    poll_until(&app, "the live calendar to move Jenny's event", || {
        prospect_event(&live).is_some_and(|(u, event)| u == uid && event != before)
    })
    .await;
    eprintln!("live calendar moved after {:?}", written.elapsed());
    app.quit().await;
}

/// A write from outside while the user is typing a touch's note: the prospect is drawn
/// again with it (the timeline shows the new touch), and the note, the choices made in
/// the form and the focus stay, so typing on is not taken for shortcuts.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn an_outside_write_keeps_what_is_being_typed() {
    let data = tempfile::tempdir().unwrap();
    add_jenny(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.click("[data-view=all]").await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    app.select("#touch-channel", "email").await;
    app.click("#touch-note").await;
    app.keys("She asked about the spring").await;

    command_line(
        data.path(),
        &[
            "log",
            "jenny lee",
            "call",
            "no_response",
            "--note",
            "From the car",
        ],
    );
    app.wait_text("#timeline .touch-channel", "Call").await;
    app.keys(" offer").await;
    assert_eq!(
        app.js(
            "return [document.activeElement.id, document.activeElement.value, \
             document.getElementById('touch-channel').value]"
        )
        .await,
        serde_json::json!(["touch-note", "She asked about the spring offer", "email"])
    );
    assert_eq!(app.text("#detail-name").await, "Jenny Lee");
    app.quit().await;
}
