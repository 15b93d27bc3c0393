//! `kill -9` at random moments: during a stream of writes, during backups and during
//! restores. Each round runs a child process (this test binary again, running only
//! `crash_child`) that works in a loop and reports each thing it has finished; the
//! parent kills it with SIGKILL after a random delay, then opens what is left as the app
//! would and checks: `integrity_check` is ok, every reported write is there, every file
//! under a backup's name is a whole backup, and a restore left the old data or the new,
//! never a mixture.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::Duration;
use followthrough_core::model::*;
use followthrough_core::rusqlite::Connection;
use followthrough_core::store::backup;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::{clock, Error, Store};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MODE: &str = "FT_CRASH_MODE";
const DIR: &str = "FT_CRASH_DIR";
const ROUNDS: usize = 12;

/// What the child does until it is killed, by `FT_CRASH_MODE`: `writes` (log touches),
/// `backups` (log a touch, back up, prune, again), `restores` (restore backup A, then B,
/// again). It prints a line as each step is done, after it is done.
#[test]
#[ignore = "the crash tests run it in a process of their own"]
fn crash_child() {
    let (Ok(mode), Some(dir)) = (std::env::var(MODE), std::env::var_os(DIR)) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let db = dir.join(DB_FILE);
    let mut out = std::io::stdout().lock();
    match mode.as_str() {
        "writes" | "backups" => {
            let mut store = Store::open(&db).unwrap();
            let id = store
                .create_prospect(
                    ProspectInput {
                        name: format!("Pid {}", std::process::id()),
                        ..Default::default()
                    },
                    clock::now(),
                )
                .unwrap()
                .id;
            loop {
                let touch = store.log_touch(touch(id), clock::now()).unwrap();
                writeln!(out, "committed {}", touch.id).unwrap();
                if mode == "backups" {
                    store.backup(BackupKind::Manual, clock::now()).unwrap();
                    backup::prune(&backup::folder(&db), clock::now()).unwrap();
                    writeln!(out, "backed up").unwrap();
                }
            }
        }
        "restores" => {
            let mut slot: Result<Store, Error> = Store::open(&db);
            loop {
                for name in ["a.sqlite3", "b.sqlite3"] {
                    let seed = Seed {
                        zone: chrono_tz::Tz::UTC,
                        now: clock::now(),
                    };
                    backup::restore(&mut slot, &db, &dir.join(name), seed).unwrap();
                    writeln!(out, "restored {name}").unwrap();
                }
            }
        }
        other => panic!("unknown mode {other}"),
    }
}

fn touch(prospect_id: i64) -> TouchInput {
    TouchInput {
        at: Some(clock::now() - Duration::minutes(1)),
        note: "left a message".into(),
        ..TouchInput::new(prospect_id, Channel::Voicemail, Outcome::NoResponse)
    }
}

/// Runs the child in `mode` on `dir`, kills it after `delay_ms`, and returns the lines it
/// printed.
fn run_and_kill(mode: &str, dir: &Path, delay_ms: u64) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .env(MODE, mode)
        .env(DIR, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no checkpoint.
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(
        !status.success() && !err.contains("panicked"),
        "the child stopped by itself: {err}"
    );
    reader.join().unwrap()
}

fn integrity(path: &Path) -> String {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn touch_ids(store: &Store) -> BTreeSet<i64> {
    let mut ids = BTreeSet::new();
    for p in store
        .list_prospects(&ListQuery {
            limit: 1000,
            ..Default::default()
        })
        .unwrap()
        .rows
    {
        let detail = store.prospect_detail(p.id, clock::now()).unwrap();
        ids.extend(detail.touches.iter().map(|t| t.id));
    }
    ids
}

/// Kills the child in `mode` at random moments, `ROUNDS` times, checking after each.
/// Returns how many steps the children reported in all, so a test can see the kills
/// fell while they were at work.
fn rounds(mode: &str, check: impl Fn(&Path, &[String])) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut steps = 0;
    for _ in 0..ROUNDS {
        // A child needs ~50 ms to start: kill from then to well into its loop.
        let lines = run_and_kill(mode, dir.path(), fastrand::u64(60..700));
        let db = dir.path().join(DB_FILE);
        assert_eq!(integrity(&db), "ok", "{mode}: after {} steps", lines.len());
        check(dir.path(), &lines);
        steps += lines.len();
    }
    steps
}

/// Every touch a child reported committed is in the database after the kill.
fn committed_touches_are_there(dir: &Path, lines: &[String]) {
    let reported: BTreeSet<i64> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("committed ")?.parse().ok())
        .collect();
    let store = Store::open(&dir.join(DB_FILE)).unwrap();
    let stored = touch_ids(&store);
    let missing: Vec<_> = reported.difference(&stored).collect();
    assert!(missing.is_empty(), "committed, then lost: {missing:?}");
}

#[test]
fn kill_9_during_a_stream_of_writes_loses_nothing_committed() {
    let steps = rounds("writes", committed_touches_are_there);
    assert!(steps > ROUNDS * 10, "the children hardly wrote ({steps})");
}

#[test]
fn kill_9_during_backups_leaves_only_whole_backups() {
    let steps = rounds("backups", |dir, lines| {
        committed_touches_are_there(dir, lines);
        let folder = backup::folder(&dir.join(DB_FILE));
        for b in backup::list(&folder).unwrap() {
            let contents = backup::inspect(&folder.join(&b.file))
                .unwrap_or_else(|e| panic!("{} under a backup's name: {e}", b.file));
            assert_eq!(Some(contents), b.contents);
        }
    });
    assert!(
        steps > ROUNDS * 4,
        "the children hardly backed up ({steps})"
    );
}

/// Backup files A (Ann and Al, a touch each) and B (Bea, Bill and Bo, 400 touches each
/// with long notes: a few megabytes, so copying it is not instant), and the touches
/// each holds.
fn two_backups(dir: &Path) -> [(BTreeSet<String>, usize); 2] {
    let mut made = Vec::new();
    for (file, people, each) in [
        ("a.sqlite3", &["Ann", "Al"][..], 1),
        ("b.sqlite3", &["Bea", "Bill", "Bo"][..], 400),
    ] {
        let work = tempfile::tempdir().unwrap();
        let mut store = Store::open(&work.path().join(DB_FILE)).unwrap();
        for name in people {
            let p = store
                .create_prospect(
                    ProspectInput {
                        name: name.to_string(),
                        ..Default::default()
                    },
                    clock::now(),
                )
                .unwrap();
            for i in 0..each {
                let mut t = touch(p.id);
                t.note = format!("{i}: {}", "notes from the call. ".repeat(90));
                store.log_touch(t, clock::now()).unwrap();
            }
        }
        let backup = store.backup(BackupKind::Manual, clock::now()).unwrap();
        std::fs::copy(
            work.path().join("backups").join(backup.file),
            dir.join(file),
        )
        .unwrap();
        let names = people.iter().map(|s| s.to_string()).collect();
        made.push((names, people.len() * each));
    }
    [made[0].clone(), made[1].clone()]
}

#[test]
fn kill_9_during_restores_leaves_the_old_data_or_the_new_never_half() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b] = two_backups(dir.path());
    let db = dir.path().join(DB_FILE);
    // The live database starts as A.
    let mut slot: Result<Store, Error> = Store::open(&db);
    backup::restore(
        &mut slot,
        &db,
        &dir.path().join("a.sqlite3"),
        Seed::default(),
    )
    .unwrap();
    drop(slot);
    let mut steps = 0;
    // More rounds than the others: the one step that must be atomic (the rename) is
    // short, and a test that seldom lands near it would seldom catch a copy in its place.
    for _ in 0..3 * ROUNDS {
        let lines = run_and_kill("restores", dir.path(), fastrand::u64(60..500));
        steps += lines.len();
        assert_eq!(integrity(&db), "ok", "after {} restores", lines.len());
        // Opened as the app opens it: whatever SQLite recovers is what the user gets.
        let store = Store::open(&db).unwrap();
        let names: BTreeSet<String> = store
            .list_prospects(&ListQuery {
                limit: 100,
                ..Default::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        let found = (names, touch_ids(&store).len());
        assert!(found == a || found == b, "half-restored: {found:?}");
        // Nothing of a restore stopped half-way is left once the app has opened.
        let mut staged = db.as_os_str().to_owned();
        staged.push(".restoring");
        assert!(!Path::new(&staged).exists());
    }
    assert!(steps > ROUNDS * 2, "the children hardly restored ({steps})");
}
