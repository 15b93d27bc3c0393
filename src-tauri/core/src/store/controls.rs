//! The per-prospect controls that move a schedule without a touch: snooze, skip (with a
//! reason, on the timeline), pause, and the next step agreed with the prospect.

use super::plans::read_plans;
use super::schedule::{recompute, recompute_with, reschedule};
use super::settings::read_settings;
use super::{from_ms, to_ms, Store};
use crate::error::{Error, Result};
use crate::limits;
use crate::model::{NextStep, Skip, SnoozeTo};
use crate::validate::{multi_line, single_line};
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

impl Store {
    /// Snoozes a prospect's next touch until `until` (None: wake now).
    pub fn snooze(
        &mut self,
        prospect_id: i64,
        until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some(u) = until {
            check_snooze(u, now)?;
        }
        self.update_control(prospect_id, now, "snoozed_until = ?2", until.map(to_ms))
    }

    /// Snoozes a prospect's next touch to a choice of the user's (an hour, tomorrow, next
    /// week, a day), in the days of their working week; None wakes it now.
    pub fn snooze_to(
        &mut self,
        prospect_id: i64,
        to: Option<SnoozeTo>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let until = match to {
            Some(to) => Some(read_settings(&self.conn)?.week.snooze_until(to, now)),
            None => None,
        };
        self.snooze(prospect_id, until, now)
    }

    /// Snoozes the follow-ups a notification named (its "Snooze 1 hour"), in one
    /// transaction. Each is a reminder's key, (prospect id, due instant in ms), named at
    /// `named_at`: only a prospect still due at that instant, and already in the book
    /// then, is snoozed. One deleted since (whose id someone added later may have) or
    /// whose follow-up moved (logged, snoozed in the window) is left alone, not an error:
    /// the others are still snoozed. Returns how many were.
    pub fn snooze_all(
        &mut self,
        reminders: &[(i64, i64)],
        named_at: DateTime<Utc>,
        to: SnoozeTo,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let tx = self.write()?;
        let settings = read_settings(&tx)?;
        let until = settings.week.snooze_until(to, now);
        check_snooze(until, now)?;
        let plans = read_plans(&tx)?;
        let mut snoozed = 0;
        for &(id, due) in reminders {
            let n = tx.execute(
                "UPDATE prospects SET snoozed_until = ?2 \
                 WHERE id = ?1 AND next_due_at = ?3 AND created_at <= ?4",
                params![id, to_ms(until), due, to_ms(named_at)],
            )?;
            if n > 0 {
                recompute_with(&tx, id, &settings, &plans, now)?;
                snoozed += 1;
            }
        }
        tx.commit()?;
        Ok(snoozed)
    }

    /// Skips the due touch for today, with a reason: recorded on the timeline, and the
    /// prospect comes back in the first block of the next working day.
    pub fn skip(&mut self, prospect_id: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
        let reason = single_line("reason", "The reason", reason, limits::SHORT_NOTE)?;
        if reason.is_empty() {
            return Err(Error::invalid(
                "reason",
                "Say why you're skipping: it goes on the timeline.",
            ));
        }
        let tx = self.write()?;
        let settings = read_settings(&tx)?;
        let tomorrow = settings.week.next_block(settings.week.end_of_day(now));
        let n = tx.execute(
            "UPDATE prospects SET snoozed_until = ?2 WHERE id = ?1",
            params![prospect_id, to_ms(tomorrow)],
        )?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "prospect",
                id: prospect_id,
            });
        }
        tx.execute(
            "INSERT INTO skips (prospect_id, at, reason) VALUES (?1, ?2, ?3)",
            params![prospect_id, to_ms(now), reason],
        )?;
        recompute(&tx, prospect_id, &settings, now)?;
        tx.commit()?;
        Ok(())
    }

    pub fn skips(&self, prospect_id: i64) -> Result<Vec<Skip>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, reason FROM skips WHERE prospect_id = ?1 ORDER BY at DESC",
        )?;
        let rows = stmt.query_map([prospect_id], |r| {
            Ok(Skip {
                id: r.get(0)?,
                at: from_ms(r.get(1)?)?,
                reason: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Pauses (or resumes) follow-up with one prospect. Nothing is lost: on resume, what
    /// came due while paused shows as overdue.
    pub fn set_paused(&mut self, prospect_id: i64, paused: bool, now: DateTime<Utc>) -> Result<()> {
        self.update_control(prospect_id, now, "paused = ?2", Some(i64::from(paused)))
    }

    /// Records (or clears) the next step agreed with the prospect.
    pub fn set_next_step(
        &mut self,
        prospect_id: i64,
        step: Option<NextStep>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write()?;
        let (at, note) = match step {
            Some(s) => {
                if s.at < now - Duration::days(1) {
                    return Err(Error::invalid(
                        "next_step",
                        "The next step should be in the future.",
                    ));
                }
                if s.at > now + Duration::days(limits::AHEAD_DAYS as i64) {
                    return Err(Error::invalid(
                        "next_step",
                        format!(
                            "That's too far ahead for a next step (at most {} days from today).",
                            limits::AHEAD_DAYS
                        ),
                    ));
                }
                let note = multi_line("next_step", "The next step", &s.note, limits::NEXT_STEP)?;
                (Some(to_ms(s.at)), note)
            }
            None => (None, String::new()),
        };
        // A step just agreed ends a snooze: the newer choice wins, and a snooze would
        // otherwise hold the step past the time agreed.
        let n = tx.execute(
            "UPDATE prospects SET next_step_at = ?2, next_step_note = ?3, \
             snoozed_until = CASE WHEN ?2 IS NULL THEN snoozed_until END WHERE id = ?1",
            params![prospect_id, at, note],
        )?;
        reschedule(tx, prospect_id, n, now)
    }

    fn update_control(
        &mut self,
        prospect_id: i64,
        now: DateTime<Utc>,
        set: &str,
        value: Option<i64>,
    ) -> Result<()> {
        let tx = self.write()?;
        let n = tx.execute(
            &format!("UPDATE prospects SET {set} WHERE id = ?1"),
            params![prospect_id, value],
        )?;
        reschedule(tx, prospect_id, n, now)
    }
}

/// A snooze ends in the future, and not so far that pausing is what was meant.
fn check_snooze(until: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if until <= now {
        return Err(Error::invalid(
            "until",
            "Snooze until a time in the future.",
        ));
    }
    if until > now + Duration::days(limits::AHEAD_DAYS as i64) {
        return Err(Error::invalid(
            "until",
            "That's too far ahead to snooze; pause the prospect instead.",
        ));
    }
    Ok(())
}
