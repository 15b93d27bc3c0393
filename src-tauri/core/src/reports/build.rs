//! The reports for one filter, in one walk through the history: each prospect's touches
//! and changes are looked at once, and every report takes what it needs from them.

use super::{
    answered_by, connects, median, share, week_of, BlockWeek, Bucket, Cells, ChangeFact,
    ChannelRate, Connects, Context, Filter, HeatCell, History, Insights, Persistence, Pipeline,
    PipelineWeek, ProspectFacts, SpeedToLead, SpeedWeek, ToResult, TouchFact, ATTEMPT_BUCKETS,
    EARLY_STOP_TOUCHES, LEAD_MINUTES, ONE_HIT_AFTER_DAYS, SEEDS_ONE_HIT, SEEDS_TOUCHES,
    TOUCH_BUCKETS,
};
use crate::cadence::calendar::resolve;
use crate::model::{Channel, Outcome, Source, Stage, Status};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use std::collections::HashMap;

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// Every report for `filter` over `history` (already narrowed to the filter's tag).
pub fn insights(history: &History, filter: &Filter, cx: &Context) -> (Insights, Cells) {
    let mut walk = Walk::new(filter, cx);
    for (p, touches, changes) in per_prospect(history) {
        walk.prospect(p, touches, changes);
    }
    walk.finish(filter, history.prospects.len() as u32)
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

/// The instant a local date begins, in ms.
pub(super) fn day_start(zone: Tz, date: NaiveDate) -> i64 {
    resolve(zone, date, NaiveTime::MIN).timestamp_millis()
}

/// A stored instant's local date.
pub(super) fn local_date(zone: Tz, ms: i64) -> NaiveDate {
    local(zone, ms).date_naive()
}

fn local(zone: Tz, ms: i64) -> chrono::DateTime<Tz> {
    // Stored instants are written from `DateTime`s, so they are in range; the epoch
    // stands in for one that is not rather than failing a whole report.
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&zone)
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

/// A prospect's stage and status at an instant, from its changes (sorted by time).
pub(super) fn state_at(p: &ProspectFacts, changes: &[ChangeFact], at: i64) -> (Stage, Status) {
    let mut state = changes.first().map_or((p.stage, p.status), |c| c.before);
    for c in changes.iter().take_while(|c| c.at <= at) {
        state = c.after;
    }
    state
}

/// Whether a prospect is stalled at `at` (as the Stalled queue says now): in active
/// pursuit, not paused, and its last touchpoint before `at` more than the longest gap
/// ago.
fn stalled_at(
    status: Status,
    paused: bool,
    last_touchpoint: Option<i64>,
    at: i64,
    gap_ms: i64,
) -> bool {
    status == Status::Active && !paused && last_touchpoint.is_some_and(|t| t < at - gap_ms)
}

struct Walk {
    zone: Tz,
    now: i64,
    start: i64,
    end: i64,
    gap_ms: i64,
    /// Monday of each week of the period.
    weeks: Vec<NaiveDate>,
    /// The instant each week's pipeline is read at: its end, the period's end or now.
    week_ends: Vec<i64>,
    cells: Cells,
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
    by_channel: HashMap<Channel, (u32, u32)>,
    heat: HashMap<(u8, u8), (u32, u32)>,
    pipeline: Vec<PipelineWeek>,
}

impl Walk {
    fn new(filter: &Filter, cx: &Context) -> Walk {
        let zone = cx.week.zone;
        let start = day_start(zone, filter.from);
        let end = day_start(zone, filter.to + Duration::days(1));
        let now = cx.now.timestamp_millis();
        let mut weeks = Vec::new();
        let mut w = week_of(filter.from);
        while w <= filter.to {
            weeks.push(w);
            w += Duration::days(7);
        }
        let week_ends = weeks
            .iter()
            .map(|&w| day_start(zone, w + Duration::days(7)).min(end).min(now))
            .collect();
        Walk {
            zone,
            now,
            start,
            end,
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
            pipeline: weeks
                .iter()
                .map(|&week| PipelineWeek {
                    week,
                    by_status: vec![0; Status::ALL.len()],
                    by_stage: vec![0; Stage::ALL.len()],
                    stalled: 0,
                })
                .collect(),
            leads_by_week: vec![Vec::new(); weeks.len()],
            lead_count_by_week: vec![0; weeks.len()],
            weeks,
            week_ends,
            cells: Cells::new(),
            meeting_touches: Vec::new(),
            won_touches: Vec::new(),
            tried: 0,
            leads: 0,
            lead_minutes: Vec::new(),
            attempts: 0,
            connected: 0,
            by_channel: HashMap::new(),
            heat: HashMap::new(),
        }
    }

    fn cell(&mut self, key: String, id: i64) {
        self.cells.entry(key).or_default().push(id);
    }

    fn in_period(&self, ms: i64) -> bool {
        (self.start..self.end).contains(&ms)
    }

    /// The index of the week a local date falls in, if it is in the period.
    fn week_index(&self, date: NaiveDate) -> Option<usize> {
        let first = *self.weeks.first()?;
        let i = usize::try_from((week_of(date) - first).num_days() / 7).ok()?;
        (i < self.weeks.len()).then_some(i)
    }

    fn prospect(&mut self, p: &ProspectFacts, touches: &[TouchFact], changes: &[ChangeFact]) {
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
            self.cell(format!("meeting:{}", bucket_of(n, TOUCH_BUCKETS)), p.id);
        }
        if let Some((_, n)) = won.filter(|(at, _)| self.in_period(*at)) {
            self.won_touches.push(f64::from(n));
            self.cell(format!("won:{}", bucket_of(n, TOUCH_BUCKETS)), p.id);
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
        if touches.iter().any(|t| connects(t.outcome)) {
            return;
        }
        let attempts = touches.iter().filter(|t| !t.inbound).count() as u32;
        let touchpoints = touches.iter().filter(|t| t.counts).count() as u32;
        let last_touchpoint = touches.iter().rev().find(|t| t.counts).map(|t| t.at);
        self.cell(
            format!("quiet:{}", bucket_of(attempts, ATTEMPT_BUCKETS)),
            p.id,
        );
        // As the One-hit wonders queue: active, one touchpoint, a week ago, no answer.
        if p.status == Status::Active
            && touchpoints == 1
            && last_touchpoint.is_some_and(|t| t < week_ago)
        {
            self.cell("one_hit".into(), p.id);
        }
        let stopped = match p.status {
            Status::Active => {
                stalled_at(p.status, p.paused, last_touchpoint, self.now, self.gap_ms)
            }
            Status::Client => false,
            _ => true,
        };
        if stopped && touchpoints < EARLY_STOP_TOUCHES {
            self.cell("stopped_early".into(), p.id);
        }
    }

    fn speed(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        if p.source != Source::InboundWeb || !self.in_period(p.created_at) {
            return;
        }
        self.leads += 1;
        let week = self.week_index(local_date(self.zone, p.created_at));
        if let Some(w) = week {
            self.lead_count_by_week[w] += 1;
        }
        let Some(first) = touches.iter().find(|t| !t.inbound) else {
            self.cell("leads_waiting".into(), p.id);
            return;
        };
        // A lead touched before it was added (an imported history) waited no time.
        let minutes = (first.at - p.created_at).max(0) as f64 / MINUTE_MS as f64;
        self.lead_minutes.push(minutes);
        if let Some(w) = week {
            self.leads_by_week[w].push(minutes);
        }
        if minutes > LEAD_MINUTES as f64 {
            self.cell("leads_late".into(), p.id);
        }
    }

    fn blocks(&mut self, p: &ProspectFacts, touches: &[TouchFact]) {
        for t in touches {
            // The period first: only the dues in it need their local date.
            let Some(due) = answered_by(t).filter(|&d| self.in_period(d)) else {
                continue;
            };
            let due_day = local_date(self.zone, due);
            let Some(w) = self.week_index(due_day) else {
                continue;
            };
            if local_date(self.zone, t.at) <= due_day {
                self.blocks[w].on_time += 1;
            } else {
                self.blocks[w].late += 1;
                self.cell(format!("late:{}", self.weeks[w]), p.id);
            }
        }
        let today = local_date(self.zone, self.now);
        if let Some(due) = p.next_due_at.filter(|&d| self.in_period(d)) {
            let due_day = local_date(self.zone, due);
            if due_day < today {
                if let Some(w) = self.week_index(due_day) {
                    self.blocks[w].overdue += 1;
                    self.cell(format!("overdue:{}", self.weeks[w]), p.id);
                }
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
            let c = self.by_channel.entry(t.channel).or_default();
            c.0 += 1;
            c.1 += hit;
            let at = local(self.zone, t.at);
            let h = self
                .heat
                .entry((at.weekday().num_days_from_monday() as u8, at.hour() as u8))
                .or_default();
            h.0 += 1;
            h.1 += hit;
        }
    }

    fn pipeline(&mut self, p: &ProspectFacts, touches: &[TouchFact], changes: &[ChangeFact]) {
        let last = self.weeks.len().saturating_sub(1);
        let mut touch = 0;
        let mut last_touchpoint = None;
        for w in 0..self.weeks.len() {
            let at = self.week_ends[w];
            if p.created_at > at {
                continue;
            }
            while touch < touches.len() && touches[touch].at <= at {
                if touches[touch].counts {
                    last_touchpoint = Some(touches[touch].at);
                }
                touch += 1;
            }
            let (stage, status) = state_at(p, changes, at);
            let week = &mut self.pipeline[w];
            week.by_status[position(Status::ALL, status)] += 1;
            week.by_stage[position(Stage::ALL, stage)] += 1;
            let stalled = stalled_at(status, p.paused, last_touchpoint, at, self.gap_ms);
            if stalled {
                week.stalled += 1;
            }
            if w == last {
                self.cell(format!("status:{}", status.as_str()), p.id);
                self.cell(format!("stage:{}", stage.as_str()), p.id);
                if stalled {
                    self.cell("stalled".into(), p.id);
                }
            }
        }
    }

    fn finish(mut self, filter: &Filter, prospects: u32) -> (Insights, Cells) {
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
                let &(attempts, connects) = self.by_channel.get(&channel)?;
                Some(ChannelRate {
                    channel,
                    attempts,
                    connects,
                    rate: share(connects, attempts),
                })
            })
            .collect();
        by_channel.sort_by_key(|c| std::cmp::Reverse(c.attempts));
        let mut heat: Vec<HeatCell> = self
            .heat
            .iter()
            .map(|(&(weekday, hour), &(attempts, connects))| HeatCell {
                weekday,
                hour,
                attempts,
                connects,
            })
            .collect();
        heat.sort_by_key(|c| (c.weekday, c.hour));
        let insights = Insights {
            filter: filter.clone(),
            prospects,
            to_result: ToResult {
                meetings_total: self.meeting_touches.len() as u32,
                won_total: self.won_touches.len() as u32,
                meetings_median: median(&mut self.meeting_touches),
                won_median: median(&mut self.won_touches),
                meetings: buckets(&self.cells, "meeting", TOUCH_BUCKETS),
                won: buckets(&self.cells, "won", TOUCH_BUCKETS),
                meetings_in_range,
                seeds: SEEDS_TOUCHES,
            },
            persistence: Persistence {
                tried: self.tried,
                one_hit: named(&self.cells, "one_hit"),
                one_hit_rate: share(named(&self.cells, "one_hit"), self.tried),
                seeds_one_hit: SEEDS_ONE_HIT,
                stopped_early: named(&self.cells, "stopped_early"),
                quiet: buckets(&self.cells, "quiet", ATTEMPT_BUCKETS),
            },
            speed: SpeedToLead {
                leads: self.leads,
                waiting: named(&self.cells, "leads_waiting"),
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
                weeks: self.pipeline,
            },
        };
        (insights, self.cells)
    }
}

fn position<T: PartialEq + Copy>(all: &[T], value: T) -> usize {
    // Every stored value is one of ALL (the closed sets are read through `parse`).
    all.iter().position(|&v| v == value).unwrap_or(0)
}
