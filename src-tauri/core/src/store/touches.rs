//! The touch log: every attempt to reach a prospect, and the figures derived from it.

use super::{from_ms, to_ms, Store};
use crate::error::{Error, Result};
use crate::model::{Touch, TouchInput};
use crate::validate;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

impl Store {
    /// Logs a touch and refreshes the prospect's derived figures in one transaction.
    pub fn log_touch(&mut self, input: TouchInput, now: DateTime<Utc>) -> Result<Touch> {
        let (t, at) = validate::touch(input, now)?;
        let tx = self.write()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM prospects WHERE id = ?1",
                [t.prospect_id],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            return Err(Error::NotFound {
                what: "prospect",
                id: t.prospect_id,
            });
        }
        let counts = t.channel.counts();
        tx.execute(
            "INSERT INTO touches (prospect_id, at, channel, outcome, note, counts, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                t.prospect_id,
                to_ms(at),
                t.channel,
                t.outcome,
                t.note,
                counts,
                to_ms(now)
            ],
        )?;
        let touch = Touch {
            id: tx.last_insert_rowid(),
            prospect_id: t.prospect_id,
            at,
            channel: t.channel,
            outcome: t.outcome,
            note: t.note,
            counts,
        };
        restat(&tx, t.prospect_id)?;
        tx.commit()?;
        Ok(touch)
    }

    /// Removes a touch logged by mistake.
    pub fn delete_touch(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        let prospect_id: i64 = tx
            .query_row("SELECT prospect_id FROM touches WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::NotFound { what: "touch", id })?;
        tx.execute("DELETE FROM touches WHERE id = ?1", [id])?;
        restat(&tx, prospect_id)?;
        tx.commit()?;
        Ok(())
    }

    /// A prospect's timeline, newest first.
    pub fn touches(&self, prospect_id: i64) -> Result<Vec<Touch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, prospect_id, at, channel, outcome, note, counts FROM touches \
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
