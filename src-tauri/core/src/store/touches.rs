//! The touch log: every attempt to reach a prospect, and the figures derived from it.

use super::changes;
use super::kind::{OURS, TOUCHPOINT};
use super::schedule::recompute;
use super::settings::read_settings;
use super::trash::{self, Link, Row};
use super::{from_ms, opt_from_ms, to_ms, Store};
use crate::cadence::outcome::{self, Before, Change, Followup};
use crate::error::{Error, Result};
use crate::model::{
    Channel, NextStep, Outcome, Restored, Source, Touch, TouchInput, TrashItem, TrashKind,
};
use crate::reports;
use crate::validate;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// A deleted touch as Recently deleted keeps it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct TouchSnapshot {
    touch: Row,
    /// The prospect it was on, known by its id and when it was created: an id alone may
    /// have been given to someone else since (see `forward`).
    prospect_id: i64,
    prospect_created_at: i64,
    prospect_name: String,
    /// Mailed notes that named this touch.
    notes: Vec<Link>,
}

impl Store {
    /// Logs a touch and refreshes the prospect's derived figures in one transaction.
    pub fn log_touch(&mut self, input: TouchInput, now: DateTime<Utc>) -> Result<Touch> {
        let tx = self.write()?;
        let touch = insert_touch(&tx, input, now)?;
        tx.commit()?;
        Ok(touch)
    }

    /// Removes a touch logged by mistake: what its outcome changed on the prospect is put
    /// back (`outcome::carry`), and the touch is kept in Recently deleted.
    pub fn delete_touch(&mut self, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
        let tx = self.write()?;
        let touch = trash::row(&tx, "touches", "touch", id)?;
        let (channel, outcome, at, change): (Channel, Outcome, i64, Option<String>) = tx
            .query_row(
                "SELECT channel, outcome, at, outcome_change FROM touches WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let prospect_id = trash::int(&touch, "prospect_id")?;
        let (name, created_at): (String, i64) = tx.query_row(
            "SELECT name, created_at FROM prospects WHERE id = ?1",
            [prospect_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let snapshot = TouchSnapshot {
            notes: trash::links(&tx, "notes", "created_at", "touch_id", id)?,
            touch,
            prospect_id,
            prospect_created_at: created_at,
            prospect_name: name.clone(),
        };
        tx.execute("DELETE FROM touches WHERE id = ?1", [id])?;
        if let Some(change) = read_change(change)? {
            carry_change(&tx, prospect_id, &change.after, &change.before, now)?;
        }
        restat(&tx, prospect_id)?;
        let settings = read_settings(&tx)?;
        recompute(&tx, prospect_id, &settings, now)?;
        let day = settings.week.local_date(from_ms(at)?);
        let item = trash::put(
            &tx,
            TrashKind::Touch,
            &format!("{} · {name}", channel.label()),
            &format!("{} · {}", outcome.label(), day.format("%-d %b %Y")),
            &snapshot,
            now,
        )?;
        tx.commit()?;
        Ok(item)
    }

    /// A prospect's timeline, newest first.
    pub fn touches(&self, prospect_id: i64) -> Result<Vec<Touch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, prospect_id, at, channel, outcome, note, message, counts, inbound \
             FROM touches WHERE prospect_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([prospect_id], |r| {
            Ok(Touch {
                id: r.get(0)?,
                prospect_id: r.get(1)?,
                at: from_ms(r.get(2)?)?,
                channel: r.get(3)?,
                outcome: r.get(4)?,
                note: r.get(5)?,
                message: r.get(6)?,
                counts: r.get(7)?,
                inbound: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Recomputes a prospect's figures from its touches. Derived, never incremented, so a
/// deleted or back-dated touch can't leave them wrong. `last_touch_at` is the last touch
/// the prospect *received*: a call with no message left does not move it (seed 004).
/// A deleted touch's row counted again by today's rule before it is put back: one
/// deleted before migration 0009 still says a message from them counts, and one deleted
/// before migration 0011 may be a "call, no message left" with an answer (a call, see
/// `validate::as_answered`).
pub(super) fn recount(row: &mut Row) {
    let inbound = row
        .get("inbound")
        .and_then(serde_json::Value::as_i64)
        .is_some_and(|v| v != 0);
    let outcome = Outcome::parse(trash::text(row, "outcome"));
    let channel = Channel::parse(trash::text(row, "channel"))
        .map(|c| outcome.map_or(c, |o| validate::as_answered(c, o)));
    if let Some(c) = channel {
        row.insert("channel".into(), c.as_str().into());
    }
    let counts = channel.is_some_and(|c| c.is_touchpoint(inbound));
    row.insert("counts".into(), i64::from(counts).into());
}

pub(super) fn restat(tx: &Transaction<'_>, prospect_id: i64) -> Result<()> {
    // Attempts are ours (`inbound = 0`), touchpoints `counts = 1`: both read from `kind`,
    // so each count walks the prospect's run of the covering index `touches_for_cadence`
    // and no table row (every logged touch comes here).
    static RESTAT: LazyLock<String> = LazyLock::new(|| {
        format!(
            "UPDATE prospects SET \
               attempts = (SELECT count(*) FROM touches WHERE prospect_id = ?1 AND {OURS}), \
               touchpoints = (SELECT count(*) FROM touches WHERE prospect_id = ?1 AND {TOUCHPOINT}), \
               last_touch_at = (SELECT max(at) FROM touches WHERE prospect_id = ?1 AND {TOUCHPOINT}) \
             WHERE id = ?1"
        )
    });
    tx.prepare_cached(&RESTAT)?.execute([prospect_id])?;
    Ok(())
}

const FOLLOWUP_COLUMNS: &str = "status, status_reason, stage, plan_id, plan_started_at, \
    snoozed_until, next_step_at, next_step_note, source";

/// The fields of a prospect an outcome can change, and where the prospect came from.
fn read_followup(conn: &Connection, prospect_id: i64) -> Result<Option<(Followup, Source)>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {FOLLOWUP_COLUMNS} FROM prospects WHERE id = ?1"
        ))?
        .query_row([prospect_id], |r| {
            let next_step = match r.get::<_, Option<i64>>(6)? {
                Some(ms) => Some(NextStep {
                    at: from_ms(ms)?,
                    note: r.get(7)?,
                }),
                None => None,
            };
            Ok((
                Followup {
                    status: r.get(0)?,
                    status_reason: r.get(1)?,
                    stage: r.get(2)?,
                    plan_id: r.get(3)?,
                    plan_started_at: opt_from_ms(r.get(4)?)?,
                    snoozed_until: opt_from_ms(r.get(5)?)?,
                    next_step,
                },
                r.get(8)?,
            ))
        })
        .optional()?)
}

/// Writes the fields an outcome changes over `before` (what is stored); a change of
/// stage or status is recorded for the pipeline's history as made `at` the moment it is
/// written (not a back-dated touch's time: the history's order is the order of writes).
fn write_followup(
    tx: &Transaction<'_>,
    prospect_id: i64,
    before: &Followup,
    f: &Followup,
    at: DateTime<Utc>,
) -> Result<()> {
    changes::record(
        tx,
        prospect_id,
        (before.stage, before.status),
        (f.stage, f.status),
        at,
    )?;
    // A plan deleted since the touch was logged: the default plan for the status.
    let plan_id = match f.plan_id {
        Some(id) => tx
            .query_row("SELECT id FROM plans WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?,
        None => None,
    };
    tx.prepare_cached(
        "UPDATE prospects SET status = ?2, status_reason = ?3, stage = ?4, plan_id = ?5, \
         plan_started_at = ?6, snoozed_until = ?7, next_step_at = ?8, next_step_note = ?9 \
         WHERE id = ?1",
    )?
    .execute(params![
        prospect_id,
        f.status,
        f.status_reason,
        f.stage,
        plan_id,
        f.plan_started_at.map(to_ms),
        f.snoozed_until.map(to_ms),
        f.next_step.as_ref().map(|s| to_ms(s.at)),
        f.next_step
            .as_ref()
            .map(|s| s.note.as_str())
            .unwrap_or_default(),
    ])?;
    Ok(())
}

/// Moves the prospect's follow-up from `from` to `to` where nothing changed it since.
fn carry_change(
    tx: &Transaction<'_>,
    prospect_id: i64,
    from: &Followup,
    to: &Followup,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some((current, _)) = read_followup(tx, prospect_id)? else {
        return Ok(());
    };
    let carried = outcome::carry(&current, from, to);
    if carried != current {
        write_followup(tx, prospect_id, &current, &carried, now)?;
    }
    Ok(())
}

fn read_change(json: Option<String>) -> Result<Option<Change>> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| Error::Unreadable {
            what: "touch's change to its prospect",
            detail: e.to_string(),
        })
    })
    .transpose()
}

/// Validates and writes a touch inside the caller's transaction, then brings the
/// prospect's figures, status and schedule up to date: the one way a touch is recorded,
/// whether typed into the log form or made by mailing a note. An outcome that stops
/// follow-up before five touchpoints is refused with `Error::Confirm` unless confirmed.
pub(crate) fn insert_touch(
    tx: &Transaction<'_>,
    input: TouchInput,
    now: DateTime<Utc>,
) -> Result<Touch> {
    let (t, at) = validate::touch(input, now)?;
    let Some((before, source)) = read_followup(tx, t.prospect_id)? else {
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
    let counts = t.channel.is_touchpoint(t.inbound);
    let settings = read_settings(tx)?;
    let due: Option<i64> = tx
        .prepare_cached("SELECT next_due_at FROM prospects WHERE id = ?1")?
        .query_row([t.prospect_id], |r| r.get(0))?;
    let answered = reports::answered(opt_from_ms(due)?, at, t.inbound, &settings.week);
    tx.execute(
        "INSERT INTO touches (prospect_id, at, channel, outcome, note, message, counts, inbound, reason_id, created_at, due_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![t.prospect_id, to_ms(at), t.channel, t.outcome, t.note, t.message, counts, t.inbound, t.reason_id, to_ms(now), answered.map(to_ms)],
    )?;
    let touch = Touch {
        id: tx.last_insert_rowid(),
        prospect_id: t.prospect_id,
        at,
        channel: t.channel,
        outcome: t.outcome,
        note: t.note,
        message: t.message,
        counts,
        inbound: t.inbound,
    };
    restat(tx, t.prospect_id)?;
    let rule_input = Before {
        status: before.status,
        source,
        plan_id: before.plan_id,
        next_step_at: before.next_step.as_ref().map(|s| s.at),
    };
    let after = outcome::effect(&touch, &rule_input).apply(&before);
    if !t.confirm_stop {
        let touchpoints: u32 = tx.query_row(
            "SELECT touchpoints FROM prospects WHERE id = ?1",
            [t.prospect_id],
            |r| r.get(0),
        )?;
        if let Some(message) = outcome::early_stop(before.status, after.status, touchpoints) {
            return Err(Error::Confirm { message });
        }
    }
    if after != before {
        write_followup(tx, t.prospect_id, &before, &after, now)?;
        let change =
            serde_json::to_string(&Change { before, after }).map_err(|e| Error::Unreadable {
                what: "touch's change to its prospect",
                detail: e.to_string(),
            })?;
        tx.execute(
            "UPDATE touches SET outcome_change = ?2 WHERE id = ?1",
            params![touch.id, change],
        )?;
    }
    recompute(tx, t.prospect_id, &settings, now)?;
    Ok(touch)
}

/// Puts a deleted touch back on its prospect, with what its outcome did (where nothing
/// changed it since), and reconnects the notes that named it.
pub(super) fn restore(
    tx: &Transaction<'_>,
    snap: TouchSnapshot,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let there: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM prospects WHERE id = ?1 AND created_at = ?2)",
        params![snap.prospect_id, snap.prospect_created_at],
        |r| r.get(0),
    )?;
    if !there {
        return Err(Error::invalid(
            "restore",
            format!(
                "{} has been deleted too: restore them first, then this touch.",
                snap.prospect_name
            ),
        ));
    }
    let mut row = snap.touch;
    row.insert("prospect_id".into(), snap.prospect_id.into());
    trash::drop_dangling(tx, &mut row, "reason_id", "reasons")?;
    recount(&mut row);
    let change = read_change(
        row.get("outcome_change")
            .and_then(|v| v.as_str())
            .map(String::from),
    )?;
    let id = trash::insert(tx, "touches", &row, Some("id"))?;
    trash::relink(tx, "notes", "created_at", "touch_id", &snap.notes, id)?;
    if let Some(change) = change {
        carry_change(tx, snap.prospect_id, &change.before, &change.after, now)?;
    }
    restat(tx, snap.prospect_id)?;
    recompute(tx, snap.prospect_id, &read_settings(tx)?, now)?;
    Ok(Restored {
        kind: TrashKind::Touch,
        id,
        prospect_id: Some(snap.prospect_id),
        label: snap.prospect_name,
    })
}

/// A prospect restored under a new id (its old one was reused): deleted touches that
/// were on it follow it there.
pub(super) fn forward(
    tx: &Transaction<'_>,
    old_id: i64,
    created_at: i64,
    new_id: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE trash SET payload = json_set(payload, '$.prospect_id', ?3) \
         WHERE kind = 'touch' AND json_extract(payload, '$.prospect_id') = ?1 \
           AND json_extract(payload, '$.prospect_created_at') = ?2",
        params![old_id, created_at, new_id],
    )?;
    Ok(())
}
