//! Creating, reading, updating and deleting prospects, and keeping the search index in
//! step with them inside the same transaction.

use super::changes;
use super::plans::read_plans;
use super::schedule::{due_columns, first_due, new_state, outlook, recompute, Outlook};
use super::settings::read_settings;
use super::touches::{forward, restat};
use super::trash::{self, Row as Snapshot};
use super::{days_at, days_text, from_ms, json_at, opt_from_ms, time_at, to_ms, Store};
use crate::cadence::outcome::early_stop;
use crate::cadence::plan::Plan;
use crate::cadence::Settings;
use crate::error::{Error, Result};
use crate::model::{
    Address, Channel, Due, GivenReason, NextStep, Note, PlanRef, Prospect, ProspectInput, Restored,
    Skip, Stage, Status, Touch, TouchStats, TrashItem, TrashKind,
};
use crate::validate::{self, ValidProspect};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row, ToSql, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// How many coming touches the detail pane previews.
const PREVIEW_TOUCHES: usize = 5;

/// A prospect with its timeline, newest touch first, and where the cadence stands: what
/// the detail pane shows.
#[derive(Debug, Clone, Serialize)]
pub struct ProspectDetail {
    pub prospect: Prospect,
    pub touches: Vec<Touch>,
    pub skips: Vec<Skip>,
    /// The next touch the engine asks for, if any.
    pub due: Option<Due>,
    /// The plan being followed (the default for the status when none was chosen).
    pub plan: PlanRef,
    /// The next few touches if each is done on time.
    pub preview: Vec<Due>,
    /// Which touches gave which reason from the library.
    pub reasons_given: Vec<GivenReason>,
    /// The handwritten note in progress, if any.
    pub note: Option<Note>,
}

pub(super) const COLUMNS: &str =
    "id, name, company, title, emails, phones, linkedin, website, address, \
    source, stage, status, status_reason, notes, time_zone, preferred_channel, preferred_days, \
    preferred_time, created_at, updated_at, attempts, touchpoints, last_touch_at, next_due_at, \
    plan_id, next_step_at, next_step_note, snoozed_until, paused, version";

/// A deleted prospect as Recently deleted keeps it: its row and the rows of every table
/// that cascades from it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ProspectSnapshot {
    prospect: Snapshot,
    tags: Vec<Snapshot>,
    touches: Vec<Snapshot>,
    skips: Vec<Snapshot>,
    notes: Vec<Snapshot>,
    /// Which due touches were announced, so a restore doesn't announce them again.
    reminders_sent: Vec<Snapshot>,
    /// Its stage and status history (missing from snapshots taken before it was kept).
    #[serde(default)]
    changes: Vec<Snapshot>,
}

impl Store {
    pub fn create_prospect(
        &mut self,
        input: ProspectInput,
        now: DateTime<Utc>,
    ) -> Result<Prospect> {
        let valid = validate::prospect(input)?;
        let tx = self.write()?;
        let (settings, plans) = (read_settings(&tx)?, read_plans(&tx)?);
        let id = insert(&tx, &valid, None, now, &settings, &plans, now)?;
        let prospect = read(&tx, id)?;
        tx.commit()?;
        Ok(prospect)
    }

    pub fn update_prospect(
        &mut self,
        id: i64,
        input: ProspectInput,
        now: DateTime<Utc>,
    ) -> Result<Prospect> {
        let valid = validate::prospect(input)?;
        let tx = self.write()?;
        let p = &valid.input;
        let before: Option<(Status, u32, i64, String)> = tx
            .query_row(
                "SELECT status, touchpoints, version, name FROM prospects WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((old_status, touchpoints, version, old_name)) = before else {
            return Err(Error::NotFound {
                what: "prospect",
                id,
            });
        };
        // The form loaded an older version: saving would overwrite what changed since.
        if p.version.is_some_and(|v| v != version) {
            return Err(Error::Conflict {
                message: format!(
                    "{old_name} changed after you opened the form (a touch was logged, or the \
                     follow-up moved), so nothing was saved over it."
                ),
            });
        }
        if !p.confirm_stop {
            if let Some(message) = early_stop(old_status, p.status, touchpoints) {
                return Err(Error::Confirm { message });
            }
        }
        if old_status != p.status {
            // A new status starts that status's default plan from today.
            tx.execute(
                "UPDATE prospects SET plan_id = NULL, plan_started_at = ?2 WHERE id = ?1",
                params![id, to_ms(now)],
            )?;
        }
        if !overwrite(&tx, id, &valid, now)? {
            return Err(Error::NotFound {
                what: "prospect",
                id,
            });
        }
        recompute(&tx, id, &read_settings(&tx)?, now)?;
        let prospect = read(&tx, id)?;
        tx.commit()?;
        Ok(prospect)
    }

    /// Deletes a prospect with everything on it (touches, tags, skips, notes), and keeps
    /// it all in Recently deleted.
    pub fn delete_prospect(&mut self, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
        let tx = self.write()?;
        let item = delete(&tx, id, now)?;
        tx.commit()?;
        Ok(item)
    }

    pub fn prospect(&self, id: i64) -> Result<Prospect> {
        read(&self.conn, id)
    }

    /// A prospect, its whole timeline (newest first), and where its cadence stands: the
    /// detail pane in one call.
    pub fn prospect_detail(&self, id: i64, now: DateTime<Utc>) -> Result<ProspectDetail> {
        // One snapshot: the pane never mixes a touch with the schedule from before it.
        self.reading(|| {
            let prospect = read(&self.conn, id)?;
            let Outlook { plan, due, preview } = outlook(&self.conn, id, PREVIEW_TOUCHES, now)?;
            Ok(ProspectDetail {
                touches: self.touches(id)?,
                skips: self.skips(id)?,
                due,
                preview,
                reasons_given: self.reasons_given(id)?,
                note: self.open_note(id)?,
                plan: PlanRef {
                    id: plan.id,
                    name: plan.name,
                    chosen: prospect.plan_id == Some(plan.id),
                },
                prospect,
            })
        })
    }
}

/// Deletes a prospect inside the caller's transaction (see `Store::delete_prospect`).
pub(super) fn delete(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
    let prospect = trash::row(tx, "prospects", "prospect", id)?;
    let of_it = |table| trash::rows(tx, table, "prospect_id = ?1", id);
    let snapshot = ProspectSnapshot {
        tags: of_it("prospect_tags")?,
        touches: of_it("touches")?,
        skips: of_it("skips")?,
        notes: of_it("notes")?,
        reminders_sent: of_it("reminders_sent")?,
        changes: of_it("prospect_changes")?,
        prospect,
    };
    // Cascading foreign keys remove the rest.
    tx.execute("DELETE FROM prospects WHERE id = ?1", [id])?;
    tx.execute("DELETE FROM prospect_search WHERE rowid = ?1", [id])?;
    let p = &snapshot.prospect;
    let detail = [
        trash::text(p, "company").to_string(),
        trash::count(snapshot.touches.len(), "touch", "touches"),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let item = trash::put(
        tx,
        TrashKind::Prospect,
        trash::text(p, "name"),
        &detail,
        &snapshot,
        now,
    )?;
    Ok(item)
}

pub(super) fn read(conn: &rusqlite::Connection, id: i64) -> Result<Prospect> {
    let mut p = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM prospects WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "prospect",
            id,
        })?;
    p.tags = tags_of(conn, id)?;
    Ok(p)
}

/// A prospect's tags, in order.
pub(super) fn tags_of(conn: &rusqlite::Connection, id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM prospect_tags WHERE prospect_id = ?1 ORDER BY tag")?;
    let tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// A prospect from a row of `COLUMNS`, without its tags (`tags_of`).
pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Prospect> {
    let address = json_at::<Address>(r, 8, "mailing address")?;
    Ok(Prospect {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        title: r.get(3)?,
        emails: json_at(r, 4, "emails")?,
        phones: json_at(r, 5, "phone numbers")?,
        linkedin: r.get(6)?,
        website: r.get(7)?,
        address_lines: address.lines(),
        mailable: address.can_be_mailed(),
        address,
        source: r.get(9)?,
        stage: r.get(10)?,
        status: r.get(11)?,
        status_reason: r.get(12)?,
        notes: r.get(13)?,
        time_zone: r.get(14)?,
        preferred_channel: r.get::<_, Option<Channel>>(15)?,
        preferred_days: days_at(r, 16)?,
        preferred_time: time_at(r, 17)?,
        created_at: from_ms(r.get(18)?)?,
        updated_at: from_ms(r.get(19)?)?,
        stats: TouchStats {
            attempts: r.get(20)?,
            touchpoints: r.get(21)?,
            last_touch_at: opt_from_ms(r.get(22)?)?,
        },
        next_due_at: opt_from_ms(r.get(23)?)?,
        plan_id: r.get(24)?,
        next_step: match r.get::<_, Option<i64>>(25)? {
            Some(ms) => Some(NextStep {
                at: from_ms(ms)?,
                note: r.get(26)?,
            }),
            None => None,
        },
        snoozed_until: opt_from_ms(r.get(27)?)?,
        paused: r.get(28)?,
        version: r.get(29)?,
        tags: Vec::new(),
    })
}

/// The columns the prospect form sets, in the order `form_values` gives them.
const FORM_COLUMNS: &str = "name, name_key, company, title, emails, phones, linkedin, website, \
    address, source, stage, status, status_reason, notes, time_zone, preferred_channel, \
    preferred_days, preferred_time";
const FORM_WIDTH: usize = 18;

fn form_values(p: &ProspectInput) -> [Value; FORM_WIDTH] {
    let text = |s: &str| Value::Text(s.to_string());
    [
        text(&p.name),
        text(&name_key(&p.name)),
        text(&p.company),
        text(&p.title),
        Value::Text(json(&p.emails)),
        Value::Text(json(&p.phones)),
        text(&p.linkedin),
        text(&p.website),
        Value::Text(json(&p.address)),
        text(p.source.as_str()),
        text(p.stage.as_str()),
        text(p.status.as_str()),
        text(&p.status_reason),
        text(&p.notes),
        text(&p.time_zone),
        p.preferred_channel
            .map_or(Value::Null, |c| text(c.as_str())),
        Value::Text(days_text(&p.preferred_days)),
        text(&p.preferred_time),
    ]
}

/// `?from, ?from+1, …` for the form's columns.
fn placeholders(from: usize) -> String {
    (from..from + FORM_WIDTH)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts a checked new prospect with its tags and search entry, and its first due as
/// the engine answers for it (`schedule::first_due`: no touches yet), in the INSERT
/// itself. A caller that then adds a history (an import's dossier) recomputes after it.
/// An import spreading first contacts gives the snooze here too: any later UPDATE of
/// the row costs an index write per row, and one of its columns would fire the version
/// trigger, whose statement makes SQLite flush the search index's pending entries to
/// disk, once per row.
pub(super) fn insert(
    tx: &Transaction<'_>,
    valid: &ValidProspect,
    snoozed_until: Option<DateTime<Utc>>,
    created: DateTime<Utc>,
    settings: &Settings,
    plans: &[Plan],
    now: DateTime<Utc>,
) -> Result<i64> {
    // Built once: an import inserts a hundred thousand rows through here.
    static SQL: LazyLock<String> = LazyLock::new(|| {
        format!(
            "INSERT INTO prospects ({FORM_COLUMNS}, created_at, updated_at, snoozed_until, \
             next_due_at, due_kind, due_channel) VALUES ({}, ?{n}, ?{n}, ?{}, ?{}, ?{}, ?{})",
            placeholders(1),
            FORM_WIDTH + 2,
            FORM_WIDTH + 3,
            FORM_WIDTH + 4,
            FORM_WIDTH + 5,
            n = FORM_WIDTH + 1
        )
    });
    let state = new_state(&valid.input, snoozed_until, created)?;
    let due = first_due(&state, settings, plans, now);
    let form = form_values(&valid.input);
    let (at, snooze) = (to_ms(created), snoozed_until.map(to_ms));
    let (due_at, kind, channel) = due_columns(due.as_ref());
    let mut values: Vec<&dyn ToSql> = form.iter().map(|v| v as &dyn ToSql).collect();
    values.extend([&at as &dyn ToSql, &snooze, &due_at, &kind, &channel]);
    tx.prepare_cached(&SQL)?.execute(values.as_slice())?;
    let id = tx.last_insert_rowid();
    write_tags(tx, id, valid)?;
    index(tx, id, valid)?;
    Ok(id)
}

/// Writes a checked prospect's fields over the stored ones, with its tags and search
/// entry; `false` when there is no such prospect. The caller recomputes its schedule.
pub(super) fn overwrite(
    tx: &Transaction<'_>,
    id: i64,
    valid: &ValidProspect,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(before): Option<(Stage, Status)> = tx
        .prepare_cached("SELECT stage, status FROM prospects WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
    else {
        return Ok(false);
    };
    let after = (valid.input.stage, valid.input.status);
    changes::record(tx, id, before, after, now)?;
    let changed = tx
        .prepare_cached(&format!(
            "UPDATE prospects SET ({FORM_COLUMNS}) = ({}), updated_at = ?{} WHERE id = ?1",
            placeholders(2),
            FORM_WIDTH + 2
        ))?
        .execute(params_from_iter(
            [Value::Integer(id)]
                .into_iter()
                .chain(form_values(&valid.input))
                .chain([Value::Integer(to_ms(now))]),
        ))?;
    if changed == 0 {
        return Ok(false);
    }
    tx.prepare_cached("DELETE FROM prospect_tags WHERE prospect_id = ?1")?
        .execute([id])?;
    write_tags(tx, id, valid)?;
    tx.prepare_cached("DELETE FROM prospect_search WHERE rowid = ?1")?
        .execute([id])?;
    index(tx, id, valid)?;
    Ok(true)
}

fn write_tags(tx: &Transaction<'_>, id: i64, valid: &ValidProspect) -> Result<()> {
    let mut stmt = tx
        .prepare_cached("INSERT OR IGNORE INTO prospect_tags (prospect_id, tag) VALUES (?1, ?2)")?;
    for tag in &valid.input.tags {
        stmt.execute(params![id, tag])?;
    }
    Ok(())
}

fn index(tx: &Transaction<'_>, id: i64, valid: &ValidProspect) -> Result<()> {
    let p = &valid.input;
    tx.prepare_cached(
        "INSERT INTO prospect_search (rowid, name, company, tags, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, p.name, p.company, p.tags.join(" "), p.notes])?;
    Ok(())
}

/// Indexes a prospect for search from what is stored (a restored prospect).
fn reindex(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO prospect_search (rowid, name, company, tags, notes) \
         SELECT id, name, company, \
                (SELECT coalesce(group_concat(tag, ' '), '') FROM prospect_tags WHERE prospect_id = ?1), \
                notes \
         FROM prospects WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Puts a deleted prospect back with everything it had, under its old id unless that was
/// given to someone else meanwhile; then its figures and schedule are worked out again
/// (time has passed), and its search entry is rewritten.
pub(super) fn restore(
    tx: &Transaction<'_>,
    snap: ProspectSnapshot,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let mut row = snap.prospect;
    let old_id = trash::int(&row, "id")?;
    // A plan deleted since: the default plan for the status.
    trash::drop_dangling(tx, &mut row, "plan_id", "plans")?;
    let id = trash::insert(tx, "prospects", &row, Some("id"))?;
    let on_it = |mut r: Snapshot| {
        r.insert("prospect_id".into(), id.into());
        r
    };
    for tag in snap.tags {
        trash::insert(tx, "prospect_tags", &on_it(tag), None)?;
    }
    let mut touch_ids = HashMap::new();
    for touch in snap.touches {
        let mut touch = on_it(touch);
        trash::drop_dangling(tx, &mut touch, "reason_id", "reasons")?;
        super::touches::recount(&mut touch);
        let new_id = trash::insert(tx, "touches", &touch, Some("id"))?;
        touch_ids.insert(trash::int(&touch, "id")?, new_id);
    }
    for skip in snap.skips {
        trash::insert(tx, "skips", &on_it(skip), Some("id"))?;
    }
    for note in snap.notes {
        let mut note = on_it(note);
        trash::drop_dangling(tx, &mut note, "reason_id", "reasons")?;
        let touch = note
            .get("touch_id")
            .and_then(serde_json::Value::as_i64)
            .and_then(|t| touch_ids.get(&t));
        note.insert("touch_id".into(), touch.copied().into());
        trash::insert(tx, "notes", &note, Some("id"))?;
    }
    for sent in snap.reminders_sent {
        trash::insert(tx, "reminders_sent", &on_it(sent), None)?;
    }
    for change in snap.changes {
        trash::insert(tx, "prospect_changes", &on_it(change), None)?;
    }
    reindex(tx, id)?;
    restat(tx, id)?;
    recompute(tx, id, &read_settings(tx)?, now)?;
    if id != old_id {
        forward(tx, old_id, trash::int(&row, "created_at")?, id)?;
    }
    Ok(Restored {
        kind: TrashKind::Prospect,
        id,
        prospect_id: Some(id),
        label: trash::text(&row, "name").to_string(),
    })
}

/// Unicode-aware lower-casing, so "émile" sorts beside "Emile" rather than after "Z".
pub(crate) fn name_key(name: &str) -> String {
    name.to_lowercase()
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain strings and structs of strings cannot fail.
    serde_json::to_string(value).expect("plain data serialises")
}
