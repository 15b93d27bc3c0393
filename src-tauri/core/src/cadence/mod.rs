//! The cadence engine: for one prospect, when the next touch is due, on which channel,
//! and why. Pure: it takes the prospect's state, its touches, its plan, the user's
//! settings and `now`, and returns the next due item. Nothing here reads the clock or
//! the database, so every rule is tested with a fixed clock.
//!
//! Rules, from the seeds (the articles listed at the end of ARCHITECTURE.md):
//! - the clock is anchored to the last *counted* touch (004: a call with no message
//!   reached nobody);
//! - an agreed next step overrides the plan until it is done (002, "advance");
//! - an inbound reply is due within 24 hours or by the end of the next business day,
//!   whichever comes first (002);
//! - inbound web leads are due at once, in working hours, and retried with urgency (003);
//! - in active pursuit, never more than two weeks between touches (003);
//! - due times fall into the user's follow-up blocks (002), on working days, honouring a
//!   prospect's own zone and preferred day/time for calls (003).

pub mod calendar;
pub mod outcome;
pub mod plan;
mod settings;
pub mod spread;

pub use settings::Settings;

use crate::model::{Channel, Due, DueKind, NextStep, Outcome, Source, Status, Touch, Weekday};
use calendar::{resolve, weekday_of, WorkWeek};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use plan::Plan;

/// The seeds' target: 8–12 touchpoints to a first meeting (004).
pub const TOUCH_TARGET: u32 = 12;

/// A prospect's schedule as stored: everything the engine needs but its touches and
/// plan. The store reads it in one place (`store::schedule`) for every path.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub status: Status,
    pub source: Source,
    pub created_at: DateTime<Utc>,
    pub paused: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub next_step: Option<NextStep>,
    /// The chosen plan; `None` follows the default for the status and source.
    pub plan_id: Option<i64>,
    pub plan_started_at: Option<DateTime<Utc>>,
    pub zone: Option<Tz>,
    pub preferred_channel: Option<Channel>,
    pub preferred_days: Vec<Weekday>,
    pub preferred_time: Option<NaiveTime>,
}

impl Schedule {
    /// The plan this prospect follows among `plans`: the chosen one, or the default for
    /// its status when none was chosen (or the chosen one is gone).
    pub fn plan<'a>(&self, plans: &'a [Plan]) -> Option<&'a Plan> {
        plan::followed(plans, self.plan_id, self.status, self.source)
    }

    fn subject<'a>(&'a self, plan: &'a Plan, touches: &'a [Touch]) -> Subject<'a> {
        Subject {
            status: self.status,
            source: self.source,
            created_at: self.created_at,
            paused: self.paused,
            snoozed_until: self.snoozed_until,
            next_step: self.next_step.as_ref(),
            plan,
            plan_started_at: self.plan_started_at.unwrap_or(self.created_at),
            touches,
            zone: self.zone,
            preferred_channel: self.preferred_channel,
            preferred_days: &self.preferred_days,
            preferred_time: self.preferred_time,
        }
    }
}

/// The touches the engine reads: those the prospect received and those they sent us.
/// An attempt that reached nobody (a call with no message, seed 004) changes nothing,
/// so the store may leave it out (`TOUCH_FILTER` in store/schedule.rs says the same in
/// SQL); a property test (cadence_props) holds the engine to that.
pub fn reads(t: &Touch) -> bool {
    t.counts || t.inbound
}

/// A prospect's next due touch: the one evaluation every path uses (a logged touch, a
/// control, a plan or settings change, the full reschedule, the queues, previews).
pub fn schedule(
    state: &Schedule,
    plans: &[Plan],
    touches: &[Touch],
    settings: &Settings,
    now: DateTime<Utc>,
) -> Option<Due> {
    let plan = state.plan(plans)?;
    next_due(&state.subject(plan, touches), settings, now)
}

/// The next `count` touches if each is done on time (or now, when already overdue) by
/// the suggested channel: the small timeline on a prospect.
pub fn preview(
    state: &Schedule,
    plans: &[Plan],
    touches: &[Touch],
    settings: &Settings,
    now: DateTime<Utc>,
    count: usize,
) -> Vec<Due> {
    let mut state = state.clone();
    let mut touches = touches.to_vec();
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let Some(due) = schedule(&state, plans, &touches, settings, now) else {
            break;
        };
        touches.push(Touch {
            id: 0,
            prospect_id: 0,
            at: due.at.max(now),
            channel: due.channel,
            outcome: Outcome::NoResponse,
            note: String::new(),
            message: String::new(),
            counts: due.channel.is_touchpoint(false),
            inbound: false,
        });
        state.next_step = None;
        state.snoozed_until = None;
        out.push(due);
    }
    out
}

/// How many of a plan's steps are done: the touches the prospect received since it
/// started on the plan. `Plan::step(n)` is then the next one.
pub fn steps_taken(touches: &[Touch], plan_started_at: DateTime<Utc>) -> usize {
    touches
        .iter()
        .filter(|t| t.counts && t.at >= plan_started_at)
        .count()
}

/// Everything the engine needs to know about one prospect.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    pub status: Status,
    pub source: Source,
    pub created_at: DateTime<Utc>,
    pub paused: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub next_step: Option<&'a NextStep>,
    pub plan: &'a Plan,
    /// When the prospect started on this plan: steps count touches from here.
    pub plan_started_at: DateTime<Utc>,
    pub touches: &'a [Touch],
    pub zone: Option<Tz>,
    pub preferred_channel: Option<Channel>,
    pub preferred_days: &'a [Weekday],
    pub preferred_time: Option<NaiveTime>,
}

pub fn next_due(s: &Subject<'_>, settings: &Settings, now: DateTime<Utc>) -> Option<Due> {
    if s.paused || s.status.stops_follow_up() {
        return None;
    }
    let counted: Vec<&Touch> = s.touches.iter().filter(|t| t.counts).collect();
    let touchpoints = counted.len() as u32;
    let last = counted.iter().max_by_key(|t| t.at).copied();
    let week = &settings.week;

    // Obligations first: an agreed next step, or a reply we owe. The earlier wins.
    let mut obligations: Vec<Due> = Vec::new();
    if let Some(step) = s.next_step {
        obligations.push(Due {
            at: step.at,
            kind: DueKind::NextStep,
            channel: s.preferred_channel.unwrap_or(Channel::Call),
            purpose: if step.note.is_empty() {
                "The next step you agreed".into()
            } else {
                step.note.clone()
            },
            touch_number: touchpoints + 1,
            urgent: false,
            explanation: join(&[
                format!("agreed next step for {}", week_time(week, step.at)),
                last_touched(last, now),
            ]),
        });
    }
    if let Some(reply) = owed_reply(s.touches) {
        let deadline =
            (reply.at + Duration::hours(24)).min(week.end_of_next_business_day(reply.at));
        // Answer in the next follow-up block; if that would miss the deadline (a call at
        // 4 pm on a Friday), answer now, before the day ends.
        let block = week.next_block(reply.at);
        let at = if block <= deadline {
            block
        } else {
            week.next_working_instant(reply.at)
        };
        obligations.push(Due {
            at,
            kind: DueKind::Reply,
            channel: reply.channel,
            purpose: "Answer them".into(),
            touch_number: touchpoints + 1,
            urgent: true,
            explanation: join(&[
                format!(
                    "they reached out by {} {}",
                    reply.channel.label().to_lowercase(),
                    ago(reply.at, now)
                ),
                format!("reply by {}", week_time(week, deadline)),
            ]),
        });
    }
    if let Some(mut first) = obligations.into_iter().min_by_key(|d| d.at) {
        // A snooze holds these too: "Snooze 1 hour" on a reminder of an agreed step must
        // bring it back in an hour. It can't hide a reply owed from before it: their
        // message ends the snooze (`outcome::effect`), as agreeing a step does.
        if let Some(until) = s.snoozed_until.filter(|&u| u > first.at) {
            first.at = week.at_or_next_block(until);
            first.explanation = join(&[
                std::mem::take(&mut first.explanation),
                format!("snoozed until {}", week_time(week, until)),
            ]);
        }
        return Some(first);
    }

    // The plan: the step for the next touch, after the last counted touch.
    let n = steps_taken(s.touches, s.plan_started_at);
    let (_, step) = s.plan.step(n)?;
    let anchor = last
        .map(|t| t.at)
        .unwrap_or(s.plan_started_at.max(s.created_at));
    let raw = if step.business_days {
        add_business_days(week, anchor, step.after_days)
    } else {
        add_calendar(week, anchor, step.after_days, step.after_hours)
    };
    // A preferred channel replaces the plan's way of *reaching* them (call, email, text,
    // message); a handwritten note, a gift or a visit stays what the plan says.
    let channel = match (s.preferred_channel, step.channel) {
        (
            Some(pref),
            Channel::Call | Channel::Email | Channel::Text | Channel::LinkedIn | Channel::Social,
        ) => pref,
        _ => step.channel,
    };
    let inbound = s.source == Source::InboundWeb && s.plan.id == plan::INBOUND_LEAD;
    let snoozed = s.snoozed_until.filter(|&u| u > raw);
    let wanted = snoozed.unwrap_or(raw);

    let mut at = if inbound {
        week.next_working_instant(wanted)
    } else if touchpoints == 0 && settings.thursday_first_contact && snoozed.is_none() {
        thursday_block(week, wanted)
    } else if snoozed.is_some() {
        week.at_or_next_block(wanted)
    } else if is_call(channel) {
        preferred_slot(s, week, wanted).unwrap_or_else(|| week.next_block(wanted))
    } else {
        week.next_block(wanted)
    };

    // Seed 003: never more than two weeks apart while pursuing (the user may ask for
    // less). A snooze is the user's explicit choice and may go past it.
    let ceiling_days = i64::from(settings.max_gap_days);
    if in_pursuit(s.status, step) && snoozed.is_none() && last.is_some() {
        let ceiling = anchor + Duration::days(ceiling_days);
        if at > ceiling {
            at = week
                .prev_block(ceiling)
                .filter(|&b| b >= anchor)
                .unwrap_or(ceiling);
        }
    }

    let phase = phase_name(step.after_days, inbound, touchpoints);
    let progress = if touchpoints < TOUCH_TARGET {
        format!("touch {} of {}", touchpoints + 1, TOUCH_TARGET)
    } else {
        format!("touch {}", touchpoints + 1)
    };
    let mut parts = vec![progress, phase.to_string(), last_touched(last, now)];
    if let Some(until) = snoozed {
        parts.push(format!("snoozed until {}", week_time(week, until)));
    }
    parts.push(format!("suggested: {}", channel.label().to_lowercase()));
    Some(Due {
        at,
        kind: if inbound {
            DueKind::Inbound
        } else {
            DueKind::Cadence
        },
        channel,
        purpose: step.purpose.clone(),
        touch_number: touchpoints + 1,
        urgent: inbound,
        explanation: join(&parts),
    })
}

/// Seed 003's two weeks: a plan's step at most this far apart is pursuit; once a plan
/// widens past it (monthly, quarterly: seed 004) the prospect is being nurtured.
pub const PURSUIT_STEP_DAYS: i64 = 14;

/// Whether a prospect on `step` is being pursued, so the user's ceiling
/// (`Settings::max_gap_days`) holds between touches. The plan says what pursuit is, not
/// the ceiling: lowered to ten days, it shortens a fortnightly step rather than turning
/// it into nurture.
pub fn in_pursuit(status: Status, step: &plan::Step) -> bool {
    status == Status::Active && step.interval() <= Duration::days(PURSUIT_STEP_DAYS)
}

/// The latest inbound touch not yet answered. Only a touch of ours that they received
/// answers them: a call with no message left reached nobody (seed 004), so a reply is
/// still owed after it (seed 002: return every call within 24 hours). One logged as a
/// conversation or a meeting set was answered as it happened: they called and we talked.
fn owed_reply(touches: &[Touch]) -> Option<&Touch> {
    let latest_in = touches.iter().filter(|t| t.inbound).max_by_key(|t| t.at)?;
    if matches!(
        latest_in.outcome,
        Outcome::Conversation | Outcome::MeetingSet
    ) {
        return None;
    }
    let answered = touches
        .iter()
        .any(|t| !t.inbound && t.counts && t.at >= latest_in.at);
    (!answered).then_some(latest_in)
}

fn is_call(c: Channel) -> bool {
    matches!(
        c,
        Channel::Call | Channel::Voicemail | Channel::CallNoMessage
    )
}

/// The first slot at or after `from` that suits the prospect: their preferred time in
/// their zone and/or their preferred weekdays, inside the user's working hours. Looks two
/// weeks ahead; `None` when nothing fits (the caller falls back to the next block).
fn preferred_slot(s: &Subject<'_>, week: &WorkWeek, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if s.preferred_days.is_empty() && s.preferred_time.is_none() {
        return None;
    }
    let zone = s.zone.unwrap_or(week.zone);
    let day_ok = |t: DateTime<Utc>| {
        s.preferred_days.is_empty()
            || s.preferred_days
                .contains(&weekday_of(t.with_timezone(&zone).date_naive()))
    };
    match s.preferred_time {
        Some(time) => {
            let start = from.with_timezone(&zone).date_naive();
            (0..14)
                .map(|d| resolve(zone, start + Duration::days(d), time))
                .find(|&t| t >= from && day_ok(t) && week.is_working_instant(t))
        }
        None => {
            let mut t = week.next_block(from);
            for _ in 0..(14 * week.blocks.len().max(1)) {
                if day_ok(t) {
                    return Some(t);
                }
                t = week.next_block(t + Duration::minutes(1));
            }
            None
        }
    }
}

fn thursday_block(week: &WorkWeek, from: DateTime<Utc>) -> DateTime<Utc> {
    let mut t = week.next_block(from);
    for _ in 0..(14 * week.blocks.len().max(1)) {
        if weekday_of(week.local_date(t)) == Weekday::Thu {
            return t;
        }
        t = week.next_block(t + Duration::minutes(1));
    }
    week.next_block(from)
}

/// `days` calendar days later at the same local time (a weekly touch stays at 09:00
/// across a DST change), then `hours` more.
fn add_calendar(week: &WorkWeek, from: DateTime<Utc>, days: u32, hours: u32) -> DateTime<Utc> {
    let local = from.with_timezone(&week.zone);
    let date = local.date_naive() + Duration::days(days.into());
    resolve(week.zone, date, local.time()) + Duration::hours(hours.into())
}

fn add_business_days(week: &WorkWeek, from: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let local = from.with_timezone(&week.zone);
    let mut date = local.date_naive();
    let mut left = days;
    let mut guard = 0;
    while left > 0 && guard < 400 {
        date += Duration::days(1);
        guard += 1;
        if week.is_workday(date) {
            left -= 1;
        }
    }
    resolve(week.zone, date, local.time())
}

fn phase_name(after_days: u32, inbound: bool, touchpoints: u32) -> &'static str {
    if inbound {
        "inbound lead: until you connect"
    } else if touchpoints == 0 {
        "first contact"
    } else {
        match after_days {
            0..=7 => "weekly phase",
            8..=14 => "every-other-week phase",
            15..=45 => "monthly phase",
            _ => "quarterly phase",
        }
    }
}

fn last_touched(last: Option<&Touch>, now: DateTime<Utc>) -> String {
    match last {
        Some(t) => format!(
            "last touched {} by {}",
            ago(t.at, now),
            t.channel.label().to_lowercase()
        ),
        None => "not touched yet".into(),
    }
}

fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let days = (now - t).num_days();
    match days {
        i64::MIN..=-1 => "just now".into(),
        0 => "today".into(),
        1 => "yesterday".into(),
        d => format!("{d} days ago"),
    }
}

fn week_time(week: &WorkWeek, t: DateTime<Utc>) -> String {
    t.with_timezone(&week.zone)
        .format("%a %b %-d, %H:%M")
        .to_string()
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ")
}
