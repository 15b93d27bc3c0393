//! Creating, reading, updating and deleting prospects, and keeping the search index in
//! step with them inside the same transaction.

use super::schedule::{plan_of, recompute};
use super::settings::read_settings;
use super::{days_at, from_ms, json_at, opt_from_ms, time_at, to_ms, Store};
use crate::error::{Error, Result};
use crate::model::{
    Address, Channel, Due, GivenReason, NextStep, Note, PlanRef, Prospect, ProspectInput, Skip,
    Status, Touch, TouchStats, Weekday,
};
use crate::validate::{self, ValidProspect};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;

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

const COLUMNS: &str = "id, name, company, title, emails, phones, linkedin, website, address, \
    source, stage, status, status_reason, notes, time_zone, preferred_channel, preferred_days, \
    preferred_time, created_at, updated_at, attempts, touchpoints, last_touch_at, next_due_at, \
    plan_id, next_step_at, next_step_note, snoozed_until, paused";

impl Store {
    pub fn create_prospect(
        &mut self,
        input: ProspectInput,
        now: DateTime<Utc>,
    ) -> Result<Prospect> {
        let valid = validate::prospect(input)?;
        let tx = self.write()?;
        let p = &valid.input;
        tx.execute(
            "INSERT INTO prospects (name, name_key, company, title, emails, phones, linkedin, \
             website, address, source, stage, status, status_reason, notes, time_zone, \
             preferred_channel, preferred_days, preferred_time, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
            params![
                p.name,
                name_key(&p.name),
                p.company,
                p.title,
                json(&p.emails),
                json(&p.phones),
                p.linkedin,
                p.website,
                json(&p.address),
                p.source,
                p.stage,
                p.status,
                p.status_reason,
                p.notes,
                p.time_zone,
                p.preferred_channel,
                days_text(&p.preferred_days),
                p.preferred_time,
                to_ms(now),
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_tags(&tx, id, &valid)?;
        index(&tx, id, &valid)?;
        recompute(&tx, id, &read_settings(&tx)?, now)?;
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
        let before: Option<(Status, u32)> = tx
            .query_row(
                "SELECT status, touchpoints FROM prospects WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((old_status, touchpoints)) = before else {
            return Err(Error::NotFound {
                what: "prospect",
                id,
            });
        };
        // Seed 002: 48% stop after one attempt; make at least five. Stopping earlier is
        // allowed, but only when the user confirms it.
        let stops = matches!(p.status, Status::HandedOff | Status::Disqualified);
        if stops && old_status != p.status && touchpoints < 5 && !p.confirm_stop {
            return Err(Error::Confirm {
                message: format!(
                    "Only {touchpoints} touch{} so far, and it usually takes at least five. Stop following up anyway?",
                    if touchpoints == 1 { "" } else { "es" }
                ),
            });
        }
        if old_status != p.status {
            // A new status starts that status's default plan from today.
            tx.execute(
                "UPDATE prospects SET plan_id = NULL, plan_started_at = ?2 WHERE id = ?1",
                params![id, to_ms(now)],
            )?;
        }
        let changed = tx.execute(
            "UPDATE prospects SET name = ?2, name_key = ?3, company = ?4, title = ?5, emails = ?6, \
             phones = ?7, linkedin = ?8, website = ?9, address = ?10, source = ?11, stage = ?12, \
             status = ?13, status_reason = ?14, notes = ?15, time_zone = ?16, \
             preferred_channel = ?17, preferred_days = ?18, preferred_time = ?19, updated_at = ?20 \
             WHERE id = ?1",
            params![
                id,
                p.name,
                name_key(&p.name),
                p.company,
                p.title,
                json(&p.emails),
                json(&p.phones),
                p.linkedin,
                p.website,
                json(&p.address),
                p.source,
                p.stage,
                p.status,
                p.status_reason,
                p.notes,
                p.time_zone,
                p.preferred_channel,
                days_text(&p.preferred_days),
                p.preferred_time,
                to_ms(now),
            ],
        )?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "prospect",
                id,
            });
        }
        tx.execute("DELETE FROM prospect_tags WHERE prospect_id = ?1", [id])?;
        write_tags(&tx, id, &valid)?;
        tx.execute("DELETE FROM prospect_search WHERE rowid = ?1", [id])?;
        index(&tx, id, &valid)?;
        recompute(&tx, id, &read_settings(&tx)?, now)?;
        let prospect = read(&tx, id)?;
        tx.commit()?;
        Ok(prospect)
    }

    /// Deletes a prospect with its touches and tags (cascading foreign keys).
    pub fn delete_prospect(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        let gone = tx.execute("DELETE FROM prospects WHERE id = ?1", [id])?;
        if gone == 0 {
            return Err(Error::NotFound {
                what: "prospect",
                id,
            });
        }
        tx.execute("DELETE FROM prospect_search WHERE rowid = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    pub fn prospect(&self, id: i64) -> Result<Prospect> {
        read(&self.conn, id)
    }

    /// A prospect, its whole timeline (newest first), and where its cadence stands: the
    /// detail pane in one call.
    pub fn prospect_detail(&self, id: i64, now: DateTime<Utc>) -> Result<ProspectDetail> {
        let prospect = read(&self.conn, id)?;
        let plan = plan_of(&self.conn, id)?;
        Ok(ProspectDetail {
            touches: self.touches(id)?,
            skips: self.skips(id)?,
            due: self.due(id, now)?,
            preview: self.preview(id, 5, now)?,
            reasons_given: self.reasons_given(id)?,
            note: self.open_note(id)?,
            plan: PlanRef {
                id: plan.id,
                name: plan.name,
                chosen: prospect.plan_id == Some(plan.id),
            },
            prospect,
        })
    }
}

fn read(conn: &rusqlite::Connection, id: i64) -> Result<Prospect> {
    let mut p = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM prospects WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "prospect",
            id,
        })?;
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM prospect_tags WHERE prospect_id = ?1 ORDER BY tag")?;
    p.tags = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(p)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Prospect> {
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
        tags: Vec::new(),
    })
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

/// Unicode-aware lower-casing, so "émile" sorts beside "Emile" rather than after "Z".
pub(crate) fn name_key(name: &str) -> String {
    name.to_lowercase()
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain strings and structs of strings cannot fail.
    serde_json::to_string(value).expect("plain data serialises")
}

fn days_text(days: &[Weekday]) -> String {
    days.iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join(",")
}
