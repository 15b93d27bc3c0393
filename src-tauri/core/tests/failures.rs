#![allow(clippy::unwrap_used)]
//! Failures of the machine, not of the user: a full disk and a read-only data folder, on
//! real file systems. Each case runs in a child process with a private mount namespace
//! (`unshare`), where it mounts a small tmpfs of its own: nothing outside the test is
//! touched, and no root is needed where user namespaces are allowed.

use chrono::{DateTime, Duration, Utc};
use followthrough_core::model::{Channel, Outcome, ProspectInput, Source, TouchInput};
use followthrough_core::store::DB_FILE;
use followthrough_core::{Error, Store};
use std::path::Path;
use std::process::Command;

const CASE_VAR: &str = "FOLLOWTHROUGH_FAILURE_CASE";

fn t0() -> DateTime<Utc> {
    "2026-03-04T12:00:00Z".parse().unwrap()
}

fn prospect(name: &str, notes: &str) -> ProspectInput {
    ProspectInput {
        name: name.into(),
        source: Source::Referral,
        notes: notes.into(),
        ..Default::default()
    }
}

/// Runs `case` in a child with its own mount namespace and asserts it passed.
fn in_private_mount(case: &str) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--mount",
            "--propagation",
            "private",
        ])
        .arg(exe)
        .args(["--exact", "child_case", "--include-ignored", "--nocapture"])
        .env(CASE_VAR, case)
        .output()
        .expect("unshare (util-linux) runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "case {case} failed (a private mount needs user namespaces):\n{stdout}\n{stderr}"
    );
}

#[test]
fn a_full_disk_refuses_the_write_plainly_and_loses_nothing() {
    in_private_mount("full");
}

#[test]
fn a_read_only_folder_opens_read_only_and_refuses_writes_plainly() {
    in_private_mount("read_only");
}

/// The child side: runs only inside `in_private_mount`.
#[test]
#[ignore = "run by the tests above, inside a private mount namespace"]
fn child_case() {
    let Ok(case) = std::env::var(CASE_VAR) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    mount_tmpfs(dir.path(), "2m");
    match case.as_str() {
        "full" => full(dir.path()),
        "read_only" => read_only(dir.path()),
        other => panic!("unknown case {other}"),
    }
    let _ = Command::new("umount").arg(dir.path()).status();
}

fn mount_tmpfs(dir: &Path, size: &str) {
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mount tmpfs on {}", dir.display());
}

fn full(dir: &Path) {
    let path = dir.join(DB_FILE);
    let mut store = Store::open(&path).unwrap();
    let mut saved = Vec::new();
    for i in 0..20 {
        saved.push(
            store
                .create_prospect(prospect(&format!("Kept {i}"), ""), t0())
                .unwrap()
                .id,
        );
    }
    store
        .log_touch(
            TouchInput {
                at: Some(t0()),
                note: "left a message".into(),
                ..TouchInput::new(saved[0], Channel::Call, Outcome::NoResponse)
            },
            t0(),
        )
        .unwrap();
    // Fill what is left of the disk.
    let filler = dir.join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![7u8; 4096];
        while f.write_all(&chunk).is_ok() {}
        let _ = f.sync_all();
    }
    // Writes now fail, each with the disk-full message; none panics, none half-lands.
    let big = "x".repeat(9_000);
    let mut refused = 0;
    for i in 0..50 {
        match store.create_prospect(
            prospect(&format!("Lost {i}"), &big),
            t0() + Duration::seconds(i),
        ) {
            Ok(p) => saved.push(p.id),
            Err(e) => {
                assert!(matches!(e, Error::DiskFull), "{e:?}");
                assert_eq!(e.code(), "disk_full");
                assert!(e.to_string().contains("disk is full"), "{e}");
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "the disk never filled up");
    // Reads still work while the disk is full.
    assert_eq!(store.prospect(saved[0]).unwrap().name, "Kept 0");
    drop(store);

    // Space again: everything committed is there, the file is sound, writes work.
    std::fs::remove_file(&filler).unwrap();
    let mut store = Store::open(&path).unwrap();
    for id in &saved {
        store.prospect(*id).unwrap();
    }
    assert_eq!(store.touches(saved[0]).unwrap().len(), 1);
    let check: String = followthrough_core::rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    store.create_prospect(prospect("After", ""), t0()).unwrap();
}

fn read_only(dir: &Path) {
    let path = dir.join(DB_FILE);
    let id = {
        let mut store = Store::open(&path).unwrap();
        store
            .create_prospect(prospect("Jenny Lee", "met at the expo"), t0())
            .unwrap()
            .id
    };
    let before = std::fs::read(&path).unwrap();
    let ok = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "remount read-only");

    let mut store = Store::open(&path).expect("a read-only folder still opens");
    assert!(store.is_read_only());
    // Everything can be looked up.
    let p = store.prospect(id).unwrap();
    assert_eq!(p.notes, "met at the expo");
    let page = store
        .list_prospects(&followthrough_core::model::ListQuery {
            text: "jenny".into(),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    // Writes are refused in plain words.
    let e = store
        .create_prospect(prospect("Marcus", ""), t0())
        .unwrap_err();
    assert_eq!(e.code(), "read_only", "{e:?}");
    assert!(e.to_string().contains("read-only"), "{e}");
    let e = store.delete_prospect(id, t0()).unwrap_err();
    assert_eq!(e.code(), "read_only");
    drop(store);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}
