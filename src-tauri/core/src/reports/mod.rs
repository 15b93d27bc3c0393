//! Insights: how the user's follow-up measures up against the seeds' claims, as pure
//! functions of the book's history. `store::reports` loads a `History` (every prospect's
//! facts, the touch log, the stage and status changes) and calls `insights` or `review`;
//! nothing here reads SQLite or the clock, so each report is tested on a fixed history
//! with known answers.
//!
//! Every number that names people carries a `cell`: the key under which `Cells` keeps
//! their ids, so a click on the number lists exactly the people it counted.

mod build;
mod cells;
mod days;
mod review;

pub use build::insights;
pub use review::{review, NextThing, Review, ReviewWeek};

use crate::cadence::calendar::WorkWeek;
use crate::model::{Channel, Outcome, Source, Stage, Status};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The seeds' range of touchpoints it takes to reach a first meeting (seed 001).
pub const SEEDS_TOUCHES: (u32, u32) = (8, 12);
/// The share of sellers who stop after one attempt (seed 002), as a fraction.
pub const SEEDS_ONE_HIT: f64 = 0.48;
/// A web lead answered within this many minutes converts far better (seed 003).
pub const LEAD_MINUTES: i64 = 5;
/// Stopping before this many touchpoints is stopping early (seed 002).
pub const EARLY_STOP_TOUCHES: u32 = 5;
/// A prospect tried once and left this long is a one-hit wonder (seed 002): the One-hit
/// wonders queue and the persistence report both count by it.
pub const ONE_HIT_AFTER_DAYS: i64 = 7;
/// The longest period a report covers, in days (about five years).
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;
/// Histogram buckets: 1 … LAST-1, then "LAST+".
const TOUCH_BUCKETS: u32 = 15;
const ATTEMPT_BUCKETS: u32 = 12;

/// What the reports look at: a period of days (inclusive, in the user's zone) and
/// optionally one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub tag: Option<String>,
}

/// One prospect as the reports need it. Times are milliseconds since the epoch (UTC),
/// as stored: a million touches are walked, so nothing is converted until it is counted.
#[derive(Debug, Clone, PartialEq)]
pub struct ProspectFacts {
    pub id: i64,
    pub created_at: i64,
    pub source: Source,
    pub stage: Stage,
    pub status: Status,
    pub paused: bool,
    pub next_due_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TouchFact {
    pub prospect_id: i64,
    pub at: i64,
    pub channel: Channel,
    pub outcome: Outcome,
    /// A touchpoint: something the prospect received (see `Channel::counts`).
    pub counts: bool,
    /// The prospect reached us; not an attempt of ours.
    pub inbound: bool,
    /// The due this touch answered (see `answered`).
    pub due_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeFact {
    pub prospect_id: i64,
    pub at: i64,
    pub before: (Stage, Status),
    pub after: (Stage, Status),
}

/// A book's history, or a part of it: prospects sorted by id; touches and changes sorted
/// by prospect, then time (the order the store reads them in).
///
/// The reports take a book as a list of parts, each a run of prospects by id after the
/// one before, with their own touches and changes: the store reads a large book in parts
/// on as many connections at once, and the reports walk the parts on as many threads
/// (`walk_parts`). A small book is one part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub prospects: Vec<ProspectFacts>,
    pub touches: Vec<TouchFact>,
    pub changes: Vec<ChangeFact>,
}

/// What the reports need besides the history: now, the user's week (its zone) and the
/// longest gap the cadence allows while pursuing (Stalled's threshold).
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub now: DateTime<Utc>,
    pub week: &'a WorkWeek,
    pub max_gap_days: u32,
}

/// The people behind each clickable number, by its `cell` key.
pub type Cells = BTreeMap<String, Vec<i64>>;

/// A histogram bar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// "1", "2", … or "15+".
    pub label: String,
    pub count: u32,
    pub cell: String,
}

/// Touches to a result: how many touchpoints a first meeting and a won deal took.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToResult {
    pub meetings: Vec<Bucket>,
    pub won: Vec<Bucket>,
    pub meetings_total: u32,
    pub won_total: u32,
    pub meetings_median: Option<f64>,
    pub won_median: Option<f64>,
    /// Results reached within the seeds' 8–12.
    pub meetings_in_range: u32,
    pub seeds: (u32, u32),
}

/// Persistence: how many attempts prospects who never answered were given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Persistence {
    /// Prospects first tried in the period, at least a week ago (the denominator).
    pub tried: u32,
    pub one_hit: u32,
    pub one_hit_rate: Option<f64>,
    pub seeds_one_hit: f64,
    /// Never answered, stopped (no longer pursued, or left past the longest gap) with
    /// fewer than five touchpoints.
    pub stopped_early: u32,
    /// Attempts per never-answered prospect.
    pub quiet: Vec<Bucket>,
}

/// Speed to lead, for inbound web leads that arrived in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeedToLead {
    pub leads: u32,
    /// Not contacted yet.
    pub waiting: u32,
    /// First touched later than `minutes` after arriving.
    pub late: u32,
    pub median_minutes: Option<f64>,
    pub within: u32,
    pub within_share: Option<f64>,
    pub minutes: i64,
    pub weeks: Vec<SpeedWeek>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeedWeek {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    pub leads: u32,
    pub median_minutes: Option<f64>,
    pub within_share: Option<f64>,
}

/// Blocks kept: the follow-ups due each week, done on their day, done later, or still
/// overdue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockWeek {
    pub week: NaiveDate,
    pub on_time: u32,
    pub late: u32,
    pub overdue: u32,
}

/// What connects: the share of our attempts that got an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Connects {
    pub attempts: u32,
    pub connects: u32,
    pub rate: Option<f64>,
    pub by_channel: Vec<ChannelRate>,
    /// Weekday (0 = Monday) × hour, local; only the cells with attempts.
    pub heat: Vec<HeatCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelRate {
    pub channel: Channel,
    pub attempts: u32,
    pub connects: u32,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatCell {
    pub weekday: u8,
    pub hour: u8,
    pub attempts: u32,
    pub connects: u32,
}

/// The pipeline as it stood at the end of each week of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pipeline {
    pub weeks: Vec<PipelineWeek>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineWeek {
    pub week: NaiveDate,
    /// Counts in `Status::ALL` order.
    pub by_status: Vec<u32>,
    /// Counts in `Stage::ALL` order.
    pub by_stage: Vec<u32>,
    pub stalled: u32,
}

/// Every report for one filter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub filter: Filter,
    pub prospects: u32,
    pub to_result: ToResult,
    pub persistence: Persistence,
    pub speed: SpeedToLead,
    pub blocks: Vec<BlockWeek>,
    pub connects: Connects,
    pub pipeline: Pipeline,
}

/// Walks each part of a book on its own thread (the first on this one) and merges the
/// walks in part order, so every list of ids comes out in prospect order, as from one
/// walk of the whole. The tests check that any split gives the same reports.
fn walk_parts<T: Send>(
    book: &[History],
    walk: impl Fn(&History) -> T + Sync,
    merge: impl Fn(T, T) -> T,
) -> T {
    let Some((first, rest)) = book.split_first() else {
        return walk(&History::default());
    };
    std::thread::scope(|s| {
        let walk = &walk;
        let others: Vec<_> = rest
            .iter()
            .map(|part| s.spawn(move || walk(part)))
            .collect();
        let mut out = walk(first);
        for other in others {
            // A walk only panics on a bug; carry that panic to the caller as it was.
            let next = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            out = merge(out, next);
        }
        out
    })
}

/// Whether an outcome means the prospect answered: anything but silence.
pub fn connects(outcome: Outcome) -> bool {
    outcome != Outcome::NoResponse
}

/// The due a touch answers: the prospect's due instant when the touch is logged, if it
/// was due by the end of the touch's day and the touch is ours (a prospect reaching us
/// does not do our follow-up).
pub fn answered(
    due: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
    inbound: bool,
    week: &WorkWeek,
) -> Option<DateTime<Utc>> {
    let due = due.filter(|_| !inbound)?;
    (week.local_date(due) <= week.local_date(at)).then_some(due)
}

/// The due a logged touch answered (`answered`, as stored).
fn answered_by(t: &TouchFact) -> Option<i64> {
    t.due_at.filter(|_| !t.inbound)
}

/// The Monday of the week a date falls in.
pub fn week_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday().into())
}

/// Checks a filter: a real period, not reversed, not longer than `MAX_PERIOD_DAYS`.
pub fn check(filter: &Filter) -> crate::Result<()> {
    if filter.to < filter.from {
        return Err(crate::Error::invalid(
            "from",
            "The period ends before it starts.",
        ));
    }
    if (filter.to - filter.from).num_days() >= MAX_PERIOD_DAYS {
        return Err(crate::Error::invalid(
            "from",
            "Choose a period of five years or less.",
        ));
    }
    Ok(())
}

/// The median of some values (sorted here), `None` for none.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

#[cfg(test)]
mod tests;
