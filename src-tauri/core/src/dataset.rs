//! A deterministic synthetic prospect database, for benchmarks and the launch-time
//! measurement (see BENCHMARKS.md). Built behind the `dataset` feature only.
//!
//! It writes through one transaction with prepared statements rather than the public
//! API: a hundred thousand separate transactions would measure the disk, not the app.

use crate::error::Result;
use crate::model::{Channel, Outcome, Source, Stage, Status};
use crate::store::{name_key_for_dataset, to_ms, Store};
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

const FIRST: &[&str] = &[
    "Jenny", "Marcus", "Priya", "Tom", "Aisha", "Diego", "Hannah", "Kenji", "Olivia", "Samuel",
    "Fatima", "Lukas", "Chloe", "Ravi", "Grace", "Mateo", "Nora", "Omar", "Zoe", "Ethan",
];
const LAST: &[&str] = &[
    "Lee",
    "Okafor",
    "Patel",
    "Nguyen",
    "Schmidt",
    "Garcia",
    "Kowalski",
    "Tanaka",
    "Brown",
    "Haddad",
    "Rossi",
    "Novak",
    "Silva",
    "Murphy",
    "Johansson",
    "Dubois",
    "Kim",
    "Adeyemi",
];
const COMPANY_A: &[&str] = &[
    "Acme",
    "Northwind",
    "Bluebird",
    "Summit",
    "Harbor",
    "Evergreen",
    "Lakeside",
    "Pioneer",
    "Redwood",
    "Granite",
    "Silverline",
    "Keystone",
    "Brightpath",
    "Ironwood",
    "Maple",
];
const COMPANY_B: &[&str] = &[
    "Dental",
    "Logistics",
    "Roofing",
    "Insurance",
    "Realty",
    "Bakery",
    "Fitness",
    "Legal",
    "Plumbing",
    "Studios",
    "Motors",
    "Health",
    "Consulting",
    "Foods",
    "Labs",
];
const TAGS: &[&str] = &[
    "chicago",
    "dental",
    "warm",
    "conference-2026",
    "referral",
    "enterprise",
    "smb",
    "renewal",
    "west",
    "east",
];

/// What was generated, for the benchmark's report.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub prospects: u32,
    pub touches: u32,
    /// A prospect known to have exactly `HEAVY_TOUCHES` touches.
    pub heavy_prospect: i64,
}

/// What `generate` writes, as a number: raised whenever its output changes, so the
/// benchmarks make their stored datasets again rather than measure an older book.
pub const VERSION: u32 = 2;
/// The file beside a generated dataset that holds its `VERSION`.
const VERSION_FILE: &str = "dataset-version";

/// Whether the dataset in `dir` was written by this `generate`.
pub fn is_current(dir: &std::path::Path) -> bool {
    std::fs::read_to_string(dir.join(VERSION_FILE))
        .ok()
        .and_then(|v| v.trim().parse().ok())
        == Some(VERSION)
}

/// Notes in `dir` that its dataset was written by this `generate`.
pub fn mark_current(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::write(dir.join(VERSION_FILE), format!("{VERSION}\n"))
}

/// The touch count of the "heavy" prospects the detail benchmark opens.
pub const HEAVY_TOUCHES: u32 = 50;

/// Fills an empty store with `prospects` prospects and `touches` touches in all.
pub fn generate(
    store: &mut Store,
    prospects: u32,
    touches: u32,
    now: DateTime<Utc>,
) -> Result<Generated> {
    let mut rng = fastrand::Rng::with_seed(0x5EED);
    let tx = store.write()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO prospects (id, name, name_key, company, title, emails, phones, source, \
             stage, status, status_reason, notes, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        )?;
        let mut tag =
            tx.prepare("INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?1, ?2)")?;
        let mut fts = tx.prepare(
            "INSERT INTO prospect_search (rowid, name, company, tags, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for id in 1..=i64::from(prospects) {
            let name = format!(
                "{} {}{}",
                pick(&mut rng, FIRST),
                pick(&mut rng, LAST),
                // A numeric suffix keeps names varied enough that prefixes are selective.
                if id % 3 == 0 {
                    format!(" {}", id % 997)
                } else {
                    String::new()
                }
            );
            let company = format!(
                "{} {} {}",
                pick(&mut rng, COMPANY_A),
                pick(&mut rng, COMPANY_B),
                id % 211
            );
            let status = if id % 10 == 0 {
                Status::Client
            } else if id % 7 == 0 {
                Status::Nurture
            } else {
                Status::Active
            };
            let stage = Stage::ALL[rng.usize(..Stage::ALL.len())];
            let source = Source::ALL[rng.usize(..Source::ALL.len())];
            let tags: Vec<&str> = (0..rng.usize(0..3)).map(|_| pick(&mut rng, TAGS)).collect();
            let notes = format!(
                "Met at {} ; interested in {}",
                pick(&mut rng, TAGS),
                pick(&mut rng, COMPANY_B)
            );
            let email = format!(
                "[\"{}@example.com\"]",
                name_key_for_dataset(&name).replace(' ', ".")
            );
            insert.execute(params![
                id,
                name,
                name_key_for_dataset(&name),
                company,
                "Owner",
                email,
                "[\"+1 555 0100\"]",
                source,
                stage,
                status,
                "",
                notes,
                to_ms(now - Duration::days(rng.i64(30..2000)))
            ])?;
            for t in &tags {
                tag.execute(params![id, t])?;
            }
            fts.execute(params![id, name, company, tags.join(" "), notes])?;
        }
    }
    {
        let mut insert = tx.prepare(
            "INSERT INTO touches (prospect_id, at, channel, outcome, note, counts, created_at, due_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?2, ?7)",
        )?;
        // Every 1000th prospect gets exactly HEAVY_TOUCHES touches; the rest share what is
        // left of the budget at random.
        let heavy: Vec<i64> = (1..=i64::from(prospects))
            .filter(|id| id % 1000 == 1)
            .collect();
        let mut written: u32 = 0;
        let mut write = |pid: i64, rng: &mut fastrand::Rng| -> rusqlite::Result<()> {
            let channel = Channel::ALL[rng.usize(..Channel::ALL.len())];
            let outcome = Outcome::ALL[rng.usize(..4)];
            let at = now - Duration::minutes(rng.i64(60..(3 * 365 * 24 * 60)));
            // Two touches in three answered a due, up to three days before (for the
            // reports); worked out from the touch's time so the random stream, and with
            // it every other column, is the same as before this column existed.
            let minute = at.timestamp() / 60;
            let due = (minute % 3 != 0).then(|| to_ms(at - Duration::minutes(minute % 4320)));
            insert.execute(params![
                pid,
                to_ms(at),
                channel,
                outcome,
                "Left a message about the spring promotion",
                channel.counts(),
                due
            ])?;
            Ok(())
        };
        for &pid in &heavy {
            for _ in 0..HEAVY_TOUCHES {
                if written < touches {
                    write(pid, &mut rng)?;
                    written += 1;
                }
            }
        }
        while written < touches {
            let pid = rng.i64(1..=i64::from(prospects));
            if pid % 1000 != 1 {
                write(pid, &mut rng)?;
                written += 1;
            }
        }
    }
    tx.execute_batch(
        "UPDATE prospects SET \
           attempts = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id), \
           touchpoints = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id AND counts = 1), \
           last_touch_at = (SELECT max(at) FROM touches t WHERE t.prospect_id = prospects.id AND counts = 1);",
    )?;
    tx.commit()?;
    store.conn.execute_batch("ANALYZE; PRAGMA optimize;")?;
    Ok(Generated {
        prospects,
        touches,
        heavy_prospect: 1,
    })
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}
