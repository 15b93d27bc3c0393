//! Keeping every prospect's next due time current. Loads a prospect's schedule, its
//! touches and the plans, calls the engine's one evaluation (`cadence::schedule`), and
//! saves the answer. The per-prospect recompute (inside every write that can move a
//! schedule) and the full reschedule (after a settings change) read the same columns and
//! the same touches through the same readers, so they cannot disagree; a property test
//! (tests/schedule_agreement.rs) holds them to it.

use super::kind::{Kind, READ_BY_ENGINE};
use super::plans::read_plans;
use super::settings::read_settings;
use super::{
    days_at, from_ms, id_list, opt_from_ms, time_at, time_of, to_ms, zone_at, zone_of, Store,
};
use crate::cadence::plan::Plan;
use crate::cadence::{self, Schedule, Settings};
use crate::error::{Error, Result};
use crate::model::{Channel, Due, DueKind, NextStep, ProspectInput, Touch};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use std::collections::HashMap;
use std::sync::LazyLock;

const STATE_COLUMNS: &str = "status, source, created_at, paused, snoozed_until, next_step_at, \
    next_step_note, plan_id, plan_started_at, time_zone, preferred_channel, preferred_days, preferred_time";
const STATE_WIDTH: usize = 13;

/// The touches the engine reads (`cadence::reads`), in the column order `touch_at` reads.
/// Columns of the covering index `touches_for_cadence` (migrations 0003, 0007, 0013), so
/// the full reschedule walks the index alone; the channel, outcome and flags are its one
/// `kind` column (`kind.rs`).
const TOUCH_COLUMNS: &str = "prospect_id, at, kind";
/// Both paths order ties the same way, in the index's own order (every column of it, then
/// the row id), so SQLite walks the index and sorts nothing. When 0007 added two columns to
/// the index, an order that skipped them made every Today queue sort its touches again.
const TOUCH_ORDER: &str = "at, kind, due_at, id";

const WRITE_DUE: &str =
    "UPDATE prospects SET next_due_at = ?2, due_kind = ?3, due_channel = ?4 WHERE id = ?1";

/// Before `WRITE_DUE`: prospect ?1's stored due, if it was announced and is past at ?3,
/// hands its record to the new due ?2 (the caller writes only a new due that is past
/// too). A reminder is recorded by its exact due instant, so without this a
/// reschedule (Settings moving a block) would make every overdue follow-up news again.
const CARRY_ANNOUNCED: &str =
    "INSERT OR IGNORE INTO reminders_sent (prospect_id, due_at, sent_at) \
     SELECT r.prospect_id, ?2, r.sent_at FROM prospects p \
     JOIN reminders_sent r ON r.prospect_id = p.id AND r.due_at = p.next_due_at \
     WHERE p.id = ?1 AND p.next_due_at <= ?3";

impl Store {
    /// The engine's current answer for one prospect, with a fresh explanation.
    pub fn due(&self, prospect_id: i64, now: DateTime<Utc>) -> Result<Option<Due>> {
        let settings = read_settings(&self.conn)?;
        evaluate(
            &self.conn,
            prospect_id,
            &settings,
            &read_plans(&self.conn)?,
            now,
        )
    }

    /// Reschedules everyone when a migration asked for it (it changed what the engine
    /// reads: 0009, 0011), clearing the request in the same transaction, so a failure or a
    /// crash half-way leaves it for the next start.
    pub(super) fn reschedule_if_asked(&mut self, now: DateTime<Utc>) -> Result<()> {
        let asked = self
            .conn
            .prepare_cached("SELECT 1 FROM settings WHERE key = 'reschedule'")?
            .exists([])?;
        if asked {
            let tx = self.write()?;
            let settings = read_settings(&tx)?;
            recompute_all(&tx, &settings, now)?;
            tx.execute("DELETE FROM settings WHERE key = 'reschedule'", [])?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Recomputes every prospect's next due time under the stored settings.
    pub fn recompute_all(&mut self, now: DateTime<Utc>) -> Result<u32> {
        let tx = self.write()?;
        let settings = read_settings(&tx)?;
        let due = recompute_all(&tx, &settings, now)?;
        tx.commit()?;
        Ok(due)
    }
}

/// The engine's state from a row whose `STATE_COLUMNS` start at column `at`.
fn state_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Schedule> {
    let next_step_at: Option<i64> = r.get(at + 5)?;
    Ok(Schedule {
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
        zone: zone_at(r, at + 9)?,
        preferred_channel: r.get(at + 10)?,
        preferred_days: days_at(r, at + 11)?,
        preferred_time: time_at(r, at + 12)?,
    })
}

/// The engine's state of a prospect about to be inserted (`prospects::insert`): what
/// `state_at` will read back from the row: the zone and time read from the stored texts
/// as the row readers read them (`zone_of`, `time_of`), instants at the column's
/// millisecond, and what a new row holds: not paused, no next step, no plan. A test
/// holds it to the state read back after the insert.
pub(super) fn new_state(
    p: &ProspectInput,
    snoozed_until: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
) -> Result<Schedule> {
    Ok(Schedule {
        status: p.status,
        source: p.source,
        created_at: from_ms(to_ms(created))?,
        paused: false,
        snoozed_until: opt_from_ms(snoozed_until.map(to_ms))?,
        next_step: None,
        plan_id: None,
        plan_started_at: None,
        zone: zone_of(&p.time_zone).map_err(|d| Error::invalid("time_zone", d))?,
        preferred_channel: p.preferred_channel,
        preferred_days: p.preferred_days.clone(),
        preferred_time: time_of(&p.preferred_time)
            .map_err(|d| Error::invalid("preferred_time", d))?,
    })
}

/// The first due of a prospect about to be inserted: the engine's answer for its
/// `new_state` with no touches, so the row goes in with it rather than being updated
/// after (an import writes a hundred thousand).
pub(super) fn first_due(
    state: &Schedule,
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Option<Due> {
    cadence::schedule(state, plans, &[], settings, now)
}

/// A touch as the engine reads it, from `TOUCH_COLUMNS`.
fn touch_at(r: &rusqlite::Row<'_>) -> rusqlite::Result<Touch> {
    let kind: Kind = r.get(2)?;
    Ok(Touch {
        id: 0,
        prospect_id: r.get(0)?,
        at: from_ms(r.get(1)?)?,
        channel: kind.channel,
        counts: kind.counts,
        inbound: kind.inbound,
        // Read for a reply owed (`cadence::owed_reply`).
        outcome: kind.outcome,
        note: String::new(),
        message: String::new(),
    })
}

fn load(conn: &Connection, id: i64) -> Result<(Schedule, Vec<Touch>)> {
    // Built once: every write to a prospect, and an import's every row, come here.
    static STATE: LazyLock<String> =
        LazyLock::new(|| format!("SELECT {STATE_COLUMNS} FROM prospects WHERE id = ?1"));
    static TOUCHES: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {TOUCH_COLUMNS} FROM touches WHERE prospect_id = ?1 AND {READ_BY_ENGINE} ORDER BY {TOUCH_ORDER}"
        )
    });
    let state = conn
        .prepare_cached(&STATE)?
        .query_row([id], |r| state_at(r, 0))
        .optional()?
        .ok_or(Error::NotFound {
            what: "prospect",
            id,
        })?;
    let touches = conn
        .prepare_cached(&TOUCHES)?
        .query_map([id], touch_at)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((state, touches))
}

/// What the detail pane shows of a prospect's schedule.
pub(super) struct Outlook {
    /// The plan it follows (`Schedule::plan`: the chosen one, or the default).
    pub plan: Plan,
    /// The engine's answer now, with a fresh explanation.
    pub due: Option<Due>,
    /// The next `count` touches the plan would ask for if each were done on time.
    pub preview: Vec<Due>,
}

/// A prospect's `Outlook`, from one read of its state and touches, the settings and the
/// plans.
pub(super) fn outlook(
    conn: &Connection,
    id: i64,
    count: usize,
    now: DateTime<Utc>,
) -> Result<Outlook> {
    // The prospect's own columns first: a value there that no longer reads is named
    // before anything shared is.
    let (state, touches) = load(conn, id)?;
    let settings = read_settings(conn)?;
    let plans = read_plans(conn)?;
    let plan = state.plan(&plans).cloned().ok_or(Error::NotFound {
        what: "plan",
        id: state.plan_id.unwrap_or_default(),
    })?;
    Ok(Outlook {
        plan,
        due: cadence::schedule(&state, &plans, &touches, &settings, now),
        preview: cadence::preview(&state, &plans, &touches, &settings, now, count),
    })
}

/// The engine's answer for one prospect, from what is stored now.
/// Callers that evaluate many prospects (a queue) read the settings and plans once.
pub(super) fn evaluate(
    conn: &Connection,
    id: i64,
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Result<Option<Due>> {
    let (state, touches) = load(conn, id)?;
    Ok(cadence::schedule(&state, plans, &touches, settings, now))
}

/// The engine's answers for many prospects at once (a queue's page, a reminder round, the
/// calendar), in `ids`' order; ids that name no prospect are left out. Two statements in
/// all, whatever the count: the states by key, then the touches through
/// `touches_for_cadence`, in the same order `load` reads them one prospect at a time.
pub(super) fn evaluate_many(
    conn: &Connection,
    ids: &[i64],
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Result<Vec<(i64, Option<Due>)>> {
    static STATES: LazyLock<String> = LazyLock::new(|| {
        format!("SELECT id, {STATE_COLUMNS} FROM prospects WHERE id IN (SELECT value FROM json_each(?1))")
    });
    static TOUCHES: LazyLock<String> = LazyLock::new(|| {
        format!(
            "SELECT {TOUCH_COLUMNS} FROM touches WHERE prospect_id IN (SELECT value FROM json_each(?1)) \
             AND {READ_BY_ENGINE} ORDER BY prospect_id, {TOUCH_ORDER}"
        )
    });
    let keys = id_list(ids);
    let mut states: HashMap<i64, Schedule> = conn
        .prepare_cached(&STATES)?
        .query_map([&keys], |r| Ok((r.get(0)?, state_at(r, 1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touches: HashMap<i64, Vec<Touch>> = HashMap::with_capacity(ids.len());
    let mut stmt = conn.prepare_cached(&TOUCHES)?;
    let mut rows = stmt.query([&keys])?;
    while let Some(row) = rows.next()? {
        let touch = touch_at(row)?;
        touches.entry(touch.prospect_id).or_default().push(touch);
    }
    Ok(ids
        .iter()
        .filter_map(|id| {
            let state = states.remove(id)?;
            let list = touches.remove(id).unwrap_or_default();
            Some((*id, cadence::schedule(&state, plans, &list, settings, now)))
        })
        .collect())
}

/// Called inside every write that can change a prospect's schedule.
pub(crate) fn recompute(
    conn: &Connection,
    id: i64,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Option<Due>> {
    recompute_with(conn, id, settings, &read_plans(conn)?, now)
}

/// `recompute` for writes that touch several prospects and read the plans once.
pub(super) fn recompute_with(
    conn: &Connection,
    id: i64,
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Result<Option<Due>> {
    let due = evaluate(conn, id, settings, plans, now)?;
    write_due(conn, id, due.as_ref(), now)?;
    Ok(due)
}

/// Stores a prospect's next due: every recompute (one prospect, a batch, the full
/// reschedule) writes it here. An overdue follow-up already announced that moves to
/// another instant also past keeps its record: it is not announced again.
fn write_due(conn: &Connection, id: i64, due: Option<&Due>, now: DateTime<Utc>) -> Result<()> {
    let params = due_params(id, due);
    let now = to_ms(now);
    if let Some(at) = params.1.filter(|&at| at <= now) {
        conn.prepare_cached(CARRY_ANNOUNCED)?
            .execute((id, at, now))?;
    }
    conn.prepare_cached(WRITE_DUE)?.execute(params)?;
    Ok(())
}

/// Finishes a write to one prospect's schedule controls: refuses a prospect that wasn't
/// there (`changed` rows == 0; dropping the transaction rolls it back), recomputes its
/// next due, and commits.
pub(super) fn reschedule(
    tx: Transaction<'_>,
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

/// Every prospect under `settings`, in the caller's transaction: one pass over prospects
/// and one over the touches the engine reads, both in prospect order, merge-joined.
/// Returns how many prospects are due at some point.
pub(super) fn recompute_all(
    tx: &Transaction<'_>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<u32> {
    let plans: Vec<Plan> = read_plans(tx)?;
    let mut prospects = tx.prepare(&format!(
        "SELECT id, {STATE_COLUMNS}, next_due_at, due_kind, due_channel FROM prospects ORDER BY id"
    ))?;
    let mut touches = tx.prepare(&format!(
        "SELECT {TOUCH_COLUMNS} FROM touches WHERE {READ_BY_ENGINE} ORDER BY prospect_id, {TOUCH_ORDER}"
    ))?;
    let mut touch_rows = touches.query([])?;
    let mut pending: Option<Touch> = None;
    let mut rows = prospects.query([])?;
    let mut due_count = 0;
    let stored_at = 1 + STATE_WIDTH;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let state = state_at(row, 1)?;
        // Merge-join the touch stream (ordered by prospect) into this prospect.
        let mut list = Vec::new();
        loop {
            if pending.is_none() {
                pending = touch_rows.next()?.map(touch_at).transpose()?;
            }
            match pending.take() {
                Some(t) if t.prospect_id < id => {}
                Some(t) if t.prospect_id == id => list.push(t),
                other => {
                    pending = other;
                    break;
                }
            }
        }
        let due = cadence::schedule(&state, &plans, &list, settings, now);
        if due.is_some() {
            due_count += 1;
        }
        // Only write what changed: most of a large book is untouched by a small
        // settings change, and every write updates two indexes.
        let stored: (Option<i64>, Option<DueKind>, Option<crate::model::Channel>) = (
            row.get(stored_at)?,
            row.get(stored_at + 1)?,
            row.get(stored_at + 2)?,
        );
        let fresh = (
            due.as_ref().map(|d| to_ms(d.at)),
            due.as_ref().map(|d| d.kind),
            due.as_ref().map(|d| d.channel),
        );
        if stored != fresh {
            write_due(tx, id, due.as_ref(), now)?;
        }
    }
    Ok(due_count)
}

/// A due as its three columns: `next_due_at`, `due_kind`, `due_channel`.
pub(super) type DueColumns = (Option<i64>, Option<DueKind>, Option<Channel>);

pub(super) fn due_columns(due: Option<&Due>) -> DueColumns {
    (
        due.map(|d| to_ms(d.at)),
        due.map(|d| d.kind),
        due.map(|d| d.channel),
    )
}

/// `WRITE_DUE`'s parameters: the prospect, then its due's columns.
fn due_params(id: i64, due: Option<&Due>) -> (i64, Option<i64>, Option<DueKind>, Option<Channel>) {
    let (at, kind, channel) = due_columns(due);
    (id, at, kind, channel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, Status, Weekday};
    use proptest::prelude::*;

    proptest! {
        /// A new prospect goes in with the state the engine would read back from its row,
        /// and so with the due a recompute after the insert would write.
        #[test]
        fn a_new_prospect_goes_in_as_it_reads_back(
            source in 0..Source::ALL.len(),
            status in 0..Status::ALL.len(),
            zone in prop::option::of(0..3usize),
            days in any::<u8>(),
            time in prop::option::of(0..48u32),
            channel in prop::option::of(0..Channel::ALL.len()),
            snooze in prop::option::of(1..(40 * 24 * 60i64)),
            created_ago in 0..(400 * 24 * 60i64),
            nanos in 0..1_000_000u32,
        ) {
            let now = chrono::DateTime::from_timestamp(1_790_000_000, nanos).unwrap();
            let input = ProspectInput {
                name: "Pat".into(),
                source: Source::ALL[source],
                status: Status::ALL[status],
                time_zone: zone
                    .map(|z| ["Europe/Berlin", "America/New_York", "Asia/Kolkata"][z].to_string())
                    .unwrap_or_default(),
                preferred_days: Weekday::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| days & (1 << i) != 0)
                    .map(|(_, d)| *d)
                    .collect(),
                preferred_time: time
                    .map(|h| format!("{:02}:{:02}", h / 2, (h % 2) * 30))
                    .unwrap_or_default(),
                preferred_channel: channel.map(|c| Channel::ALL[c]),
                // Some statuses ask why.
                status_reason: "Asked us to stop".into(),
                ..ProspectInput::default()
            };
            let valid = crate::validate::prospect(input).unwrap();
            let created = now - chrono::Duration::minutes(created_ago);
            let snoozed = snooze.map(|m| now + chrono::Duration::minutes(m));
            let mut store = Store::open_in_memory().unwrap();
            let tx = store.write().unwrap();
            let (settings, plans) = (read_settings(&tx).unwrap(), read_plans(&tx).unwrap());
            let id = super::super::prospects::insert(&tx, &valid, snoozed, created, &settings, &plans, now).unwrap();
            let stored: (Option<i64>, Option<DueKind>, Option<crate::model::Channel>) = tx
                .query_row(
                    "SELECT next_due_at, due_kind, due_channel FROM prospects WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
            let (state, touches) = load(&tx, id).unwrap();
            prop_assert!(touches.is_empty());
            prop_assert_eq!(&new_state(&valid.input, snoozed, created).unwrap(), &state);
            let recomputed = recompute_with(&tx, id, &settings, &plans, now).unwrap();
            prop_assert_eq!(stored, due_columns(recomputed.as_ref()));
        }
    }
}
