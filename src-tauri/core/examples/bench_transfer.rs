//! Import and export figures for BENCHMARKS.md (run by `scripts/bench`, release build):
//! a generated CSV of N rows (deterministic) imported into an empty book through the
//! same reader and `Store::import` the app and the command line use, then every prospect
//! exported as vCard 4.0. Peak memory (VmHWM) is read after imports of a tenth, half
//! and all of N rows, each into a new book, so a reader sees whether it grows with the
//! file: it should stop growing once SQLite's page cache (a fixed 32 MiB) is full.
//!
//! `bench_transfer DIR [ROWS]` — DIR is emptied and used for the files.

#![allow(clippy::unwrap_used)] // Tool code: a failed unwrap is a failed run.

use followthrough_core::import;
use followthrough_core::model::{ExportKind, Selection};
use followthrough_core::store::import::ImportOptions;
use followthrough_core::store::{Seed, DB_FILE};
use followthrough_core::{clock, Store};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: bench_transfer DIR [ROWS]"));
    let rows: usize = args.next().map_or(100_000, |n| n.parse().unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let mut peaks = Vec::new();
    let mut secs = 0.0;
    for part in [rows / 10, rows / 2, rows] {
        let file = dir.join(format!("contacts-{part}.csv"));
        write_csv(&file, part);
        let name = if part == rows {
            "big".to_string()
        } else {
            format!("part-{part}")
        };
        let (took, peak) = import_once(&dir.join(name), &file, part);
        peaks.push(format!("{:.0} MiB after {part} rows", peak as f64 / 1024.0));
        secs = took;
    }
    println!("import {rows} rows: {secs:.2} s");
    println!("peak memory: {}", peaks.join(", "));

    let store = Store::open(&dir.join("big").join(DB_FILE)).unwrap();
    let out = dir.join("all.vcf");
    let started = Instant::now();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out).unwrap());
    let n = store
        .export(
            ExportKind::VCard4,
            &Selection::default(),
            &mut file,
            clock::now(),
        )
        .unwrap();
    file.flush().unwrap();
    println!(
        "export {} prospects to vCard 4.0: {:.2} s",
        n.prospects,
        started.elapsed().as_secs_f64()
    );
}

/// Imports `file` into a new book in `dir`; seconds taken and the process's peak
/// resident memory (KiB) so far.
fn import_once(dir: &Path, file: &Path, rows: usize) -> (f64, u64) {
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
    (secs, peak_kib())
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
