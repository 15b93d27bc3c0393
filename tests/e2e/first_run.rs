//! The first run, in the real window: a new user sets their week and signature, starts
//! with the sample prospects and lands on a filled Today; the samples go in one click;
//! the screen is never shown again. Skipping is remembered too, and an empty book still
//! offers the samples and the import.

use crate::harness::{launch, launch_new, Driver};
use fantoccini::key::Key;
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::Path;

/// The machine's zone, as the app detects it. The clock is the real one: the samples
/// fill Today at any hour of the week (core tests/welcome.rs).
const ZONE: &str = "America/Chicago";

fn driver() -> Driver {
    Driver::start_with_env(&[(clock::TEST_ZONE_VAR, Path::new(ZONE))])
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_new_user_is_walked_to_a_filled_today_and_the_samples_go_in_one_click() {
    let data = tempfile::tempdir().unwrap();
    let _driver = driver();
    let app = launch_new(Some(data.path())).await;
    assert!(
        app.welcome_open().await,
        "a new book opens on the first run"
    );
    // The zone was detected from the machine; the blocks are the suggested two.
    assert_eq!(
        app.js("return document.querySelector('#w-zone').value")
            .await,
        ZONE
    );
    assert_eq!(
        app.js("return document.querySelector('#w-blocks').value")
            .await,
        "09:30, 14:00"
    );
    app.fill("#w-my-name", "Sam Rivera").await;
    app.fill("#w-my-company", "Brightline Supply").await;
    app.fill("#w-signature", "Sam Rivera · 312 555 0100").await;
    app.screenshot("first-run-setup").await;

    // A bad block time is caught, said, and nothing moves on.
    app.fill("#w-blocks", "9.30").await;
    app.click("#welcome-next").await;
    app.wait_text("#w-error", "“9.30” is not a time like 09:30.")
        .await;
    app.fill("#w-blocks", "09:30, 14:00").await;
    // Saturday becomes a working day.
    app.click("#w-days input[value=sat]").await;
    app.click("#welcome-next").await;
    app.wait_until(
        "the second step",
        "return !!document.getElementById('welcome-samples')",
    )
    .await;
    app.screenshot("first-run-start").await;

    app.click("#welcome-samples").await;
    app.wait_until(
        "Today with the samples",
        "return document.querySelector('#welcome').hidden \
         && document.querySelectorAll('#queue [role=option]').length >= 3",
    )
    .await;
    assert_eq!(
        app.js("return document.querySelector('#view-nav [aria-pressed=true]').dataset.view")
            .await,
        "today"
    );
    assert!(
        app.js("return document.querySelector('#samples-banner').hidden")
            .await
            == false
    );
    // The first follow-up is open beside the list, ready to act on.
    app.wait_until(
        "the first follow-up open",
        "return !!document.querySelector('#detail h1, #detail .detail-head')",
    )
    .await;
    app.screenshot("first-run-today").await;

    // What the first run saved is what Settings shows.
    app.click("#settings-button").await;
    app.wait_until("Settings", "return !!document.getElementById('s-my-name')")
        .await;
    assert_eq!(
        app.js("return document.getElementById('s-my-name').value")
            .await,
        "Sam Rivera"
    );
    assert!(
        app.js("return document.querySelector('#s-days input[value=sat]').checked")
            .await
            == true
    );
    app.keys(&char::from(Key::Escape).to_string()).await;

    // One click removes every sample; the book is empty and says how to start again.
    app.click("#remove-samples").await;
    app.wait_until(
        "the samples gone",
        "return document.querySelector('#samples-banner').hidden \
         && document.querySelector('#view-nav [data-view=all] .filter-count').textContent === '0'",
    )
    .await;
    app.quit().await;

    // Done with: a restart opens straight on the (empty) book.
    let app = launch_new(Some(data.path())).await;
    assert!(!app.welcome_open().await);
    app.quit().await;
    let store = Store::open(&data.path().join(DB_FILE)).unwrap();
    assert_eq!(store.overview().unwrap().total, 0);
    let profile = store.profile().unwrap();
    assert_eq!(profile.my_name, "Sam Rivera");
    assert_eq!(profile.signature, "Sam Rivera · 312 555 0100");
    assert!(!store.welcome_pending().unwrap());
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn skipping_is_remembered_and_an_empty_book_still_offers_the_samples() {
    let data = tempfile::tempdir().unwrap();
    let _driver = driver();
    let app = launch_new(Some(data.path())).await;
    assert!(app.welcome_open().await);
    // Escape is "not now": the screen closes and is not asked again.
    app.keys(&char::from(Key::Escape).to_string()).await;
    app.wait_until(
        "the first run closed",
        "return document.querySelector('#welcome').hidden",
    )
    .await;
    app.wait_until(
        "the empty book's offers",
        "return !!document.getElementById('empty-samples')",
    )
    .await;
    app.screenshot("first-run-skipped").await;
    app.quit().await;

    let app = launch(Some(data.path())).await;
    assert!(!app.welcome_open().await);
    app.click("#empty-samples").await;
    app.wait_until(
        "Today with the samples",
        "return document.querySelectorAll('#queue [role=option]').length >= 3",
    )
    .await;
    app.quit().await;
}
