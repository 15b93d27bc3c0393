//! The query figures beside their limits (BENCHMARKS.md): what the app does on a keystroke
//! or a click, through the same `Store` calls the window makes, next to the best SQL for
//! the same result (`benches/limits/*.sql`, each commented with the index it walks) on the
//! same file, through the same SQLite build, measured in the same run.
//!
//! Growth: search, Today and opening a prospect at 1,000, 10,000, 100,000 and 1,000,000
//! prospects (10 touches each); logging a touch and the full reschedule at 100,000.
//! Datasets are generated once (deterministic) into target/bench-data/growth-N/ (under
//! CARGO_TARGET_DIR when that is set), and again when the generator changes.
//!
//! Criterion runs each figure (warm-up, then its samples); every call in the samples is
//! also timed on its own, so each figure has a median, a p95 and a max. Results go to
//! queries.json in FOLLOWTHROUGH_BENCH_RESULTS (or target/bench-results), which
//! scripts/bench_report.py turns into BENCHMARKS.md. `FOLLOWTHROUGH_BENCH_SIZES=1000,10000`
//! limits the sizes for a quick run.
//!
//! `cargo bench -p followthrough-core --features dataset --bench figures`

#![allow(clippy::unwrap_used)] // Benchmark code: a failed unwrap is a failed run.

use chrono::{DateTime, NaiveTime, Utc};
use criterion::{BenchmarkGroup, Criterion, SamplingMode};
use followthrough_core::model::{Channel, ListQuery, Outcome, TouchInput};
use followthrough_core::reports::Filter;
use followthrough_core::rusqlite::{types::Value, Connection, ToSql};
use followthrough_core::store::{fts_query, DB_FILE};
use followthrough_core::{clock, dataset, Store};
use serde_json::json;
use std::cell::RefCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

const SIZES: [u32; 4] = [1_000, 10_000, 100_000, 1_000_000];
const TOUCHES_EACH: u32 = 10;
/// The size the write figures (log a touch, reschedule) are measured at.
const WRITE_SIZE: u32 = 100_000;
/// Samples per figure: criterion's minimum is 10; the per-call figures come from all the
/// calls in them.
const SAMPLES: usize = 30;

/// What a person types, letter by letter: wide one-letter prefixes, then narrowing.
const TYPED: [&str; 14] = [
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

fn main() {
    let mut c = Criterion::default()
        .sample_size(SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut results = Vec::new();
    // The limits' query plans on the largest book measured.
    let mut plans = json!({});
    for size in sizes() {
        let path = dataset_at(size);
        let store = Store::open(&path).expect("open the dataset");
        let limit = Connection::open(&path).expect("open the dataset beside it");
        // Tuned as the store tunes its own connection (store/mod.rs), so the limit is
        // the SQL alone: the same durability per commit and the same page cache.
        limit.pragma_update(None, "synchronous", "NORMAL").unwrap();
        limit.pragma_update(None, "cache_size", -16 * 1024).unwrap();
        let now = clock::now();
        let mut g = c.benchmark_group(format!("{size}"));
        g.sampling_mode(SamplingMode::Flat);

        // Search: the first page of 100 by name and the count, per keystroke.
        let search = Limit::new(include_str!("limits/search.sql"));
        let queries: Vec<(ListQuery, String)> = TYPED
            .iter()
            .map(|t| {
                let q = ListQuery {
                    text: (*t).into(),
                    limit: 100,
                    ..Default::default()
                };
                (q, fts_query(t).expect("a searchable prefix"))
            })
            .collect();
        // The same answer both ways, or the comparison means nothing.
        for (q, m) in &queries {
            let ours = store.list_prospects(q).unwrap();
            let rows = search.run(&limit, &[(":q", m)]);
            assert_eq!(rows.0, ours.rows.len(), "page for {:?}", q.text);
            assert_eq!(
                rows.1,
                Some(i64::from(ours.total)),
                "count for {:?}",
                q.text
            );
        }
        results.push(measure(&mut g, "search", size, "ours", |i| {
            black_box(store.list_prospects(&queries[i % TYPED.len()].0).unwrap());
        }));
        results.push(measure(&mut g, "search", size, "limit", |i| {
            black_box(search.run(&limit, &[(":q", &queries[i % TYPED.len()].1)]));
        }));

        // Today: the first 100 (with the engine's explanation of each) and the count.
        let today = Limit::new(include_str!("limits/today.sql"));
        let end = store
            .settings()
            .unwrap()
            .week
            .end_of_day(now)
            .timestamp_millis();
        let ours = store.today(now, 100).unwrap();
        let rows = today.run(&limit, &[(":end", &end)]);
        assert_eq!(rows.0, ours.items.len());
        assert_eq!(rows.1, Some(i64::from(ours.total)));
        results.push(measure(&mut g, "today", size, "ours", |_| {
            black_box(store.today(now, 100).unwrap());
        }));
        results.push(measure(&mut g, "today", size, "limit", |_| {
            black_box(today.run(&limit, &[(":end", &end)]));
        }));

        // Open a prospect with 50 touches: the detail pane in one call.
        let open = Limit::new(include_str!("limits/open_prospect.sql"));
        let heavy = heavy_prospect(&limit);
        let detail = store.prospect_detail(heavy, now).unwrap();
        assert_eq!(detail.touches.len() as u32, dataset::HEAVY_TOUCHES);
        results.push(measure(&mut g, "open", size, "ours", |_| {
            black_box(store.prospect_detail(heavy, now).unwrap());
        }));
        results.push(measure(&mut g, "open", size, "limit", |_| {
            black_box(open.run(&limit, &[(":id", &heavy)]));
        }));
        g.finish();
        drop(store);
        plans = json!({
            "size": size,
            "search": search.plan(&limit, &[(":q", &queries[0].1)]),
            "today": today.plan(&limit, &[(":end", &end)]),
            "open": open.plan(&limit, &[(":id", &heavy)]),
        });

        if size == WRITE_SIZE {
            results.extend(reports(&mut c, &path, now));
            results.extend(writes(&mut c, &path, &limit, now));
        }
    }
    c.final_summary();
    let out = std::env::var_os("FOLLOWTHROUGH_BENCH_RESULTS")
        .map_or_else(|| target_dir().join("bench-results"), PathBuf::from);
    std::fs::create_dir_all(&out).unwrap();
    let write = |name: &str, v: &serde_json::Value| {
        std::fs::write(out.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap();
    };
    results.retain(|r| !r.is_null());
    write("queries.json", &json!(results));
    write("plans.json", &plans);
}

/// The Insights reports (target: each under 200 ms on 100,000 prospects and 1,000,000
/// touches): every report for the view's default twelve weeks, for the whole three years
/// the dataset spans, and the weekly review. One call computes all six reports, so each
/// report's time is at most the call's.
fn reports(c: &mut Criterion, path: &Path, now: DateTime<Utc>) -> Vec<serde_json::Value> {
    let store = Store::open(path).unwrap();
    let today = now.date_naive();
    let period = |days: i64| Filter {
        from: today - chrono::Duration::days(days - 1),
        to: today,
        tag: None,
    };
    let (weeks, years) = (period(84), period(3 * 366));
    let all = store.insights(&years, now).unwrap();
    assert!(
        all.connects.attempts > 900_000,
        "the whole touch log is in the period"
    );
    let mut g = c.benchmark_group(format!("{WRITE_SIZE}-reports"));
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    let mut out = vec![
        measure(&mut g, "insights_12w", WRITE_SIZE, "ours", |_| {
            black_box(store.insights(&weeks, now).unwrap());
        }),
        measure(&mut g, "insights_all", WRITE_SIZE, "ours", |_| {
            black_box(store.insights(&years, now).unwrap());
        }),
        measure(&mut g, "review", WRITE_SIZE, "ours", |_| {
            black_box(store.review(None, now).unwrap());
        }),
    ];
    g.finish();
    out.retain(|r| !r.is_null());
    out
}

/// Logging a touch (with its prospect's next due), and rescheduling everyone, beside the
/// bare SQL of the same writes and reads. Every logged touch is removed again untimed, so
/// the dataset stays as generated.
fn writes(
    c: &mut Criterion,
    path: &Path,
    limit: &Connection,
    now: DateTime<Utc>,
) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut store = Store::open(path).unwrap();
    let mut g = c.benchmark_group(format!("{WRITE_SIZE}-writes"));
    g.sampling_mode(SamplingMode::Flat);
    let store = RefCell::new(&mut store);
    out.push(measure_with_cleanup(&mut g, "log_touch", "ours", |i| {
        let input = TouchInput::new(
            2 + (i % 5_000) as i64,
            Channel::Voicemail,
            Outcome::NoResponse,
        );
        let t = Instant::now();
        let touch = store.borrow_mut().log_touch(input, now).unwrap();
        let took = t.elapsed();
        store.borrow_mut().delete_touch(touch.id, now).unwrap();
        took
    }));
    let log = Limit::new(include_str!("limits/log_touch.sql"));
    let at = now.timestamp_millis();
    out.push(measure_with_cleanup(&mut g, "log_touch", "limit", |i| {
        let id = 2 + (i % 5_000) as i64;
        let t = Instant::now();
        limit.execute_batch("BEGIN IMMEDIATE").unwrap();
        log.run(limit, &[(":id", &id), (":at", &at)]);
        limit.execute_batch("COMMIT").unwrap();
        let took = t.elapsed();
        let touch = limit.last_insert_rowid();
        limit
            .execute("DELETE FROM touches WHERE id = ?1", [touch])
            .unwrap();
        took
    }));
    g.finish();

    // The full reschedule: a settings change with the follow-up blocks moved each time,
    // so every due time changes and is written.
    let mut g = c.benchmark_group(format!("{WRITE_SIZE}-reschedule"));
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    let base = store.borrow().settings().unwrap();
    out.push(measure_with_cleanup(&mut g, "reschedule", "ours", |i| {
        let mut s = base.clone();
        let (a, b) = if i % 2 == 0 { (10, 15) } else { (9, 14) };
        s.week.blocks = vec![
            NaiveTime::from_hms_opt(a, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(b, 30, 0).unwrap(),
        ];
        let t = Instant::now();
        store.borrow_mut().save_settings(s, now).unwrap();
        t.elapsed()
    }));
    let read = Limit::new(include_str!("limits/reschedule.sql"));
    out.push(measure_with_cleanup(&mut g, "reschedule", "limit", |_| {
        let t = Instant::now();
        black_box(read.run(limit, &[]));
        t.elapsed()
    }));
    g.finish();
    store.borrow_mut().save_settings(base, now).unwrap();
    out.retain(|r| !r.is_null());
    for r in &mut out {
        r["size"] = json!(WRITE_SIZE);
    }
    out
}

/// The sizes to run: all of them, or those in FOLLOWTHROUGH_BENCH_SIZES.
fn sizes() -> Vec<u32> {
    match std::env::var("FOLLOWTHROUGH_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(|s| s.trim().parse().expect("sizes are numbers"))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

/// Cargo's target folder, where the datasets and results live.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    )
}

/// The dataset of `size` prospects, generated on first use.
fn dataset_at(size: u32) -> PathBuf {
    let dir = target_dir().join(format!("bench-data/growth-{size}"));
    let path = dir.join(DB_FILE);
    if !path.exists() || !dataset::is_current(&dir) {
        // Made again when the generator has changed since (`dataset::VERSION`).
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let started = Instant::now();
        // Written under another name first: an interrupted run leaves no half dataset.
        let partial = dir.join("generating.sqlite3");
        let _ = std::fs::remove_file(&partial);
        {
            let mut store = Store::open(&partial).unwrap();
            dataset::generate(&mut store, size, size * TOUCHES_EACH, clock::now()).unwrap();
            store.recompute_all(clock::now()).unwrap();
        }
        std::fs::rename(&partial, &path).unwrap();
        dataset::mark_current(&dir).unwrap();
        eprintln!(
            "generated {size} prospects in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// A prospect with exactly the dataset's heavy number of touches.
fn heavy_prospect(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT prospect_id FROM touches GROUP BY prospect_id HAVING count(*) = ?1 LIMIT 1",
        [dataset::HEAVY_TOUCHES],
        |r| r.get(0),
    )
    .unwrap()
}

/// Times `f(i)` call by call inside criterion's samples; returns the figure's summary.
fn measure(
    g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    figure: &str,
    size: u32,
    side: &str,
    mut f: impl FnMut(usize),
) -> serde_json::Value {
    let mut r = measure_with_cleanup(g, figure, side, |i| {
        let t = Instant::now();
        f(i);
        t.elapsed()
    });
    if !r.is_null() {
        r["size"] = json!(size);
    }
    r
}

/// As `measure`, for calls that time themselves (to leave their cleanup out).
fn measure_with_cleanup(
    g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    figure: &str,
    side: &str,
    mut f: impl FnMut(usize) -> Duration,
) -> serde_json::Value {
    // Every batch criterion asks for; the last `SAMPLES` are its measured samples (the
    // ones before are its warm-up).
    let batches: Rc<RefCell<Vec<Vec<Duration>>>> = Rc::default();
    let mut calls = 0usize;
    let record = Rc::clone(&batches);
    g.bench_function(format!("{figure}/{side}"), |b| {
        b.iter_custom(|iters| {
            let mut batch = Vec::with_capacity(iters as usize);
            for _ in 0..iters {
                batch.push(f(calls));
                calls += 1;
            }
            let total = batch.iter().sum();
            record.borrow_mut().push(batch);
            total
        })
    });
    let batches = batches.borrow();
    let samples = batches.len().min(sample_size_of(figure));
    let mut all: Vec<Duration> = batches[batches.len() - samples..]
        .iter()
        .flatten()
        .copied()
        .collect();
    if all.is_empty() {
        // Left out by a filter on the command line.
        return serde_json::Value::Null;
    }
    all.sort();
    let at = |q: f64| ms(all[((all.len() - 1) as f64 * q).round() as usize]);
    json!({
        "figure": figure,
        "side": side,
        "calls": all.len(),
        "median_ms": at(0.5),
        "p95_ms": at(0.95),
        "max_ms": ms(all[all.len() - 1]),
    })
}

fn sample_size_of(figure: &str) -> usize {
    if matches!(
        figure,
        "reschedule" | "insights_12w" | "insights_all" | "review"
    ) {
        10
    } else {
        SAMPLES
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A limit's SQL file: its statements, run in order on a connection of their own.
struct Limit {
    statements: Vec<String>,
}

impl Limit {
    fn new(file: &str) -> Limit {
        let code: String = file
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        Limit {
            statements: code
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    /// `EXPLAIN QUERY PLAN` of each statement, one line per step, indented by depth.
    fn plan(&self, conn: &Connection, params: &[(&str, &dyn ToSql)]) -> Vec<Vec<String>> {
        self.statements
            .iter()
            .map(|sql| {
                let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
                for (name, value) in params {
                    if let Some(i) = stmt.parameter_index(name).unwrap() {
                        stmt.raw_bind_parameter(i, value).unwrap();
                    }
                }
                let mut rows = stmt.raw_query();
                // (id, parent, detail): a step's depth is its parent's plus one.
                let mut depth: Vec<(i64, usize)> = Vec::new();
                let mut lines = Vec::new();
                while let Some(row) = rows.next().unwrap() {
                    let (id, parent, detail): (i64, i64, String) = (
                        row.get(0).unwrap(),
                        row.get(1).unwrap(),
                        row.get(3).unwrap(),
                    );
                    let d = depth
                        .iter()
                        .find(|(i, _)| *i == parent)
                        .map_or(0, |(_, d)| d + 1);
                    depth.push((id, d));
                    lines.push(format!("{}{detail}", "  ".repeat(d)));
                }
                lines
            })
            .collect()
    }

    /// Runs every statement with the named parameters it uses, reading every column of
    /// every row as an owned value (as the app reads its rows into structs). Returns the
    /// first statement's row count and, when the last one is a single number, that number.
    fn run(&self, conn: &Connection, params: &[(&str, &dyn ToSql)]) -> (usize, Option<i64>) {
        let mut first = None;
        let mut last = None;
        for sql in &self.statements {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            for (name, value) in params {
                if let Some(i) = stmt.parameter_index(name).unwrap() {
                    stmt.raw_bind_parameter(i, value).unwrap();
                }
            }
            let columns = stmt.column_count();
            let mut rows = stmt.raw_query();
            let (mut n, mut single) = (0, None);
            while let Some(row) = rows.next().unwrap() {
                for c in 0..columns {
                    let v: Value = row.get(c).unwrap();
                    if let (1, Value::Integer(x)) = (columns, &v) {
                        single = Some(*x);
                    }
                    black_box(v);
                }
                n += 1;
            }
            first.get_or_insert(n);
            last = single;
        }
        (first.unwrap_or(0), last)
    }
}
