//! The reports for one filter, in one walk through the history: each prospect's touches
//! and changes are looked at once, and every report takes what it needs from them.

use super::cells::{Cell, Slots};
use super::days::{day_start, local_date, weekday_hour, Days};
use super::{
    answered_by, connects, median, share, walk_parts, week_of, BlockWeek, Bucket, Cells,
    ChangeFact, ChannelRate, Connects, Context, Filter, HeatCell, History, Insights, Persistence,
    Pipeline, PipelineWeek, ProspectFacts, SpeedToLead, SpeedWeek, ToResult, TouchFact,
    ATTEMPT_BUCKETS, EARLY_STOP_TOUCHES, LEAD_MINUTES, ONE_HIT_AFTER_DAYS, SEEDS_ONE_HIT,
    SEEDS_TOUCHES, TOUCH_BUCKETS,
};
use crate::model::{Channel, Outcome, Source, Stage, Status};
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::Tz;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// Every report for `filter` over a book (already narrowed to the filter's tag), given
/// in parts (see `walk_parts`).
pub fn insights(book: &[History], filter: &Filter, cx: &Context) -> (Insights, Cells) {
    walk_parts(book, |part| walk(part, filter, cx), Walk::merge).finish(filter)
}

/// One part's walk, not yet finished (so parts can be merged first).
pub(super) fn walk(part: &History, filter: &Filter, cx: &Context) -> Walk {
    let mut walk = Walk::new(filter, cx);
    for (p, touches, changes) in per_prospect(part) {
        walk.prospect(p, touches, changes);
    }
    walk
}

/// Each prospect with its own touches and changes (all three are sorted by prospect).
pub(super) fn per_prospect(
    history: &History,
) -> impl Iterator<Item = (&ProspectFacts, &[TouchFact], &[ChangeFact])> {
    let (mut t, mut c) = (0, 0);
    history.prospects.iter().map(move |p| {
        let touches = take(&history.touches, &mut t, p.id, |x| x.prospect_id);
        let changes = take(&history.changes, &mut c, p.id, |x| x.prospect_id);
        (p, touches, changes)
    })
}

/// The run of `items` from `*at` on that belongs to prospect `id`, skipping any that
/// belong to prospects before it (not in the history's list).
fn take<'a, T>(items: &'a [T], at: &mut usize, id: i64, of: impl Fn(&T) -> i64) -> &'a [T] {
    while *at < items.len() && of(&items[*at]) < id {
        *at += 1;
    }
    let start = *at;
    while *at < items.len() && of(&items[*at]) == id {
        *at += 1;
    }
    &items[start..*at]
}

/// The histogram bucket (1 … `last`, the last one open-ended) a count falls in.
fn bucket_of(n: u32, last: u32) -> u32 {
    n.clamp(1, last)
}

/// A histogram of `n` buckets; each bucket's count is the people its cell names.
fn buckets(cells: &Cells, prefix: &str, n: u32) -> Vec<Bucket> {
    (1..=n)
        .map(|i| {
            let cell = format!("{prefix}:{i}");
            Bucket {
                label: if i == n {
                    format!("{i}+")
                } else {
                    i.to_string()
                },
                count: named(cells, &cell),
                cell,
            }
        })
        .collect()
}

/// How many people a cell names.
pub(super) fn named(cells: &Cells, cell: &str) -> u32 {
    cells.get(cell).map_or(0, Vec::len) as u32
}

/// Whether a prospect is stalled at `at` (as the Stalled queue says now): in active
/// pursuit, not paused, and its last touchpoint before `at` more than the longest gap
/// ago.
pub(super) fn stalled_at(
    status: Status,
    paused: bool,
    last_touchpoint: Option<i64>,
    at: i64,
    gap_ms: i64,
) -> bool {
    status == Status::Active && !paused && last_touchpoint.is_some_and(|t| t < at - gap_ms)
}

pub(super) struct Walk {
    prospects: u32,
    zone: Tz,
    /// The days from the first week's Monday through the period's last day.
    days: Days,
    now: i64,
    start: i64,
    end: i64,
    /// When today began: a due before it is overdue.
    today: i64,
    gap_ms: i64,
    /// Monday of each week of the period.
    weeks: Vec<NaiveDate>,
    /// The instant each week's pipeline is read at: its end, the period's end or now.
    week_ends: Vec<i64>,
    /// The people each cell names, by slot: a cell's text key is made once, in `finish`.
    cells: Slots,
    meeting_touches: Vec<f64>,
    won_touches: Vec<f64>,
    tried: u32,
    leads: u32,
    lead_minutes: Vec<f64>,
    leads_by_week: Vec<Vec<f64>>,
    lead_count_by_week: Vec<u32>,
    blocks: Vec<BlockWeek>,
    attempts: u32,
    connected: u32,
    /// Attempts and answers by `Channel::index`.
    by_channel: Vec<(u32, u32)>,
    /// Attempts and answers by weekday (from Monday) × 24 + hour.
    heat: Vec<(u32, u32)>,
    /// The pipeline as changes from week to week: a prospect in one state for a run of
    /// weeks adds one at the run's first week and takes it off after its last, so the
    /// walk costs a prospect's runs, not the period's weeks. Summed up in `finish`.
    pipeline: PipelineDeltas,
}

impl Walk {
    fn new(filter: &Filter, cx: &Context) -> Walk {
        let zone = cx.week.zone;
        let now = cx.now.timestamp_millis();
        // The period's days from the Monday of its first week: its bounds, its weeks and
        // each week's end are read from them, each midnight resolved once.
        let monday = week_of(filter.from);
        let days = Days::new(zone, monday, filter.to);
        let first = filter.from.weekday().num_days_from_monday() as usize;
        let (start, end) = (days.start(first), days.start(days.len()));
        let weeks: Vec<NaiveDate> = (0..days.len().div_ceil(7))
            .map(|w| monday + Duration::weeks(w as i64))
            .collect();
        // `start` clamps to the period's end, which the last week's end is.
        let week_ends = (1..=weeks.len())
            .map(|w| days.start(7 * w).min(end).min(now))
            .collect();
        Walk {
            prospects: 0,
            zone,
            days,
            now,
            start,
            end,
            today: day_start(zone, local_date(zone, now)),
            gap_ms: i64::from(cx.max_gap_days) * DAY_MS,
            blocks: weeks
                .iter()
                .map(|&week| BlockWeek {
                    week,
                    on_time: 0,
                    late: 0,
                    overdue: 0,
                })
                .collect(),
            pipeline: PipelineDeltas::new(weeks.len()),
            cells: Slots::new(weeks.len()),
            leads_by_week: vec![Vec::new(); weeks.len()],
            lead_count_by_week: vec![0; weeks.len()],
            weeks,
            week_ends,
            meeting_touches: Vec::new(),
            won_touches: Vec::new(),
            tried: 0,
            leads: 0,
            lead_minutes: Vec::new(),
            attempts: 0,
            connected: 0,
            by_channel: vec![(0, 0); Channel::ALL.len()],
            heat: vec![(0, 0); 7 * 24],
        }
    }

    fn cell(&mut self, cell: Cell, id: i64) {
        self.cells.name(cell, id);
    }

    fn in_period(&self, ms: i64) -> bool {
        (self.start..self.end).contains(&ms)
    }

    /// The index of the week an instant falls in, if it is in one of the period's.
    fn week_index(&self, ms: i64) -> Option<usize> {
        self.days
            .day(ms)
            .map(|day| day / 7)
            .filter(|&w| w < self.weeks.len())
    }

    fn prospect(&mut self, p: &ProspectFacts, touches: &[TouchFact], changes: &[ChangeFact]) {
        self.prospects += 1;
        self.results(p, touches);
        self.persistence(p, touches);
        self.speed(p, touches);
        self.blocks(p, touches);
        self.connects(touches);
        self.pipeline(p, touches, changes);
    }

    fn results(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        let mut touchpoints = 0;
        let (mut meeting, mut won) = (None, None);
        for t in touches {
            if t.counts && !t.inbound {
                touchpoints += 1;
            }
            // A prospect who came to us and set a meeting took one touch: theirs.
            let took = touchpoints.max(1);
            match t.outcome {
                Outcome::MeetingSet if meeting.is_none() => meeting = Some((t.at, took)),
                Outcome::Yes if won.is_none() => won = Some((t.at, took)),
                _ => {}
            }
        }
        if let Some((_, n)) = meeting.filter(|(at, _)| self.in_period(*at)) {
            self.meeting_touches.push(f64::from(n));
            self.cell(Cell::Meeting(bucket_of(n, TOUCH_BUCKETS)), p.id);
        }
        if let Some((_, n)) = won.filter(|(at, _)| self.in_period(*at)) {
            self.won_touches.push(f64::from(n));
            self.cell(Cell::Won(bucket_of(n, TOUCH_BUCKETS)), p.id);
        }
    }

    fn persistence(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        // The cohort is by first touch, of any kind, as the one-hit queue counts them.
        let Some(first) = touches.first() else {
            return;
        };
        if !self.in_period(first.at) {
            return;
        }
        // A prospect first tried in the period counts toward the one-hit rate once its
        // first attempt is a week old (before that it had no chance of a second).
        let week_ago = self.now - ONE_HIT_AFTER_DAYS * DAY_MS;
        if first.at < week_ago {
            self.tried += 1;
        }
        // A message from them is an answer too (as the One-hit wonders queue reads it).
        if touches.iter().any(|t| t.inbound || connects(t.outcome)) {
            return;
        }
        let attempts = touches.iter().filter(|t| !t.inbound).count() as u32;
        let touchpoints = touches.iter().filter(|t| t.counts).count() as u32;
        let last_touchpoint = touches.iter().rev().find(|t| t.counts).map(|t| t.at);
        self.cell(Cell::Quiet(bucket_of(attempts, ATTEMPT_BUCKETS)), p.id);
        // As the One-hit wonders queue: active, one touchpoint, a week ago, no answer.
        if p.status == Status::Active
            && touchpoints == 1
            && last_touchpoint.is_some_and(|t| t < week_ago)
        {
            self.cell(Cell::OneHit, p.id);
        }
        let stopped = match p.status {
            Status::Active => {
                stalled_at(p.status, p.paused, last_touchpoint, self.now, self.gap_ms)
            }
            Status::Client => false,
            _ => true,
        };
        if stopped && touchpoints < EARLY_STOP_TOUCHES {
            self.cell(Cell::StoppedEarly, p.id);
        }
    }

    fn speed(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        if p.source != Source::InboundWeb || !self.in_period(p.created_at) {
            return;
        }
        self.leads += 1;
        let week = self.week_index(p.created_at);
        if let Some(w) = week {
            self.lead_count_by_week[w] += 1;
        }
        let Some(first) = touches.iter().find(|t| !t.inbound) else {
            self.cell(Cell::LeadsWaiting, p.id);
            return;
        };
        // A lead touched before it was added (an imported history) waited no time.
        let minutes = (first.at - p.created_at).max(0) as f64 / MINUTE_MS as f64;
        self.lead_minutes.push(minutes);
        if let Some(w) = week {
            self.leads_by_week[w].push(minutes);
        }
        if minutes > LEAD_MINUTES as f64 {
            self.cell(Cell::LeadsLate, p.id);
        }
    }

    fn blocks(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        for t in touches {
            // The period first: only the dues in it need their local date.
            let Some(due) = answered_by(t).filter(|&d| self.in_period(d)) else {
                continue;
            };
            let Some(day) = self.days.day(due) else {
                continue;
            };
            let w = day / 7;
            // On time: by the end of the day it was due.
            if t.at < self.days.start(day + 1) {
                self.blocks[w].on_time += 1;
            } else {
                self.blocks[w].late += 1;
                self.cell(Cell::Late(w), p.id);
            }
        }
        // Overdue: due on a day before today.
        if let Some(due) = p
            .next_due_at
            .filter(|&d| self.in_period(d) && d < self.today)
        {
            if let Some(w) = self.week_index(due) {
                self.blocks[w].overdue += 1;
                self.cell(Cell::Overdue(w), p.id);
            }
        }
    }

    fn connects(&mut self, touches: &[TouchFact]) {
        let (start, end) = (self.start, self.end);
        for t in touches
            .iter()
            .filter(|t| !t.inbound && (start..end).contains(&t.at))
        {
            let hit = u32::from(connects(t.outcome));
            self.attempts += 1;
            self.connected += hit;
            let c = &mut self.by_channel[t.channel.index()];
            c.0 += 1;
            c.1 += hit;
            // In the period, so in `days`; the zone's rules are the fallback all the same.
            let (weekday, hour) = self
                .days
                .weekday_hour(t.at)
                .unwrap_or_else(|| weekday_hour(self.zone, t.at));
            let h = &mut self.heat[weekday * 24 + hour as usize];
            h.0 += 1;
            h.1 += hit;
        }
    }

    fn pipeline(&mut self, p: &ProspectFacts, touches: &[TouchFact], changes: &[ChangeFact]) {
        let n = self.weeks.len();
        // The week a moment is first seen at: the first whose end is at or after it.
        let ends = &self.week_ends;
        let (mut touch, mut change) = (0, 0);
        let mut last_touchpoint = None;
        let mut state = changes.first().map_or((p.stage, p.status), |c| c.before);
        let mut w = first_from(ends, 0, |end| end >= p.created_at);
        while w < n {
            // The prospect as it stood at the end of week `w`.
            let at = ends[w];
            while let Some(t) = touches.get(touch).filter(|t| t.at <= at) {
                if t.counts {
                    last_touchpoint = Some(t.at);
                }
                touch += 1;
            }
            while let Some(c) = changes.get(change).filter(|c| c.at <= at) {
                state = c.after;
                change += 1;
            }
            let (stage, status) = state;
            let stalled = stalled_at(status, p.paused, last_touchpoint, at, self.gap_ms);
            // It stands so until the week its next touch or change is seen in, or, in
            // pursuit and not stalled yet, the week it stalls in.
            // Every one of those is after week `w` (all up to its end is taken in), and
            // mostly a few weeks after it, so each is looked for from `w + 1` on.
            let after = w + 1;
            let mut next = n;
            if let Some(t) = touches.get(touch) {
                next = next.min(first_from(ends, after, |end| end >= t.at));
            }
            if let Some(c) = changes.get(change) {
                next = next.min(first_from(ends, after, |end| end >= c.at));
            }
            if let Some(last) = last_touchpoint.filter(|_| !stalled && status == Status::Active) {
                let stalls = last + self.gap_ms;
                next = next.min(first_from(ends, after, |end| end > stalls));
            }
            let next = next.max(after);
            self.pipeline.add(w..next, status, stage, stalled);
            if next == n {
                // Standing at the period's end: the people the last week names.
                self.cells.name(Cell::Status(status), p.id);
                self.cells.name(Cell::Stage(stage), p.id);
                if stalled {
                    self.cells.name(Cell::Stalled, p.id);
                }
            }
            w = next;
        }
    }

    /// Adds the walk of the next part (of later prospects) to this one. Counts add up,
    /// values for medians are pooled, and each cell's ids are appended, so they stay in
    /// prospect order as one walk would have them.
    pub(super) fn merge(mut self, next: Walk) -> Walk {
        self.prospects += next.prospects;
        self.cells.merge(next.cells);
        self.meeting_touches.extend(next.meeting_touches);
        self.won_touches.extend(next.won_touches);
        self.tried += next.tried;
        self.leads += next.leads;
        self.lead_minutes.extend(next.lead_minutes);
        for (mine, theirs) in self.leads_by_week.iter_mut().zip(next.leads_by_week) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self
            .lead_count_by_week
            .iter_mut()
            .zip(next.lead_count_by_week)
        {
            *mine += theirs;
        }
        for (mine, theirs) in self.blocks.iter_mut().zip(next.blocks) {
            mine.on_time += theirs.on_time;
            mine.late += theirs.late;
            mine.overdue += theirs.overdue;
        }
        self.attempts += next.attempts;
        self.connected += next.connected;
        for (mine, theirs) in self.by_channel.iter_mut().zip(next.by_channel) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        for (mine, theirs) in self.heat.iter_mut().zip(next.heat) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
        }
        self.pipeline.merge(&next.pipeline);
        self
    }

    pub(super) fn finish(mut self, filter: &Filter) -> (Insights, Cells) {
        let prospects = self.prospects;
        let cells = std::mem::take(&mut self.cells).into_cells(&self.weeks);
        let (lo, hi) = SEEDS_TOUCHES;
        let meetings_in_range = self
            .meeting_touches
            .iter()
            .filter(|&&n| (f64::from(lo)..=f64::from(hi)).contains(&n))
            .count() as u32;
        let within = self
            .lead_minutes
            .iter()
            .filter(|&&m| m <= LEAD_MINUTES as f64)
            .count() as u32;
        let touched = self.lead_minutes.len() as u32;
        let speed_weeks = self
            .weeks
            .iter()
            .enumerate()
            .map(|(w, &week)| {
                let minutes = &mut self.leads_by_week[w];
                let fast = minutes
                    .iter()
                    .filter(|&&m| m <= LEAD_MINUTES as f64)
                    .count() as u32;
                SpeedWeek {
                    week,
                    leads: self.lead_count_by_week[w],
                    within_share: share(fast, minutes.len() as u32),
                    median_minutes: median(minutes),
                }
            })
            .collect();
        let mut by_channel: Vec<ChannelRate> = Channel::ALL
            .iter()
            .filter_map(|&channel| {
                let (attempts, connects) = self.by_channel[channel.index()];
                if attempts == 0 {
                    return None;
                }
                Some(ChannelRate {
                    channel,
                    attempts,
                    connects,
                    rate: share(connects, attempts),
                })
            })
            .collect();
        by_channel.sort_by_key(|c| std::cmp::Reverse(c.attempts));
        let heat: Vec<HeatCell> = self
            .heat
            .iter()
            .enumerate()
            .filter(|(_, &(attempts, _))| attempts > 0)
            .map(|(i, &(attempts, connects))| HeatCell {
                weekday: (i / 24) as u8,
                hour: (i % 24) as u8,
                attempts,
                connects,
            })
            .collect();
        let insights = Insights {
            filter: filter.clone(),
            prospects,
            to_result: ToResult {
                meetings_total: self.meeting_touches.len() as u32,
                won_total: self.won_touches.len() as u32,
                meetings_median: median(&mut self.meeting_touches),
                won_median: median(&mut self.won_touches),
                meetings: buckets(&cells, "meeting", TOUCH_BUCKETS),
                won: buckets(&cells, "won", TOUCH_BUCKETS),
                meetings_in_range,
                seeds: SEEDS_TOUCHES,
            },
            persistence: Persistence {
                tried: self.tried,
                one_hit: named(&cells, "one_hit"),
                one_hit_rate: share(named(&cells, "one_hit"), self.tried),
                seeds_one_hit: SEEDS_ONE_HIT,
                stopped_early: named(&cells, "stopped_early"),
                quiet: buckets(&cells, "quiet", ATTEMPT_BUCKETS),
            },
            speed: SpeedToLead {
                leads: self.leads,
                waiting: named(&cells, "leads_waiting"),
                late: touched - within,
                median_minutes: median(&mut self.lead_minutes),
                within,
                within_share: share(within, touched),
                minutes: LEAD_MINUTES,
                weeks: speed_weeks,
            },
            blocks: self.blocks,
            connects: Connects {
                attempts: self.attempts,
                connects: self.connected,
                rate: share(self.connected, self.attempts),
                by_channel,
                heat,
            },
            pipeline: Pipeline {
                weeks: self.pipeline.weeks(&self.weeks),
            },
        };
        (insights, cells)
    }
}

/// The first index from `from` on whose value in `sorted` is `past` (a property that
/// holds from some index on), or `sorted.len()`. It gallops from `from` (1, 2, 4, … on)
/// and then halves the last step, so an answer a few places on takes a few looks.
pub(super) fn first_from(sorted: &[i64], from: usize, past: impl Fn(i64) -> bool) -> usize {
    let (mut lo, mut step) = (from, 1);
    // `lo` is not past (or is `from`); look `step` on until one is.
    while lo < sorted.len() && !past(sorted[lo]) {
        let hi = (lo + step).min(sorted.len());
        if hi < sorted.len() && !past(sorted[hi]) {
            lo = hi + 1;
            step *= 2;
            continue;
        }
        // The answer is in lo+1 ..= hi.
        return lo + 1 + sorted[lo + 1..hi].partition_point(|&v| !past(v));
    }
    lo.min(sorted.len())
}

/// The pipeline's weekly counts as changes from the week before (see `Walk::pipeline`),
/// with one slot past the last week for runs that end with the period.
struct PipelineDeltas {
    by_status: Vec<[i64; Status::ALL.len()]>,
    by_stage: Vec<[i64; Stage::ALL.len()]>,
    stalled: Vec<i64>,
}

impl PipelineDeltas {
    fn new(weeks: usize) -> PipelineDeltas {
        PipelineDeltas {
            by_status: vec![[0; Status::ALL.len()]; weeks + 1],
            by_stage: vec![[0; Stage::ALL.len()]; weeks + 1],
            stalled: vec![0; weeks + 1],
        }
    }

    /// One prospect in one state over a run of weeks.
    fn add(&mut self, weeks: std::ops::Range<usize>, status: Status, stage: Stage, stalled: bool) {
        for (w, one) in [(weeks.start, 1), (weeks.end, -1)] {
            self.by_status[w][status.index()] += one;
            self.by_stage[w][stage.index()] += one;
            if stalled {
                self.stalled[w] += one;
            }
        }
    }

    fn merge(&mut self, next: &PipelineDeltas) {
        for (mine, theirs) in self.by_status.iter_mut().zip(&next.by_status) {
            add(mine, theirs);
        }
        for (mine, theirs) in self.by_stage.iter_mut().zip(&next.by_stage) {
            add(mine, theirs);
        }
        add(&mut self.stalled, &next.stalled);
    }

    /// The counts of each week: the changes summed up to it.
    fn weeks(&self, weeks: &[NaiveDate]) -> Vec<PipelineWeek> {
        let mut by_status = [0i64; Status::ALL.len()];
        let mut by_stage = [0i64; Stage::ALL.len()];
        let mut stalled = 0;
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        weeks
            .iter()
            .enumerate()
            .map(|(w, &week)| {
                add(&mut by_status, &self.by_status[w]);
                add(&mut by_stage, &self.by_stage[w]);
                stalled += self.stalled[w];
                PipelineWeek {
                    week,
                    by_status: by_status.iter().map(|&n| count(n)).collect(),
                    by_stage: by_stage.iter().map(|&n| count(n)).collect(),
                    stalled: count(stalled),
                }
            })
            .collect()
    }
}

fn add(counts: &mut [i64], more: &[i64]) {
    for (c, m) in counts.iter_mut().zip(more) {
        *c += m;
    }
}
