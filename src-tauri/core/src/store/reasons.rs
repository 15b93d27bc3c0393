//! The reasons library: news, price changes, new products, market data, useful
//! articles — something to say on every touch (seed 001: "Always have a reason to call.
//! Saying hi is not one."). Suggestions for a prospect match its tags and leave out what
//! that prospect has already been given.

use super::settings::read_settings;
use super::trash::{self, Link, Row as Snapshot};
use super::{json_at, Store};
use crate::error::{BadValue, Error, Result};
use crate::limits::{self, check_date};
use crate::model::{GivenReason, Restored, TrashItem, TrashKind};
use crate::validate::{multi_line, single_line, tags, url};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// 0 for a new reason.
    #[serde(default)]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub link: String,
    /// When the news is from.
    #[serde(default)]
    pub dated: Option<NaiveDate>,
    /// Not suggested after this day.
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// Tags or industries it suits; none suits everyone.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A reason suggested for one prospect, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub reason: Reason,
    /// The prospect's tags it matched; empty for a reason that suits everyone.
    pub matched: Vec<String>,
}

const COLUMNS: &str = "id, title, detail, link, dated, expires_on, tags";

/// A deleted reason as Recently deleted keeps it, with the touches and notes that gave it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct ReasonSnapshot {
    reason: Snapshot,
    touches: Vec<Link>,
    notes: Vec<Link>,
}

/// Puts a deleted reason back and names it again on the touches and notes that gave it.
pub(super) fn restore(tx: &Transaction<'_>, snap: ReasonSnapshot) -> Result<Restored> {
    let id = trash::insert(tx, "reasons", &snap.reason, Some("id"))?;
    trash::relink(tx, "touches", "at", "reason_id", &snap.touches, id)?;
    trash::relink(tx, "notes", "created_at", "reason_id", &snap.notes, id)?;
    Ok(Restored {
        kind: TrashKind::Reason,
        id,
        prospect_id: None,
        label: trash::text(&snap.reason, "title").to_string(),
    })
}

impl Store {
    /// The whole library, newest news first; expired ones last ("expired" as of today
    /// in the user's working zone).
    pub fn reasons(&self, now: DateTime<Utc>) -> Result<Vec<Reason>> {
        let today = read_settings(&self.conn)?.week.local_date(now);
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM reasons"))?;
        let mut all: Vec<Reason> = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        all.sort_by_key(|r| {
            (
                r.expires_on.is_some_and(|e| e < today),
                std::cmp::Reverse(r.dated),
                std::cmp::Reverse(r.id),
            )
        });
        Ok(all)
    }

    pub fn save_reason(&mut self, r: Reason, now: DateTime<Utc>) -> Result<Reason> {
        let today = read_settings(&self.conn)?.week.local_date(now);
        let r = validate_reason(r, today)?;
        let tags_json = serde_json::to_string(&r.tags).expect("strings serialise");
        let id = if r.id == 0 {
            self.conn.execute(
                "INSERT INTO reasons (title, detail, link, dated, expires_on, tags, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    r.title,
                    r.detail,
                    r.link,
                    day(r.dated),
                    day(r.expires_on),
                    tags_json,
                    now.timestamp_millis()
                ],
            )?;
            self.conn.last_insert_rowid()
        } else {
            let n = self.conn.execute(
                "UPDATE reasons SET title = ?2, detail = ?3, link = ?4, dated = ?5, expires_on = ?6, tags = ?7 \
                 WHERE id = ?1",
                params![r.id, r.title, r.detail, r.link, day(r.dated), day(r.expires_on), tags_json],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "reason",
                    id: r.id,
                });
            }
            r.id
        };
        read_reason(&self.conn, id)
    }

    /// Deletes a reason, keeping it in Recently deleted with the touches and notes that
    /// gave it, so a restore names it on them again.
    pub fn delete_reason(&mut self, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
        let tx = self.write()?;
        let reason = trash::row(&tx, "reasons", "reason", id)?;
        let touches = trash::links(&tx, "touches", "at", "reason_id", id)?;
        let notes = trash::links(&tx, "notes", "created_at", "reason_id", id)?;
        tx.execute("DELETE FROM reasons WHERE id = ?1", [id])?;
        let detail = match touches.len() {
            0 => String::new(),
            n => format!("given on {}", trash::count(n, "touch", "touches")),
        };
        let label = trash::text(&reason, "title").to_string();
        let item = trash::put(
            &tx,
            TrashKind::Reason,
            &label,
            &detail,
            &ReasonSnapshot {
                reason,
                touches,
                notes,
            },
            now,
        )?;
        tx.commit()?;
        Ok(item)
    }

    /// Reasons for the next touch with this prospect: not expired, suiting its tags (or
    /// everyone), and not already given to it. Tag matches come first, then the newest.
    /// All of them: the card shows the first few and offers the rest in a menu.
    pub fn suggest_reasons(&self, prospect_id: i64, now: DateTime<Utc>) -> Result<Vec<Suggestion>> {
        let today = read_settings(&self.conn)?.week.local_date(now);
        let prospect_tags: Vec<String> = self.prospect(prospect_id)?.tags;
        let given: Vec<i64> = self
            .conn
            .prepare_cached(
                // Given: on a touch they received (a call nobody answered gave nothing).
                "SELECT DISTINCT reason_id FROM touches \
                 WHERE prospect_id = ?1 AND reason_id IS NOT NULL AND counts = 1",
            )?
            .query_map([prospect_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<Suggestion> = self
            .reasons(now)?
            .into_iter()
            .filter(|r| !given.contains(&r.id))
            .filter(|r| r.expires_on.is_none_or(|e| e >= today))
            .filter_map(|r| {
                let matched: Vec<String> = prospect_tags
                    .iter()
                    // Tags are compared as the tag filter compares them: Unicode-lowercased.
                    .filter(|t| {
                        r.tags
                            .iter()
                            .any(|rt| rt.to_lowercase() == t.to_lowercase())
                    })
                    .cloned()
                    .collect();
                (r.tags.is_empty() || !matched.is_empty())
                    .then_some(Suggestion { reason: r, matched })
            })
            .collect();
        // Stable: within each group the library's order (newest first) holds.
        out.sort_by_key(|s| std::cmp::Reverse(s.matched.len()));
        Ok(out)
    }

    /// Which of this prospect's touches gave which reason.
    pub fn reasons_given(&self, prospect_id: i64) -> Result<Vec<GivenReason>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, r.id, r.title FROM touches t JOIN reasons r ON r.id = t.reason_id \
             WHERE t.prospect_id = ?1 ORDER BY t.at DESC",
        )?;
        let rows = stmt.query_map([prospect_id], |r| {
            Ok(GivenReason {
                touch_id: r.get(0)?,
                reason_id: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn read_reason(conn: &Connection, id: i64) -> Result<Reason> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM reasons WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "reason", id })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Reason> {
    Ok(Reason {
        id: r.get(0)?,
        title: r.get(1)?,
        detail: r.get(2)?,
        link: r.get(3)?,
        dated: parse_day(r, 4)?,
        expires_on: parse_day(r, 5)?,
        tags: json_at(r, 6, "reason's tags")?,
    })
}

/// Days are stored as ISO text, which sorts and reads well in SQLite.
fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn parse_day(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map_err(|e| BadValue::at(i, "reason's date", format!("{s:?}: {e}")))
        })
        .transpose()
}

fn validate_reason(mut r: Reason, today: NaiveDate) -> Result<Reason> {
    r.title = single_line("title", "Title", &r.title, limits::REASON_TITLE)?;
    if r.title.is_empty() {
        return Err(Error::invalid(
            "title",
            "A reason needs a title: what would you tell them in one line?",
        ));
    }
    r.detail = multi_line("detail", "Detail", &r.detail, limits::DETAIL)?;
    r.link = url("link", "Link", &r.link)?;
    r.tags = tags("reason_tags", &r.tags)?;
    if let Some(d) = r.dated {
        check_date("dated", "The reason's date", d, today)?;
    }
    if let Some(e) = r.expires_on {
        check_date("expires_on", "The expiry", e, today)?;
    }
    if let (Some(d), Some(e)) = (r.dated, r.expires_on) {
        if e < d {
            return Err(Error::invalid(
                "expires_on",
                "The expiry is before the reason's own date.",
            ));
        }
    }
    Ok(r)
}
