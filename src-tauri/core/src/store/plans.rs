//! Cadence plans as stored: the built-ins (rewritten from the code on every open) and the
//! user's own, and which plan a prospect is on. Changing a plan reschedules whoever
//! follows it, in the same transaction.

use super::schedule::{recompute_with, reschedule};
use super::trash::{self, Row as Snapshot};
use super::{json_at, settings::read_settings, to_ms, Store};
use crate::cadence::plan::{builtin_plans, Plan, Step};
use crate::error::{BadValue, Error, Result};
use crate::model::{Restored, TrashItem, TrashKind};
use crate::validate;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

const PLAN_COLUMNS: &str = "id, name, builtin, description, steps, repeat_from";

impl Store {
    /// Writes the built-in plans as the code defines them (they are not editable; users
    /// clone them). Runs on every open, right after migrations, so ids 1–4 are theirs.
    pub(crate) fn sync_builtin_plans(&mut self) -> Result<()> {
        let tx = self.write()?;
        for p in builtin_plans() {
            tx.execute(
                "INSERT INTO plans (id, name, builtin, description, steps, repeat_from) \
                 VALUES (?1, ?2, 1, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET \
                 name = excluded.name, builtin = 1, description = excluded.description, \
                 steps = excluded.steps, repeat_from = excluded.repeat_from",
                params![
                    p.id,
                    p.name,
                    p.description,
                    steps_json(&p.steps)?,
                    p.repeat_from.map(|r| r as i64)
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every plan, built-ins first in their natural order.
    pub fn plans(&self) -> Result<Vec<Plan>> {
        read_plans(&self.conn)
    }

    pub fn plan(&self, id: i64) -> Result<Plan> {
        self.conn
            .prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = ?1"))?
            .query_row([id], plan_from)
            .optional()?
            .ok_or(Error::NotFound { what: "plan", id })
    }

    /// Creates (id 0) or updates a user plan. Built-in plans are refused: clone them.
    pub fn save_plan(&mut self, plan: Plan, now: DateTime<Utc>) -> Result<Plan> {
        let mut plan = validate::plan(plan)?;
        let steps = steps_json(&plan.steps)?;
        let tx = self.write()?;
        if plan.id != 0 {
            if builtin(&tx, plan.id)? {
                return Err(Error::invalid(
                    "name",
                    "Built-in plans can't be changed; clone it and edit the copy.",
                ));
            }
            tx.execute(
                "UPDATE plans SET name = ?2, description = ?3, steps = ?4, repeat_from = ?5 WHERE id = ?1",
                params![plan.id, plan.name, plan.description, steps, plan.repeat_from.map(|r| r as i64)],
            )?;
        } else {
            tx.execute(
                "INSERT INTO plans (name, builtin, description, steps, repeat_from) VALUES (?1, 0, ?2, ?3, ?4)",
                params![plan.name, plan.description, steps, plan.repeat_from.map(|r| r as i64)],
            )?;
            plan.id = tx.last_insert_rowid();
        }
        plan.builtin = false;
        // Everyone on this plan gets new due times.
        let followers: Vec<i64> = followers(&tx, plan.id)?.iter().map(|f| f.0).collect();
        recompute_each(&tx, &followers, now)?;
        tx.commit()?;
        Ok(plan)
    }

    /// Deletes a user plan; its prospects go back to their default plan. The plan and who
    /// followed it are kept in Recently deleted.
    pub fn delete_plan(&mut self, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
        let tx = self.write()?;
        if builtin(&tx, id)? {
            return Err(Error::invalid("plan", "Built-in plans can't be deleted."));
        }
        let plan = trash::row(&tx, "plans", "plan", id)?;
        let followers = followers(&tx, id)?;
        tx.execute(
            "UPDATE prospects SET plan_id = NULL WHERE plan_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM plans WHERE id = ?1", [id])?;
        recompute_each(&tx, &followers.iter().map(|f| f.0).collect::<Vec<_>>(), now)?;
        let detail = match followers.len() {
            0 => String::new(),
            n => format!("{} followed it", trash::count(n, "prospect", "prospects")),
        };
        let label = trash::text(&plan, "name").to_string();
        let item = trash::put(
            &tx,
            TrashKind::Plan,
            &label,
            &detail,
            &PlanSnapshot { plan, followers },
            now,
        )?;
        tx.commit()?;
        Ok(item)
    }

    /// Puts a prospect on a plan (None: the default for their status), starting now.
    pub fn assign_plan(
        &mut self,
        prospect_id: i64,
        plan_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if let Some(pid) = plan_id {
            self.plan(pid)?;
        }
        let tx = self.write()?;
        let n = tx.execute(
            "UPDATE prospects SET plan_id = ?2, plan_started_at = ?3 WHERE id = ?1",
            params![prospect_id, plan_id, to_ms(now)],
        )?;
        reschedule(tx, prospect_id, n, now)
    }
}

/// Whether plan `id` is built in; a plan that isn't there is `NotFound`.
fn builtin(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    tx.query_row("SELECT builtin FROM plans WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(Error::NotFound { what: "plan", id })
}

/// Who follows a plan, each with when they started on it.
fn followers(tx: &Transaction<'_>, plan_id: i64) -> Result<Vec<(i64, Option<i64>)>> {
    let ids = tx
        .prepare("SELECT id, plan_started_at FROM prospects WHERE plan_id = ?1")?
        .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// A deleted plan as Recently deleted keeps it, with who followed it and since when.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct PlanSnapshot {
    plan: Snapshot,
    followers: Vec<(i64, Option<i64>)>,
}

/// Puts a deleted plan back, and its followers back on it: those still on their default
/// plan since the delete (same start), not anyone who was given another plan or a new
/// status meanwhile. They are rescheduled on it.
pub(super) fn restore(
    tx: &Transaction<'_>,
    snap: PlanSnapshot,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let id = trash::insert(tx, "plans", &snap.plan, Some("id"))?;
    let mut back = Vec::new();
    for (prospect_id, started) in snap.followers {
        let n = tx.execute(
            "UPDATE prospects SET plan_id = ?2 \
             WHERE id = ?1 AND plan_id IS NULL AND plan_started_at IS ?3",
            params![prospect_id, id, started],
        )?;
        if n > 0 {
            back.push(prospect_id);
        }
    }
    recompute_each(tx, &back, now)?;
    Ok(Restored {
        kind: TrashKind::Plan,
        id,
        prospect_id: None,
        label: trash::text(&snap.plan, "name").to_string(),
    })
}

fn recompute_each(tx: &Transaction<'_>, ids: &[i64], now: DateTime<Utc>) -> Result<()> {
    let settings = read_settings(tx)?;
    let plans = read_plans(tx)?;
    for &id in ids {
        recompute_with(tx, id, &settings, &plans, now)?;
    }
    Ok(())
}

pub(super) fn read_plans(conn: &Connection) -> Result<Vec<Plan>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PLAN_COLUMNS} FROM plans ORDER BY builtin DESC, id"
    ))?;
    let rows = stmt.query_map([], plan_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn plan_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Plan> {
    Ok(Plan {
        id: r.get(0)?,
        name: r.get(1)?,
        builtin: r.get(2)?,
        description: r.get(3)?,
        steps: json_at::<Vec<Step>>(r, 4, "plan steps")?,
        repeat_from: r
            .get::<_, Option<i64>>(5)?
            .map(|v| {
                usize::try_from(v).map_err(|_| BadValue::at(5, "plan's repeat", v.to_string()))
            })
            .transpose()?,
    })
}

fn steps_json(steps: &[Step]) -> Result<String> {
    serde_json::to_string(steps).map_err(|e| Error::invalid("steps", e.to_string()))
}
