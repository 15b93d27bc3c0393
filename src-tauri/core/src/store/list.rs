//! The prospect list: search-as-you-type, filters, sort and paging, all in SQL so a page
//! costs the same with ten prospects or a hundred thousand.

use super::{opt_from_ms, Store};
use crate::error::Result;
use crate::model::{ListQuery, Overview, ProspectPage, ProspectRow, Sort, Status};
use rusqlite::types::Value;

/// Rows per page when the caller does not say; the UI asks for pages of this size.
pub const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 500;

impl Store {
    pub fn list_prospects(&self, q: &ListQuery) -> Result<ProspectPage> {
        let mut filters: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(m) = fts_query(&q.text) {
            filters
                .push("p.id IN (SELECT rowid FROM prospect_search WHERE prospect_search MATCH ?)");
            args.push(Value::Text(m));
        }
        if let Some(status) = q.status {
            filters.push("p.status = ?");
            args.push(Value::Text(status.as_str().into()));
        }
        if let Some(stage) = q.stage {
            filters.push("p.stage = ?");
            args.push(Value::Text(stage.as_str().into()));
        }
        if let Some(tag) = q.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            filters.push("p.id IN (SELECT prospect_id FROM prospect_tags WHERE tag = ?)");
            args.push(Value::Text(tag.into()));
        }
        let where_clause = if filters.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", filters.join(" AND "))
        };
        // Each order matches an index in 0001_prospects.sql, so the first page is read
        // off the index instead of sorting every match.
        let order = match q.sort {
            Sort::Name => "p.name_key, p.id",
            Sort::LastTouch => "p.last_touch_at DESC, p.id",
            Sort::NextDue => "p.next_due_at IS NULL, p.next_due_at, p.id",
        };
        let limit = match q.limit {
            0 => DEFAULT_PAGE,
            n => n.min(MAX_PAGE),
        };

        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM prospects p {where_clause}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;

        let mut page_args = args.clone();
        page_args.push(Value::Integer(limit.into()));
        page_args.push(Value::Integer(q.offset.into()));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.name, p.company, p.title, p.stage, p.status, p.touchpoints, \
             p.last_touch_at, p.next_due_at FROM prospects p {where_clause} \
             ORDER BY {order} LIMIT ? OFFSET ?"
        ))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(page_args.iter()), |r| {
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
            })?
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
        })
    }
}

/// Turns what the user typed into an FTS5 query: every word is a prefix that must
/// match. Words are cut the way the index's tokenizer cuts them (at anything that is not
/// a letter or digit), so FTS5's query syntax can never be injected from the search box.
pub(crate) fn fts_query(text: &str) -> Option<String> {
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
    use super::fts_query;

    #[test]
    fn user_text_becomes_prefix_terms() {
        assert_eq!(fts_query("acme co").as_deref(), Some("\"acme\"* \"co\"*"));
        assert_eq!(fts_query("O'Brien").as_deref(), Some("\"O\"* \"Brien\"*"));
        assert_eq!(fts_query("  \"*( NEAR ").as_deref(), Some("\"NEAR\"*"));
        assert_eq!(fts_query(" -- "), None);
    }
}
