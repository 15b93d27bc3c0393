//! The app when the machine fails it: a read-only data folder opens read-only, looks
//! everything up, and says plainly why a change can't be saved.

use crate::harness::{launch, Driver};
use followthrough_core::model::{ProspectInput, Source};
use followthrough_core::{clock, store::DB_FILE, Store};

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_read_only_data_folder_opens_for_reading_and_says_why_changes_fail() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(&data.path().join(DB_FILE)).unwrap();
        store
            .create_prospect(
                ProspectInput {
                    name: "Jenny Lee".into(),
                    company: "Northwind Dental".into(),
                    source: Source::Referral,
                    ..Default::default()
                },
                clock::now(),
            )
            .unwrap();
    }
    let before = std::fs::read(data.path().join(DB_FILE)).unwrap();
    let _driver = Driver::start_with_read_only(data.path());
    let app = launch(Some(data.path())).await;
    app.wait_until(
        "the read-only banner",
        "return !document.getElementById('readonly-banner').hidden",
    )
    .await;
    // Everything can be looked up.
    app.fill("#search", "northw").await;
    app.wait_list(&["Jenny Lee"]).await;
    app.click("#list .row").await;
    app.wait_text("#detail-name", "Jenny Lee").await;
    // A change is refused in plain words, and the form keeps what was typed.
    app.click("#new-prospect").await;
    app.fill("#f-name", "Marcus Okafor").await;
    app.click("#save-prospect").await;
    app.wait_until(
        "the read-only message",
        "return [...document.querySelectorAll('[role=alert]')].some(e => e.textContent.includes('read-only'))",
    )
    .await;
    let typed = app
        .js("return document.getElementById('f-name').value")
        .await;
    assert_eq!(typed, "Marcus Okafor");
    app.screenshot("11-read-only").await;
    app.quit().await;
    assert_eq!(
        std::fs::read(data.path().join(DB_FILE)).unwrap(),
        before,
        "the file is untouched"
    );
}
