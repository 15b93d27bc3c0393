use crate::harness::{launch, App, Driver};
use chrono::Duration;
use fantoccini::key::Key;
use followthrough_core::model::{Channel, Outcome, ProspectInput, Source, TouchInput};
use followthrough_core::{clock, store::DB_FILE, Store};

/// Three prospects already overdue whatever the time of day the test runs: an inbound
/// lead that came in two days ago and two prospects whose weekly touch has passed.
fn seed(dir: &std::path::Path) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let now = clock::now();
    let mut add = |name: &str, company: &str, source: Source, last_touch_days_ago: Option<i64>| {
        let id = store
            .create_prospect(
                ProspectInput {
                    name: name.into(),
                    company: company.into(),
                    source,
                    ..Default::default()
                },
                now - Duration::days(40),
            )
            .unwrap()
            .id;
        if let Some(days) = last_touch_days_ago {
            let touch = TouchInput {
                at: Some(now - Duration::days(days)),
                ..TouchInput::new(id, Channel::Email, Outcome::NoResponse)
            };
            store.log_touch(touch, now).unwrap();
        }
    };
    add(
        "Web Lead Wendy",
        "Bluebird Bakery",
        Source::InboundWeb,
        None,
    );
    add(
        "Olga Overdue",
        "Northwind Dental",
        Source::Referral,
        Some(30),
    );
    add("Tom Tardy", "Summit Roofing", Source::Referral, Some(20));
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn queue_names(app: &App) -> Vec<String> {
    serde_json::from_value(
        app.js("return [...document.querySelectorAll('#queue .due-name')].map(n => n.textContent)")
            .await,
    )
    .unwrap()
}

async fn wait_queue(app: &App, expected: &[&str]) {
    let script = format!(
        "return JSON.stringify([...document.querySelectorAll('#queue .due-name')].map(n => n.textContent)) === {}",
        serde_json::json!(serde_json::to_string(expected).unwrap())
    );
    let started = std::time::Instant::now();
    while app.js(&script).await != serde_json::Value::Bool(true) {
        assert!(
            started.elapsed().as_secs() < 10,
            "queue shows {:?}, expected {expected:?}",
            queue_names(app).await
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn work_the_today_queue_with_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    // Today opens first: the inbound lead on top, under its own heading, then the overdue.
    wait_queue(&app, &["Web Lead Wendy", "Olga Overdue", "Tom Tardy"]).await;
    let groups: Vec<String> = serde_json::from_value(
        app.js("return [...document.querySelectorAll('#queue .due-group span:first-child')].map(n => n.textContent)").await,
    )
    .unwrap();
    assert_eq!(groups, ["Inbound", "Overdue"]);
    assert!(app.text("#queue .due-why").await.contains("inbound lead"));
    app.wait_text("[data-view=today] .filter-count", "3").await;

    // j selects the lead and shows why it is due; L then 3 logs a call with "conversation".
    app.keys("j").await;
    app.wait_text("#detail-name", "Web Lead Wendy").await;
    app.screenshot("05-today").await;
    app.keys("l").await;
    app.wait_until(
        "the channel menu",
        "return document.activeElement.id === 'touch-channel'",
    )
    .await;
    assert_eq!(
        app.find("#touch-channel")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("call"),
        "the suggested channel is preselected"
    );
    app.keys("3").await;
    app.wait_text("#timeline .touch-channel", "Call").await;

    // They engaged: the next-step form is open and focused; type it and press Enter.
    app.wait_until(
        "the next-step form",
        "return document.activeElement.id === 'next-step-note'",
    )
    .await;
    app.keys("Demo with the owners").await;
    app.keys(&key(Key::Enter)).await;
    app.wait_until(
        "the agreed next step",
        "return document.querySelector('#next-up .pill').textContent === 'Agreed next step'",
    )
    .await;
    assert!(app.text("#next-up").await.contains("Demo with the owners"));
    wait_queue(&app, &["Olga Overdue", "Tom Tardy"]).await;

    // Esc back to the queue; j to the next; S then T snoozes it until tomorrow.
    app.keys(&key(Key::Escape)).await;
    app.keys("j").await;
    app.wait_text("#detail-name", "Olga Overdue").await;
    app.keys("s").await;
    app.keys("t").await;
    wait_queue(&app, &["Tom Tardy"]).await;
    assert!(app.text("#next-why").await.contains("snoozed until"));

    // The last one: L then 1 logs "no response" on the suggested channel, and the next
    // due date shows at once.
    app.click("#queue .due-item").await;
    app.wait_text("#detail-name", "Tom Tardy").await;
    let before = app.text("#next-due-at").await;
    app.keys("l").await;
    app.keys("1").await;
    app.wait_text("#stat-touchpoints", "2").await;
    app.wait_until(
        "a new due date",
        &format!(
            "return document.querySelector('#next-due-at').textContent !== {}",
            serde_json::json!(before)
        ),
    )
    .await;
    assert!(app.text("#next-why").await.starts_with("touch 3 of 12"));
    app.wait_text("#list-empty h2", "You're all caught up")
        .await;
    app.wait_text("[data-view=today] .filter-count", "0").await;
    app.screenshot("06-caught-up").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn settings_plans_and_skipping_from_the_window() {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    wait_queue(&app, &["Web Lead Wendy", "Olga Overdue", "Tom Tardy"]).await;

    // Settings: move the follow-up blocks; everyone is rescheduled into them.
    app.click("#settings-button").await;
    app.fill("#s-blocks", "10:15, 15:45").await;
    app.click("#s-save").await;
    app.wait_until(
        "the dialog to close",
        "return document.getElementById('settings').hidden",
    )
    .await;
    app.keys("j").await;
    app.keys("j").await;
    app.wait_text("#detail-name", "Olga Overdue").await;
    app.wait_until(
        "the new block time",
        "return /10:15|15:45/.test(document.querySelector('#next-due-at').textContent)",
    )
    .await;
    // A bad block time is refused with a message; nothing is saved.
    app.click("#settings-button").await;
    app.fill("#s-blocks", "lunchtime").await;
    app.click("#s-save").await;
    app.wait_until(
        "the error",
        "return document.querySelector('#s-error').textContent.includes('lunchtime')",
    )
    .await;
    app.keys(&key(Key::Escape)).await;

    // Plans: clone the built-in New prospect plan, make step 2 come after 2 days, save.
    app.click("#plans-button").await;
    app.click("#clone-plan").await;
    app.fill("#plan-name", "Fast follow").await;
    app.fill("input[aria-label='Step 2 days']", "2").await;
    app.click("#save-plan").await;
    app.wait_until("the saved plan", "return [...document.querySelectorAll('.plan-list .filter-label')].some(n => n.textContent === 'Fast follow')").await;
    app.screenshot("07-plans").await;
    app.keys(&key(Key::Escape)).await;

    // Put Olga on it: the menu keeps the choice and the preview follows the plan.
    let plan_id = app.js("return [...document.querySelectorAll('#plan-select option')].find(o => o.textContent === 'Plan: Fast follow').value").await;
    app.select("#plan-select", plan_id.as_str().unwrap()).await;
    app.wait_until(
        "the plan to stick",
        &format!("return document.querySelector('#plan-select').value === {plan_id}"),
    )
    .await;
    assert!(app.text("#next-up").await.contains("touch 2 of 12"));

    // Skip with a reason (Shift+S): it goes on the timeline and leaves Today. (Out of the
    // plan menu first: a key typed in a menu picks an option, as in any app.)
    app.js("document.activeElement?.blur(); return true").await;
    app.chord(Key::Shift, 'S').await;
    app.wait_until(
        "the skip form",
        "return document.activeElement.id === 'skip-reason'",
    )
    .await;
    app.keys("At a trade show today").await;
    app.keys(&key(Key::Enter)).await;
    app.wait_until(
        "the skip on the timeline",
        "return document.querySelector('#timeline').textContent.includes('At a trade show today')",
    )
    .await;
    wait_queue(&app, &["Web Lead Wendy", "Tom Tardy"]).await;
    app.quit().await;
}

/// A queue longer than its page says how many wait behind it instead of ending quietly.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_queue_longer_than_a_page_says_how_many_more() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        let then = clock::now() - Duration::days(40);
        for i in 0..105 {
            store
                .create_prospect(
                    ProspectInput {
                        name: format!("Overdue {i:03}"),
                        source: Source::Referral,
                        ..Default::default()
                    },
                    then,
                )
                .unwrap();
        }
    }
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    app.wait_text("#list-count", "Today · 105 follow-ups").await;
    app.wait_text(
        "#queue-more",
        "And 5 more: as you work through these, they move up.",
    )
    .await;
    assert_eq!(queue_names(&app).await.len(), 100);
    app.js("document.getElementById('queue-more').scrollIntoView(); return true")
        .await;
    app.screenshot("queue-more").await;
    app.quit().await;
}

/// A day picked in the snooze menu is that day in the user's week, not the computer's:
/// the user works on Kiritimati time (UTC+14) on a computer set to UTC, and the
/// follow-up comes at 09:30 on the picked day there (the computer's midnight of that
/// day would be 14:00 on Kiritimati, after the morning block). Wake now undoes it.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_snooze_to_a_picked_day_is_that_day_in_the_users_zone() {
    use followthrough_core::cadence::calendar::resolve;
    use followthrough_core::cadence::Settings;
    let data = tempfile::tempdir().unwrap();
    let settings = Settings::standard("Pacific/Kiritimati".parse().expect("a zone"));
    let zone = settings.week.zone;
    let now = clock::now();
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        store.save_settings(settings, now).unwrap();
        store
            .create_prospect(
                ProspectInput {
                    name: "Olga Overdue".into(),
                    source: Source::Referral,
                    ..Default::default()
                },
                now - Duration::days(40),
            )
            .unwrap();
    }
    // A weekday at least three days on, in her zone: the standard week's first block.
    let mut day = now.with_timezone(&zone).date_naive() + Duration::days(3);
    while chrono::Datelike::weekday(&day).number_from_monday() > 5 {
        day += Duration::days(1);
    }
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    wait_queue(&app, &["Olga Overdue"]).await;
    app.keys("j").await;
    app.wait_text("#detail-name", "Olga Overdue").await;
    // S opens the menu, D goes to its date; the date is set as the picker sets it.
    app.keys("s").await;
    app.keys("d").await;
    app.js(&format!(
        "const i = document.getElementById('snooze-date'); i.value = '{day}'; \
         i.dispatchEvent(new Event('change', {{ bubbles: true }})); return true"
    ))
    .await;
    wait_queue(&app, &[]).await;
    let store = Store::open(&data.path().join(DB_FILE)).unwrap();
    let due = store.next_due_after(now).unwrap().expect("due again");
    let morning = chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap();
    assert_eq!(due, resolve(zone, day, morning), "due on {day} in her zone");
    drop(store);

    // Her pane stays open: S again, and Wake now brings her back to Today.
    app.wait_text("#detail-name", "Olga Overdue").await;
    app.keys("s").await;
    app.click("#snooze-wake").await;
    wait_queue(&app, &["Olga Overdue"]).await;
    app.quit().await;
}
