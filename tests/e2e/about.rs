//! About: the version, the folders, and a diagnostic report that carries no names.

use crate::harness::{launch, Driver};
use followthrough_core::model::ProspectInput;
use followthrough_core::{clock, store::DB_FILE, Store};

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn about_shows_the_version_and_folders_and_the_report_holds_no_names() {
    let data = tempfile::tempdir().unwrap();
    Store::open(&data.path().join(DB_FILE))
        .unwrap()
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                company: "Northwind Dental".into(),
                notes: "Prefers mornings".into(),
                ..Default::default()
            },
            clock::now(),
        )
        .unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    app.click("#about-button").await;
    app.wait_until("About", "return !!document.getElementById('about-version')")
        .await;
    let version = app.text("#about-version").await;
    assert!(
        version.starts_with(&format!("Version {} · built 20", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    let shown = |id: &str| format!("return document.getElementById('{id}').textContent");
    let folder = |v: serde_json::Value| v.as_str().unwrap().to_string();
    assert_eq!(
        folder(app.js(&shown("about-data")).await),
        data.path().display().to_string()
    );
    assert_eq!(
        folder(app.js(&shown("about-backups")).await),
        data.path().join("backups").display().to_string()
    );
    // A data folder of its own (--data-dir) keeps its own log, written from the start.
    let logs = data.path().join("logs");
    assert_eq!(
        folder(app.js(&shown("about-logs")).await),
        logs.display().to_string()
    );
    app.screenshot("about").await;

    let report = app
        .js("return window.__TAURI__.core.invoke('diagnostic_report')")
        .await;
    let report = report.as_str().unwrap();
    assert!(report.starts_with("Follow Through "), "{report}");
    assert!(report.contains("Prospects: 1"), "{report}");
    assert!(
        report.contains("starting on"),
        "the log's start-up line: {report}"
    );
    for private in ["Jenny", "Northwind", "mornings"] {
        assert!(!report.contains(private), "{private} in {report}");
    }
    let log = std::fs::read_dir(&logs).unwrap().count();
    assert!(log > 0, "a log file in {}", logs.display());
    app.quit().await;
}
