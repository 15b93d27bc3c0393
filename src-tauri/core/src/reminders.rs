//! What a desktop reminder says, and when the next one is due. Pure: the store gathers the
//! due items, this decides the wording, and `notify_at` decides when an item may be
//! announced.

use crate::cadence::calendar::WorkWeek;
use crate::model::DueItem;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The earliest instant an item due at `due` may be announced: when it is due, if that
/// is in working hours, else when the next working day starts. The engine puts most of a
/// plan's touches on a follow-up block (seed 002), so those come a block at a time; a
/// call at the prospect's preferred time, an agreed next step, a reply owed, an inbound
/// lead or the end of a snooze come at their own time, or the call is missed.
///
/// A later due is never announced earlier, so the soonest item tells when the next
/// announcement is (see `Store::reminders_except`).
pub fn notify_at(week: &WorkWeek, due: DateTime<Utc>) -> DateTime<Utc> {
    week.next_working_instant(due)
}

/// Until when reminders wait because `now` is outside working hours: notifications come
/// during the workday, so what came due at night, over a weekend or while paused waits
/// (nothing is dropped) for the next working instant. `None` in working hours.
pub fn held_until(week: &WorkWeek, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let back = week.next_working_instant(now);
    (back > now).then_some(back)
}

/// How long the tray's "pause reminders" lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pause {
    /// An hour from now.
    Hour,
    /// Until the first follow-up block of the next working day, in the user's zone.
    Tomorrow,
}

impl Pause {
    pub fn until(self, week: &WorkWeek, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Pause::Hour => now + chrono::Duration::hours(1),
            Pause::Tomorrow => week.next_block(week.end_of_day(now)),
        }
    }
}

/// What became of a notification the app asked the desktop to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// A notification server accepted it.
    Shown,
    /// No server, or it refused: the desktop can't show it.
    Failed,
    /// The server took the call but has not answered (it hangs). It may still show it.
    Hung,
}

/// Whether a reminder counts as announced (and is recorded, so it is never repeated).
/// Shown: yes. Not shown: only when the window is on screen, whose banner shows it
/// instead; with the window hidden nobody saw it, so it waits for the desktop (the tray
/// says something is due meanwhile). Hung: not yet; it counts once the server answers
/// that it showed it, so a server that recovers shows it once, late, not twice.
pub fn announced(delivery: Delivery, window_visible: bool) -> bool {
    match delivery {
        Delivery::Shown => true,
        Delivery::Failed => window_visible,
        Delivery::Hung => false,
    }
}

/// How long to wait before trying again after `failures` failures in a row (of the
/// desktop to show a reminder, or of the database to record one): 30 s, doubling, at
/// most 15 minutes. Trying every minute would repeat a notification every minute.
pub fn retry_after(failures: u32) -> chrono::Duration {
    let doublings = failures.saturating_sub(1).min(5);
    chrono::Duration::seconds(30 * (1i64 << doublings)).min(chrono::Duration::minutes(15))
}

/// Text for a notification body on a server that reads markup (it advertises
/// "body-markup"): names such as "Smith & Sons <EMEA>" must show as written.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// One grouped notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub summary: String,
    pub body: String,
    /// An inbound lead or an owed reply is among them.
    pub urgent: bool,
    /// The single prospect it is about, when there is only one (clicking opens them).
    pub prospect_id: Option<i64>,
}

const NAMES_SHOWN: usize = 5;

/// Words for `items` (the first few of `total` waiting). `catch_up` is for what came
/// due while the app was closed or the machine slept.
pub fn compose(items: &[DueItem], total: u32, catch_up: bool) -> Option<Message> {
    let first = items.first()?;
    let urgent = items.iter().any(|i| i.due.urgent);
    let what = |i: &DueItem| {
        format!(
            "{} ({})",
            i.prospect.name,
            i.due.channel.label().to_lowercase()
        )
    };
    let noun = if total == 1 {
        "follow-up"
    } else {
        "follow-ups"
    };
    let summary = match (total, catch_up) {
        (1, false) => format!(
            "{} is due: {}",
            first.prospect.name,
            first.due.channel.label().to_lowercase()
        ),
        (1, true) => format!("1 follow-up waiting: {}", first.prospect.name),
        (n, false) => format!("{n} {noun} due"),
        (n, true) => format!("{n} {noun} waiting"),
    };
    let mut names: Vec<String> = items.iter().take(NAMES_SHOWN).map(what).collect();
    let shown = names.len() as u32;
    if total > shown {
        names.push(format!("and {} more", total - shown));
    }
    let mut body = if total == 1 {
        first.due.purpose.clone()
    } else {
        names.join(", ")
    };
    if catch_up {
        body.push_str(if total == 1 {
            " (came due while Follow Through was closed)"
        } else {
            " — came due while Follow Through was closed"
        });
    }
    Some(Message {
        summary,
        body,
        urgent,
        prospect_id: (total == 1).then_some(first.prospect.id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_seen_reminder_counts_as_announced() {
        assert!(announced(Delivery::Shown, false));
        assert!(announced(Delivery::Failed, true), "the banner shows it");
        assert!(!announced(Delivery::Failed, false), "nobody saw it");
        assert!(
            !announced(Delivery::Hung, true),
            "counted once the server answers"
        );
        assert!(!announced(Delivery::Hung, false));
    }

    #[test]
    fn reminders_wait_for_working_hours() {
        use chrono::TimeZone;
        let week = WorkWeek::standard(chrono_tz::America::Chicago);
        let chi = |d, h, m| {
            chrono_tz::America::Chicago
                .with_ymd_and_hms(2026, 11, d, h, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let monday_morning = chi(30, 8, 30);
        assert_eq!(
            held_until(&week, chi(28, 22, 0)),
            Some(monday_morning),
            "Saturday night"
        );
        assert_eq!(
            held_until(&week, chi(23, 18, 0)),
            Some(chi(24, 8, 30)),
            "after hours"
        );
        assert_eq!(
            held_until(&week, chi(30, 8, 0)),
            Some(monday_morning),
            "before the day"
        );
        assert_eq!(held_until(&week, monday_morning), None);
        assert_eq!(
            held_until(&week, chi(27, 17, 29)),
            None,
            "Friday, just before the end"
        );
    }

    #[test]
    fn retries_back_off_to_a_quarter_hour() {
        let secs: Vec<i64> = (1..=8).map(|n| retry_after(n).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(retry_after(0).num_seconds(), 30);
        assert_eq!(retry_after(u32::MAX).num_seconds(), 900);
    }

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape_markup("Smith & Sons <EMEA>, <b>Bold</b>"),
            "Smith &amp; Sons &lt;EMEA&gt;, &lt;b&gt;Bold&lt;/b&gt;"
        );
        assert_eq!(escape_markup("Zoë O'Neil"), "Zoë O'Neil");
    }
}
