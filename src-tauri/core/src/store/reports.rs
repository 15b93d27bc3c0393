//! Insights: the book's history loaded in one snapshot (narrowed to a tag) and handed to
//! the pure reports in `crate::reports`.

use super::settings::read_settings;
use super::{id_list, Store};
use crate::cadence::Settings;
use crate::error::Result;
use crate::model::ProspectRow;
use crate::reports::{
    self, ChangeFact, Context, Filter, History, Insights, ProspectFacts, Review, TouchFact,
};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

/// The people behind a number, the first `limit` of them in name order.
#[derive(Debug, Clone, Serialize)]
pub struct People {
    pub total: u32,
    pub rows: Vec<ProspectRow>,
}

/// The most people a click lists (the count says how many there are in all).
pub const PEOPLE_LIMIT: usize = 500;

impl Store {
    /// Every report for a period and, optionally, a tag.
    pub fn insights(&self, filter: &Filter, now: DateTime<Utc>) -> Result<Insights> {
        reports::check(filter)?;
        self.with_history(filter.tag.as_deref(), |history, settings| {
            Ok(reports::insights(history, filter, &context(settings, now)).0)
        })
    }

    /// The weekly review: this week beside the four before, and the one thing to do next.
    pub fn review(&self, tag: Option<String>, now: DateTime<Utc>) -> Result<Review> {
        self.with_history(tag.as_deref(), |history, settings| {
            Ok(reports::review(history, tag.clone(), &context(settings, now)).0)
        })
    }

    /// The people a report's number counted (`cell`, as the report named it): of the
    /// insights for `filter`, or of the weekly review when `review` is set.
    pub fn report_people(
        &self,
        filter: &Filter,
        review: bool,
        cell: &str,
        now: DateTime<Utc>,
    ) -> Result<People> {
        reports::check(filter)?;
        let ids = self.with_history(filter.tag.as_deref(), |history, settings| {
            let cells = if review {
                reports::review(history, filter.tag.clone(), &context(settings, now)).1
            } else {
                reports::insights(history, filter, &context(settings, now)).1
            };
            Ok(cells.get(cell).cloned().unwrap_or_default())
        })?;
        // A cell can name someone twice (two late follow-ups of one prospect): the list
        // and its count are of people. The first PEOPLE_LIMIT by the list's name order.
        let (total, first): (u32, Vec<i64>) = self.reading(|| {
            let list = id_list(&ids);
            let total = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM prospects WHERE id IN (SELECT value FROM json_each(?1))",
                )?
                .query_row([&list], |r| r.get(0))?;
            let first = self
                .conn
                .prepare_cached(
                    "SELECT id FROM prospects WHERE id IN (SELECT value FROM json_each(?1)) \
                     ORDER BY name_key, id LIMIT ?2",
                )?
                .query_map(params![list, PEOPLE_LIMIT as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((total, first))
        })?;
        Ok(People {
            total,
            rows: self.rows(&first)?,
        })
    }

    /// Loads the history (of the prospects with `tag`, if given) and the settings in one
    /// snapshot and calls `f` with them.
    fn with_history<T>(
        &self,
        tag: Option<&str>,
        f: impl FnOnce(&History, &Settings) -> Result<T>,
    ) -> Result<T> {
        self.reading(|| {
            let settings = read_settings(&self.conn)?;
            let history = load(&self.conn, tag)?;
            f(&history, &settings)
        })
    }
}

fn context(settings: &Settings, now: DateTime<Utc>) -> Context<'_> {
    Context {
        now,
        week: &settings.week,
        max_gap_days: settings.max_gap_days,
    }
}

/// The whole history in prospect order. The touches come from the covering index
/// `touches_for_cadence` (migration 0007), so a million of them are read without
/// visiting the table.
pub(crate) fn load(conn: &Connection, tag: Option<&str>) -> Result<History> {
    let narrow = |column: &str| match tag {
        Some(_) => {
            format!("WHERE {column} IN (SELECT prospect_id FROM prospect_tags WHERE tag = ?1)")
        }
        // Still binds ?1 (as NULL), so one parameter list serves both forms.
        None => "WHERE ?1 IS NULL".into(),
    };
    let prospects = conn
        .prepare_cached(&format!(
            "SELECT id, created_at, source, stage, status, paused, next_due_at FROM prospects {} \
             ORDER BY id",
            narrow("id")
        ))?
        .query_map([tag], |r| {
            Ok(ProspectFacts {
                id: r.get(0)?,
                created_at: r.get(1)?,
                source: r.get(2)?,
                stage: r.get(3)?,
                status: r.get(4)?,
                paused: r.get(5)?,
                next_due_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let touches = conn
        .prepare_cached(&format!(
            "SELECT prospect_id, at, channel, outcome, counts, inbound, due_at FROM touches {} \
             ORDER BY prospect_id, at",
            narrow("prospect_id")
        ))?
        .query_map([tag], |r| {
            Ok(TouchFact {
                prospect_id: r.get(0)?,
                at: r.get(1)?,
                channel: r.get(2)?,
                outcome: r.get(3)?,
                counts: r.get(4)?,
                inbound: r.get(5)?,
                due_at: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let changes = conn
        .prepare_cached(&format!(
            "SELECT prospect_id, at, stage_before, status_before, stage, status \
             FROM prospect_changes {} ORDER BY prospect_id, at, rowid",
            narrow("prospect_id")
        ))?
        .query_map([tag], |r| {
            Ok(ChangeFact {
                prospect_id: r.get(0)?,
                at: r.get(1)?,
                before: (r.get(2)?, r.get(3)?),
                after: (r.get(4)?, r.get(5)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(History {
        prospects,
        touches,
        changes,
    })
}
