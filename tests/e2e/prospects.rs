use crate::harness::{launch, Driver};
use fantoccini::Locator;

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn create_search_log_and_find_it_all_after_relaunch() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    // A new user sees an empty state that says what to do first.
    app.wait_text("#list-empty h2", "No prospects yet").await;
    app.screenshot("01-empty").await;

    // Create a prospect through the form.
    app.click("#new-prospect").await;
    app.fill("#f-name", "Jenny Lee").await;
    app.fill("#f-company", "Northwind Dental").await;
    app.fill("#f-title", "Office manager").await;
    app.fill("#f-emails", "jenny@northwind.example.com").await;
    app.fill("#f-tags", "dental, chicago").await;
    app.screenshot("02-form").await;
    app.click("#save-prospect").await;
    app.wait_text("#detail-name", "Jenny Lee").await;

    // A second one, so search has something to leave out.
    app.click("#new-prospect").await;
    app.fill("#f-name", "Marcus Okafor").await;
    app.fill("#f-company", "Acme Logistics").await;
    app.click("#save-prospect").await;
    app.wait_text("#detail-name", "Marcus Okafor").await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;

    // Find her by typing part of the company name.
    app.fill("#search", "northw").await;
    app.wait_list(&["Jenny Lee"]).await;
    app.wait_text("#list-count", "1 match of 2").await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;

    // Log a voicemail: it appears on the timeline and in the counts.
    app.select("#touch-channel", "voicemail").await;
    app.fill(
        "#touch-note",
        "Left a message about the spring cleaning offer",
    )
    .await;
    app.click("#touch-submit").await;
    app.wait_text("#stat-touchpoints", "1").await;
    app.wait_text("#timeline .touch-channel", "Voicemail").await;
    app.wait_text("#stat-attempts", "1").await;

    // A call with no message is an attempt, not a touchpoint.
    app.select("#touch-channel", "call_no_message").await;
    app.click("#touch-submit").await;
    app.wait_text("#stat-attempts", "2").await;
    assert_eq!(app.text("#stat-touchpoints").await, "1");
    assert_eq!(app.texts("#timeline .touch").await.len(), 2);

    // Her email back is on the timeline as hers: not one of ours, not a touchpoint.
    app.select("#touch-channel", "email").await;
    app.click("#touch-inbound").await;
    assert!(app.text("#touch-hint").await.contains("not a touchpoint"));
    app.click("#touch-submit").await;
    app.wait_until(
        "her email on the timeline",
        "return document.querySelectorAll('#timeline .touch').length === 3",
    )
    .await;
    assert!(app.text("#timeline .touch").await.contains("from them"));
    assert_eq!(app.text("#stat-touchpoints").await, "1");
    assert_eq!(app.text("#stat-attempts").await, "2");
    app.screenshot("03-detail").await;

    // Bad input: the core refuses, the form says why, nothing is lost.
    app.click("#edit-prospect").await;
    app.fill("#f-emails", "jenny at northwind").await;
    app.click("#save-prospect").await;
    app.wait_until(
        "the email error",
        "return document.querySelector('#f-emails').getAttribute('aria-invalid') === 'true'",
    )
    .await;
    assert_eq!(
        app.find("#f-name")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Jenny Lee"),
        "the rest of the form is kept"
    );
    app.click("#cancel-prospect").await;
    app.wait_text("#detail-name", "Jenny Lee").await;

    // Quit, relaunch on the same data folder: everything is still there.
    app.quit().await;
    let app = launch(Some(data.path())).await;
    // With prospects on file the app opens on Today; the whole list is one click away.
    app.wait_until("the Today view", "const b = document.querySelector('[data-view=today]'); return !!b && b.getAttribute('aria-pressed') === 'true'").await;
    app.click("[data-view=all]").await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;
    app.fill("#search", "north").await;
    app.wait_list(&["Jenny Lee"]).await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    app.wait_text("#stat-touchpoints", "1").await;
    assert_eq!(app.text("#stat-attempts").await, "2");
    let channels = app.texts("#timeline .touch-channel").await;
    assert_eq!(
        channels,
        vec!["Email", "Call, no message left", "Voicemail"]
    );
    assert!(app
        .text("#timeline")
        .await
        .contains("spring cleaning offer"));
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn markup_in_a_name_is_shown_as_text_and_runs_nothing() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    // If the name were ever parsed as HTML, the handler would record that it ran.
    app.js("window.__xss = 0; window.alert = () => { window.__xss += 1; }; return true;")
        .await;
    let name = "<img src=x onerror=alert(1)>";
    app.click("#new-prospect").await;
    app.fill("#f-name", name).await;
    app.fill("#f-company", "<b>Bold Co</b>").await;
    app.click("#save-prospect").await;
    app.wait_text("#detail-name", name).await;
    app.wait_list(&[name]).await;
    assert_eq!(app.text("#list .row-name").await, name);
    assert_eq!(app.text(".detail-sub").await, "<b>Bold Co</b>");
    assert_eq!(
        app.js("return document.querySelectorAll('img[src=\"x\"], b').length")
            .await,
        0
    );
    // Give any error handler time to fire, then check nothing ran.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.js("return window.__xss").await, 0);
    assert!(app
        .c
        .find_all(Locator::Css("#detail img[src='x']"))
        .await
        .unwrap()
        .is_empty());
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_second_launch_focuses_the_running_app_and_exits() {
    // Single-instance applies to the default data folder; point it at a private one.
    let home = tempfile::tempdir().unwrap();
    let _driver = Driver::start_with_env(&[("XDG_DATA_HOME", home.path())]);
    let app = launch(None).await;
    let info = app
        .js("return window.__TAURI__.core.invoke('app_info').then(i => i.data_dir)")
        .await;
    assert!(
        info.as_str()
            .unwrap()
            .starts_with(home.path().to_str().unwrap()),
        "app runs on the default folder under XDG_DATA_HOME: {info}"
    );
    let mut second = std::process::Command::new(crate::harness::APP)
        .env("XDG_DATA_HOME", home.path())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(15) {
            let _ = second.kill();
            panic!("the second launch kept running instead of handing over");
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(status.success(), "second instance exit status: {status}");
    // The first app is still alive and responsive.
    app.wait_until(
        "the first app still answers",
        "return !document.getElementById('app').hidden",
    )
    .await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_database_from_a_newer_version_is_refused_with_a_message() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(followthrough_core::store::DB_FILE);
    {
        let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let _driver = Driver::start();
    // The app still opens, and says why it can't show anything.
    let app = crate::harness::session(Some(data.path())).await;
    app.wait_until(
        "the message",
        "return !document.getElementById('fatal').hidden",
    )
    .await;
    assert!(app
        .text("#fatal-message")
        .await
        .contains("newer version of Follow Through"));
    app.screenshot("08-newer-database").await;
    app.quit().await;
    let conn = followthrough_core::rusqlite::Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 999, "the file is left as it was");
}

/// A list longer than the pages the window keeps: scrolled to the end and back, every
/// row in view is drawn with the right person, the pages left behind fetched again.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_long_list_scrolls_to_the_end_and_back() {
    use followthrough_core::model::ProspectInput;
    use followthrough_core::{clock, store::DB_FILE, Store};
    const PEOPLE: u32 = 2_000; // 20 pages of 100, more than the 12 the list keeps
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        for i in 1..=PEOPLE {
            let input = ProspectInput {
                name: format!("Person {i:04}"),
                ..Default::default()
            };
            store.create_prospect(input, clock::now()).unwrap();
        }
    }
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.click("[data-view=all]").await;
    app.wait_until(
        "the list's first rows",
        "return !document.getElementById('list').hidden && !!document.querySelector('#list .row:not(.placeholder)')",
    )
    .await;
    // Down a screen at a time to the end, then straight back to the top.
    let step = "const l = document.getElementById('list'); l.scrollTop += l.clientHeight; \
                return l.scrollTop + l.clientHeight >= l.scrollHeight - 1";
    while app.js(step).await != serde_json::Value::Bool(true) {}
    // The scroll events are handled after the script returns: wait for their rows.
    let shown = |name: &str| {
        format!(
            "return [...document.querySelectorAll('#list .row:not(.placeholder) .row-name')]\
             .some(n => n.textContent === '{name}')"
        )
    };
    app.wait_until("the last row drawn", &shown("Person 2000"))
        .await;
    app.js("document.getElementById('list').scrollTop = 0")
        .await;
    app.wait_until("the first row drawn again", &shown("Person 0001"))
        .await;
    let names = app.list_names().await;
    assert_eq!(
        names.first().map(String::as_str),
        Some("Person 0001"),
        "{names:?}"
    );
    assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    app.quit().await;
}
