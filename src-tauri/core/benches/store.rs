//! Store benchmark on the dataset: 100,000 prospects and 1,000,000 touches.
//! `cargo bench -p followthrough-core --features dataset --bench store`
//! Prints a Markdown table for BENCHMARKS.md. The dataset is generated once into
//! target/bench-data and reused.

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use chrono::NaiveTime;
use followthrough_core::dataset::{self, HEAVY_TOUCHES};
use followthrough_core::model::{Channel, ListQuery, Outcome, Sort, Status, TouchInput};
use followthrough_core::{clock, store::DB_FILE, Store};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const PROSPECTS: u32 = 100_000;
const TOUCHES: u32 = 1_000_000;
const RUNS: usize = 300;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join(DB_FILE);
    if !path.exists() {
        let started = Instant::now();
        let mut store = Store::open(&path).expect("open bench db");
        dataset::generate(&mut store, PROSPECTS, TOUCHES, clock::now()).expect("generate");
        eprintln!(
            "generated dataset in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let mut store = Store::open(&path).expect("open bench db");
    let overview = store.overview().unwrap();
    assert_eq!(
        overview.total,
        PROSPECTS,
        "unexpected dataset at {}",
        path.display()
    );

    println!("| operation | median | p95 | max |");
    println!("|---|---|---|---|");

    // Each keystroke of a search, as the UI sends it: the first page of 100 and the total.
    let typed = [
        "j",
        "je",
        "jen",
        "jenny",
        "jenny l",
        "n",
        "no",
        "nort",
        "northwind",
        "a",
        "ac",
        "acme d",
        "dental",
        "zzz",
    ];
    let mut all = Vec::new();
    for text in typed {
        let q = ListQuery {
            text: text.into(),
            limit: 100,
            ..Default::default()
        };
        all.extend(time(|| {
            store.list_prospects(&q).unwrap();
        }));
    }
    report(
        "search keystroke, first page (14 prefixes typed letter by letter)",
        &mut all,
    );
    let mut worst = Vec::new();
    for text in ["a", "j", "n"] {
        let q = ListQuery {
            text: text.into(),
            limit: 100,
            ..Default::default()
        };
        worst.extend(time(|| {
            store.list_prospects(&q).unwrap();
        }));
    }
    report(
        "search keystroke, one-letter prefixes only (widest match)",
        &mut worst,
    );

    for (label, sort) in [
        ("first page, by name", Sort::Name),
        ("first page, by last touch", Sort::LastTouch),
        ("first page, by next due", Sort::NextDue),
    ] {
        let q = ListQuery {
            sort,
            limit: 100,
            ..Default::default()
        };
        report(
            label,
            &mut time(|| {
                store.list_prospects(&q).unwrap();
            }),
        );
    }
    let q = ListQuery {
        status: Some(Status::Nurture),
        tag: Some("dental".into()),
        limit: 100,
        ..Default::default()
    };
    report(
        "first page, status + tag filter",
        &mut time(|| {
            store.list_prospects(&q).unwrap();
        }),
    );
    let q = ListQuery {
        offset: 50_000,
        limit: 100,
        ..Default::default()
    };
    report(
        "page at row 50,000 (scrolled half-way)",
        &mut time(|| {
            store.list_prospects(&q).unwrap();
        }),
    );
    report(
        "sidebar counts (overview)",
        &mut time(|| {
            store.overview().unwrap();
        }),
    );

    // ---- Cadence (issue #3) ----
    let now = clock::now();
    // Alternate the follow-up blocks so every prospect's due time really changes.
    let mut recompute = Vec::new();
    let base = store.settings().unwrap();
    for i in 0..4 {
        let mut s = base.clone();
        let (a, b) = if i % 2 == 0 { (10, 15) } else { (9, 14) };
        s.week.blocks = vec![
            NaiveTime::from_hms_opt(a, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(b, 30, 0).unwrap(),
        ];
        let t = Instant::now();
        store.save_settings(s, now).unwrap();
        recompute.push(t.elapsed());
    }
    report(
        "settings change: reschedule every prospect (4 runs, blocks moved each time)",
        &mut recompute,
    );
    store.save_settings(base, now).unwrap();
    let today = store.today(now, 100).unwrap();
    eprintln!("today queue holds {} items", today.total);
    report(
        "Today queue, first 100 items with explanations",
        &mut time(|| {
            store.today(now, 100).unwrap();
        }),
    );
    report(
        "Upcoming (7 days), first 100",
        &mut time(|| {
            store.upcoming(now, 100).unwrap();
        }),
    );
    // Log a touch and recompute that prospect (then remove it, to leave the data as it was).
    let mut logged = Vec::new();
    for i in 0..RUNS {
        let input = TouchInput {
            prospect_id: 2 + i as i64,
            at: None,
            channel: Channel::Voicemail,
            outcome: Outcome::NoResponse,
            note: String::new(),
            inbound: false,
            reason_id: None,
            confirm_stop: false,
        };
        let t = Instant::now();
        let touch = store.log_touch(input, now).unwrap();
        logged.push(t.elapsed());
        store.delete_touch(touch.id, now).unwrap();
    }
    report(
        "log a touch, including that prospect's next due",
        &mut logged,
    );

    let heavy = store.prospect_detail(1, clock::now()).unwrap();
    assert_eq!(heavy.touches.len() as u32, HEAVY_TOUCHES);
    report(
        &format!("open a prospect with {HEAVY_TOUCHES} touches"),
        &mut time(|| {
            store.prospect_detail(1, clock::now()).unwrap();
        }),
    );
}

fn time(mut f: impl FnMut()) -> Vec<Duration> {
    f(); // warm the statement cache, as the running app would be
    (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

fn report(label: &str, samples: &mut [Duration]) {
    samples.sort();
    let pick = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| {label} | {} | {} | {} |",
        ms(pick(0.5)),
        ms(pick(0.95)),
        ms(samples[samples.len() - 1])
    );
}
