//! Backups and restore on real files: what a backup holds, which backups the folder
//! keeps, every kind of file a restore must refuse (with the live database left
//! byte-for-byte as it was), and restores that replace, upgrade and rescue.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::{DateTime, Duration, TimeZone, Utc};
use followthrough_core::model::*;
use followthrough_core::rusqlite::Connection;
use followthrough_core::store::backup::{self, Kept};
use followthrough_core::store::{Seed, DB_FILE, SCHEMA_VERSION};
use followthrough_core::{Error, Store};
use std::fs;
use std::path::{Path, PathBuf};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

fn seed(at: DateTime<Utc>) -> Seed {
    Seed {
        zone: chrono_tz::Tz::UTC,
        now: at,
    }
}

fn add(store: &mut Store, name: &str, touches: usize) {
    let p = store
        .create_prospect(
            ProspectInput {
                name: name.into(),
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    for i in 0..touches {
        store
            .log_touch(
                TouchInput {
                    at: Some(now() - Duration::hours(i as i64 + 1)),
                    ..TouchInput::new(p.id, Channel::Email, Outcome::NoResponse)
                },
                now(),
            )
            .unwrap();
    }
}

fn names(store: &Store) -> Vec<String> {
    let page = store
        .list_prospects(&ListQuery {
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    page.rows.into_iter().map(|r| r.name).collect()
}

/// A data folder with a database holding Ann (2 touches) and Bo (1 touch).
fn book() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut store = Store::open_seeded(&db, seed(now())).unwrap();
    add(&mut store, "Ann", 2);
    add(&mut store, "Bo", 1);
    (dir, db, store)
}

fn integrity(path: &Path) -> String {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_holds_the_data_and_is_listed_with_what_it_holds() {
    let (dir, db, store) = book();
    let made = store
        .backup(BackupKind::Manual, now() + Duration::milliseconds(250))
        .unwrap();
    assert_eq!(made.file, "followthrough-2026-11-23T150000Z-manual.sqlite3");
    assert_eq!(made.at, now(), "to the second, as its name says");
    let folder = dir.path().join("backups");
    assert_eq!(backup::folder(&db), folder);
    let listed = backup::list(&folder).unwrap();
    assert_eq!(listed, vec![made.clone()]);
    let contents = made.contents.unwrap();
    assert_eq!((contents.prospects, contents.touches), (2, 3));
    assert_eq!(contents.schema, SCHEMA_VERSION);
    assert_eq!(
        made.size,
        fs::metadata(folder.join(&made.file)).unwrap().len()
    );
    assert_eq!(backup::inspect(&folder.join(&made.file)).unwrap(), contents);
    // A second one in the same second gets its own name; the list is newest first.
    let again = store.backup(BackupKind::Manual, now()).unwrap();
    assert_eq!(
        again.file,
        "followthrough-2026-11-23T150001Z-manual.sqlite3"
    );
    let listed: Vec<String> = backup::list(&folder)
        .unwrap()
        .into_iter()
        .map(|b| b.file)
        .collect();
    assert_eq!(listed, vec![again.file, made.file]);
    assert_eq!(backup::newest(&folder).unwrap(), Some(again.at));
    assert_eq!(backup::newest(&dir.path().join("nowhere")).unwrap(), None);
    // Only the backups are there: nothing half-written, no WAL beside them.
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 2);
}

#[test]
fn a_backup_to_a_chosen_file_is_checked_and_replaces_what_was_there() {
    let (dir, _db, store) = book();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("book.sqlite3");
    fs::write(&file, "an older file the user chose to replace").unwrap();
    let contents = store.backup_to(&file).unwrap();
    assert_eq!((contents.prospects, contents.touches), (2, 3));
    assert_eq!(backup::inspect(&file).unwrap(), contents);
    // Only the file: nothing half-written beside it, nothing in the backups folder.
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1);
    assert!(!dir.path().join("backups").exists());

    let missing = elsewhere.path().join("no such folder").join("book.sqlite3");
    assert!(store.backup_to(&missing).is_err());
    assert!(Store::open_in_memory()
        .unwrap()
        .backup_to(&file)
        .is_err_and(|e| e.code() == "invalid"));
}

/// Nothing the user can choose as a file to write (an export, a calendar, a backup to
/// a file) replaces the live database or a file SQLite keeps beside it, however the
/// path is spelled: the write is refused with a message and the book is as it was.
#[test]
fn nothing_is_written_over_the_live_database() {
    use followthrough_core::export::write_file;
    let (dir, db, store) = book();
    let wal = dir.path().join(format!("{DB_FILE}-wal"));
    assert!(wal.exists(), "the book is in WAL mode");
    let sub = dir.path().join("exports");
    fs::create_dir(&sub).unwrap();
    let mut targets = vec![
        db.clone(),
        wal,
        dir.path().join(format!("{DB_FILE}-shm")),
        dir.path().join(format!("{DB_FILE}-journal")),
        sub.join("..").join(DB_FILE),
    ];
    let _links = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    {
        let link = _links.path().join("data");
        std::os::unix::fs::symlink(dir.path(), &link).unwrap();
        targets.push(link.join(DB_FILE));
        let file_link = sub.join("book.csv");
        std::os::unix::fs::symlink(&db, &file_link).unwrap();
        targets.push(file_link);
    }
    let before = fs::read(&db).unwrap();
    for target in &targets {
        let err = write_file(target, Some(&db), |out| Ok(out.write_all(b"Name\n")?)).unwrap_err();
        assert_eq!(err.field(), Some("path"), "{}", target.display());
        assert!(err.to_string().contains("own database"), "{err}");
        let err = store.backup_to(target).unwrap_err();
        assert_eq!(err.field(), Some("backup"), "{}", target.display());
    }
    assert_eq!(fs::read(&db).unwrap(), before);
    assert_eq!(integrity(&db), "ok");
    assert_eq!(names(&store), ["Ann", "Bo"]);
    // Beside it, under another name, is fine.
    let beside = dir.path().join("prospects.csv");
    write_file(&beside, Some(&db), |out| Ok(out.write_all(b"Name\n")?)).unwrap();
    store.backup_to(&dir.path().join("copy.sqlite3")).unwrap();
}

#[test]
fn an_in_memory_store_has_nothing_to_back_up() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        store.backup(BackupKind::Daily, now()).unwrap_err().code(),
        "invalid"
    );
}

#[test]
fn the_folder_keeps_what_the_retention_rule_keeps() {
    let (dir, _db, store) = book();
    let folder = dir.path().join("backups");
    // One daily backup a day for 60 days, and a manual one 10 days ago.
    for d in 0..60 {
        store
            .backup(BackupKind::Daily, now() - Duration::days(d))
            .unwrap();
    }
    store
        .backup(
            BackupKind::Manual,
            now() - Duration::days(10) + Duration::hours(1),
        )
        .unwrap();
    fs::write(folder.join("my notes.txt"), "not a backup").unwrap();
    fs::write(
        folder.join(".followthrough-2026-11-23T140000Z-daily.sqlite3.partial"),
        "left by a stopped process",
    )
    .unwrap();
    let before = backup::list(&folder).unwrap();
    let dated: Vec<followthrough_core::retention::Dated> = before
        .iter()
        .map(|b| followthrough_core::retention::Dated {
            at: b.at,
            kind: b.kind,
        })
        .collect();
    let keep = followthrough_core::retention::keep(&dated, now());
    let removed = backup::prune(&folder, now()).unwrap();
    let after: Vec<String> = backup::list(&folder)
        .unwrap()
        .into_iter()
        .map(|b| b.file)
        .collect();
    let expected: Vec<String> = before
        .iter()
        .zip(&keep)
        .filter(|(_, &k)| k)
        .map(|(b, _)| b.file.clone())
        .collect();
    assert_eq!(after, expected);
    assert_eq!(removed.len(), before.len() - after.len());
    // 7 days, plus the weeks and months further back: about a dozen of 61.
    assert!((9..=14).contains(&after.len()), "{after:?}");
    assert!(after.contains(&"followthrough-2026-11-23T150000Z-daily.sqlite3".into()));
    // The manual one shares its day with a newer daily: it goes, the daily stays.
    assert!(!after.iter().any(|f| f.ends_with("-manual.sqlite3")));
    // Not a backup: left alone. Unfinished: removed.
    assert!(folder.join("my notes.txt").exists());
    assert!(!folder
        .join(".followthrough-2026-11-23T140000Z-daily.sqlite3.partial")
        .exists());
}

/// The live database's files, byte for byte (not the -shm: an index in shared memory
/// that every read updates).
fn snapshot(db: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    ["", "-wal"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            (s.to_string(), fs::read(PathBuf::from(p)).ok())
        })
        .collect()
}

/// The data folder's files, leaving out the live database's -wal and -shm.
fn data_folder(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("followthrough.sqlite3-"))
        .collect();
    files.sort();
    files
}

/// A good backup of a small database, at `path`.
fn good_backup(at: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join(DB_FILE)).unwrap();
    add(&mut store, "Cy", 1);
    let made = store.backup(BackupKind::Manual, now()).unwrap();
    fs::copy(dir.path().join("backups").join(made.file), at).unwrap();
}

#[test]
fn a_file_that_is_not_a_whole_readable_backup_is_refused_with_its_reason() {
    let (dir, db, store) = book();
    let bad = tempfile::tempdir().unwrap();
    let file = |name: &str| bad.path().join(name);

    fs::write(file("empty.sqlite3"), b"").unwrap();
    fs::write(file("notes.txt"), "Call Ann back on Thursday.\n".repeat(50)).unwrap();

    good_backup(&file("truncated.sqlite3"));
    let len = fs::metadata(file("truncated.sqlite3")).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(file("truncated.sqlite3"))
        .unwrap()
        .set_len(len / 2)
        .unwrap();

    // Damaged: the pages after the first overwritten with noise, header intact.
    good_backup(&file("damaged.sqlite3"));
    let mut bytes = fs::read(file("damaged.sqlite3")).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for (i, b) in bytes.iter_mut().enumerate().skip(page) {
        *b = (i * 31 % 251) as u8;
    }
    fs::write(file("damaged.sqlite3"), bytes).unwrap();

    good_backup(&file("newer.sqlite3"));
    Connection::open(file("newer.sqlite3"))
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();

    // Another program's SQLite database, and one that claims a version of ours but has
    // none of our tables.
    let other = Connection::open(file("other.sqlite3")).unwrap();
    other
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(other);
    let fake = Connection::open(file("fake.sqlite3")).unwrap();
    fake.execute_batch("CREATE TABLE prospects (name TEXT); PRAGMA user_version = 3;")
        .unwrap();
    drop(fake);

    let cases = [
        ("empty.sqlite3", "the file is empty"),
        ("notes.txt", "not a database file"),
        ("truncated.sqlite3", "damaged"),
        ("damaged.sqlite3", "damaged"),
        ("newer.sqlite3", "newer version of Follow Through"),
        ("other.sqlite3", "not a Follow Through database"),
        ("fake.sqlite3", "not a Follow Through database"),
        ("missing.sqlite3", "no such file"),
    ];
    let mut slot: Result<Store, Error> = Ok(store);
    let before = snapshot(&db);
    for (name, reason) in cases {
        let err = backup::restore(&mut slot, &db, &file(name), seed(now())).unwrap_err();
        assert_eq!(err.code(), "bad_backup", "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.starts_with("This file can't be restored: "),
            "{message}"
        );
        assert!(message.contains(reason), "{name}: {message}");
        assert!(message.ends_with("Nothing was changed."), "{message}");
        assert_eq!(
            backup::inspect(&file(name)).unwrap_err().code(),
            "bad_backup"
        );
        // Untouched: the same bytes, the same store still open, nothing new beside it.
        assert!(snapshot(&db) == before, "{name} changed the live files");
        assert_eq!(names(slot.as_ref().unwrap()), ["Ann", "Bo"]);
        assert!(
            !dir.path().join("backups").exists(),
            "{name}: no backup taken"
        );
        assert_eq!(data_folder(dir.path()), ["followthrough.sqlite3"], "{name}");
    }
}

/// Data a newer version wrote stays as it is: that version may hold what this one
/// can't read. The store doesn't open on it, so the slot holds the refusal.
#[test]
fn a_restore_never_replaces_data_a_newer_version_wrote() {
    let (dir, db, store) = book();
    drop(store);
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let candidate = dir.path().join("good.sqlite3");
    good_backup(&candidate);
    let mut slot: Result<Store, Error> = Store::open(&db);
    assert_eq!(slot.as_ref().err().unwrap().code(), "newer_database");
    let before = snapshot(&db);
    let err = backup::restore(&mut slot, &db, &candidate, seed(now())).unwrap_err();
    assert_eq!(err.code(), "newer_database", "{err}");
    assert!(snapshot(&db) == before, "the newer data changed");
    assert!(!dir.path().join("backups").exists(), "nothing set aside");
}

#[test]
fn a_restore_replaces_the_data_and_keeps_what_it_replaced_as_a_backup() {
    let (dir, db, mut store) = book();
    let taken = store.backup(BackupKind::Manual, now()).unwrap();
    add(&mut store, "Dee", 4);
    let later = now() + Duration::hours(2);
    let mut slot: Result<Store, Error> = Ok(store);
    let candidate = dir.path().join("backups").join(&taken.file);
    let restored = backup::restore(&mut slot, &db, &candidate, seed(later)).unwrap();
    assert_eq!(Some(restored.contents), taken.contents);
    // The app goes on with the restored data.
    let store = slot.as_mut().unwrap();
    assert_eq!(names(store), ["Ann", "Bo"]);
    add(store, "Eve", 0);
    assert_eq!(names(store), ["Ann", "Bo", "Eve"]);
    // What it replaced is the backup taken just before, with Dee in it.
    let Kept::Backup { backup: before } = restored.kept else {
        panic!("kept as {:?}", restored.kept)
    };
    assert_eq!(before.kind, BackupKind::PreRestore);
    assert_eq!(before.at, later);
    let c = before.contents.unwrap();
    assert_eq!((c.prospects, c.touches), (3, 7));
    let back = dir.path().join("backups").join(&before.file);
    backup::restore(&mut slot, &db, &back, seed(later + Duration::hours(1))).unwrap();
    assert_eq!(names(slot.as_ref().unwrap()), ["Ann", "Bo", "Dee"]);
    // Nothing left over in the data folder: no staged copy, no file set aside.
    assert_eq!(
        data_folder(dir.path()),
        ["backups", "followthrough.sqlite3"]
    );
    assert_eq!(integrity(&db), "ok");
}

/// A database file at schema 4 (before templates and notes), with one prospect.
fn old_database(path: &Path) {
    let conn = Connection::open(path).unwrap();
    for sql in [
        include_str!("../migrations/0001_prospects.sql"),
        include_str!("../migrations/0002_cadence.sql"),
        include_str!("../migrations/0003_skips_and_cadence_index.sql"),
        include_str!("../migrations/0004_reminders.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO prospects (id, name, name_key, source, stage, status, created_at, updated_at)
           VALUES (1, 'Old Timer', 'old timer', 'referral', 'new', 'active', 0, 0);
         INSERT INTO touches (prospect_id, at, channel, outcome, counts, created_at)
           VALUES (1, 1, 'call', 'no_response', 0, 0);
         PRAGMA user_version = 4;",
    )
    .unwrap();
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    old_database(&db);
    let store = Store::open_seeded(&db, seed(now())).unwrap();
    assert_eq!(names(&store), ["Old Timer"]);
    let listed = backup::list(&dir.path().join("backups")).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, BackupKind::PreMigration);
    let c = listed[0].contents.unwrap();
    assert_eq!((c.schema, c.prospects, c.touches), (4, 1, 1));
    drop(store);
    // Up to date now: opening again takes no further backup; nor does a new database.
    Store::open_seeded(&db, seed(now())).unwrap();
    assert_eq!(backup::list(&dir.path().join("backups")).unwrap().len(), 1);
    let fresh = tempfile::tempdir().unwrap();
    Store::open(&fresh.path().join(DB_FILE)).unwrap();
    assert!(!fresh.path().join("backups").exists());
}

#[test]
fn no_upgrade_without_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    old_database(&db);
    // Something in the way of the backups folder: a file by that name.
    fs::write(dir.path().join("backups"), "in the way").unwrap();
    let err = Store::open_seeded(&db, seed(now())).err().unwrap();
    assert_eq!(err.code(), "migration", "{err}");
    assert!(
        err.to_string().contains("backup could not be made"),
        "{err}"
    );
    let version: i64 = Connection::open(&db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 4, "left as it was");
}

#[test]
fn a_backup_from_an_older_version_is_restored_and_brought_up_to_date() {
    let (dir, db, store) = book();
    let old = dir.path().join("old.sqlite3");
    old_database(&old);
    let mut slot: Result<Store, Error> = Ok(store);
    let restored = backup::restore(&mut slot, &db, &old, seed(now())).unwrap();
    assert_eq!(restored.contents.schema, 4);
    assert_eq!(names(slot.as_ref().unwrap()), ["Old Timer"]);
    let kinds: Vec<BackupKind> = backup::list(&dir.path().join("backups"))
        .unwrap()
        .into_iter()
        .map(|b| b.kind)
        .collect();
    // Newest first: the upgrade's (of the restored file), then the restore's (of Ann and Bo).
    assert_eq!(kinds, [BackupKind::PreMigration, BackupKind::PreRestore]);
}

#[test]
fn a_database_that_does_not_open_is_set_aside_and_the_newest_good_backup_restored() {
    let (dir, db, store) = book();
    let folder = dir.path().join("backups");
    store
        .backup(BackupKind::Daily, now() - Duration::days(1))
        .unwrap();
    let good = store.backup(BackupKind::Daily, now()).unwrap();
    drop(store);
    // A newer backup that no longer reads, and a live file that is damaged.
    let spoiled = folder.join("followthrough-2026-11-23T160000Z-manual.sqlite3");
    fs::write(&spoiled, "SQLite format 3\0 and then noise").unwrap();
    let garbage = "not a database any more".repeat(100);
    fs::write(&db, &garbage).unwrap();
    let mut slot = Store::open_seeded(&db, seed(now()));
    assert!(slot.is_err(), "the damaged file does not open");

    let newest = backup::newest_good(&folder).unwrap().unwrap();
    assert_eq!(
        newest.file, good.file,
        "the spoiled newer one is passed over"
    );
    let later = now() + Duration::hours(3);
    let restored =
        backup::restore(&mut slot, &db, &folder.join(&newest.file), seed(later)).unwrap();
    assert_eq!(names(slot.as_ref().unwrap()), ["Ann", "Bo"]);
    // The damaged file is kept, whole, beside the database.
    let Kept::File { file } = restored.kept else {
        panic!("kept as {:?}", restored.kept)
    };
    assert_eq!(
        file,
        "followthrough.sqlite3.before-restore-2026-11-23T180000Z"
    );
    assert_eq!(fs::read_to_string(dir.path().join(file)).unwrap(), garbage);
}

#[test]
fn a_backup_is_safe_while_another_connection_writes() {
    // The app's connection backs up while a second connection (another writer) holds a
    // write transaction open: the snapshot is the last committed state.
    let (_dir, db, store) = book();
    let other = Connection::open(&db).unwrap();
    other
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM touches;")
        .unwrap();
    let made = store.backup(BackupKind::Manual, now()).unwrap();
    other.execute_batch("ROLLBACK").unwrap();
    let c = made.contents.unwrap();
    assert_eq!((c.prospects, c.touches), (2, 3));
}

#[test]
fn a_restore_stopped_after_setting_the_database_aside_is_finished_on_opening() {
    let (dir, db, mut store) = book();
    let made = store.backup(BackupKind::Manual, now()).unwrap();
    add(&mut store, "Cy", 0);
    drop(store);
    // The state a kill leaves between `retire` and the rename: the database set aside,
    // the checked copy staged under its hidden name.
    let staged = dir.path().join(format!("{DB_FILE}.restoring"));
    fs::copy(backup::folder(&db).join(&made.file), &staged).unwrap();
    fs::rename(&db, dir.path().join(format!("{DB_FILE}.before-restore-x"))).unwrap();
    let _ = fs::remove_file(dir.path().join(format!("{DB_FILE}-wal")));
    let _ = fs::remove_file(dir.path().join(format!("{DB_FILE}-shm")));

    let store = Store::open_seeded(&db, seed(now())).unwrap();
    assert_eq!(
        names(&store),
        ["Ann", "Bo"],
        "the restore finished, not an empty book"
    );
    assert!(!staged.exists());

    // A staged copy beside a database still in place is dropped, never used.
    drop(store);
    fs::copy(backup::folder(&db).join(&made.file), &staged).unwrap();
    let mut store = Store::open_seeded(&db, seed(now())).unwrap();
    add(&mut store, "Dee", 0);
    drop(store);
    fs::copy(backup::folder(&db).join(&made.file), &staged).unwrap();
    let store = Store::open_seeded(&db, seed(now())).unwrap();
    assert_eq!(names(&store), ["Ann", "Bo", "Dee"]);
    assert!(!staged.exists());
}
