//! The command line, run as a user runs it: the built `followthrough` binary on a data
//! folder of its own. Exit status, what goes to stdout and stderr, and what the
//! database holds afterwards; an import killed part way leaves the database as it was;
//! beside a running app (one holding the folder's lock) it works on the database as
//! it is, and refuses one of another version rather than upgrade it.

#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed run.

use followthrough_core::rusqlite::Connection;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_followthrough");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/import")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("FOLLOWTHROUGH_DATA_DIR")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn prospects(dir: &Path) -> i64 {
    Connection::open(dir.join(DB_FILE))
        .unwrap()
        .query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn help_and_version_follow_the_conventions() {
    let out = Command::new(BIN).arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        format!("followthrough {}", env!("CARGO_PKG_VERSION"))
    );
    for sub in ["import", "export"] {
        let out = Command::new(BIN).args([sub, "--help"]).output().unwrap();
        assert!(out.status.success());
        assert!(text(&out.stdout).contains("Usage: followthrough"), "{sub}");
    }
    let out = Command::new(BIN)
        .args(["import", "--no-such-flag", "x.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--no-such-flag"));
}

#[test]
fn a_dry_run_prints_the_preview_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "import",
            fixture("google.csv").to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("Google Contacts CSV"), "{said}");
    assert!(said.contains("  3 new"), "{said}");
    assert!(said.contains("1 with errors"), "{said}");
    assert!(said.contains("line 8: No name"), "{said}");
    assert!(said.contains("Nothing was written"), "{said}");
    assert_eq!(prospects(dir.path()), 0);
}

#[test]
fn an_import_is_quiet_lists_bad_rows_and_creates_no_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("google.csv");
    let file = file.to_str().unwrap();
    let out = run(
        dir.path(),
        &["import", file, "--source", "networking", "--tag", "Expo"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "", "nothing on stdout unless asked");
    assert!(
        text(&out.stderr).contains("line 8: No name"),
        "the bad row is listed"
    );
    assert_eq!(prospects(dir.path()), 3);
    let source: String = Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .query_row("SELECT DISTINCT source FROM prospects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(source, "networking");

    let again = run(dir.path(), &["import", file, "-v"]);
    assert!(again.status.success());
    assert!(
        text(&again.stdout).contains("  0 new"),
        "{}",
        text(&again.stdout)
    );
    assert!(
        text(&again.stdout).contains("3 already here"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(prospects(dir.path()), 3);
}

#[test]
fn a_file_that_cant_be_imported_fails_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let all_bad = dir.path().join("all_bad.csv");
    std::fs::write(&all_bad, "Name,Email\nAda,not-an-address\n,also bad\n").unwrap();
    for (file, says) in [
        (fixture("broken/empty.csv"), "empty"),
        (fixture("broken/png_image.csv"), "png image"),
        (all_bad, "nothing in"),
        (dir.path().join("missing.csv"), "could not be opened"),
    ] {
        let out = run(dir.path(), &["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{file:?}");
        let err = text(&out.stderr).to_lowercase();
        assert!(
            err.starts_with("followthrough: ") || err.contains("followthrough: "),
            "{err}"
        );
        assert!(err.contains(says), "{file:?}: {err}");
        assert_eq!(text(&out.stdout), "");
    }
}

#[test]
fn exports_go_to_stdout_or_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let import = run(
        dir.path(),
        &[
            "import",
            fixture("v40.vcf").to_str().unwrap(),
            "--tag",
            "West",
        ],
    );
    assert!(import.status.success(), "{}", text(&import.stderr));

    let csv = run(dir.path(), &["export", "csv"]);
    assert!(csv.status.success());
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("id,name,company"), "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.contains("West")).count() as i64,
        prospects(dir.path())
    );

    let file = dir.path().join("west.vcf");
    let out = run(
        dir.path(),
        &[
            "export",
            "vcard3",
            "--tag",
            "West",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let cards = std::fs::read_to_string(&file).unwrap();
    assert!(cards.starts_with("BEGIN:VCARD\r\nVERSION:3.0"), "{cards}");

    let none = run(dir.path(), &["export", "vcard", "--tag", "Nobody"]);
    assert!(none.status.success());
    assert_eq!(text(&none.stdout), "");
}

/// Holds the folder's lock as a running app does, for as long as it lives.
fn hold_folder(dir: &Path) -> std::fs::File {
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("followthrough.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    lock
}

#[test]
fn beside_a_running_app_it_writes_but_never_upgrades() {
    let dir = tempfile::tempdir().unwrap();
    Store::open_seeded(&dir.path().join(DB_FILE), Seed::default()).unwrap();
    let _app = hold_folder(dir.path());
    let file = fixture("google.csv");
    let out = run(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(prospects(dir.path()), 3);

    // An app of an older version holds a database of an older schema.
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 5).unwrap();
    let out = run(dir.path(), &["export", "csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("older version"),
        "{}",
        text(&out.stderr)
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 5, "not upgraded under the app");

    // A newer one is refused too, with the newer-version message.
    conn.pragma_update(None, "user_version", 99).unwrap();
    let out = run(dir.path(), &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("newer version"),
        "{}",
        text(&out.stderr)
    );
}

/// `kill -9` during imports of a large file: the database holds everyone from before and
/// either all of the file or none of it, never a part.
#[test]
fn an_import_killed_part_way_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let mut rows = String::from("Name,Company,Email\n");
    for i in 0..40_000 {
        rows.push_str(&format!("Person {i},Firm {},p{i}@firm.example\n", i % 300));
    }
    std::fs::write(&big, rows).unwrap();
    let before = run(
        dir.path(),
        &["import", fixture("google.csv").to_str().unwrap()],
    );
    assert!(before.status.success());

    let mut killed_mid_way = 0;
    for round in 0..4u64 {
        let mut child = Command::new(BIN)
            .arg("--data-dir")
            .arg(dir.path())
            .args([
                "import",
                big.to_str().unwrap(),
                "--tag",
                &format!("Round {round}"),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Each import takes its backup first, so a new backup means it is writing.
        let backups = || std::fs::read_dir(dir.path().join("backups")).map_or(0, |d| d.count());
        let seen = backups();
        let start = Instant::now();
        while backups() == seen && start.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(20 + 60 * round));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap();
        child.wait().unwrap();
        if !finished {
            killed_mid_way += 1;
        }

        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let tagged: i64 = conn
            .query_row(
                "SELECT count(*) FROM prospect_tags WHERE tag = ?1",
                [format!("Round {round}")],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            tagged == 0 || tagged == 40_000,
            "round {round}: {tagged} of the file came in"
        );
        // The earlier rounds' and the first import's prospects are all still there.
        let total: i64 = conn
            .query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))
            .unwrap();
        assert!(total == 3 || total == 40_003, "round {round}: {total}");
    }
    assert!(
        killed_mid_way > 0,
        "no import was killed while it was writing"
    );
}

#[test]
fn the_calendar_goes_to_stdout_or_a_file_and_bad_weeks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["import", fixture("google.csv").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Twelve weeks hold the imported first contacts, whatever day the test runs.
    let out = run(dir.path(), &["calendar", "--weeks", "12"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ics = text(&out.stdout);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    assert_eq!(ics.matches("UID:prospect-").count(), 3, "{ics}");
    // Long lines are folded (RFC 5545 §3.1): a CRLF and a space.
    let unfolded = |t: &str| t.replace("\r\n ", "");
    assert!(unfolded(&ics).contains("Lovelace"), "{ics}");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        ics.matches("BEGIN:VALARM").count()
    );

    let file = dir.path().join("coming.ics");
    let out = run(
        dir.path(),
        &[
            "calendar",
            "--weeks",
            "12",
            "--private",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        out.stdout.is_empty() && out.stderr.is_empty(),
        "quiet on success"
    );
    let private = std::fs::read_to_string(&file).unwrap();
    assert!(private.contains("SUMMARY:Follow-up ("), "{private}");
    assert!(!unfolded(&private).contains("Lovelace") && !private.contains("UID:prospect-"));
    let block_uids = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("UID:block-"))
            .map(String::from)
            .collect()
    };
    assert_eq!(block_uids(&private), block_uids(&ics), "the same blocks");

    for (weeks, status) in [("13", 1), ("0", 1), ("many", 2)] {
        let out = run(dir.path(), &["calendar", "--weeks", weeks]);
        assert_eq!(out.status.code(), Some(status), "--weeks {weeks}");
        assert!(out.stdout.is_empty());
        if status == 1 {
            assert!(
                text(&out.stderr).contains("1 to 12 weeks ahead"),
                "{}",
                text(&out.stderr)
            );
        }
    }
}
