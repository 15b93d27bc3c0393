//! Benchmark (scripts/bench, not CI): the memory of the app and its WebKit processes
//! beside the empty Tauri window built from the same Tauri (bench/window), both started
//! the same way, through WebDriver, under the same Xvfb.
//!
//! For the app: after the list of a 100,000-prospect book is on screen, and again after
//! scrolling the whole list, a page at a time, every row drawn. Rounds alternate between
//! the two binaries. Figures are PSS (each shared page split among the processes that
//! map it), summed over the process and everything it started, from
//! /proc/PID/smaps_rollup; written to the results folder as memory.json.
//!
//! Needs FOLLOWTHROUGH_BENCH_APP and FOLLOWTHROUGH_BENCH_WINDOW (the two release
//! binaries), FOLLOWTHROUGH_BENCH_DATA (the book's folder) and
//! FOLLOWTHROUGH_BENCH_RESULTS (where to write).

use crate::harness::{session_of, App, Driver};
use serde_json::json;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Ten, as every whole-app figure: each round is a launch of each binary.
const ROUNDS: usize = 10;
/// Memory settles for this long before it is read: start-up frees what it only needed
/// once, and the page's first garbage collection runs.
const SETTLE: Duration = Duration::from_secs(3);

#[tokio::test]
#[ignore = "benchmark: run by scripts/bench"]
async fn bench_memory() {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set (scripts/bench sets it)"))
    };
    let app_bin = var("FOLLOWTHROUGH_BENCH_APP");
    let window_bin = var("FOLLOWTHROUGH_BENCH_WINDOW");
    let data = var("FOLLOWTHROUGH_BENCH_DATA");
    let results = PathBuf::from(var("FOLLOWTHROUGH_BENCH_RESULTS"));

    let (mut window, mut opened, mut scrolled) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = 0;
    for round in 0..ROUNDS {
        let _driver = Driver::start();
        let empty = session_of(&window_bin, &[]).await;
        ready(&empty).await;
        tokio::time::sleep(SETTLE).await;
        window.push(tree_pss_mib(Path::new(&window_bin)));
        empty.quit().await;

        let app = session_of(&app_bin, &["--data-dir".into(), data.clone()]).await;
        ready(&app).await;
        tokio::time::sleep(SETTLE).await;
        opened.push(tree_pss_mib(Path::new(&app_bin)));
        // The app opens on Today; the whole book is under All prospects.
        app.click("[data-view=all]").await;
        app.wait_until(
            "the list's first rows",
            "return !document.getElementById('list').hidden && !!document.querySelector('#list .row:not(.placeholder)')",
        )
        .await;
        rows = scroll_the_whole_list(&app).await;
        tokio::time::sleep(SETTLE).await;
        scrolled.push(tree_pss_mib(Path::new(&app_bin)));
        app.quit().await;
        println!(
            "round {}: empty window {:.1} MiB; app {:.1} MiB opened, {:.1} MiB after {rows} rows",
            round + 1,
            window[round],
            opened[round],
            scrolled[round]
        );
    }
    std::fs::create_dir_all(&results).unwrap();
    std::fs::write(
        results.join("memory.json"),
        serde_json::to_string_pretty(&json!({
            "rounds": ROUNDS,
            "rows_scrolled": rows,
            "window_mib": window,
            "opened_mib": opened,
            "scrolled_mib": scrolled,
        }))
        .unwrap(),
    )
    .unwrap();
}

async fn ready(app: &App) {
    app.wait_until(
        "the page to be ready",
        "return document.body.dataset.ready === 'true'",
    )
    .await;
}

/// Scrolls the prospect list from top to bottom a page of rows at a time, waiting at
/// each step until every row in view is drawn (no placeholders); the rows passed.
async fn scroll_the_whole_list(app: &App) -> u64 {
    const STEP: &str = r#"
        const done = arguments[arguments.length - 1];
        const list = document.getElementById('list');
        const rowHeight = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--row-h')) || 60;
        list.scrollTop += Math.max(list.clientHeight, 100 * rowHeight);
        const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
        const started = Date.now();
        (function drawn() {
            if (!list.querySelector('.row.placeholder')) {
                done({ atEnd, rows: Math.round((list.scrollTop + list.clientHeight) / rowHeight) });
            } else if (Date.now() - started > 10000) {
                done({ error: 'rows still loading after 10 s' });
            } else {
                setTimeout(drawn, 2);
            }
        })();
    "#;
    let started = Instant::now();
    loop {
        let step = app
            .c
            .execute_async(STEP, vec![])
            .await
            .expect("a scroll step");
        assert!(step.get("error").is_none(), "{step}");
        if step["atEnd"] == json!(true) {
            let rows = step["rows"].as_u64().unwrap_or(0);
            println!(
                "scrolled {rows} rows in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            return rows;
        }
    }
}

/// PSS of the process running `binary` and of every process it started, in MiB.
fn tree_pss_mib(binary: &Path) -> f64 {
    let binary = binary
        .canonicalize()
        .expect("the benchmarked binary exists");
    let mut parent_of: HashMap<u32, u32> = HashMap::new();
    let mut root = None;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read
        // after the last ')'.
        let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
        else {
            continue;
        };
        parent_of.insert(pid, ppid);
        if std::fs::read_link(entry.path().join("exe")).ok().as_deref() == Some(&binary) {
            assert!(root.is_none(), "two processes run {}", binary.display());
            root = Some(pid);
        }
    }
    let root = root.unwrap_or_else(|| panic!("{} is not running", binary.display()));
    let in_tree = |mut pid: u32| loop {
        if pid == root {
            return true;
        }
        match parent_of.get(&pid) {
            Some(&parent) if parent != pid && parent != 0 => pid = parent,
            _ => return false,
        }
    };
    let mut total_kib = 0u64;
    let mut parts = Vec::new();
    for &pid in parent_of.keys().filter(|&&pid| in_tree(pid)) {
        let kib: u64 = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Pss:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0);
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        parts.push(format!("{} {:.0} MiB", name.trim(), kib as f64 / 1024.0));
        total_kib += kib;
    }
    // Which process holds what: the first thing to look at when the figure moves.
    println!("  {}: {}", binary.display(), parts.join(", "));
    total_kib as f64 / 1024.0
}

/// How many times Insights is opened and timed (the first includes loading its module).
const OPENINGS: usize = 10;

/// Insights on the 100,000-prospect book (1,000,000 touches): from the I key's action to
/// the reports drawn and two frames later (on screen), `OPENINGS` times, leaving for
/// Today between openings. Written to insights.json. Needs FOLLOWTHROUGH_BENCH_APP,
/// FOLLOWTHROUGH_BENCH_DATA and FOLLOWTHROUGH_BENCH_RESULTS.
#[tokio::test]
#[ignore = "benchmark: run by scripts/bench"]
async fn bench_insights_paint() {
    let var = |name: &str| {
        std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set (scripts/bench sets it)"))
    };
    let (app_bin, data) = (
        var("FOLLOWTHROUGH_BENCH_APP"),
        var("FOLLOWTHROUGH_BENCH_DATA"),
    );
    let results = PathBuf::from(var("FOLLOWTHROUGH_BENCH_RESULTS"));
    let _driver = Driver::start();
    let app = session_of(&app_bin, &["--data-dir".into(), data]).await;
    ready(&app).await;
    let mut open_ms = Vec::new();
    for _ in 0..OPENINGS {
        let took = app
            .c
            .execute_async(
                "const done = arguments[0];
                 const body = () => document.getElementById('insights-body');
                 const before = body()?.dataset.ready ?? '';
                 import('./js/actions.js').then((m) => {
                   const t0 = performance.now();
                   m.actions.insights();
                   const check = () => {
                     const b = body();
                     if (b && b.dataset.ready && b.dataset.ready !== before) {
                       requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
                     } else setTimeout(check, 2);
                   };
                   check();
                 });",
                vec![],
            )
            .await
            .expect("Insights opens");
        open_ms.push(took.as_f64().expect("a time in ms"));
        app.js("import('./js/actions.js').then((m) => m.actions.today()); return true;")
            .await;
        app.wait_until(
            "Insights put away",
            "return document.getElementById('insights').hidden",
        )
        .await;
        // Back on Today, the queues reload; a user does not come straight back, so the
        // next opening waits for them (a call behind them, then a moment) rather than
        // timing its call queued behind theirs.
        app.c
            .execute_async(
                "const done = arguments[0];
                 import('./js/api.js').then((api) => api.queue('today', 1))
                   .then(() => setTimeout(() => done(true), 300));",
                vec![],
            )
            .await
            .expect("the queues settle");
    }
    // The same period's reports alone, through the same IPC call, without drawing:
    // what of the opening is the core's and what is the window's.
    let mut call_ms = Vec::new();
    for _ in 0..OPENINGS {
        let took = app
            .c
            .execute_async(
                "const done = arguments[0];
                 Promise.all([import('./js/api.js'), import('./js/reports.js')]).then(([api, r]) => {
                   const filter = r.filterFor({ period: '12w', from: '', to: '', tag: '' });
                   const t0 = performance.now();
                   api.insights(filter).then(() => done(performance.now() - t0));
                 });",
                vec![],
            )
            .await
            .expect("the reports come back");
        call_ms.push(took.as_f64().expect("a time in ms"));
    }
    app.quit().await;
    println!("Insights on screen after opening: {open_ms:.0?} ms");
    println!("of which the reports' call: {call_ms:.0?} ms");
    std::fs::create_dir_all(&results).unwrap();
    std::fs::write(
        results.join("insights.json"),
        serde_json::to_string_pretty(&json!({ "open_ms": open_ms, "call_ms": call_ms })).unwrap(),
    )
    .unwrap();
}
