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

/// The app's process on `dir` (started by tauri-driver), by its command line.
fn app_pid(dir: &std::path::Path) -> u32 {
    let out = std::process::Command::new("pgrep")
        .args(["-f", &format!("followthrough --data-dir {}", dir.display())])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .next()
        .expect("the app is running")
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn kill_9_of_the_app_during_a_stream_of_writes_loses_nothing_committed() {
    use followthrough_core::rusqlite::Connection;
    for round in 0..3u64 {
        let data = tempfile::tempdir().unwrap();
        let _driver = Driver::start();
        let app = launch(Some(data.path())).await;
        // A stream of writes through the app's own commands, each acknowledged once the
        // app has committed it.
        app.js(
            "window.__acked = []; (async () => { for (let i = 0; ; i++) { try { \
               const p = await window.__TAURI__.core.invoke('create_prospect', \
                 { input: { name: `Crash ${i}`, notes: 'x'.repeat(2000) } }); \
               window.__acked.push(p.id); } catch (e) { break; } } })(); return true;",
        )
        .await;
        let wanted = 50 + 70 * round;
        app.wait_until(
            "writes under way",
            &format!("return window.__acked.length >= {wanted}"),
        )
        .await;
        let acked: Vec<i64> =
            serde_json::from_value(app.js("return window.__acked").await).unwrap();
        let killed = std::process::Command::new("kill")
            .args(["-9", &app_pid(data.path()).to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        drop(app);

        let conn = Connection::open(data.path().join(DB_FILE)).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let stored: i64 = conn
            .query_row(
                "SELECT count(*) FROM prospects WHERE name LIKE 'Crash %'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            stored as usize >= acked.len(),
            "round {round}: {stored} < {}",
            acked.len()
        );
        drop(conn);
        let store = Store::open(&data.path().join(DB_FILE)).unwrap();
        for id in &acked {
            assert!(
                store.prospect(*id).is_ok(),
                "round {round}: prospect {id} lost"
            );
        }
        println!(
            "round {round}: {} acknowledged writes, {stored} stored",
            acked.len()
        );
    }
}
