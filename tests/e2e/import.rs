//! Import and export in the real window. The native file choosers can't be driven, so
//! the tests hand the dialogs a path the way the choosers do (the same module functions
//! the chooser's answer and a dropped file go to). Screenshots of the import dialog (a
//! Google export, a plain CSV's column mapping) and the export dialog, light and dark.

use crate::harness::{launch, App, Driver};
use followthrough_core::model::ProspectInput;
use followthrough_core::{clock, store::DB_FILE, Store};
use serde_json::json;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/import")
        .join(name)
}

/// Opens the import dialog on `path`, as the file chooser or a drop does.
async fn start_import(app: &App, path: &Path) {
    app.js(&format!(
        "import('./js/actions.js').then(m => m.importPath({})); return true;",
        json!(path.display().to_string())
    ))
    .await;
    // The dialog is made when its module first loads, which may be after this starts.
    app.wait_until(
        "the import dialog",
        "const d = document.getElementById('import'); return !!d && !d.hidden",
    )
    .await;
}

/// Waits for the preview's figures: new, already here, with errors.
async fn wait_preview(app: &App, new: &str, errors: &str) {
    app.wait_text("#import-new .figure-n", new).await;
    app.wait_text("#import-errors .figure-n", errors).await;
}

async fn wait_import_ready(app: &App) {
    app.wait_until(
        "Import to be ready",
        "return !document.getElementById('import-run').disabled",
    )
    .await;
}

async fn import_disabled(app: &App) -> bool {
    app.js("return document.getElementById('import-run').disabled")
        .await
        == true
}

async fn import_google(app: &App) {
    start_import(app, &fixture("google.csv")).await;
    wait_preview(app, "3", "1").await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_google_export_is_previewed_imported_found_and_not_imported_twice() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    import_google(&app).await;
    assert_eq!(app.text("#import-file-name").await, "google.csv");
    assert_eq!(
        app.text("#import-kind").await,
        "Google Contacts CSV · UTF-8"
    );
    // A known export needs no mapping step.
    assert!(
        app.js("return !document.getElementById('import-mapping')")
            .await
            == true
    );
    let errors = app.text("#import-error-list").await;
    assert!(errors.starts_with("Line "), "{errors}");
    let spread = app.text("#import-spread").await;
    assert!(spread.starts_with("First contacts"), "{spread}");
    app.screenshot("import-google").await;

    // Enter imports (the first control has the focus).
    wait_import_ready(&app).await;
    app.keys("\u{E007}").await;
    app.wait_until(
        "the import to finish and the dialog to close",
        "return document.getElementById('import').hidden",
    )
    .await;
    let toast = app.text("#toasts .toast-act").await;
    assert!(
        toast.starts_with("Imported 3 new prospects (tag"),
        "{toast}"
    );
    // "Show them" filters the list by the import's tag.
    app.click("#show-imported").await;
    app.wait_until(
        "the list to show the three imported",
        "return document.querySelectorAll('#list .row:not(.placeholder)').length === 3",
    )
    .await;
    assert!(
        app.js("return document.querySelector('#tag-filters [aria-pressed=true]') !== null")
            .await
            == true
    );

    // Found by company in the list's search.
    app.fill("#search", "Analytical Engines").await;
    app.wait_list(&["Dr. Ada King Lovelace"]).await;

    // The same file again: everyone is already here, and Import has nothing to do.
    start_import(&app, &fixture("google.csv")).await;
    wait_preview(&app, "0", "1").await;
    let matching = app.text("#import-matching").await;
    assert!(matching.starts_with("3already here"), "{matching}");
    assert!(import_disabled(&app).await);
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_plain_csv_shows_its_columns_to_map_and_previews_again_on_a_change() {
    let data = tempfile::tempdir().unwrap();
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    start_import(&app, &fixture("semicolon.csv")).await;
    app.find("#import-mapping").await;
    let headers: Vec<String> = serde_json::from_value(
        app.js("return [...document.querySelectorAll('#import-mapping .mapping-header')].map(h => h.textContent)")
            .await,
    )
    .unwrap();
    assert_eq!(headers[..3], ["Vorname", "Nachname", "E-Mail"]);
    let kind = app.text("#import-kind").await;
    assert!(kind.contains("separated by semicolons"), "{kind}");
    let sample = app.text("#import-mapping tbody td").await;
    assert_eq!(sample, "Hedy");
    app.wait_until(
        "the preview",
        "return document.querySelector('#import-new .figure-n') !== null",
    )
    .await;
    let new_before = app.text("#import-new .figure-n").await;
    app.screenshot("import-mapping").await;

    // Every column left out: nobody can be named, so nobody is new.
    app.js("document.querySelectorAll('#import-mapping select').forEach(s => { s.value = 'ignore'; s.dispatchEvent(new Event('change')); }); return true;")
        .await;
    app.wait_until(
        "the core to say why nobody can be imported",
        "return document.getElementById('import-status').textContent.startsWith('No column is chosen')",
    )
    .await;
    assert_ne!(new_before, "0");
    assert!(import_disabled(&app).await);
    app.quit().await;
}

/// A plain CSV of `rows` different people: long enough, in a debug build, for the
/// progress bar to show and its Cancel to be pressed.
fn big_csv(dir: &Path, rows: usize) -> PathBuf {
    use std::io::Write;
    let path = dir.join("big.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "Name,Company,Email").unwrap();
    for i in 0..rows {
        writeln!(f, "Person {i},Company {},p{i}@example.com", i % 977).unwrap();
    }
    f.flush().unwrap();
    path
}

/// Waits for the import's progress bar, then presses its Cancel; waits for the dialog to
/// say so.
async fn cancel_from_the_progress_bar(app: &App) {
    app.wait_until(
        "the progress bar",
        "return !document.getElementById('import-progress').hidden",
    )
    .await;
    app.click("#import-cancel").await;
    app.wait_text("#import-status", "Cancelled: nothing was written.")
        .await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn a_dropped_file_is_imported_and_a_long_run_can_be_cancelled_or_closed() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let big = big_csv(files.path(), 200_000);
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;
    // A native drag can't be made under Xvfb: the test hands the window's handlers the
    // payload of Tauri's drag events, as the shell's listeners do.
    let drag = |what: &str, payload: serde_json::Value| {
        format!("return import('./js/shell.js').then(m => {{ m.fileDrag.{what}({payload}); return true; }})")
    };
    let dropped =
        json!({ "paths": [big.display().to_string()], "position": { "x": 300, "y": 200 } });
    app.js(&drag("enter", dropped.clone())).await;
    assert!(
        app.js("return !document.getElementById('drop-zone').hidden")
            .await
            == true
    );
    app.js(&drag("leave", json!(null))).await;
    assert!(
        app.js("return document.getElementById('drop-zone').hidden")
            .await
            == true
    );

    app.js(&drag("enter", dropped.clone())).await;
    app.js(&drag("drop", dropped.clone())).await;
    app.wait_text("#import-file-name", "big.csv").await;
    assert!(
        app.js("return document.getElementById('drop-zone').hidden")
            .await
            == true
    );
    // The whole file previewed (the progress bar showed on the way).
    app.wait_until(
        "the preview to count 200,000 new",
        "const n = document.querySelector('#import-new .figure-n'); return !!n && n.textContent.replace(/\\D/g, '') === '200000'",
    )
    .await;
    wait_import_ready(&app).await;

    // Import, then Cancel on the progress bar: nothing written, Import can be pressed again.
    app.click("#import-run").await;
    cancel_from_the_progress_bar(&app).await;
    wait_import_ready(&app).await;

    // Import, then close the dialog: the run is cancelled, not left writing unseen.
    app.click("#import-run").await;
    app.wait_until(
        "the progress bar",
        "return !document.getElementById('import-progress').hidden",
    )
    .await;
    app.click("#import .dialog-actions [data-close]").await;
    app.wait_until(
        "the closed dialog's run to be cancelled",
        "return document.getElementById('import').hidden && document.getElementById('import-status').textContent === 'Cancelled: nothing was written.'",
    )
    .await;

    // Dropped again: the preview itself can be cancelled too.
    app.js(&drag("drop", dropped)).await;
    app.wait_text("#import-file-name", "big.csv").await;
    cancel_from_the_progress_bar(&app).await;
    assert!(
        import_disabled(&app).await,
        "a cancelled preview leaves nothing to import"
    );
    app.quit().await;

    let store = Store::open(&data.path().join(DB_FILE)).unwrap();
    assert_eq!(store.overview().unwrap().total, 0, "nothing was written");
}

fn seed_one(dir: &Path) -> i64 {
    let mut store = Store::open(&dir.join(DB_FILE)).unwrap();
    store
        .create_prospect(
            ProspectInput {
                name: "Jenny Lee".into(),
                company: "Northwind Dental".into(),
                tags: vec!["west".into()],
                ..Default::default()
            },
            clock::now(),
        )
        .unwrap()
        .id
}

/// Writes an export to `path` as the save dialog's answer would.
async fn save_export(app: &App, kind: &str, selection: serde_json::Value, path: &Path) {
    app.js("document.querySelectorAll('#toasts .toast').forEach(t => t.remove()); return true;")
        .await;
    app.js(&format!(
        "import('./js/views/exporter.js').then(m => m.saveExport({}, {}, {})); return true;",
        json!(kind),
        selection,
        json!(path.display().to_string())
    ))
    .await;
    app.wait_until(
        "the export's toast",
        "return [...document.querySelectorAll('#toasts .toast')].some(t => t.textContent.startsWith('Exported'))",
    )
    .await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn export_writes_vcards_and_hand_off_writes_a_dossier() {
    let data = tempfile::tempdir().unwrap();
    let id = seed_one(data.path());
    let _driver = Driver::start();
    let app = launch(Some(data.path())).await;

    app.click("#export-button").await;
    app.find("#export-kind").await;
    let kinds: Vec<String> = serde_json::from_value(
        app.js("return [...document.querySelectorAll('#export-kind option')].map(o => o.value)")
            .await,
    )
    .unwrap();
    assert!(kinds.contains(&"vcard4".to_string()), "{kinds:?}");
    // Nothing filtered: that choice is off; the tag is offered.
    assert!(
        app.js("return document.getElementById('export-who-filtered').disabled")
            .await
            == true
    );
    assert_eq!(app.text("#export-tag").await, "#west (1)");
    app.screenshot("export-dialog").await;
    app.keys("\u{E00C}").await;

    let out = tempfile::tempdir().unwrap();
    let vcf = out.path().join("everyone.vcf");
    save_export(
        &app,
        "vcard4",
        json!({"ids": [], "tag": null, "query": null}),
        &vcf,
    )
    .await;
    let text = std::fs::read_to_string(&vcf).unwrap();
    assert!(text.starts_with("BEGIN:VCARD"), "{text}");
    assert!(text.contains("Jenny Lee"), "{text}");
    let toast = app.text("#toasts .toast").await;
    assert_eq!(toast, "Exported 1 prospect to “everyone.vcf”.");

    // Hand off from the prospect's pane: the dialog offers both dossiers.
    app.click("[data-view='all']").await;
    app.click("#list .row").await;
    app.click("#hand-off").await;
    app.find("#hand-off-kind-dossier_html").await;
    let dossier = out.path().join("jenny.ftdossier");
    save_export(&app, "dossier", json!({"ids": [id]}), &dossier).await;
    let text = std::fs::read_to_string(&dossier).unwrap();
    assert!(text.contains("Jenny Lee"), "{text}");
    app.quit().await;
}

#[tokio::test]
#[ignore = "drives the real window: run by scripts/test under Xvfb"]
async fn import_and_export_dialogs_in_the_dark_theme() {
    let data = tempfile::tempdir().unwrap();
    seed_one(data.path());
    let _driver = Driver::start_with_env(&[("GTK_THEME", Path::new("Adwaita:dark"))]);
    let app = launch(Some(data.path())).await;
    assert!(
        app.js("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await
            == true,
        "the window follows the desktop's dark theme"
    );
    import_google(&app).await;
    app.screenshot("import-google-dark").await;
    app.keys("\u{E00C}").await;
    start_import(&app, &fixture("semicolon.csv")).await;
    app.find("#import-mapping").await;
    app.wait_until(
        "the preview",
        "return document.querySelector('#import-new .figure-n') !== null",
    )
    .await;
    app.screenshot("import-mapping-dark").await;
    app.keys("\u{E00C}").await;
    app.click("#export-button").await;
    app.find("#export-kind").await;
    app.screenshot("export-dialog-dark").await;
    app.quit().await;
}
