//! Undo instead of loss in the real window: a deleted prospect comes back from the undo
//! toast, by its button and by Ctrl+Z, with its whole timeline; Recently deleted lists
//! what went and restores it. Screenshots of the toast and the list, light and dark.

use crate::harness::{launch, App, Driver};
use chrono::Duration;
use fantoccini::key::Key;
use followthrough_core::model::{Channel, Outcome, ProspectInput, TouchInput};
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::Path;

/// Jenny Lee with two touches on her timeline, and Marcus Okafor with none.
fn seed(dir: &Path) {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    let now = clock::now();
    let mut add = |name: &str, company: &str| {
        store
            .create_prospect(
                ProspectInput {
                    name: name.into(),
                    company: company.into(),
                    ..Default::default()
                },
                now - Duration::days(30),
            )
            .unwrap()
            .id
    };
    let jenny = add("Jenny Lee", "Northwind Dental");
    add("Marcus Okafor", "Acme Logistics");
    for (days, channel) in [(9, Channel::Voicemail), (2, Channel::Email)] {
        let touch = TouchInput {
            at: Some(now - Duration::days(days)),
            note: format!("{channel:?} about the spring offer"),
            ..TouchInput::new(jenny, channel, Outcome::NoResponse)
        };
        store.log_touch(touch, now).unwrap();
    }
}

/// The app on a seeded data folder (`env` reaches the app), showing all prospects with
/// Jenny Lee open.
async fn start_on_jenny(env: &[(&str, &Path)]) -> (tempfile::TempDir, Driver, App) {
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let driver = Driver::start_with_env(env);
    let app = launch(Some(data.path())).await;
    app.click("[data-view='all']").await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;
    open_jenny(&app).await;
    (data, driver, app)
}

async fn open_jenny(app: &App) {
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    wait_touches(app, 2).await;
}

async fn wait_touches(app: &App, n: usize) {
    wait_count(app, "#timeline .touch", n).await;
}

async fn wait_count(app: &App, css: &str, n: usize) {
    app.wait_until(
        &format!("{n} of {css}"),
        &format!(
            "return document.querySelectorAll({}).length === {n}",
            serde_json::json!(css)
        ),
    )
    .await;
}

/// Delete asks for a second click (no modal), then the undo toast appears.
async fn delete_open_prospect(app: &App) {
    app.click("#delete-prospect").await;
    app.click("#delete-prospect").await;
    app.wait_until(
        "the undo toast",
        "return !!document.querySelector('.toast-undo #undo-button')",
    )
    .await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_deleted_prospect_comes_back_from_the_toast_and_from_recently_deleted() {
    let (_data, _driver, app) = start_on_jenny(&[]).await;

    // Delete, then Undo on the toast: she is back with her timeline.
    delete_open_prospect(&app).await;
    app.wait_list(&["Marcus Okafor"]).await;
    assert!(app
        .text(".toast-undo")
        .await
        .starts_with("Deleted Jenny Lee and their timeline"));
    app.screenshot("undo-toast").await;
    app.click("#undo-button").await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    wait_touches(&app, 2).await;
    assert_eq!(app.text("#stat-touchpoints").await, "2");

    // Again, and this time Ctrl+Z (the focus is on no text field).
    delete_open_prospect(&app).await;
    app.wait_list(&["Marcus Okafor"]).await;
    app.js("document.activeElement.blur()").await;
    app.chord(Key::Control, 'z').await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    wait_touches(&app, 2).await;
    let notes: Vec<String> = app.texts("#timeline .touch-note").await;
    assert_eq!(
        notes,
        [
            "Email about the spring offer",
            "Voicemail about the spring offer"
        ]
    );

    // Remove a touch, delete Marcus: Recently deleted (D) lists both, newest first.
    app.click("#timeline .touch-remove").await;
    wait_touches(&app, 1).await;
    app.click("#list .row[data-index='1']").await;
    app.wait_text("#detail-name", "Marcus Okafor").await;
    delete_open_prospect(&app).await;
    app.wait_list(&["Jenny Lee"]).await;
    app.js("document.activeElement.blur()").await;
    app.keys("d").await;
    wait_count(&app, "#trash-list .trash-item", 2).await;
    assert_eq!(
        app.texts("#trash-list .trash-label").await,
        ["Marcus Okafor", "Email · Jenny Lee"]
    );
    app.screenshot("recently-deleted").await;

    // Restore Marcus from the list: he is back, and the list keeps the touch.
    app.click("#trash-list .trash-item[data-kind='prospect'] button")
        .await;
    app.wait_list(&["Jenny Lee", "Marcus Okafor"]).await;
    wait_count(&app, "#trash-list .trash-item", 1).await;
    // And the touch: back on Jenny's timeline.
    app.click("#trash-list .trash-item[data-kind='touch'] button")
        .await;
    app.wait_text(
        "#trash-list .trash-empty",
        "Nothing deleted in the last 30 days.",
    )
    .await;
    app.screenshot("recently-deleted-empty").await;
    app.keys(&char::from(Key::Escape).to_string()).await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    wait_touches(&app, 2).await;
    app.quit().await;
}

/// The same screens in the dark theme, for looking at.
#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn the_undo_toast_and_recently_deleted_in_the_dark_theme() {
    let (_data, _driver, app) = start_on_jenny(&[("GTK_THEME", Path::new("Adwaita:dark"))]).await;
    assert_eq!(
        app.js("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        serde_json::Value::Bool(true),
        "the window follows the desktop's dark theme"
    );
    delete_open_prospect(&app).await;
    app.screenshot("undo-toast-dark").await;
    app.js("document.activeElement.blur()").await;
    app.keys("d").await;
    wait_count(&app, "#trash-list .trash-item", 1).await;
    app.screenshot("recently-deleted-dark").await;
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn never_asks_first_removing_it_resumes_and_a_stale_edit_keeps_the_newer_values() {
    let (data, _driver, app) = start_on_jenny(&[]).await;

    // "Never" after two touches: the app asks before stopping follow-up.
    let pick = |css: &'static str, value: &'static str| {
        let app = &app;
        async move {
            app.select(css, value).await;
        }
    };
    pick("#touch-channel", "call").await;
    pick("#touch-outcome", "never").await;
    app.click("#touch-submit").await;
    app.wait_until(
        "the question",
        "return !!document.querySelector('.confirm-bar #confirm-yes')",
    )
    .await;
    assert!(app
        .text(".confirm-bar")
        .await
        .starts_with("Only 3 touches so far"));
    app.screenshot("never-asks-first").await;
    app.click("#confirm-yes").await;
    wait_touches(&app, 3).await;
    app.find(".detail-chips .pill-do_not_contact").await;

    // Removing that touch puts her back in active pursuit, with a touch due.
    app.click("#timeline .touch-remove").await;
    wait_touches(&app, 2).await;
    app.find(".detail-chips .pill-active").await;
    app.find("#next-due-at").await;

    // The form is open when a touch arrives from elsewhere (as from a notification):
    // "No" moves her to Nurture. Saving the form is refused, and the form comes back
    // on the newer values with the typed notes kept.
    app.click("#edit-prospect").await;
    app.fill("#f-notes", "Prefers mornings").await;
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        let jenny = store.list_prospects(&Default::default()).unwrap().rows[0].id;
        let now = clock::now();
        let touch = TouchInput {
            at: Some(now),
            note: "Not this quarter".into(),
            ..TouchInput::new(jenny, Channel::Call, Outcome::No)
        };
        store.log_touch(touch, now).unwrap();
    }
    app.click("#save-prospect").await;
    app.wait_until(
        "the notice",
        "return !!document.querySelector('#form-notice')",
    )
    .await;
    assert!(app
        .text("#form-notice")
        .await
        .starts_with("Jenny Lee changed after you opened the form"));
    let value = |css: &str| format!("return document.querySelector('{css}').value");
    assert_eq!(app.js(&value("#f-notes")).await, "Prefers mornings");
    assert_eq!(app.js(&value("#f-status")).await, "nurture");
    app.screenshot("stale-edit").await;
    app.click("#save-prospect").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    wait_touches(&app, 3).await;
    app.find(".detail-chips .pill-nurture").await;
    app.quit().await;
}
