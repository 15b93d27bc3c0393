//! The calendar of what is coming, as iCalendar (RFC 5545), so every follow-up is on the
//! calendar the user already keeps and syncs to a phone (seed 001). Pure: the store
//! gathers the engine's due items and the settings; this writes them.
//!
//! Each follow-up is a timed event at exactly the engine's due instant, and each
//! follow-up block of a working day a busy event, both with an alarm at their start.
//! Times are written in UTC (`…Z`), which every calendar shows in its own zone, so a
//! daylight-saving change can't shift them. UIDs are stable: a prospect has one next due,
//! so its event keeps `prospect-<id>@<book>` when the due moves, and a block keeps its
//! date and start; a calendar re-imported or re-subscribed updates events in place, and
//! one no longer written is gone.

use crate::cadence::calendar::{resolve, WorkWeek};
use crate::cadence::Settings;
use crate::error::{Error, Result};
use crate::limits;
use crate::model::{CalendarDetail, CalendarPrefs, Channel, Due, NextStep};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Related};

/// The time a follow-up event takes in the calendar: one call or one message.
const FOLLOW_UP_MINUTES: i64 = 15;
/// The time a follow-up block holds when the next block or the end of the working day
/// doesn't cut it shorter. The settings name only a block's start.
const BLOCK_MINUTES: i64 = 60;

/// A due follow-up with what the calendar says about the prospect.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub prospect_id: i64,
    pub name: String,
    pub company: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// The engine's answer: when, on which channel, what for and why.
    pub due: Due,
    /// The step agreed with the prospect, when there is one.
    pub next_step: Option<NextStep>,
}

/// A calendar written: its text and how many events it holds.
#[derive(Debug, Clone)]
pub struct Ics {
    pub text: String,
    pub events: usize,
}

impl CalendarPrefs {
    /// Whether these choices can be written: the one check, for saving and for a
    /// one-off export alike.
    pub fn validate(&self) -> Result<()> {
        if !(1..=limits::CALENDAR_WEEKS).contains(&(self.weeks as usize)) {
            return Err(Error::invalid(
                "weeks",
                format!(
                    "The calendar can look 1 to {} weeks ahead, not {}.",
                    limits::CALENDAR_WEEKS,
                    self.weeks
                ),
            ));
        }
        Ok(())
    }
}

/// The instants the calendar covers: from the start of today in the user's zone to the
/// start of the day `weeks` weeks later (local midnights, so a DST change inside the
/// window moves neither end).
pub fn window(week: &WorkWeek, weeks: u32, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = week.local_date(now);
    let end = today + Duration::weeks(weeks.into());
    (
        resolve(week.zone, today, NaiveTime::MIN),
        resolve(week.zone, end, NaiveTime::MIN),
    )
}

/// A follow-up block on one date.
struct Block {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    date: NaiveDate,
    time: NaiveTime,
    /// Indexes into the follow-ups listed under it.
    due: Vec<usize>,
}

/// The calendar for `follow_ups` (the due items in `window`, in due order) and the
/// user's follow-up blocks, under `book_id` (which keeps two books' UIDs apart).
pub fn calendar(
    book_id: &str,
    follow_ups: &[FollowUp],
    settings: &Settings,
    prefs: &CalendarPrefs,
    now: DateTime<Utc>,
) -> Ics {
    let week = &settings.week;
    let mut blocks = blocks(settings, prefs.weeks, now);
    // Each follow-up goes under the block it is listed under in Today: the last one
    // started by its time that day, or the first when it is due earlier. One due on a
    // day without blocks (a next step agreed for a Saturday) is under none.
    let mut loose = Vec::new();
    for (i, f) in follow_ups.iter().enumerate() {
        let date = week.local_date(f.due.at);
        let on_day = blocks.iter().position(|b| b.date == date);
        let under = on_day.map(|first| {
            blocks[first..]
                .iter()
                .take_while(|b| b.date == date && b.start <= f.due.at)
                .count()
                .saturating_sub(1)
                + first
        });
        match under {
            Some(b) => blocks[b].due.push(i),
            None => loose.push(i),
        }
    }

    let private = prefs.details == CalendarDetail::Private;
    let mut events: Vec<(DateTime<Utc>, String, Event)> = Vec::new();
    for b in &blocks {
        let summary = if b.due.is_empty() {
            "Follow-up block".to_string()
        } else {
            format!("Follow-up ({})", b.due.len())
        };
        let uid = format!(
            "block-{}-{}@{book_id}",
            b.date.format("%Y%m%d"),
            b.time.format("%H%M")
        );
        let mut event = timed(&uid, &summary, b.start, b.end, now);
        if !private && !b.due.is_empty() {
            let lines: Vec<String> = b.due.iter().map(|&i| title(&follow_ups[i])).collect();
            event.description(&lines.join("\n"));
        }
        events.push((b.start, uid, event));
    }
    // In private mode a follow-up is only a count in its block; one under no block
    // still needs its time kept, so it gets an event of its own, nameless.
    let own: Vec<usize> = if private {
        loose
    } else {
        (0..follow_ups.len()).collect()
    };
    for i in own {
        let f = &follow_ups[i];
        let uid = format!("prospect-{}@{book_id}", f.prospect_id);
        let end = f.due.at + Duration::minutes(FOLLOW_UP_MINUTES);
        let event = if private {
            timed(&uid, "Follow-up (1)", f.due.at, end, now)
        } else {
            timed(&uid, &title(f), f.due.at, end, now)
                .description(&details(f))
                .done()
        };
        events.push((f.due.at, uid, event));
    }
    events.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));

    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Follow Through//Calendar//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name("Follow Through")
        .timezone(week.zone.name());
    let count = events.len();
    cal.extend(events.into_iter().map(|(_, _, e)| e));
    Ics {
        text: cal.to_string(),
        events: count,
    }
}

/// Every follow-up block on a working day in the window, skipping holidays and the days
/// the user is away (`Settings::back_on`), each ending at the next block, the end of
/// the working day or after `BLOCK_MINUTES`, whichever comes first.
fn blocks(settings: &Settings, weeks: u32, now: DateTime<Utc>) -> Vec<Block> {
    let week = &settings.week;
    let first = week.local_date(now);
    let days = i64::from(weeks) * 7;
    let mut out = Vec::new();
    for date in (0..days).map(|d| first + Duration::days(d)) {
        let away = settings.back_on.is_some_and(|back| date < back);
        if away || !week.is_workday(date) {
            continue;
        }
        let day_end = resolve(week.zone, date, week.day_end);
        for (i, &time) in week.blocks.iter().enumerate() {
            let start = resolve(week.zone, date, time);
            let next = week
                .blocks
                .get(i + 1)
                .map_or(day_end, |&t| resolve(week.zone, date, t));
            let end = next
                .min(day_end)
                .min(start + Duration::minutes(BLOCK_MINUTES));
            out.push(Block {
                start,
                end,
                date,
                time,
                due: Vec::new(),
            });
        }
    }
    out
}

/// An event from `start` to `end`, busy, stamped `now`, with a display alarm at its
/// start (RFC 5545 §3.6.6: a display alarm says what it is about).
fn timed(
    uid: &str,
    summary: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Event {
    let mut alarm = Alarm::display(summary, (Duration::zero(), Related::Start));
    // The builder stamps and numbers any component it writes without them, VALARM
    // included, from the system clock and at random; given here, the file depends only
    // on what it shows (RFC 9074 allows a UID on an alarm).
    alarm.uid(&format!("alarm-{uid}"));
    alarm.timestamp(now);
    Event::new()
        .uid(uid)
        .timestamp(now)
        .summary(summary)
        .starts(start)
        .ends(end)
        .add_property("TRANSP", "OPAQUE")
        .alarm(alarm)
        .done()
}

/// "Call Jenny Lee (Acme Dental)".
fn title(f: &FollowUp) -> String {
    let who = if f.company.is_empty() {
        f.name.clone()
    } else {
        format!("{} ({})", f.name, f.company)
    };
    format!("{} {who}", verb(f.due.channel))
}

/// What to do on the channel, to go before the prospect's name.
fn verb(channel: Channel) -> &'static str {
    match channel {
        Channel::Call | Channel::Voicemail | Channel::CallNoMessage => "Call",
        Channel::Email => "Email",
        Channel::Text => "Text",
        Channel::Note => "Write a note to",
        Channel::LinkedIn => "Message on LinkedIn:",
        Channel::Social => "Message on social:",
        Channel::InPerson => "Meet",
        Channel::Gift => "Send a gift to",
    }
}

/// The event's description: what the touch is for and why, the agreed next step, and
/// how to reach them.
fn details(f: &FollowUp) -> String {
    let mut lines = Vec::new();
    if !f.due.purpose.is_empty() {
        lines.push(f.due.purpose.clone());
    }
    lines.push(format!("Why: {}", f.due.explanation));
    if let Some(step) = f.next_step.as_ref().filter(|s| !s.note.is_empty()) {
        lines.push(format!("Next step agreed: {}", step.note));
    }
    if !f.phones.is_empty() {
        lines.push(format!("Phone: {}", f.phones.join(", ")));
    }
    if !f.emails.is_empty() {
        lines.push(format!("Email: {}", f.emails.join(", ")));
    }
    lines.join("\n")
}
