//! Where the cadence engine meets the database: settings and plans, a prospect's plan,
//! and keeping `next_due_at` current after every write. The controls (snooze, skip,
//! pause, next step) are in `controls.rs`; the queues in `queues.rs`.

use super::{from_ms, opt_from_ms, read_setting, to_ms, write_setting, Store};
use crate::cadence::plan::{self, builtin_plans, Plan, Step};
use crate::cadence::{next_due, Due, DueKind, NextStep, Settings, Subject};
use crate::error::{Error, Result};
use crate::model::{Channel, Outcome, Source, Status, Touch, Weekday};
use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use std::str::FromStr;

const SETTINGS_KEY: &str = "cadence";

/// The engine's state for one prospect, as stored.
struct State {
    status: Status,
    source: Source,
    created_at: DateTime<Utc>,
    paused: bool,
    snoozed_until: Option<DateTime<Utc>>,
    next_step: Option<NextStep>,
    plan_id: Option<i64>,
    plan_started_at: Option<DateTime<Utc>>,
    zone: Option<Tz>,
    preferred_channel: Option<Channel>,
    preferred_days: Vec<Weekday>,
    preferred_time: Option<NaiveTime>,
}

const STATE_COLUMNS: &str = "status, source, created_at, paused, snoozed_until, next_step_at, \
    next_step_note, plan_id, plan_started_at, time_zone, preferred_channel, preferred_days, preferred_time";

/// The engine's state from a row whose `STATE_COLUMNS` start at column `at`.
fn state_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<State> {
    let next_step_at: Option<i64> = r.get(at + 5)?;
    Ok(State {
        status: r.get(at)?,
        source: r.get(at + 1)?,
        created_at: from_ms(r.get(at + 2)?)?,
        paused: r.get(at + 3)?,
        snoozed_until: opt_from_ms(r.get(at + 4)?)?,
        next_step: match next_step_at {
            Some(ms) => Some(NextStep {
                at: from_ms(ms)?,
                note: r.get(at + 6)?,
            }),
            None => None,
        },
        plan_id: r.get(at + 7)?,
        plan_started_at: opt_from_ms(r.get(at + 8)?)?,
        zone: Tz::from_str(&r.get::<_, String>(at + 9)?).ok(),
        preferred_channel: r.get(at + 10)?,
        preferred_days: r
            .get::<_, String>(at + 11)?
            .split(',')
            .filter_map(Weekday::parse)
            .collect(),
        preferred_time: NaiveTime::parse_from_str(&r.get::<_, String>(at + 12)?, "%H:%M").ok(),
    })
}

/// The plan a prospect follows when none was chosen: by status, and for an inbound web
/// lead in active pursuit, the urgent inbound plan.
pub fn default_plan(status: Status, source: Source) -> i64 {
    match status {
        Status::Nurture => plan::NURTURE,
        Status::Client => plan::CLIENT_CARE,
        _ if source == Source::InboundWeb => plan::INBOUND_LEAD,
        _ => plan::NEW_PROSPECT,
    }
}

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
                    steps_json(&p.steps),
                    p.repeat_from.map(|r| r as i64)
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn settings(&self) -> Result<Settings> {
        read_settings(&self.conn)
    }

    /// Saves the settings and recomputes every prospect's next due time under them.
    /// Returns how many prospects are due at some point.
    pub fn save_settings(&mut self, settings: Settings, now: DateTime<Utc>) -> Result<u32> {
        validate_settings(&settings)?;
        write_setting(&self.conn, SETTINGS_KEY, &settings)?;
        self.recompute_all(now)
    }

    pub fn plans(&self) -> Result<Vec<Plan>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, builtin, description, steps, repeat_from FROM plans ORDER BY builtin DESC, id")?;
        let rows = stmt.query_map([], plan_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn plan(&self, id: i64) -> Result<Plan> {
        read_plan(&self.conn, id)
    }

    /// Creates (id 0) or updates a user plan. Built-in plans are refused: clone them.
    pub fn save_plan(&mut self, mut plan: Plan, now: DateTime<Utc>) -> Result<Plan> {
        plan.name = plan.name.trim().to_string();
        for s in &mut plan.steps {
            s.purpose = s.purpose.trim().to_string();
        }
        plan.validate()?;
        let tx = self.write()?;
        if plan.id != 0 {
            let builtin: Option<bool> = tx
                .query_row("SELECT builtin FROM plans WHERE id = ?1", [plan.id], |r| {
                    r.get(0)
                })
                .optional()?;
            match builtin {
                None => {
                    return Err(Error::NotFound {
                        what: "plan",
                        id: plan.id,
                    })
                }
                Some(true) => {
                    return Err(Error::invalid(
                        "name",
                        "Built-in plans can't be changed; clone it and edit the copy.",
                    ))
                }
                Some(false) => {
                    tx.execute(
                        "UPDATE plans SET name = ?2, description = ?3, steps = ?4, repeat_from = ?5 WHERE id = ?1",
                        params![plan.id, plan.name, plan.description, steps_json(&plan.steps), plan.repeat_from.map(|r| r as i64)],
                    )?;
                }
            }
        } else {
            tx.execute(
                "INSERT INTO plans (name, builtin, description, steps, repeat_from) VALUES (?1, 0, ?2, ?3, ?4)",
                params![plan.name, plan.description, steps_json(&plan.steps), plan.repeat_from.map(|r| r as i64)],
            )?;
            plan.id = tx.last_insert_rowid();
        }
        plan.builtin = false;
        // Everyone on this plan gets new due times.
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM prospects WHERE plan_id = ?1")?
            .query_map([plan.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let settings = read_settings(&tx)?;
        for id in ids {
            recompute(&tx, id, &settings, now)?;
        }
        tx.commit()?;
        Ok(plan)
    }

    /// Deletes a user plan; its prospects go back to their default plan.
    pub fn delete_plan(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        let tx = self.write()?;
        let builtin: bool = tx
            .query_row("SELECT builtin FROM plans WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or(Error::NotFound { what: "plan", id })?;
        if builtin {
            return Err(Error::invalid("plan", "Built-in plans can't be deleted."));
        }
        let ids: Vec<i64> = tx
            .prepare("SELECT id FROM prospects WHERE plan_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute(
            "UPDATE prospects SET plan_id = NULL WHERE plan_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM plans WHERE id = ?1", [id])?;
        let settings = read_settings(&tx)?;
        for pid in ids {
            recompute(&tx, pid, &settings, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Puts a prospect on a plan (None: the default for their status), starting now.
    pub fn assign_plan(
        &mut self,
        prospect_id: i64,
        plan_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.write()?;
        if let Some(pid) = plan_id {
            read_plan(&tx, pid)?;
        }
        let n = tx.execute(
            "UPDATE prospects SET plan_id = ?2, plan_started_at = ?3 WHERE id = ?1",
            params![prospect_id, plan_id, to_ms(now)],
        )?;
        reschedule(tx, prospect_id, n, now)
    }

    /// The engine's current answer for one prospect, with a fresh explanation.
    pub fn due(&self, prospect_id: i64, now: DateTime<Utc>) -> Result<Option<Due>> {
        let settings = read_settings(&self.conn)?;
        evaluate(&self.conn, prospect_id, &settings, now)
    }

    /// The next `count` touches the plan would ask for if each were done on time: the
    /// small timeline on a prospect.
    pub fn preview(&self, prospect_id: i64, count: usize, now: DateTime<Utc>) -> Result<Vec<Due>> {
        let settings = read_settings(&self.conn)?;
        let state = read_state(&self.conn, prospect_id)?;
        let plan = read_plan(
            &self.conn,
            state
                .plan_id
                .unwrap_or_else(|| default_plan(state.status, state.source)),
        )?;
        let mut touches = read_touches(&self.conn, prospect_id)?;
        let mut state = state;
        let mut out = Vec::new();
        for _ in 0..count {
            let Some(due) = next_due(&subject(&state, &plan, &touches), &settings, now) else {
                break;
            };
            // Pretend it is done on time (or now, if it is already overdue), by the
            // suggested channel.
            touches.push(Touch {
                id: 0,
                prospect_id,
                at: due.at.max(now),
                channel: due.channel,
                outcome: Outcome::NoResponse,
                note: String::new(),
                counts: due.channel.counts(),
                inbound: false,
            });
            state.next_step = None;
            state.snoozed_until = None;
            out.push(due);
        }
        Ok(out)
    }

    /// Recomputes every prospect's next due time: after a settings change. One pass over
    /// prospects and one over touches, both in id order.
    pub fn recompute_all(&mut self, now: DateTime<Utc>) -> Result<u32> {
        let tx = self.write()?;
        let settings = read_settings(&tx)?;
        let plans: Vec<Plan> = {
            let mut stmt =
                tx.prepare("SELECT id, name, builtin, description, steps, repeat_from FROM plans")?;
            let rows = stmt.query_map([], plan_from)?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut due_count = 0;
        {
            let mut prospects = tx.prepare(&format!(
                "SELECT id, {STATE_COLUMNS}, next_due_at, due_kind, due_channel FROM prospects ORDER BY id"
            ))?;
            let mut touches = tx.prepare(
                "SELECT prospect_id, at, channel, counts, inbound FROM touches \
                 WHERE counts = 1 OR inbound = 1 ORDER BY prospect_id, at",
            )?;
            let mut update = tx.prepare_cached(
                "UPDATE prospects SET next_due_at = ?2, due_kind = ?3, due_channel = ?4 WHERE id = ?1",
            )?;
            let mut touch_rows = touches.query([])?;
            let mut pending: Option<(i64, Touch)> = None;
            let mut rows = prospects.query([])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let state = state_at(row, 1)?;
                // Merge-join the touch stream (ordered by prospect) into this prospect.
                let mut list = Vec::new();
                loop {
                    if pending.is_none() {
                        pending = match touch_rows.next()? {
                            Some(t) => Some((
                                t.get(0)?,
                                Touch {
                                    id: 0,
                                    prospect_id: t.get(0)?,
                                    at: from_ms(t.get(1)?)?,
                                    channel: t.get(2)?,
                                    outcome: Outcome::NoResponse,
                                    note: String::new(),
                                    counts: t.get(3)?,
                                    inbound: t.get(4)?,
                                },
                            )),
                            None => break,
                        };
                    }
                    match &pending {
                        Some((pid, _)) if *pid < id => pending = None,
                        Some((pid, _)) if *pid == id => {
                            list.push(pending.take().map(|p| p.1).expect("checked"))
                        }
                        _ => break,
                    }
                }
                let plan_id = state
                    .plan_id
                    .unwrap_or_else(|| default_plan(state.status, state.source));
                let Some(plan) = plans.iter().find(|p| p.id == plan_id) else {
                    continue;
                };
                let due = next_due(&subject(&state, plan, &list), &settings, now);
                if due.is_some() {
                    due_count += 1;
                }
                // Only write what changed: most of a large book is untouched by a
                // small settings change, and every write updates two indexes.
                let stored: (Option<i64>, Option<String>, Option<Channel>) =
                    (row.get(14)?, row.get(15)?, row.get(16)?);
                let fresh = (
                    due.as_ref().map(|d| to_ms(d.at)),
                    due.as_ref().map(|d| kind_text(d.kind).to_string()),
                    due.as_ref().map(|d| d.channel),
                );
                if stored != fresh {
                    write_due(&mut update, id, due.as_ref())?;
                }
            }
        }
        tx.commit()?;
        Ok(due_count)
    }
}

/// Finishes a write to one prospect's schedule controls: refuses a prospect that wasn't
/// there (`changed` rows == 0; dropping the transaction rolls it back), recomputes its
/// next due, and commits.
pub(super) fn reschedule(
    tx: rusqlite::Transaction<'_>,
    prospect_id: i64,
    changed: usize,
    now: DateTime<Utc>,
) -> Result<()> {
    if changed == 0 {
        return Err(Error::NotFound {
            what: "prospect",
            id: prospect_id,
        });
    }
    let settings = read_settings(&tx)?;
    recompute(&tx, prospect_id, &settings, now)?;
    tx.commit()?;
    Ok(())
}

/// Called inside every write that can change a prospect's schedule.
pub(crate) fn recompute(
    conn: &Connection,
    id: i64,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Option<Due>> {
    let due = evaluate(conn, id, settings, now)?;
    let mut update = conn.prepare_cached(
        "UPDATE prospects SET next_due_at = ?2, due_kind = ?3, due_channel = ?4 WHERE id = ?1",
    )?;
    write_due(&mut update, id, due.as_ref())?;
    Ok(due)
}

fn kind_text(kind: DueKind) -> &'static str {
    match kind {
        DueKind::NextStep => "next_step",
        DueKind::Reply => "reply",
        DueKind::Inbound => "inbound",
        DueKind::Cadence => "cadence",
    }
}

fn write_due(update: &mut rusqlite::CachedStatement<'_>, id: i64, due: Option<&Due>) -> Result<()> {
    let kind = due.map(|d| kind_text(d.kind));
    update.execute(params![
        id,
        due.map(|d| to_ms(d.at)),
        kind,
        due.map(|d| d.channel)
    ])?;
    Ok(())
}

pub(super) fn evaluate(
    conn: &Connection,
    id: i64,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Option<Due>> {
    let state = read_state(conn, id)?;
    let plan = read_plan(
        conn,
        state
            .plan_id
            .unwrap_or_else(|| default_plan(state.status, state.source)),
    )?;
    let touches = read_touches(conn, id)?;
    Ok(next_due(&subject(&state, &plan, &touches), settings, now))
}

fn subject<'a>(s: &'a State, plan: &'a Plan, touches: &'a [Touch]) -> Subject<'a> {
    Subject {
        status: s.status,
        source: s.source,
        created_at: s.created_at,
        paused: s.paused,
        snoozed_until: s.snoozed_until,
        next_step: s.next_step.as_ref(),
        plan,
        plan_started_at: s.plan_started_at.unwrap_or(s.created_at),
        touches,
        zone: s.zone,
        preferred_channel: s.preferred_channel,
        preferred_days: &s.preferred_days,
        preferred_time: s.preferred_time,
    }
}

fn read_state(conn: &Connection, id: i64) -> Result<State> {
    conn.prepare_cached(&format!(
        "SELECT {STATE_COLUMNS} FROM prospects WHERE id = ?1"
    ))?
    .query_row([id], |r| state_at(r, 0))
    .optional()?
    .ok_or(Error::NotFound {
        what: "prospect",
        id,
    })
}

fn read_touches(conn: &Connection, id: i64) -> Result<Vec<Touch>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, channel, outcome, counts, inbound FROM touches WHERE prospect_id = ?1 ORDER BY at",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Touch {
            id: r.get(0)?,
            prospect_id: id,
            at: from_ms(r.get(1)?)?,
            channel: r.get(2)?,
            outcome: r.get(3)?,
            note: String::new(),
            counts: r.get(4)?,
            inbound: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn read_plan(conn: &Connection, id: i64) -> Result<Plan> {
    conn.prepare_cached(
        "SELECT id, name, builtin, description, steps, repeat_from FROM plans WHERE id = ?1",
    )?
    .query_row([id], plan_from)
    .optional()?
    .ok_or(Error::NotFound { what: "plan", id })
}

fn plan_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Plan> {
    let steps: String = r.get(4)?;
    Ok(Plan {
        id: r.get(0)?,
        name: r.get(1)?,
        builtin: r.get(2)?,
        description: r.get(3)?,
        steps: serde_json::from_str::<Vec<Step>>(&steps).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e))
        })?,
        repeat_from: r
            .get::<_, Option<i64>>(5)?
            .and_then(|v| usize::try_from(v).ok()),
    })
}

fn steps_json(steps: &[Step]) -> String {
    serde_json::to_string(steps).expect("plain data serialises")
}

pub(crate) fn read_settings(conn: &Connection) -> Result<Settings> {
    Ok(read_setting(conn, SETTINGS_KEY)?.unwrap_or_else(|| Settings::standard(local_zone())))
}

/// The machine's zone, for first-run defaults; UTC if it can't be told.
pub fn local_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|z| Tz::from_str(&z).ok())
        .unwrap_or(Tz::UTC)
}

fn validate_settings(s: &Settings) -> Result<()> {
    let w = &s.week;
    if w.workdays.is_empty() {
        return Err(Error::invalid("workdays", "Pick at least one working day."));
    }
    if w.day_start >= w.day_end {
        return Err(Error::invalid(
            "day_end",
            "The working day must end after it starts.",
        ));
    }
    if w.blocks.is_empty() {
        return Err(Error::invalid(
            "blocks",
            "Add at least one follow-up block.",
        ));
    }
    if w.blocks.windows(2).any(|p| p[0] >= p[1]) {
        return Err(Error::invalid(
            "blocks",
            "List the follow-up blocks in order, without repeats.",
        ));
    }
    if w.blocks.iter().any(|b| *b < w.day_start || *b >= w.day_end) {
        return Err(Error::invalid(
            "blocks",
            "Follow-up blocks must fall within working hours.",
        ));
    }
    if !(1..=90).contains(&s.max_gap_days) {
        return Err(Error::invalid(
            "max_gap_days",
            "The longest gap must be between 1 and 90 days.",
        ));
    }
    if w.holidays.len() > 366 {
        return Err(Error::invalid(
            "holidays",
            "That's more holidays than days in a year.",
        ));
    }
    Ok(())
}
