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

/// The binary on the data folder `dir`, whatever the environment says.
fn followthrough(dir: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("--data-dir")
        .arg(dir)
        .env_remove("FOLLOWTHROUGH_DATA_DIR");
    command
}

fn run(dir: &Path, args: &[&str]) -> Output {
    followthrough(dir).args(args).output().unwrap()
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
    for sub in [
        "import",
        "export",
        "calendar",
        "due",
        "add",
        "log",
        "backup",
        "restore",
        "completions",
    ] {
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
fn the_data_folder_is_the_one_the_command_line_names_as_a_folder() {
    let named = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let sneaky = format!("--data-dir={}", other.path().display());
    // A name that looks like the flag, after "--", is a name.
    let out = Command::new(BIN)
        .env("FOLLOWTHROUGH_DATA_DIR", named.path())
        .args(["add", "-v", "--", &sneaky])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("Added #1 {sneaky}\n"));
    assert_eq!(prospects(named.path()), 1);
    assert!(
        !other.path().join(DB_FILE).exists(),
        "the other folder untouched"
    );

    // The flag itself, anywhere, beats the environment.
    let out = Command::new(BIN)
        .env("FOLLOWTHROUGH_DATA_DIR", other.path())
        .args(["add", "Bo"])
        .arg("--data-dir")
        .arg(named.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(prospects(named.path()), 2);
    assert!(!other.path().join(DB_FILE).exists());
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
            "--source",
            "inbound_web",
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

    // "-o -" is standard output, as for the calendar: no file named "-".
    let cwd = tempfile::tempdir().unwrap();
    let out = followthrough(dir.path())
        .current_dir(cwd.path())
        .args(["export", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let to_stdout = text(&out.stdout);
    assert!(to_stdout.starts_with("id,name,company"), "{to_stdout}");
    assert_eq!(to_stdout.lines().count(), csv.lines().count());
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
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

    // Refused input, whether clap or the core refuses it: nothing written, status 2.
    for (weeks, core) in [("13", true), ("0", true), ("many", false)] {
        for to_file in [false, true] {
            let mut args = vec!["calendar", "--weeks", weeks];
            if to_file {
                args.extend(["-o", file.to_str().unwrap()]);
            }
            let out = run(dir.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert!(out.stdout.is_empty());
            if core {
                assert!(
                    text(&out.stderr).contains("1 to 12 weeks ahead"),
                    "{}",
                    text(&out.stderr)
                );
            }
            if core && to_file {
                assert!(
                    text(&out.stderr).contains(file.to_str().unwrap()),
                    "the file named: {}",
                    text(&out.stderr)
                );
            }
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), private);
}

#[test]
fn full_details_can_be_asked_for_when_the_app_keeps_the_calendar_private() {
    use followthrough_core::model::CalendarDetail;
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["import", fixture("google.csv").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    {
        let mut store = Store::open_seeded(&dir.path().join(DB_FILE), Seed::default()).unwrap();
        let mut prefs = store.calendar_prefs().unwrap();
        prefs.details = CalendarDetail::Private;
        store.save_calendar_prefs(&prefs).unwrap();
    }
    let unfolded = |out: &Output| text(&out.stdout).replace("\r\n ", "");

    let saved = run(dir.path(), &["calendar", "--weeks", "12"]);
    assert!(saved.status.success(), "{}", text(&saved.stderr));
    assert!(!unfolded(&saved).contains("Lovelace"), "the app's choice");

    let full = run(dir.path(), &["calendar", "--weeks", "12", "--full"]);
    assert!(full.status.success(), "{}", text(&full.stderr));
    assert!(unfolded(&full).contains("Lovelace"), "{}", unfolded(&full));
    assert_eq!(unfolded(&full).matches("UID:prospect-").count(), 3);

    let both = run(dir.path(), &["calendar", "--full", "--private"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(text(&both.stderr).contains("cannot be used with"));
}

#[test]
fn import_options_the_core_refuses_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("google.csv");
    let file = file.to_str().unwrap();
    for (extra, says) in [
        (&["--per-day", "0"][..], "1 to 500"),
        (&["--per-day", "501"], "1 to 500"),
        (&["--tag", "West, East"], "commas"),
    ] {
        for dry_run in [false, true] {
            let mut args = vec!["import", file];
            args.extend(extra);
            if dry_run {
                args.push("--dry-run");
            }
            let out = run(dir.path(), &args);
            exits(&out, 2);
            let err = text(&out.stderr);
            assert!(err.starts_with("followthrough: "), "{err}");
            assert!(err.contains(file) && err.contains(says), "{args:?}: {err}");
            assert_eq!(text(&out.stdout), "");
        }
    }
    assert_eq!(prospects(dir.path()), 0);
}

/// Wednesday 4 March 2026, 09:00 in Chicago, the zone every run below is in.
const NOW: &str = "2026-03-04T15:00:00Z";
const ZONE: &str = "America/Chicago";

/// `run` at `NOW` in `ZONE` (a debug build reads both from the environment).
fn run_at(dir: &Path, args: &[&str]) -> Output {
    followthrough(dir)
        .env("FOLLOWTHROUGH_TEST_NOW", NOW)
        .env("FOLLOWTHROUGH_TEST_ZONE", ZONE)
        .args(args)
        .output()
        .unwrap()
}

/// Asserts the exit status, showing what the run said when it differs.
fn exits(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// Every touch in the book: (prospect id, channel, outcome, note, at in ms).
fn touches(dir: &Path) -> Vec<(i64, String, String, String, i64)> {
    Connection::open(dir.join(DB_FILE))
        .unwrap()
        .prepare("SELECT prospect_id, channel, outcome, note, at FROM touches ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A book of Ada (an inbound web lead: due at once), Bo, and two Sam Lees.
fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &[
            "add",
            "Ada Lovelace",
            "--company",
            "Analytical Engines",
            "--email",
            "ada@engine.example",
            "--tag",
            "West",
            "--source",
            "inbound_web",
        ][..],
        &["add", "Bo Diddley", "--phone", "+1 312 555 0100"],
        &["add", "Sam Lee", "--company", "Acme"],
        &["add", "Sam Lee", "--company", "Bolt"],
    ] {
        let out = run_at(dir.path(), args);
        exits(&out, 0);
        assert_eq!(
            text(&out.stdout),
            "",
            "{args:?}: nothing printed unless asked"
        );
    }
    dir
}

#[test]
fn add_creates_a_prospect_through_the_core_and_refuses_bad_fields() {
    let dir = book();
    assert_eq!(prospects(dir.path()), 4);
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    let (company, emails, source, tag): (String, String, String, String) = conn
        .query_row(
            "SELECT company, emails, source, tag FROM prospects JOIN prospect_tags \
             ON prospect_id = id WHERE name = 'Ada Lovelace'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(company, "Analytical Engines");
    assert_eq!(emails, r#"["ada@engine.example"]"#);
    assert_eq!((source.as_str(), tag.as_str()), ("inbound_web", "West"));

    let out = run_at(dir.path(), &["add", "Cy Young", "-v"]);
    exits(&out, 0);
    assert_eq!(text(&out.stdout), "Added #5 Cy Young\n");

    // The core's own checks, each refused with its message and exit status 2.
    for (args, says) in [
        (&["add", "  "][..], "name"),
        (
            &["add", "Di", "--email", "not-an-address"],
            "not-an-address",
        ),
    ] {
        let out = run_at(dir.path(), args);
        exits(&out, 2);
        assert!(text(&out.stderr).starts_with("followthrough: "));
        assert!(
            text(&out.stderr).to_lowercase().contains(says),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    // Sources are the model's words, as channels and outcomes are.
    for source in ["carrier-pigeon", "inbound-web"] {
        let out = run_at(dir.path(), &["add", "Di", "--source", source]);
        exits(&out, 2);
        let err = text(&out.stderr);
        assert!(err.contains(&format!("invalid value '{source}'")), "{err}");
        for choice in ["inbound_web", "referral", "networking", "cold", "other"] {
            assert!(err.contains(choice), "{choice}: {err}");
        }
    }
    let help = run_at(dir.path(), &["add", "--help"]);
    exits(&help, 0);
    assert!(
        text(&help.stdout).contains("inbound_web")
            && text(&help.stdout).contains("Inbound web lead"),
        "{}",
        text(&help.stdout)
    );
    assert_eq!(prospects(dir.path()), 5);
}

#[test]
fn log_finds_the_prospect_by_number_email_or_unique_name() {
    let dir = book();
    for (who, channel, outcome, extra) in [
        (
            "ada@ENGINE.example",
            "call",
            "replied",
            &["--note", "Called back"][..],
        ),
        (
            "bo diddley",
            "voicemail",
            "no_response",
            &["--at", "2026-03-03 16:45"],
        ),
        (
            "#3",
            "email",
            "no_response",
            &["--at", "2026-03-02T10:00:00-05:00"],
        ),
    ] {
        let mut args = vec!["log", who, channel, outcome];
        args.extend(extra);
        let out = run_at(dir.path(), &args);
        exits(&out, 0);
        assert_eq!(text(&out.stdout), "");
    }
    let chicago_4_45pm = 1_772_577_900_000; // 2026-03-03T22:45:00Z
    let at_10_eastern = 1_772_463_600_000; // 2026-03-02T15:00:00Z
    let logged = touches(dir.path());
    assert_eq!(logged.len(), 3);
    assert_eq!(
        (
            &logged[0].0,
            logged[0].1.as_str(),
            logged[0].2.as_str(),
            logged[0].3.as_str()
        ),
        (&1, "call", "replied", "Called back")
    );
    assert_eq!((logged[1].0, logged[1].4), (2, chicago_4_45pm));
    assert_eq!((logged[2].0, logged[2].4), (3, at_10_eastern));
    // Through the store: the derived figures follow the log.
    let touchpoints: i64 = Connection::open(dir.path().join(DB_FILE))
        .unwrap()
        .query_row("SELECT touchpoints FROM prospects WHERE id = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(touchpoints, 1);

    let out = run_at(
        dir.path(),
        &["log", "Ada Lovelace", "email", "conversation", "-v"],
    );
    exits(&out, 0);
    let said = text(&out.stdout);
    assert!(
        said.starts_with("Logged email (conversation) for #1 Ada Lovelace, Wed 4 Mar 2026 09:00"),
        "{said}"
    );
    assert!(
        said.contains("\nNext due ") || said.contains("Nothing more"),
        "{said}"
    );
}

#[test]
fn log_refuses_bad_input_with_status_2_and_logs_nothing() {
    let dir = book();
    let cases: [(&[&str], &[&str]); 8] = [
        (
            &["log", "Zed", "call", "replied"],
            &["No prospect is known as \u{201c}Zed\u{201d}"],
        ),
        (
            &["log", "sam lee", "call", "replied"],
            &[
                "could be any of 2 prospects",
                "#3  Sam Lee (Acme)",
                "#4  Sam Lee (Bolt)",
            ],
        ),
        (
            &["log", "sam", "call", "replied"],
            &["Did you mean", "#3  Sam Lee (Acme)"],
        ),
        (
            &["log", "Bo Diddley", "fax", "replied"],
            &[
                "invalid value 'fax'",
                "call",
                "voicemail",
                "handwritten_note",
            ],
        ),
        (
            &["log", "Bo Diddley", "call", "great"],
            &["invalid value 'great'", "no_response", "meeting_set"],
        ),
        (
            &["log", "Bo Diddley", "call", "replied", "--at", "yesterday"],
            &["YYYY-MM-DD HH:MM"],
        ),
        (
            &[
                "log",
                "Bo Diddley",
                "call",
                "replied",
                "--at",
                "2026-02-30 10:00",
            ],
            &["not a date"],
        ),
        (
            &[
                "log",
                "Bo Diddley",
                "call",
                "replied",
                "--at",
                "2027-01-01 10:00",
            ],
            &["in the future"],
        ),
    ];
    for (args, says) in cases {
        let out = run_at(dir.path(), args);
        exits(&out, 2);
        let err = text(&out.stderr);
        for s in says {
            assert!(err.contains(s), "{args:?}: {err}");
        }
        assert_eq!(text(&out.stdout), "");
    }
    assert!(touches(dir.path()).is_empty());

    // Stopping follow-up at the first touch needs the say-so the app asks for.
    let out = run_at(dir.path(), &["log", "Bo Diddley", "call", "never"]);
    exits(&out, 2);
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    assert!(touches(dir.path()).is_empty());
    let out = run_at(dir.path(), &["log", "Bo Diddley", "call", "never", "--yes"]);
    exits(&out, 0);
    assert_eq!(touches(dir.path()).len(), 1);
}

/// The working week's zone in Settings, as the app saves it.
fn set_zone(dir: &Path, zone: &str) {
    use chrono::{TimeZone, Utc};
    let mut store = Store::open_seeded(&dir.join(DB_FILE), Seed::default()).unwrap();
    let mut settings = store.settings().unwrap();
    settings.week.zone = zone.parse().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 4, 15, 0, 0).unwrap();
    store.save_settings(settings, now).unwrap();
}

#[test]
fn log_at_reads_a_wall_time_in_the_zone_set_in_the_app() {
    let dir = book();
    // The machine is in Chicago (ZONE); Settings says London, where the user works.
    set_zone(dir.path(), "Europe/London");
    let out = run_at(
        dir.path(),
        &[
            "log",
            "Bo Diddley",
            "voicemail",
            "no_response",
            "--at",
            "2026-03-03 16:45",
            "-v",
        ],
    );
    exits(&out, 0);
    let london_4_45pm = 1_772_556_300_000; // 2026-03-03T16:45:00Z
    assert_eq!(touches(dir.path())[0].4, london_4_45pm);
    let said = text(&out.stdout);
    assert!(
        said.starts_with(
            "Logged voicemail (no response) for #2 Bo Diddley, Tue 3 Mar 2026 16:45\n"
        ),
        "what was typed is what is echoed: {said}"
    );

    // A time the clocks skip in that zone (30 March 2025, 01:00 → 02:00 in London),
    // though not in the machine's.
    let out = run_at(
        dir.path(),
        &[
            "log",
            "Bo Diddley",
            "call",
            "replied",
            "--at",
            "2025-03-30 01:30",
        ],
    );
    exits(&out, 2);
    assert!(
        text(&out.stderr).contains("does not exist in Europe/London"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(touches(dir.path()).len(), 1);
}

/// The interpreter of the test environment (scripts/deps.sh makes it) with jsonschema.
/// Missing under CI is a failure; elsewhere the check is skipped, and says so.
fn python_with_jsonschema() -> Option<String> {
    let python = std::env::var("FOLLOWTHROUGH_TEST_PYTHON").ok();
    let usable = python.as_deref().is_some_and(|p| {
        Command::new(p)
            .args(["-c", "import jsonschema"])
            .status()
            .is_ok_and(|s| s.success())
    });
    if usable {
        return python;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "FOLLOWTHROUGH_TEST_PYTHON must name a Python with jsonschema under CI (scripts/test sets it)"
    );
    eprintln!(
        "skipped: due --json was not checked against its schema (set FOLLOWTHROUGH_TEST_PYTHON)"
    );
    None
}

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/due.schema.json")
}

/// Validates `json` against the schema with Python's jsonschema; the errors if not valid.
fn check_schema(python: &str, json: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("due.json");
    std::fs::write(&file, json).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/check_schema.py");
    let out = Command::new(python)
        .arg(script)
        .arg(schema())
        .arg(&file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(text(&out.stderr))
    }
}

#[test]
fn due_lists_today_or_the_week_with_why_as_a_table_or_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_at(dir.path(), &["due"]);
    exits(&out, 0);
    assert_eq!(text(&out.stdout), "Nothing is due today.\n");
    let out = run_at(dir.path(), &["due", "--json"]);
    exits(&out, 0);
    assert_eq!(text(&out.stdout).trim(), "[]");

    let dir = book();
    let out = run_at(dir.path(), &["due", "--json"]);
    exits(&out, 0);
    let json = text(&out.stdout);
    let today: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!today.is_empty(), "the inbound lead is due at once");
    assert_eq!(today[0]["id"], 1);
    assert_eq!(today[0]["name"], "Ada Lovelace");
    assert_eq!(today[0]["company"], "Analytical Engines");
    assert_eq!(today[0]["kind"], "inbound");
    assert_eq!(today[0]["urgent"], true);
    assert_eq!(today[0]["touch"], 1);
    assert!(
        today[0]["why"].as_str().unwrap().contains("touch 1"),
        "{json}"
    );
    let due_at = today[0]["due_at"].as_str().unwrap();
    assert!(
        due_at.starts_with("2026-03-04T") && due_at.ends_with('Z'),
        "{due_at}"
    );

    let out = run_at(dir.path(), &["due", "--week", "--json"]);
    exits(&out, 0);
    let week_json = text(&out.stdout);
    let week: Vec<serde_json::Value> = serde_json::from_str(&week_json).unwrap();
    assert_eq!(
        week.len(),
        4,
        "everyone's first contact falls within the week: {week_json}"
    );
    assert_eq!(
        week[..today.len()],
        today[..],
        "today's come first, in the same order"
    );

    let out = run_at(dir.path(), &["due", "--week"]);
    exits(&out, 0);
    let table = text(&out.stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5, "{table}");
    let header = lines[0];
    let columns =
        ["ID", "WHEN", "WHO", "COMPANY", "CHANNEL", "WHY"].map(|c| header.find(c).unwrap());
    assert_eq!(columns[0], 0, "{header}");
    assert!(columns.windows(2).all(|w| w[0] < w[1]), "{header}");
    let ada = lines[1];
    assert!(ada.starts_with("#1 "), "{table}");
    assert!(ada[columns[1]..].starts_with("today "), "{table}");
    assert_eq!(ada.find("Ada Lovelace"), Some(columns[2]), "{table}");
    assert_eq!(ada.find("Analytical Engines"), Some(columns[3]), "{table}");
    assert!(ada[columns[5]..].starts_with("Inbound: "), "{table}");
    assert!(ada.ends_with(today[0]["why"].as_str().unwrap()), "{table}");
    // Two Sam Lees, told apart by the number `log` takes.
    let sams: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains("Sam Lee"))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(sams, ["#3", "#4"], "{table}");
    // Every row's cells start under their headings.
    for line in &lines[1..] {
        for &at in &columns[1..3] {
            let (before, cell) = line.split_at(at);
            assert!(
                before.ends_with("  ") && !cell.starts_with(' '),
                "aligned: {table}"
            );
        }
    }

    let out = run_at(dir.path(), &["due", "--today", "--week"]);
    exits(&out, 2);

    let Some(python) = python_with_jsonschema() else {
        return;
    };
    check_schema(&python, &json).unwrap();
    check_schema(&python, &week_json).unwrap();
    // The schema does refuse: a field renamed, a kind it doesn't know.
    let renamed = week_json.replacen("\"due_at\"", "\"when\"", 1);
    assert!(check_schema(&python, &renamed)
        .unwrap_err()
        .contains("due_at"));
    let unknown = week_json.replacen("\"inbound\"", "\"someday\"", 1);
    assert!(check_schema(&python, &unknown)
        .unwrap_err()
        .contains("someday"));
}

#[test]
fn the_schema_names_the_models_kinds_and_channels() {
    use followthrough_core::model::{Channel, DueKind};
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema()).unwrap()).unwrap();
    let item = &schema["items"]["properties"];
    let listed = |field: &str| -> Vec<String> {
        item[field]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let channels: Vec<String> = Channel::ALL.iter().map(|c| c.as_str().into()).collect();
    let kinds: Vec<String> = DueKind::ALL.iter().map(|k| k.as_str().into()).collect();
    assert_eq!(listed("channel"), channels);
    assert_eq!(listed("kind"), kinds);
}

#[test]
fn backup_writes_a_checked_copy_and_restore_puts_it_back() {
    let dir = book();
    let out = run_at(dir.path(), &["backup"]);
    exits(&out, 0);
    assert_eq!(text(&out.stdout), "");
    let folder: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folder, ["followthrough-2026-03-04T150000Z-manual.sqlite3"]);

    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("four.sqlite3");
    let out = run_at(dir.path(), &["backup", "-o", copy.to_str().unwrap(), "-v"]);
    exits(&out, 0);
    assert_eq!(
        text(&out.stdout),
        format!("{}\n  4 prospects, 0 touches\n", copy.display())
    );
    let missing = elsewhere.path().join("nowhere/four.sqlite3");
    let out = run_at(dir.path(), &["backup", "-o", missing.to_str().unwrap()]);
    exits(&out, 1);
    assert!(
        text(&out.stderr).contains("nowhere"),
        "{}",
        text(&out.stderr)
    );

    // More data, then the copy restored: back to four, the five kept as a backup.
    exits(&run_at(dir.path(), &["add", "Cy Young"]), 0);
    assert_eq!(prospects(dir.path()), 5);

    // Not under a running app: it holds the database a restore replaces.
    let app = hold_folder(dir.path());
    let out = run_at(dir.path(), &["restore", copy.to_str().unwrap()]);
    exits(&out, 1);
    assert!(
        text(&out.stderr).contains("open on this data folder"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(prospects(dir.path()), 5);
    drop(app);

    let out = run_at(dir.path(), &["restore", copy.to_str().unwrap(), "-v"]);
    exits(&out, 0);
    let said = text(&out.stdout);
    assert!(
        said.starts_with(&format!(
            "Restored {}: 4 prospects, 0 touches\n",
            copy.display()
        )),
        "{said}"
    );
    assert!(said.contains("The data it replaced is kept as "), "{said}");
    assert_eq!(prospects(dir.path()), 4);
    let kept = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("pre-restore")
        })
        .count();
    assert_eq!(kept, 1);

    // A file that isn't a backup is refused with the reason, and nothing changes.
    let bogus = elsewhere.path().join("notes.txt");
    std::fs::write(&bogus, "not a database").unwrap();
    let out = run_at(dir.path(), &["restore", bogus.to_str().unwrap()]);
    exits(&out, 1);
    assert!(
        text(&out.stderr).contains("can't be restored"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(prospects(dir.path()), 4);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let dir = book();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("four.sqlite3");
    exits(
        &run_at(dir.path(), &["backup", "-o", copy.to_str().unwrap()]),
        0,
    );
    let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    for args in [
        &["due"][..],
        &["add", "Cy Young"],
        &["log", "Bo Diddley", "call", "replied"],
        &["backup"],
    ] {
        let out = run_at(dir.path(), args);
        exits(&out, 1);
        assert!(
            text(&out.stderr).contains("newer version"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99);
    assert!(!dir.path().join("backups").exists());

    // Nor is it replaced by a restore: it is not this version's to retire.
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    let out = run_at(dir.path(), &["restore", copy.to_str().unwrap()]);
    exits(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("newer version"), "{err}");
    assert!(err.to_lowercase().contains("nothing was"), "{err}");
    assert_eq!(listing(), before, "nothing set aside or added");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "the newer database is still in place");
    assert_eq!(prospects(dir.path()), 4);
}

#[test]
fn completions_are_generated_for_each_shell_from_the_same_definition() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(dir.path(), &["completions", shell]);
        exits(&out, 0);
        let script = text(&out.stdout);
        for word in ["followthrough", "restore", "week", "inbound_web"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        // clap_complete's fish script completes options' values, not positionals'.
        if shell != "fish" {
            assert!(script.contains("voicemail"), "{shell}: no channels");
        }
    }
    // The bash script is valid bash.
    let bash = run(dir.path(), &["completions", "bash"]).stdout;
    let script = dir.path().join("followthrough.bash");
    std::fs::write(&script, bash).unwrap();
    let checked = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    let out = run(dir.path(), &["completions", "tcsh"]);
    exits(&out, 2);
    assert!(!dir.path().join(DB_FILE).exists(), "no data folder needed");
}
