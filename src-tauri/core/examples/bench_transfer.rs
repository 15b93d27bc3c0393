//! Import and export figures for BENCHMARKS.md (run by `scripts/bench`, release build),
//! each beside its limit run by the `sqlite3` shell in the same loop:
//!
//! - a generated CSV of ROWS contacts (deterministic) imported into an empty book
//!   through the same reader and `Store::import` the app and the command line use, beside
//!   `sqlite3 .import` of the same file into a plain table (no index, no checks);
//! - beside both, the floor of any import that writes what ours writes: the same file
//!   `.import`ed by the shell and then copied into a new book's own tables by SQL alone
//!   (`INSERT … SELECT` into prospects with their indexes, the tags, the search index),
//!   with nothing checked, matched or scheduled;
//! - every prospect of that book exported as vCard 4.0, beside `sqlite3` writing the
//!   same fields of the same rows as CSV.
//!
//! RUNS rounds, ours and the limit alternating. Peak memory (VmHWM) is read after
//! imports of a tenth and half of ROWS first, each into a new book, after the first
//! round's ROWS, and after one of twice ROWS last, so a reader sees whether it grows
//! with the file: it should stop growing once SQLite's page cache (a fixed 32 MiB) and
//! the search index's buffer are full. Results go to OUT as JSON.
//!
//! `bench_transfer DIR OUT [ROWS] [RUNS]` — DIR is emptied and used for the files.

#![allow(clippy::unwrap_used)] // Tool code: a failed unwrap is a failed run.

use followthrough_core::import;
use followthrough_core::model::{ExportKind, Selection};
use followthrough_core::store::import::ImportOptions;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::{clock, Store};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The fields a vCard of a prospect carries, as the limit's CSV writes them.
const CARD_FIELDS: &str = "id, created_at, name, company, title, emails, phones, address, \
    website, linkedin, notes, (SELECT group_concat(tag) FROM prospect_tags t WHERE t.prospect_id = p.id), updated_at";

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_transfer DIR OUT [ROWS] [RUNS]";
    let dir = PathBuf::from(args.next().expect(usage));
    let out = PathBuf::from(args.next().expect(usage));
    let rows: usize = args.next().map_or(100_000, |n| n.parse().unwrap());
    let runs: usize = args.next().map_or(5, |n| n.parse().unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let mut peaks = Vec::new();
    // The process's peak after importing a file of `n` contacts into a new book.
    let peak_after = |n: usize, peaks: &mut Vec<serde_json::Value>| {
        let file = dir.join(format!("contacts-{n}.csv"));
        write_csv(&file, n);
        reset_peak();
        import_once(&dir.join(format!("part-{n}")), &file, n);
        peaks.push(json!({ "rows": n, "peak_mib": peak_kib() as f64 / 1024.0 }));
    };
    for part in [rows / 10, rows / 2] {
        peak_after(part, &mut peaks);
    }
    let file = dir.join(format!("contacts-{rows}.csv"));
    write_csv(&file, rows);

    let (mut import, mut import_limit, mut export, mut export_limit) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut import_floor = Vec::new();
    for run in 0..runs {
        let book = dir.join(format!("book-{run}"));
        reset_peak();
        import.push(import_once(&book, &file, rows));
        if run == 0 {
            peaks.push(json!({ "rows": rows, "peak_mib": peak_kib() as f64 / 1024.0 }));
        }
        let plain = dir.join(format!("plain-{run}.db"));
        import_limit.push(sqlite_import(&plain, &file));
        let copy = sqlite_copy(&dir.join(format!("floor-{run}")), &plain, rows);
        import_floor.push(import_limit[run] + copy);
        std::fs::remove_file(&plain).unwrap();

        let store = Store::open(&book.join(DB_FILE)).unwrap();
        let started = Instant::now();
        let mut vcf = std::io::BufWriter::new(std::fs::File::create(dir.join("all.vcf")).unwrap());
        let n = store
            .export(
                ExportKind::VCard4,
                &Selection::default(),
                &mut vcf,
                clock::now(),
            )
            .unwrap();
        vcf.flush().unwrap();
        drop(vcf);
        export.push(started.elapsed().as_secs_f64());
        assert_eq!(n.prospects as usize, rows);
        drop(store);
        export_limit.push(sqlite_export(&book.join(DB_FILE), &dir.join("all.csv")));
        std::fs::remove_dir_all(&book).unwrap();
        println!(
            "run {}: import {:.2} s (sqlite3 .import {:.2} s, into the app's tables {:.2} s), vCard export {:.2} s (sqlite3 CSV {:.2} s)",
            run + 1,
            import[run],
            import_limit[run],
            import_floor[run],
            export[run],
            export_limit[run]
        );
    }
    // Memory is flat once SQLite's page cache and the search index's buffer are full,
    // which a smaller search index (migration 0010) put past 50,000 rows: twice the file
    // shows whether anything grows beyond them.
    peak_after(rows * 2, &mut peaks);
    let sqlite = Command::new("sqlite3").arg("--version").output().unwrap();
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&json!({
            "rows": rows,
            "import_s": import,
            "import_limit_s": import_limit,
            "import_floor_s": import_floor,
            "export_s": export,
            "export_limit_s": export_limit,
            "peaks": peaks,
            "sqlite3": String::from_utf8_lossy(&sqlite.stdout).trim(),
        }))
        .unwrap(),
    )
    .unwrap();
}

/// `sqlite3 .import` of the CSV into a plain table of a new file (left for the caller);
/// seconds, the shell's start included (a few milliseconds).
fn sqlite_import(db: &Path, csv: &Path) -> f64 {
    let _ = std::fs::remove_file(db);
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(db)
        .args([".mode csv", &format!(".import {} contacts", csv.display())])
        .status()
        .unwrap();
    let took = started.elapsed().as_secs_f64();
    assert!(status.success(), "sqlite3 .import failed");
    took
}

/// The same rows written into a new book's own tables by SQL alone: the plain table the
/// shell's `.import` made (`plain`, timed as the limit), copied in one transaction by
/// `INSERT … SELECT` into prospects (each with its name key, JSON email/phone/address
/// and a due, so every index of the table is written), their two tags, and the search
/// index. Run through the app's own SQLite (the shell's is older than the search
/// table's options); seconds for the copy, to which the caller adds the `.import`.
fn sqlite_copy(dir: &Path, plain: &Path, rows: usize) -> f64 {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let db = dir.join(DB_FILE);
    drop(Store::open_seeded(&db, Seed::default()).unwrap());
    let conn = followthrough_core::rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    let now = clock::now().timestamp_millis();
    let name = r#""First Name" || ' ' || "Last Name""#;
    let sql = format!(
        "ATTACH '{plain}' AS plain;
         BEGIN;
         INSERT INTO prospects (name, name_key, company, title, emails, phones, address,
             source, stage, status, created_at, updated_at, next_due_at, due_kind)
           SELECT {name}, lower({name}), Company, \"Job Title\", json_array(Email),
             json_array(Phone), json_object('city', City), 'other', 'new', 'active',
             {now}, {now}, {now} + rowid * 1000, 'first' FROM plain.contacts;
         INSERT INTO prospect_tags (prospect_id, tag)
           SELECT id, 'west' FROM prospects UNION ALL SELECT id, 'dental' FROM prospects;
         INSERT INTO prospect_search (rowid, name, company, tags, notes)
           SELECT id, name, company, 'west dental', '' FROM prospects;
         COMMIT;",
        plain = plain.display()
    );
    let started = Instant::now();
    conn.execute_batch(&sql).unwrap();
    let took = started.elapsed().as_secs_f64();
    let written: i64 = conn
        .query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))
        .unwrap();
    assert_eq!(written as usize, rows);
    drop(conn);
    std::fs::remove_dir_all(dir).unwrap();
    took
}

/// The same fields of every prospect as the vCards carry, written as CSV by `sqlite3`.
fn sqlite_export(db: &Path, csv: &Path) -> f64 {
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(db)
        .args([
            ".mode csv",
            &format!(".once {}", csv.display()),
            &format!("SELECT {CARD_FIELDS} FROM prospects p ORDER BY id;"),
        ])
        .status()
        .unwrap();
    assert!(status.success(), "sqlite3 export failed");
    started.elapsed().as_secs_f64()
}

/// Imports `file` into a new book in `dir`; seconds taken.
fn import_once(dir: &Path, file: &Path, rows: usize) -> f64 {
    std::fs::create_dir_all(dir).unwrap();
    let mut store = Store::open_seeded(&dir.join(DB_FILE), Seed::default()).unwrap();
    let started = Instant::now();
    let import::Opened { mut feed, .. } = import::open(file, |_| None).unwrap();
    let options = ImportOptions {
        per_day: 500,
        ..ImportOptions::default()
    };
    let report = store
        .import(feed.as_mut(), &options, clock::now(), &mut |_| true)
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(report.new as usize, rows, "{report:?}");
    secs
}

/// Name, company, title, email, phone, city, tags: what a CRM export holds.
fn write_csv(path: &Path, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "First Name,Last Name,Company,Job Title,Email,Phone,City,Tags"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "Given{i},Family{},Firm {} Ltd,Buyer,person{i}@firm{}.example,+1 {} 555 {:04},City {},\"west;dental\"",
            i % 997,
            i % 3001,
            i % 3001,
            // Every row its own number: a repeated one would be a match.
            200 + i / 10_000,
            i % 10_000,
            i % 50
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// Starts the process's peak afresh from what it holds now (Linux: writing 5 to
/// clear_refs resets VmHWM), so the next peak is one import's, not an earlier export's.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// VmHWM from /proc/self/status (Linux), in KiB; 0 elsewhere.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}
