//! The calendar in the window: Settings → Calendar turns the live file on, and a touch
//! logged in the window moves the prospect's event in that file, under the same UID,
//! without anything else being pressed. The file is read back by Python's `icalendar`
//! (an independent reader) when the test script provides it.

use crate::harness::{add_jenny, launch, App, Driver};
use followthrough_core::store::calendar::live_calendar_path;
use std::collections::BTreeMap;
use std::path::Path;

/// The live file's events as UID → "DTSTART SUMMARY", read by `icalendar` when the test Python is
/// there, else from the unfolded lines.
fn events(file: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return BTreeMap::new();
    };
    if let Ok(python) = std::env::var("FOLLOWTHROUGH_TEST_PYTHON") {
        let out = std::process::Command::new(python)
            .arg("-c")
            .arg(
                "import icalendar, json, sys\n\
                 cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
                 print(json.dumps({str(e['UID']): e.decoded('DTSTART').isoformat() + ' ' + str(e['SUMMARY']) for e in cal.walk('VEVENT')}))",
            )
            .arg(file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return serde_json::from_slice(&out.stdout).unwrap();
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut found = BTreeMap::new();
    for event in unfolded.split("BEGIN:VEVENT").skip(1) {
        let value = |name: &str| {
            event.lines().find_map(|l| l.strip_prefix(name)).map(|v| {
                v.trim_start_matches(|c| c != ':')
                    .trim_start_matches(':')
                    .to_string()
            })
        };
        if let (Some(uid), Some(start), Some(summary)) =
            (value("UID"), value("DTSTART"), value("SUMMARY"))
        {
            found.insert(uid, format!("{start} {summary}"));
        }
    }
    found
}

pub fn prospect_event(file: &Path) -> Option<(String, String)> {
    events(file)
        .into_iter()
        .find(|(uid, _)| uid.starts_with("prospect-"))
}

/// Opens Settings on its Calendar tab and waits for it to show the live file's path.
async fn open_calendar_settings(app: &App) {
    app.click("#settings-button").await;
    app.click("#tab-calendar").await;
    app.wait_until(
        "the calendar's settings",
        "return document.getElementById('cal-path').textContent.endsWith('followthrough.ics')",
    )
    .await;
}

pub async fn poll_until(app: &App, what: &str, mut ok: impl FnMut() -> bool) {
    let started = std::time::Instant::now();
    while !ok() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            app.screenshot("failure").await;
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn the_live_calendar_follows_a_touch_logged_in_the_window() {
    let data = tempfile::tempdir().unwrap();
    // Created a moment before the touch is logged: the touch still counts (the form's
    // time, shown without seconds, means "now").
    add_jenny(data.path());
    let live = live_calendar_path(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    open_calendar_settings(&app).await;
    assert!(
        app.js("return document.getElementById('cal-live').checked")
            .await
            == false
    );
    app.click("#cal-live").await;
    app.click("#cal-private").await;
    app.click("#cal-full").await;
    app.screenshot("calendar-settings").await;
    app.click("#cal-save").await;
    app.wait_until(
        "the save",
        "return document.getElementById('cal-status').textContent.startsWith('Saved.')",
    )
    .await;
    let (uid, before) = prospect_event(&live).expect("the live file has Jenny's follow-up");
    app.keys("\u{E00C}").await; // Esc closes Settings.

    // A voicemail logged in the window: her next follow-up moves, and so does the event.
    app.click("[data-view=all]").await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    app.keys("l").await;
    app.wait_until(
        "the channel menu",
        "return document.activeElement.id === 'touch-channel'",
    )
    .await;
    app.keys("1").await;
    let logged = std::time::Instant::now();
    app.wait_text("#timeline .touch-channel", "Call").await;
    // Polled on the raw file (a Python start per look would slow the look down), then
    // read back by the independent parser.
    let before_text = std::fs::read(&live).unwrap();
    poll_until(&app, "the live file to be rewritten", || {
        std::fs::read(&live).is_ok_and(|now| now != before_text)
    })
    .await;
    let rewritten = logged.elapsed();
    let (after_uid, after) = prospect_event(&live).unwrap();
    assert_eq!(
        after_uid, uid,
        "the same event, changed: {before} → {after}"
    );
    assert_ne!(after, before, "the event moved");
    eprintln!("{before} → {after}, rewritten {rewritten:?} after the key");

    // Turned off: the file goes (a stale calendar is worse than none).
    app.click("#settings-button").await;
    app.click("#tab-calendar").await;
    app.wait_until(
        "the calendar's settings",
        "return document.getElementById('cal-live').checked",
    )
    .await;
    app.click("#cal-live").await;
    app.click("#cal-save").await;
    poll_until(&app, "the live file to go", || !live.exists()).await;
    app.quit().await;
}

/// A live file that can't be written (here a folder sits where it goes) is said at the
/// save, not reported as up to date; the choice itself is kept.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_live_calendar_that_cannot_be_written_says_so() {
    let data = tempfile::tempdir().unwrap();
    add_jenny(data.path());
    std::fs::create_dir(live_calendar_path(data.path())).unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    open_calendar_settings(&app).await;
    app.click("#cal-live").await;
    app.click("#cal-save").await;
    app.wait_until(
        "the failure",
        "return document.getElementById('cal-status').textContent.startsWith('Saved, but the live calendar file could not be written')",
    )
    .await;
    app.quit().await;
    let store =
        followthrough_core::Store::open(&data.path().join(followthrough_core::store::DB_FILE))
            .unwrap();
    assert!(store.calendar_prefs().unwrap().live, "the choice was saved");
}
