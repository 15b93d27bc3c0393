use crate::harness::{launch, session, App, Driver};
use followthrough_core::store::DB_FILE;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// Waits for the window to reload and boot: while the page is being replaced a script
/// may fail, which is no answer yet.
async fn wait_for_reload(app: &App, what: &str) {
    let started = Instant::now();
    loop {
        let ready = app
            .c
            .execute("return document.body.dataset.ready === 'true'", vec![])
            .await;
        if matches!(ready, Ok(Value::Bool(true))) {
            return;
        }
        if started.elapsed() > Duration::from_secs(20) {
            app.screenshot("failure").await;
            panic!("timed out waiting for {what} (screen in tests/artifacts/failure.png)");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn add_prospect(app: &App, name: &str) {
    app.click("#new-prospect").await;
    app.fill("#f-name", name).await;
    app.click("#save-prospect").await;
    app.wait_text("#detail-name", name).await;
}

async fn open_backups(app: &App) {
    app.click("#settings-button").await;
    app.click("#tab-backups").await;
    app.wait_until(
        "the backups list to load",
        "return document.querySelector('#backup-folder').textContent.length > 0",
    )
    .await;
}

/// The rows of the backups list: [why, prospects, touches].
async fn backup_rows(app: &App) -> Vec<Vec<String>> {
    let v = app
        .js("return [...document.querySelectorAll('#backup-rows tr')]\
             .map(r => [...r.cells].slice(1, 4).map(c => c.textContent))")
        .await;
    serde_json::from_value(v).unwrap()
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn back_up_now_then_restore_it_and_the_app_reopens_on_it() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    add_prospect(&app, "Ann Before").await;

    open_backups(&app).await;
    app.wait_text("#backup-now", "Back up now").await;
    app.click("#backup-now").await;
    app.wait_text(
        "#backup-status",
        "Backed up and checked: 1 prospect and 0 touches.",
    )
    .await;
    let rows = backup_rows(&app).await;
    assert!(
        rows.contains(&vec!["Backed up by you".into(), "1".into(), "0".into()]),
        "{rows:?}"
    );
    // It is in the folder beside the database, under a name that says when and why.
    let folder = data.path().join("backups");
    assert_eq!(
        app.text("#backup-folder").await,
        folder.display().to_string()
    );
    let manual: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-manual.sqlite3"))
        .collect();
    assert_eq!(manual.len(), 1, "{manual:?}");
    app.screenshot("backups-list").await;

    // A prospect added after the backup…
    app.click("#settings [data-close]").await;
    add_prospect(&app, "Bo After").await;
    app.wait_list(&["Ann Before", "Bo After"]).await;

    // …is gone once the backup is restored.
    open_backups(&app).await;
    app.click(&format!(
        "#backup-rows tr[data-file='{}'] button",
        manual[0]
    ))
    .await;
    app.wait_until(
        "the question before replacing the data",
        "return !document.getElementById('restore-confirm').hidden",
    )
    .await;
    let question = app.text("#restore-confirm .restore-confirm").await;
    assert!(question.contains("1 prospect and 0 touches"), "{question}");
    assert!(question.contains("backed up first"), "{question}");
    app.screenshot("backups-confirm").await;
    app.js("document.body.dataset.ready = 'before-restore'")
        .await;
    app.click("#restore-yes").await;
    // The window reloads on the restored data, and says where the replaced data is.
    wait_for_reload(&app, "the app to reload and boot").await;
    let toast = app.text("#toasts .toast").await;
    assert!(toast.starts_with("Restored the backup from"), "{toast}");
    assert!(toast.contains("Before a restore"), "{toast}");
    app.keys("a").await;
    app.wait_list(&["Ann Before"]).await;

    // What it replaced is there to go back to.
    open_backups(&app).await;
    let rows = backup_rows(&app).await;
    assert!(
        rows.contains(&vec!["Before a restore".into(), "2".into(), "0".into()]),
        "{rows:?}"
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_database_that_does_not_open_offers_the_newest_backup() {
    let data = tempfile::tempdir().unwrap();
    damaged_with_a_backup(data.path());
    let _driver = Driver::start();
    let app = session(Some(data.path())).await;
    app.wait_until(
        "the error screen and its offer",
        "return document.body.dataset.fatal === 'true'",
    )
    .await;
    let offer = app.text("#fatal-restore").await;
    assert!(offer.contains("1 prospect and 0 touches"), "{offer}");
    app.screenshot("backups-fatal").await;
    app.click("#restore-newest").await;
    app.click("#restore-yes").await;
    wait_for_reload(&app, "the app to boot on the backup").await;
    let toast = app.text("#toasts .toast").await;
    assert!(
        toast.contains("followthrough.sqlite3.before-restore-"),
        "{toast}"
    );
    app.keys("a").await;
    app.wait_list(&["Rescued Prospect"]).await;
    app.quit().await;
}

/// A data folder whose database is damaged, with a good backup from before.
fn damaged_with_a_backup(dir: &Path) {
    use followthrough_core::model::{BackupKind, ProspectInput};
    let db = dir.join(DB_FILE);
    let mut store = followthrough_core::Store::open(&db).unwrap();
    let now = followthrough_core::clock::now();
    store
        .create_prospect(
            ProspectInput {
                name: "Rescued Prospect".into(),
                ..Default::default()
            },
            now,
        )
        .unwrap();
    store.backup(BackupKind::Daily, now).unwrap();
    drop(store);
    std::fs::write(&db, "this file was damaged ".repeat(400)).unwrap();
}
