//! The weekly review: this week's numbers beside the four weeks before, and the one
//! thing to do next.

use super::build::{self, named, per_prospect, Walk};
use super::days::{day_start, local_date};
use super::{answered_by, connects, median, walk_parts, week_of, Cells, Context, Filter, History};
use crate::model::{Outcome, Source};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Weeks in the review: this one and the four before it.
pub const REVIEW_WEEKS: usize = 5;
/// "This month", for the one thing to do next.
const MONTH_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewWeek {
    /// The Monday the week starts on.
    pub week: NaiveDate,
    /// Our attempts (touches that weren't the prospect reaching us).
    pub attempts: u32,
    pub touchpoints: u32,
    pub connects: u32,
    pub meetings: u32,
    pub won: u32,
    pub new_prospects: u32,
    pub leads: u32,
    pub lead_median_minutes: Option<f64>,
    /// Follow-ups due that week, done on their day and done later.
    pub on_time: u32,
    pub late: u32,
}

/// The one thing to do next, with the people it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextThing {
    pub text: String,
    pub count: u32,
    pub cell: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// This week first.
    pub weeks: Vec<ReviewWeek>,
    pub next: NextThing,
}

/// The weekly review of a book (given in parts, see `History`), narrowed to `tag`.
pub fn review(book: &[History], tag: Option<String>, cx: &Context) -> (Review, Cells) {
    let today = local_date(cx.week.zone, cx.now.timestamp_millis());
    let this_week = week_of(today);
    let weeks: Vec<NaiveDate> = (0..REVIEW_WEEKS as i64)
        .map(|i| this_week - Duration::days(7 * i))
        .collect();
    // This month's stragglers, counted as the reports count them.
    let month = Filter {
        from: today - Duration::days(MONTH_DAYS - 1),
        to: today,
        tag,
    };
    let Tally {
        mut rows,
        mut lead_minutes,
        overdue: overdue_ids,
        month: month_walk,
    } = walk_parts(
        book,
        |part| Tally::walk(part, &weeks, &month, cx),
        Tally::merge,
    );
    for (row, minutes) in rows.iter_mut().zip(&mut lead_minutes) {
        row.lead_median_minutes = median(minutes);
    }
    let (_, month_cells) = month_walk.finish(&month);
    let mut cells = Cells::new();
    let overdue = overdue_ids.len() as u32;
    if overdue > 0 {
        cells.insert("review:overdue".into(), overdue_ids);
    }
    let (waiting, one_hit, stopped) = (
        named(&month_cells, "leads_waiting"),
        named(&month_cells, "one_hit"),
        named(&month_cells, "stopped_early"),
    );
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    // The first of these that names anyone is the one thing to do next.
    let candidates = [
        (
            waiting,
            "leads_waiting",
            plural(waiting, "inbound lead is", "inbound leads are")
                + " waiting for a first touch — the first five minutes count most. Call them now.",
        ),
        (
            overdue,
            "review:overdue",
            plural(overdue, "follow-up is", "follow-ups are")
                + " overdue — clear them in your next follow-up block.",
        ),
        (
            one_hit,
            "one_hit",
            plural(one_hit, "prospect stopped", "prospects stopped")
                + " at 1 attempt this month — here they are. A second touch is where most give up.",
        ),
        (
            stopped,
            "stopped_early",
            plural(stopped, "prospect was stopped", "prospects were stopped")
                + " before 5 touches this month — most meetings take 8 to 12.",
        ),
    ];
    let next = candidates
        .into_iter()
        .find(|(count, _, _)| *count > 0)
        .map_or_else(
            || NextThing {
                text: format!(
                    "Nothing is slipping: {} this week. Keep your follow-up blocks.",
                    plural(rows[0].attempts, "touch", "touches")
                ),
                count: 0,
                cell: None,
            },
            |(count, cell, text)| NextThing {
                text,
                count,
                cell: Some(cell.into()),
            },
        );
    for key in ["leads_waiting", "one_hit", "stopped_early"] {
        if let Some(ids) = month_cells.get(key) {
            cells.insert(key.into(), ids.clone());
        }
    }
    (Review { weeks: rows, next }, cells)
}

/// One part's review, before the parts are merged.
struct Tally {
    /// This week first.
    rows: Vec<ReviewWeek>,
    lead_minutes: Vec<Vec<f64>>,
    /// The prospects overdue now.
    overdue: Vec<i64>,
    /// This month's reports, for the stragglers.
    month: Walk,
}

impl Tally {
    fn walk(part: &History, weeks: &[NaiveDate], month: &Filter, cx: &Context) -> Tally {
        let zone = cx.week.zone;
        let now = cx.now.timestamp_millis();
        let today = local_date(zone, now);
        // `weeks` is the review's five, this one first.
        let this_week = weeks[0];
        let start = day_start(zone, weeks[weeks.len() - 1]);
        let index = |ms: i64| -> Option<usize> {
            if !(start..=now).contains(&ms) {
                return None;
            }
            let i = (this_week - week_of(local_date(zone, ms))).num_days() / 7;
            usize::try_from(i).ok().filter(|&i| i < weeks.len())
        };
        let mut rows: Vec<ReviewWeek> = weeks
            .iter()
            .map(|&week| ReviewWeek {
                week,
                attempts: 0,
                touchpoints: 0,
                connects: 0,
                meetings: 0,
                won: 0,
                new_prospects: 0,
                leads: 0,
                lead_median_minutes: None,
                on_time: 0,
                late: 0,
            })
            .collect();
        let mut lead_minutes = vec![Vec::new(); weeks.len()];
        let mut overdue = Vec::new();
        for (p, touches, _) in per_prospect(part) {
            if let Some(w) = index(p.created_at) {
                rows[w].new_prospects += 1;
                if p.source == Source::InboundWeb {
                    rows[w].leads += 1;
                    if let Some(first) = touches.iter().find(|t| !t.inbound) {
                        lead_minutes[w].push((first.at - p.created_at).max(0) as f64 / 60_000.0);
                    }
                }
            }
            for t in touches {
                if let Some(w) = index(t.at) {
                    let row = &mut rows[w];
                    if !t.inbound {
                        row.attempts += 1;
                        row.touchpoints += u32::from(t.counts);
                        row.connects += u32::from(connects(t.outcome));
                    }
                    row.meetings += u32::from(t.outcome == Outcome::MeetingSet);
                    row.won += u32::from(t.outcome == Outcome::Yes);
                }
                if let Some(due) = answered_by(t) {
                    if let Some(w) = index(due) {
                        if local_date(zone, t.at) <= local_date(zone, due) {
                            rows[w].on_time += 1;
                        } else {
                            rows[w].late += 1;
                        }
                    }
                }
            }
            if p.next_due_at.is_some_and(|d| local_date(zone, d) < today) {
                overdue.push(p.id);
            }
        }
        Tally {
            rows,
            lead_minutes,
            overdue,
            month: build::walk(part, month, cx),
        }
    }

    /// Adds the next part's tally (of later prospects) to this one.
    fn merge(mut self, next: Tally) -> Tally {
        for (mine, theirs) in self.rows.iter_mut().zip(next.rows) {
            mine.attempts += theirs.attempts;
            mine.touchpoints += theirs.touchpoints;
            mine.connects += theirs.connects;
            mine.meetings += theirs.meetings;
            mine.won += theirs.won;
            mine.new_prospects += theirs.new_prospects;
            mine.leads += theirs.leads;
            mine.on_time += theirs.on_time;
            mine.late += theirs.late;
        }
        for (mine, theirs) in self.lead_minutes.iter_mut().zip(next.lead_minutes) {
            mine.extend(theirs);
        }
        self.overdue.extend(next.overdue);
        self.month = self.month.merge(next.month);
        self
    }
}
