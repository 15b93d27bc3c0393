//! The touch log: every attempt to reach a prospect, and the figures derived from it.

use super::cadence::{read_settings, recompute};
use super::{from_ms, to_ms, Store};
use crate::cadence::plan;
use crate::error::{Error, Result};
use crate::model::{Outcome, Stage, Status, Touch, TouchInput};
use crate::validate;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

impl Store {
    /// Logs a touch and refreshes the prospect's derived figures in one transaction.
    pub fn log_touch(&mut self, input: TouchInput, now: DateTime<Utc>) -> Result<Touch> {
        let tx = self.write()?;
        let touch = insert_touch(&tx, input, now)?;
        tx.commit()?;
        Ok(touch)
    }

    /// Removes a touch logged by mistake.
    pub fn delete_touch(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        let prospect_id: i64 = tx
            .query_row("SELECT prospect_id FROM touches WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::NotFound { what: "touch", id })?;
        tx.execute("DELETE FROM touches WHERE id = ?1", [id])?;
        restat(&tx, prospect_id)?;
        recompute(&tx, prospect_id, &read_settings(&tx)?, now)?;
        tx.commit()?;
        Ok(())
    }

    /// A prospect's timeline, newest first.
    pub fn touches(&self, prospect_id: i64) -> Result<Vec<Touch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, prospect_id, at, channel, outcome, note, counts, inbound FROM touches \
             WHERE prospect_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([prospect_id], |r| {
            Ok(Touch {
                id: r.get(0)?,
                prospect_id: r.get(1)?,
                at: from_ms(r.get(2)?)?,
                channel: r.get(3)?,
                outcome: r.get(4)?,
                note: r.get(5)?,
                counts: r.get(6)?,
                inbound: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Recomputes a prospect's figures from its touches. Derived, never incremented, so a
/// deleted or back-dated touch can't leave them wrong. `last_touch_at` is the last touch
/// the prospect *received*: a call with no message left does not move it (seed 004).
fn restat(tx: &Transaction<'_>, prospect_id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE prospects SET \
           attempts = (SELECT count(*) FROM touches WHERE prospect_id = ?1), \
           touchpoints = (SELECT count(*) FROM touches WHERE prospect_id = ?1 AND counts = 1), \
           last_touch_at = (SELECT max(at) FROM touches WHERE prospect_id = ?1 AND counts = 1) \
         WHERE id = ?1",
    )?
    .execute([prospect_id])?;
    Ok(())
}

/// What an outcome means for the follow-up (seed 004: "no means not now"; only stop for
/// "never"). Runs in the touch's transaction.
fn apply_outcome(tx: &Transaction<'_>, touch: &Touch, plan_id: Option<i64>) -> Result<()> {
    let at = to_ms(touch.at);
    let id = touch.prospect_id;
    match touch.outcome {
        Outcome::Never => {
            let reason = format!("Said never ({}).", touch.at.format("%Y-%m-%d"));
            tx.execute(
                "UPDATE prospects SET status = ?2, status_reason = ?3, next_step_at = NULL, \
                 snoozed_until = NULL WHERE id = ?1",
                params![id, Status::DoNotContact, reason],
            )?;
        }
        Outcome::No => {
            tx.execute(
                "UPDATE prospects SET status = ?2, plan_id = NULL, plan_started_at = ?3 \
                 WHERE id = ?1 AND status IN ('active', 'client')",
                // The "no" itself is the new plan's anchor, not one of its steps.
                params![id, Status::Nurture, at + 1],
            )?;
        }
        Outcome::Yes => {
            tx.execute(
                "UPDATE prospects SET status = ?2, stage = ?3, plan_id = NULL, plan_started_at = ?4 WHERE id = ?1",
                params![id, Status::Client, Stage::Won, at + 1],
            )?;
        }
        Outcome::Replied | Outcome::Conversation | Outcome::MeetingSet => {
            // An inbound lead that connects carries on as a new prospect.
            let on_inbound: bool = tx.query_row(
                "SELECT source = 'inbound_web' AND status = 'active' FROM prospects WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            if on_inbound && plan_id.is_none_or(|p| p == plan::INBOUND_LEAD) {
                tx.execute(
                    "UPDATE prospects SET plan_id = ?2, plan_started_at = ?3 WHERE id = ?1",
                    // The conversation itself was the introduction, the plan's first step.
                    params![id, plan::NEW_PROSPECT, at - 1],
                )?;
            }
        }
        Outcome::NoResponse | Outcome::Maybe => {}
    }
    // A touch of ours fulfils the agreed next step and ends any snooze.
    if !touch.inbound && touch.counts {
        tx.execute(
            "UPDATE prospects SET snoozed_until = NULL WHERE id = ?1",
            [id],
        )?;
        // A step agreed for next month is not done by today's email: only a touch on or
        // after the day before it counts.
        tx.execute(
            "UPDATE prospects SET next_step_at = NULL, next_step_note = '' \
             WHERE id = ?1 AND next_step_at <= ?2 + 86400000",
            params![id, at],
        )?;
    }
    Ok(())
}

/// Validates and writes a touch inside the caller's transaction, then brings the
/// prospect's figures, status and schedule up to date: the one way a touch is recorded,
/// whether typed into the log form or made by mailing a note.
pub(crate) fn insert_touch(
    tx: &Transaction<'_>,
    input: TouchInput,
    now: DateTime<Utc>,
) -> Result<Touch> {
    let (t, at) = validate::touch(input, now)?;
    let plan_id: Option<Option<i64>> = tx
        .query_row(
            "SELECT plan_id FROM prospects WHERE id = ?1",
            [t.prospect_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(plan_id) = plan_id else {
        return Err(Error::NotFound {
            what: "prospect",
            id: t.prospect_id,
        });
    };
    if let Some(reason_id) = t.reason_id {
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM reasons WHERE id = ?1)",
            [reason_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::NotFound {
                what: "reason",
                id: reason_id,
            });
        }
    }
    let counts = t.channel.counts();
    tx.execute(
        "INSERT INTO touches (prospect_id, at, channel, outcome, note, counts, inbound, reason_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![t.prospect_id, to_ms(at), t.channel, t.outcome, t.note, counts, t.inbound, t.reason_id, to_ms(now)],
    )?;
    let touch = Touch {
        id: tx.last_insert_rowid(),
        prospect_id: t.prospect_id,
        at,
        channel: t.channel,
        outcome: t.outcome,
        note: t.note,
        counts,
        inbound: t.inbound,
    };
    restat(tx, t.prospect_id)?;
    apply_outcome(tx, &touch, plan_id)?;
    recompute(tx, t.prospect_id, &read_settings(tx)?, now)?;
    Ok(touch)
}
