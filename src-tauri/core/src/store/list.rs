//! The prospect list: search-as-you-type, filters, sort and paging.
//!
//! Two paths, both independent of how many prospects there are:
//! - no search text and no tag: one SQL query per page, walking the index that matches
//!   the sort (see 0001_prospects.sql);
//! - otherwise: each filter yields the set of matching ids from its own index (FTS5 for
//!   text, the tag index, the status/stage indexes), the sets are intersected as bitsets,
//!   and the sort index is walked in order until the page is full. The total is the
//!   bitset's population count. Letting SQLite join a 100,000-row FTS result to the
//!   table and sort it took 25–50 ms per keystroke; this takes a few (BENCHMARKS.md).

use super::{id_list, opt_from_ms, Store};
use crate::error::{Error, Result};
use crate::model::{ListQuery, Overview, ProspectPage, ProspectRow, Sort, Status};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use std::collections::HashMap;

/// Rows per page when the caller does not say; the UI asks for pages of this size.
pub const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 500;

const ROW_COLUMNS: &str = "p.id, p.name, p.company, p.title, p.stage, p.status, p.touchpoints, \
     p.last_touch_at, p.next_due_at";

impl Store {
    pub fn list_prospects(&self, q: &ListQuery) -> Result<ProspectPage> {
        let limit = match q.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };
        if fts_query(&q.text).is_none() && tag_of(q.tag.as_deref()).is_none() {
            return self.list_by_index(q, limit);
        }
        let set = matching(&self.conn, q, None)?.unwrap_or_default();
        let total = set.len();

        // Walk the sort order's covering index, keeping ids in the set, until the page
        // is full (or the index ends, for a set with fewer rows than the page).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id FROM prospects p ORDER BY {}",
            order_by(q.sort)
        ))?;
        let mut rows = stmt.query([])?;
        let (start, end) = (q.offset, q.offset.saturating_add(limit).min(total));
        let mut page_ids = Vec::with_capacity(limit as usize);
        let mut seen = 0u32;
        while seen < end {
            let Some(row) = rows.next()? else { break };
            let id: i64 = row.get(0)?;
            if set.contains(id) {
                if seen >= start {
                    page_ids.push(id);
                }
                seen += 1;
            }
        }
        drop(rows);

        let rows = self.rows(&page_ids)?;
        Ok(ProspectPage {
            total,
            offset: q.offset,
            rows,
        })
    }

    /// One list row, by id.
    pub(crate) fn row(&self, id: i64) -> Result<ProspectRow> {
        self.rows(&[id])?.pop().ok_or(Error::NotFound {
            what: "prospect",
            id,
        })
    }

    /// List rows by id, in `ids`' order (ids that name no prospect are left out): one
    /// statement for a page, not one per row.
    pub(crate) fn rows(&self, ids: &[i64]) -> Result<Vec<ProspectRow>> {
        let mut found: HashMap<i64, ProspectRow> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM prospects p WHERE p.id IN (SELECT value FROM json_each(?1))"
            ))?
            .query_map([id_list(ids)], |r| Ok((r.get(0)?, row_from(r)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// No text, no tag: status and stage are columns of the sort indexes' tables, so
    /// SQLite pages straight off an index.
    fn list_by_index(&self, q: &ListQuery, limit: u32) -> Result<ProspectPage> {
        let mut filters: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(status) = q.status {
            filters.push("p.status = ?");
            args.push(Value::Text(status.as_str().into()));
        }
        if let Some(stage) = q.stage {
            filters.push("p.stage = ?");
            args.push(Value::Text(stage.as_str().into()));
        }
        let where_clause = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM prospects p {where_clause}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        args.push(Value::Integer(limit.into()));
        args.push(Value::Integer(q.offset.into()));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM prospects p {where_clause} ORDER BY {} LIMIT ? OFFSET ?",
            order_by(q.sort)
        ))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), row_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ProspectPage {
            total,
            offset: q.offset,
            rows,
        })
    }

    /// Counts for the sidebar: everyone, each status, and the most used tags.
    pub fn overview(&self) -> Result<Overview> {
        let mut by_status: Vec<(Status, u32)> = Status::ALL.iter().map(|&s| (s, 0)).collect();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT status, count(*) FROM prospects GROUP BY status")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, Status>(0)?, r.get::<_, u32>(1)?)))? {
            let (status, n) = row?;
            if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == status) {
                slot.1 = n;
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT tag, count(*) AS n FROM prospect_tags GROUP BY tag ORDER BY n DESC, tag LIMIT 50",
        )?;
        let tags = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Overview {
            total: by_status.iter().map(|(_, n)| n).sum(),
            by_status,
            tags,
            samples: self.sample_count()?,
            welcome: self.welcome_pending()?,
        })
    }
}

/// The ids the list's filters keep (tag, search text, status, stage), each narrowing
/// the last, starting from `within` (everyone when `None`). `None` when nothing
/// narrowed: everyone in `within`.
pub(super) fn matching(
    conn: &Connection,
    q: &ListQuery,
    within: Option<IdSet>,
) -> Result<Option<IdSet>> {
    let mut set = within;
    let mut narrow = |sql: &str, arg: &str| -> Result<()> {
        let ids = IdSet::from_query(conn, sql, arg, set.as_ref())?;
        set = Some(ids);
        Ok(())
    };
    // Most selective first is cheapest, but any order gives the same answer.
    if let Some(tag) = tag_of(q.tag.as_deref()) {
        narrow(TAGGED, tag)?;
    }
    if let Some(m) = &fts_query(&q.text) {
        narrow(
            "SELECT rowid FROM prospect_search WHERE prospect_search MATCH ?1",
            m,
        )?;
    }
    if let Some(status) = q.status {
        narrow(
            "SELECT id FROM prospects WHERE status = ?1",
            status.as_str(),
        )?;
    }
    if let Some(stage) = q.stage {
        narrow("SELECT id FROM prospects WHERE stage = ?1", stage.as_str())?;
    }
    Ok(set)
}

/// The prospects with a tag (bound to ?1).
pub(super) const TAGGED: &str = "SELECT prospect_id FROM prospect_tags WHERE tag = ?1";

/// A tag filter as typed: blank is no filter.
pub(super) fn tag_of(tag: Option<&str>) -> Option<&str> {
    tag.map(str::trim).filter(|t| !t.is_empty())
}

/// Each order matches an index in 0001_prospects.sql, so walking it needs no sort.
pub(super) fn order_by(sort: Sort) -> &'static str {
    match sort {
        Sort::Name => "p.name_key, p.id",
        Sort::LastTouch => "p.last_touch_at DESC, p.id",
        Sort::NextDue => "p.next_due_at IS NULL, p.next_due_at, p.id",
    }
}

fn row_from(r: &Row<'_>) -> rusqlite::Result<ProspectRow> {
    Ok(ProspectRow {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        title: r.get(3)?,
        stage: r.get(4)?,
        status: r.get(5)?,
        touchpoints: r.get(6)?,
        last_touch_at: opt_from_ms(r.get(7)?)?,
        next_due_at: opt_from_ms(r.get(8)?)?,
    })
}

/// A set of prospect ids as a bitset: ids are dense small integers (rowids), so a
/// hundred thousand fit in 12 KiB and membership is one shift and mask.
#[derive(Default)]
pub(super) struct IdSet {
    bits: Vec<u64>,
    len: u32,
}

impl IdSet {
    /// The ids `sql` returns (bound to `arg`), kept only if also in `within`.
    pub(super) fn from_query(
        conn: &Connection,
        sql: &str,
        arg: &str,
        within: Option<&IdSet>,
    ) -> Result<IdSet> {
        let mut set = IdSet::default();
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([arg])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if within.is_none_or(|w| w.contains(id)) {
                set.insert(id);
            }
        }
        Ok(set)
    }

    pub(super) fn insert(&mut self, id: i64) {
        let Ok(id) = usize::try_from(id) else { return };
        let (word, bit) = (id / 64, id % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) == 0 {
            self.bits[word] |= 1 << bit;
            self.len += 1;
        }
    }

    pub(super) fn contains(&self, id: i64) -> bool {
        usize::try_from(id)
            .ok()
            .and_then(|id| self.bits.get(id / 64).map(|w| w & (1 << (id % 64)) != 0))
            .unwrap_or(false)
    }

    pub(super) fn len(&self) -> u32 {
        self.len
    }
}

/// Turns what the user typed into an FTS5 query: every word is a prefix that must
/// match. Words are cut the way the index's tokenizer cuts them (at anything that is not
/// a letter or digit), so FTS5's query syntax can never be injected from the search box.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::{fts_query, IdSet};

    #[test]
    fn user_text_becomes_prefix_terms() {
        assert_eq!(fts_query("acme co").as_deref(), Some("\"acme\"* \"co\"*"));
        assert_eq!(fts_query("O'Brien").as_deref(), Some("\"O\"* \"Brien\"*"));
        assert_eq!(fts_query("  \"*( NEAR ").as_deref(), Some("\"NEAR\"*"));
        assert_eq!(fts_query(" -- "), None);
    }

    #[test]
    fn id_sets_count_and_test_membership() {
        let mut s = IdSet::default();
        for id in [1, 64, 65, 1000, 64, -3] {
            s.insert(id);
        }
        assert_eq!(s.len(), 4);
        assert!(s.contains(64) && s.contains(1000) && !s.contains(2) && !s.contains(-3));
        assert!(!s.contains(1_000_000));
    }
}
