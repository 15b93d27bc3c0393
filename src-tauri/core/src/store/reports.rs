//! Insights: the book's history loaded (narrowed to a tag; a large book in parts, at
//! once) and handed to the pure reports in `crate::reports`.

use super::kind::Kind;
use super::settings::read_settings;
use super::{id_list, Store};
use crate::cadence::Settings;
use crate::error::Result;
use crate::model::ProspectRow;
use crate::reports::{
    self, ChangeFact, Context, Filter, History, Insights, ProspectFacts, Review, TouchFact,
};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OpenFlags};
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
        self.with_history(filter.tag.as_deref(), |book, settings| {
            Ok(reports::insights(book, filter, &context(settings, now)).0)
        })
    }

    /// The weekly review: this week beside the four before, and the one thing to do next.
    pub fn review(&self, tag: Option<String>, now: DateTime<Utc>) -> Result<Review> {
        self.with_history(tag.as_deref(), |book, settings| {
            Ok(reports::review(book, tag.clone(), &context(settings, now)).0)
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
        let ids = self.with_history(filter.tag.as_deref(), |book, settings| {
            let cells = if review {
                reports::review(book, filter.tag.clone(), &context(settings, now)).1
            } else {
                reports::insights(book, filter, &context(settings, now)).1
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
        f: impl FnOnce(&[History], &Settings) -> Result<T>,
    ) -> Result<T> {
        self.reading(|| {
            let settings = read_settings(&self.conn)?;
            let book = self.load_book(tag)?;
            f(&book, &settings)
        })
    }

    /// The book's history in parts (see `reports::History`): a large book is read in
    /// runs of prospect ids, one per processor, each on its own connection and thread,
    /// this one's on the store's own connection; a small one (or one in memory, or
    /// read-only) in one part.
    ///
    /// Each part is a snapshot of its own, taken a moment apart: a write landing between
    /// them (another connection's: this store writes nothing while it reads) shows in
    /// some parts and not others, as it would in a report run a moment earlier or later.
    /// Every prospect's facts, touches and changes still come from one snapshot.
    fn load_book(&self, tag: Option<&str>) -> Result<Vec<History>> {
        let (first, last): (Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached("SELECT min(id), max(id) FROM prospects")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(vec![History::default()]);
        };
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let parts = if self.file.is_some() && !self.read_only && last - first >= PARTS_FROM {
            threads.min(MAX_PARTS)
        } else {
            1
        };
        self.load_parts(tag, (first, last + 1), parts)
    }

    /// The prospects with ids in `range` in `parts` equal runs of ids, the first read on
    /// the store's connection, the others each on a connection and thread of its own.
    fn load_parts(
        &self,
        tag: Option<&str>,
        range: (i64, i64),
        parts: usize,
    ) -> Result<Vec<History>> {
        let file = match &self.file {
            Some(file) if parts > 1 => file,
            _ => return Ok(vec![load(&self.conn, tag, range)?]),
        };
        // Ids are handed out in order and rarely deleted, so equal runs of ids are about
        // equal runs of prospects.
        let (first, span, n) = (range.0, range.1 - range.0, parts as i64);
        let bounds: Vec<i64> = (0..=n).map(|i| first + span * i / n).collect();
        std::thread::scope(|s| {
            let others: Vec<_> = bounds[1..]
                .windows(2)
                .map(|run| {
                    let run = (run[0], run[1]);
                    s.spawn(move || load_apart(file, tag, run))
                })
                .collect();
            let mut book = vec![load(&self.conn, tag, (bounds[0], bounds[1]))?];
            for other in others {
                // A load only panics on a bug; carry that panic on as it was.
                let part = other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
                book.push(part);
            }
            Ok(book)
        })
    }
}

/// The most parts a book is read in: past the machine's processors, or about four, more
/// connections only add overhead.
const MAX_PARTS: usize = 4;
/// A book with fewer prospect ids than this is read in one part: below it, opening a
/// second connection costs more than it saves.
const PARTS_FROM: i64 = 20_000;

/// One part of the book, read on a connection of its own (see `Store::load_book`).
fn load_apart(file: &std::path::Path, tag: Option<&str>, range: (i64, i64)) -> Result<History> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Only reads: a slip here can't write.
    conn.pragma_update(None, "query_only", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let tx = conn.unchecked_transaction()?;
    let part = load(&tx, tag, range)?;
    tx.commit()?;
    Ok(part)
}

fn context(settings: &Settings, now: DateTime<Utc>) -> Context<'_> {
    Context {
        now,
        week: &settings.week,
        max_gap_days: settings.max_gap_days,
    }
}

/// The history of the prospects with ids in `range` (from, up to), in prospect order.
/// The touches come from the covering index `touches_for_cadence` (migrations 0007 and
/// 0013), so a million of them are read without visiting the table, their channel,
/// outcome and flags as one integer (`kind.rs`).
fn load(conn: &Connection, tag: Option<&str>, range: (i64, i64)) -> Result<History> {
    let narrow = |column: &str| {
        let tagged = match tag {
            Some(_) => {
                format!("{column} IN (SELECT prospect_id FROM prospect_tags WHERE tag = ?1)")
            }
            // Still binds ?1 (as NULL), so one parameter list serves both forms.
            None => "?1 IS NULL".into(),
        };
        format!("WHERE {column} >= ?2 AND {column} < ?3 AND {tagged}")
    };
    let (from, to) = range;
    let prospects = conn
        .prepare_cached(&format!(
            "SELECT id, created_at, source, stage, status, paused, next_due_at FROM prospects {} \
             ORDER BY id",
            narrow("id")
        ))?
        .query_map(params![tag, from, to], |r| {
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
            // Every column of the index, then the row id: ties read alike in every run.
            "SELECT prospect_id, at, kind, due_at FROM touches {} \
             ORDER BY prospect_id, at, kind, due_at, id",
            narrow("prospect_id")
        ))?
        .query_map(params![tag, from, to], |r| {
            let kind: Kind = r.get(2)?;
            Ok(TouchFact {
                prospect_id: r.get(0)?,
                at: r.get(1)?,
                channel: kind.channel,
                outcome: kind.outcome,
                counts: kind.counts,
                inbound: kind.inbound,
                due_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let changes = conn
        .prepare_cached(&format!(
            "SELECT prospect_id, at, stage_before, status_before, stage, status \
             FROM prospect_changes {} ORDER BY prospect_id, at, rowid",
            narrow("prospect_id")
        ))?
        .query_map(params![tag, from, to], |r| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Outcome, ProspectInput, TouchInput};

    /// A book read in parts, each on its own connection, is the book read whole: every
    /// prospect, touch and change in its part, in order, narrowed to a tag alike.
    #[test]
    fn a_book_read_in_parts_is_the_book_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
        let now = crate::clock::now();
        for i in 0..12 {
            let p = store
                .create_prospect(
                    ProspectInput {
                        name: format!("Person {i}"),
                        tags: if i % 3 == 0 {
                            vec!["north".into()]
                        } else {
                            vec![]
                        },
                        ..ProspectInput::default()
                    },
                    now,
                )
                .unwrap();
            for k in 0..i % 4 {
                let outcome = if k == 2 {
                    Outcome::Yes
                } else {
                    Outcome::NoResponse
                };
                store
                    .log_touch(TouchInput::new(p.id, Channel::Email, outcome), now)
                    .unwrap();
            }
        }
        for tag in [None, Some("north")] {
            let whole = store
                .reading(|| load(&store.conn, tag, (0, i64::MAX)))
                .unwrap();
            assert!(
                !whole.touches.is_empty() && !whole.changes.is_empty(),
                "{tag:?}: {whole:?}"
            );
            let parts = store.reading(|| store.load_parts(tag, (1, 13), 3)).unwrap();
            assert_eq!(parts.len(), 3);
            let mut joined = History::default();
            for part in parts {
                assert!(!part.prospects.is_empty(), "ids 1–12 in three runs of four");
                joined.prospects.extend(part.prospects);
                joined.touches.extend(part.touches);
                joined.changes.extend(part.changes);
            }
            assert_eq!(joined, whole, "tag {tag:?}");
        }
    }
}
