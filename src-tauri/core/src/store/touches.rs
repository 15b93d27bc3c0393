//! The touch log: every attempt to reach a prospect, and the figures derived from it.

use super::schedule::recompute;
use super::settings::read_settings;
use super::{from_ms, opt_from_ms, to_ms, Store};
use crate::cadence::outcome::{self, Before};
use crate::error::{Error, Result};
use crate::model::{Touch, TouchInput};
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

/// Writes what the touch does to the prospect's follow-up (`cadence::outcome`, the
/// rule), in the touch's transaction.
fn apply_outcome(tx: &Transaction<'_>, touch: &Touch, before: &Before) -> Result<()> {
    let e = outcome::effect(touch, before);
    let id = touch.prospect_id;
    if let Some(status) = e.status {
        tx.execute(
            "UPDATE prospects SET status = ?2 WHERE id = ?1",
            params![id, status],
        )?;
    }
    if let Some(reason) = &e.status_reason {
        tx.execute(
            "UPDATE prospects SET status_reason = ?2 WHERE id = ?1",
            params![id, reason],
        )?;
    }
    if let Some(stage) = e.stage {
        tx.execute(
            "UPDATE prospects SET stage = ?2 WHERE id = ?1",
            params![id, stage],
        )?;
    }
    if let Some(plan) = e.plan {
        tx.execute(
            "UPDATE prospects SET plan_id = ?2, plan_started_at = ?3 WHERE id = ?1",
            params![id, plan.plan_id, to_ms(plan.started_at)],
        )?;
    }
    if e.clear_snooze {
        tx.execute(
            "UPDATE prospects SET snoozed_until = NULL WHERE id = ?1",
            [id],
        )?;
    }
    if e.clear_next_step {
        tx.execute(
            "UPDATE prospects SET next_step_at = NULL, next_step_note = '' WHERE id = ?1",
            [id],
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
    let before: Option<Before> = tx
        .query_row(
            "SELECT status, source, plan_id, next_step_at FROM prospects WHERE id = ?1",
            [t.prospect_id],
            |r| {
                Ok(Before {
                    status: r.get(0)?,
                    source: r.get(1)?,
                    plan_id: r.get(2)?,
                    next_step_at: opt_from_ms(r.get(3)?)?,
                })
            },
        )
        .optional()?;
    let Some(before) = before else {
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
    apply_outcome(tx, &touch, &before)?;
    recompute(tx, t.prospect_id, &read_settings(tx)?, now)?;
    Ok(touch)
}
