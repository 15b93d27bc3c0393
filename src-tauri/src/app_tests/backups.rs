//! Backups over IPC, as Settings → Backups and the error screen use them.

use super::TestApp;
use followthrough_core::store::DB_FILE;
use serde_json::{json, Value};

fn names(app: &TestApp) -> Vec<String> {
    let page = app.ok(
        "list_prospects",
        json!({"query": {"text": "", "status": null, "stage": null, "tag": null,
                         "sort": "name", "offset": 0, "limit": 50}}),
    );
    page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn add(app: &TestApp, name: &str) {
    app.ok("create_prospect", json!({"input": {"name": name}}));
}

#[test]
fn back_up_now_then_restore_from_the_list() {
    let app = TestApp::start();
    add(&app, "Ann Before");
    let made = app.ok("backup_now", json!({}));
    assert_eq!(made["kind"], "manual", "{made}");
    assert_eq!(made["contents"]["prospects"], 1, "{made}");
    let file = made["file"].as_str().unwrap().to_string();
    assert!(file.starts_with("followthrough-") && file.ends_with("-manual.sqlite3"));

    let listed = app.ok("list_backups", json!({}));
    let folder = app.dir.path().join("backups");
    assert_eq!(listed["folder"], folder.display().to_string());
    assert_eq!(listed["backups"], json!([made]));

    add(&app, "Bo After");
    let restored = app.ok("restore_backup", json!({"file": file}));
    assert_eq!(restored["contents"]["prospects"], 1, "{restored}");
    // What it replaced is kept as a backup in the list, holding both.
    assert_eq!(restored["kept"]["kind"], "backup", "{restored}");
    let before = &restored["kept"]["backup"];
    assert_eq!(before["kind"], "pre_restore");
    assert_eq!(before["contents"]["prospects"], 2);
    // The app carries on, on the restored data.
    assert_eq!(names(&app), ["Ann Before"]);
    add(&app, "Cy Later");
    assert_eq!(names(&app), ["Ann Before", "Cy Later"]);
    let listed = app.ok("list_backups", json!({}));
    assert_eq!(listed["backups"].as_array().unwrap().len(), 2);
    assert_eq!(listed["backups"][0], *before, "newest first");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_and_nothing_changes() {
    let app = TestApp::start();
    add(&app, "Ann");
    let bad = app.dir.path().join("holiday photos.sqlite3");
    std::fs::write(&bad, "not a database").unwrap();
    let path = bad.display().to_string();
    let inspected = app
        .invoke("inspect_backup_file", json!({"path": path}))
        .expect_err("refused");
    assert_eq!(inspected["code"], "bad_backup", "{inspected}");
    let err = app
        .invoke("restore_file", json!({"path": path}))
        .expect_err("refused");
    assert_eq!(err["code"], "bad_backup");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("not a database file"),
        "{err}"
    );
    assert_eq!(names(&app), ["Ann"]);
    // Only a backup's own name restores from the list: never a path.
    let err = app
        .invoke(
            "restore_backup",
            json!({"file": "../followthrough.sqlite3"}),
        )
        .expect_err("refused");
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn a_chosen_file_is_inspected_then_restored() {
    let app = TestApp::start();
    add(&app, "Ann");
    let made = app.ok("backup_now", json!({}));
    // Somewhere else, as a copy on a USB stick would be.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("my data.sqlite3");
    std::fs::copy(
        app.dir
            .path()
            .join("backups")
            .join(made["file"].as_str().unwrap()),
        &copy,
    )
    .unwrap();
    add(&app, "Bo");
    let path = copy.display().to_string();
    let contents = app.ok("inspect_backup_file", json!({"path": path}));
    assert_eq!(contents["prospects"], 1);
    app.ok("restore_file", json!({"path": path}));
    assert_eq!(names(&app), ["Ann"]);
    assert!(copy.exists(), "the chosen file is read, never moved");
}

#[test]
fn the_error_screen_can_restore_the_newest_good_backup() {
    // A data folder whose database is damaged, with a backup from before.
    let dir = tempfile::tempdir().unwrap();
    {
        let app = TestApp::start_in(tempfile::tempdir().unwrap());
        add(&app, "Ann");
        let made = app.ok("backup_now", json!({}));
        let backups = dir.path().join("backups");
        std::fs::create_dir_all(&backups).unwrap();
        let name = made["file"].as_str().unwrap();
        std::fs::copy(
            app.dir.path().join("backups").join(name),
            backups.join(name),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join(DB_FILE), "damaged ".repeat(512)).unwrap();
    let app = TestApp::start_in(dir);
    let err = app
        .invoke("overview", json!({}))
        .expect_err("does not open");
    assert_ne!(err["code"], Value::Null);
    // The offer: the list works without the database.
    let listed = app.ok("list_backups", json!({}));
    assert_eq!(listed["backups"][0]["contents"]["prospects"], 1);
    let restored = app.ok("restore_newest_backup", json!({}));
    assert_eq!(restored["kept"]["kind"], "file", "{restored}");
    let aside = restored["kept"]["file"].as_str().unwrap();
    assert!(aside.starts_with("followthrough.sqlite3.before-restore-"));
    assert!(app.dir.path().join(aside).exists());
    assert_eq!(names(&app), ["Ann"]);
    app.ok("overview", json!({}));
}

#[test]
fn a_folder_another_app_holds_is_neither_listed_nor_restored_over() {
    use crate::db::{Db, FOLDER_IN_USE};
    use crate::ipc_error::IpcError;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DB_FILE);
    {
        let mut store = followthrough_core::Store::open(&file).unwrap();
        store
            .create_prospect(
                followthrough_core::model::ProspectInput {
                    name: "Ann".into(),
                    ..Default::default()
                },
                followthrough_core::clock::now(),
            )
            .unwrap();
        store
            .backup(
                followthrough_core::model::BackupKind::Manual,
                followthrough_core::clock::now(),
            )
            .unwrap();
    }
    let before = std::fs::read(&file).unwrap();
    let held = Db::unavailable(file.clone(), IpcError::new(FOLDER_IN_USE, "in use".into()));
    let app = super::TestApp::start_with(dir, held);
    for (cmd, args) in [
        ("list_backups", json!({})),
        ("restore_newest_backup", json!({})),
        ("backup_now", json!({})),
    ] {
        let e = app.invoke(cmd, args).unwrap_err();
        assert_eq!(e["code"], FOLDER_IN_USE, "{cmd}: {e}");
    }
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the other app's file untouched"
    );
}
