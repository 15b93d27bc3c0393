//! Writes the benchmark dataset to a file:
//! `cargo run -p followthrough-core --release --features dataset --example gen_dataset -- DIR [PROSPECTS] [TOUCHES]`
//! DIR becomes a data folder the app can open with `--data-dir DIR`.
//! With `--nothing-due` every prospect is snoozed for 30 days (the idle-CPU benchmark).

#![allow(clippy::unwrap_used)] // Test and tool code: a failed unwrap is a failed run.

use followthrough_core::{clock, dataset, store, Store};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let nothing_due = std::env::args().any(|a| a == "--nothing-due");
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: gen_dataset DIR [PROSPECTS] [TOUCHES]")?,
    );
    let prospects: u32 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(100_000);
    let touches: u32 = args
        .next()
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let path = dir.join(store::DB_FILE);
    if path.exists() {
        return Err(format!("{} already exists; remove it first", path.display()).into());
    }
    let started = Instant::now();
    let mut store = Store::open(&path)?;
    let g = dataset::generate(&mut store, prospects, touches, clock::now())?;
    store.recompute_all(clock::now())?;
    if nothing_due {
        let until = clock::now() + chrono::Duration::days(30);
        for id in 1..=i64::from(prospects) {
            store.snooze(id, Some(until), clock::now())?;
        }
    }
    dataset::mark_current(&dir)?;
    println!(
        "wrote {} prospects and {} touches to {} in {:.1} s",
        g.prospects,
        g.touches,
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
