//! The cadence engine: for one prospect, when the next touch is due, on which channel,
//! and why. Pure: it takes the prospect's state, its touches, its plan, the user's
//! settings and `now`, and returns the next due item. Nothing here reads the clock or
//! the database, so every rule is tested with a fixed clock.
//!
//! Rules, from the seeds (see DESIGN.md):
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
pub mod plan;

use crate::model::{Channel, Source, Status, Touch, Weekday};
use calendar::{resolve, weekday_of, WorkWeek};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use plan::Plan;
use serde::{Deserialize, Serialize};

/// The seeds' target: 8–12 touchpoints to a first meeting (004).
pub const TOUCH_TARGET: u32 = 12;

/// The user's follow-up settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub week: WorkWeek,
    /// In active pursuit, the longest allowed gap between touches (seed 003: two weeks).
    pub max_gap_days: u32,
    /// Seed 003 finds Thursday the best day for a first contact.
    pub thursday_first_contact: bool,
    /// The user is away (vacation) until this date: due items wait, and on the day they
    /// are back everything missed shows as overdue. Nothing is rescheduled or lost.
    #[serde(default)]
    pub back_on: Option<chrono::NaiveDate>,
}

impl Settings {
    pub fn standard(zone: Tz) -> Settings {
        Settings {
            week: WorkWeek::standard(zone),
            max_gap_days: 14,
            thursday_first_contact: false,
            back_on: None,
        }
    }
}

/// An agreed next step: a date and time set with the prospect (the "advance").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    pub at: DateTime<Utc>,
    pub note: String,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    /// An agreed next step.
    NextStep,
    /// They reached out; we owe them an answer.
    Reply,
    /// A new inbound lead, not yet connected.
    Inbound,
    /// The plan's next touch.
    Cadence,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Due {
    pub at: DateTime<Utc>,
    pub kind: DueKind,
    pub channel: Channel,
    pub purpose: String,
    /// Which touchpoint this will be (1-based).
    pub touch_number: u32,
    pub urgent: bool,
    /// Human-readable: "touch 4 of 12 · weekly phase · last touched 7 days ago by
    /// voicemail · suggested: call".
    pub explanation: String,
}

pub fn next_due(s: &Subject<'_>, settings: &Settings, now: DateTime<Utc>) -> Option<Due> {
    if s.paused
        || matches!(
            s.status,
            Status::DoNotContact | Status::HandedOff | Status::Disqualified
        )
    {
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
    if let Some(first) = obligations.into_iter().min_by_key(|d| d.at) {
        return Some(first);
    }

    // The plan: the step for the next touch, after the last counted touch.
    let n = counted.iter().filter(|t| t.at >= s.plan_started_at).count();
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
    } else if is_call(channel) && snoozed.is_none() {
        preferred_slot(s, week, wanted).unwrap_or_else(|| week.next_block(wanted))
    } else {
        week.next_block(wanted)
    };

    // Seed 003: never more than two weeks apart while pursuing. Pursuit is an active
    // prospect whose plan still steps at most that far; once a plan widens past it
    // (monthly, quarterly: seed 004) the prospect is being nurtured. A snooze is the
    // user's explicit choice and may go past it.
    let ceiling_days = i64::from(settings.max_gap_days);
    let pursuing = s.status == Status::Active && step.interval() <= Duration::days(ceiling_days);
    if pursuing && snoozed.is_none() && last.is_some() {
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

/// The latest inbound touch not yet followed by one of ours.
fn owed_reply(touches: &[Touch]) -> Option<&Touch> {
    let latest_in = touches.iter().filter(|t| t.inbound).max_by_key(|t| t.at)?;
    let answered = touches.iter().any(|t| !t.inbound && t.at >= latest_in.at);
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
