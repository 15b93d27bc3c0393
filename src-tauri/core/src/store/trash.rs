//! Recently deleted: every delete keeps what it removed, whole, for 30 days (migration
//! 0006's `trash`), and a restore puts it back in one transaction. A snapshot holds the
//! rows of every table involved as column name → value, read with `SELECT *`, so a column
//! added later is kept without this module knowing it; each kind's own module (prospects,
//! touches, templates, reasons, plans) says which rows and which cut links make it whole,
//! and how to put them back. Restored rows keep their old ids unless one was taken
//! meanwhile (SQLite reuses the highest id once it is deleted): then they get new ones and
//! what points at them is remapped, so nothing is overwritten.

use super::{from_ms, plans, prospects, reasons, templates, to_ms, touches, Store};
use crate::error::{Error, Result};
use crate::model::{Restored, TrashItem, TrashKind};
use chrono::{DateTime, Duration, Utc};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::Value;

/// How long a deleted thing can be brought back.
pub const KEEP_DAYS: i64 = 30;

/// A table row as column name → value.
pub(super) type Row = serde_json::Map<String, Value>;

/// A row elsewhere that pointed at the deleted thing until the delete cut the link
/// (ON DELETE SET NULL). Found again by more than its id, which may have been reused:
/// its prospect and its time (a touch's `at`, a note's `created_at`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct Link {
    pub id: i64,
    pub prospect_id: i64,
    pub at: i64,
}

impl Store {
    /// What was deleted in the last 30 days, newest first.
    pub fn recently_deleted(&self, now: DateTime<Utc>) -> Result<Vec<TrashItem>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, label, detail, deleted_at FROM trash WHERE deleted_at >= ?1 \
             ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([to_ms(cutoff(now))], |r| {
            Ok(TrashItem {
                id: r.get(0)?,
                kind: r.get(1)?,
                label: r.get(2)?,
                detail: r.get(3)?,
                deleted_at: from_ms(r.get(4)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts a deleted thing back as it was, in one transaction, and takes it off the list.
    pub fn restore_deleted(&mut self, id: i64, now: DateTime<Utc>) -> Result<Restored> {
        let tx = self.write()?;
        let found: Option<(TrashKind, i64, String)> = tx
            .query_row(
                "SELECT kind, deleted_at, payload FROM trash WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((kind, deleted_at, payload)) = found else {
            return Err(gone(id));
        };
        if deleted_at < to_ms(cutoff(now)) {
            return Err(gone(id));
        }
        let restored = match kind {
            TrashKind::Prospect => prospects::restore(&tx, parse(&payload)?, now)?,
            TrashKind::Touch => touches::restore(&tx, parse(&payload)?, now)?,
            TrashKind::Template => templates::restore(&tx, parse(&payload)?)?,
            TrashKind::Reason => reasons::restore(&tx, parse(&payload)?)?,
            TrashKind::Plan => plans::restore(&tx, parse(&payload)?, now)?,
        };
        tx.execute("DELETE FROM trash WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(restored)
    }

    /// Forgets what was deleted more than 30 days ago. Run on open and on every delete.
    pub fn purge_deleted(&mut self, now: DateTime<Utc>) -> Result<usize> {
        Ok(purge(&self.conn, now)?)
    }
}

fn cutoff(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(KEEP_DAYS)
}

fn gone(id: i64) -> Error {
    Error::NotFound {
        what: "deleted item (only the last 30 days are kept)",
        id,
    }
}

fn purge(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.prepare_cached("DELETE FROM trash WHERE deleted_at < ?1")?
        .execute([to_ms(cutoff(now))])
}

fn parse<T: DeserializeOwned>(payload: &str) -> Result<T> {
    serde_json::from_str(payload).map_err(|e| Error::Unreadable {
        what: "deleted item",
        detail: e.to_string(),
    })
}

/// Keeps a snapshot in the trash, inside the delete's transaction, and forgets what is
/// past keeping. Returns the list's line for it, which the UI's undo uses.
pub(super) fn put<T: Serialize>(
    tx: &Transaction<'_>,
    kind: TrashKind,
    label: &str,
    detail: &str,
    payload: &T,
    now: DateTime<Utc>,
) -> Result<TrashItem> {
    purge(tx, now)?;
    let json = serde_json::to_string(payload).map_err(|e| Error::Unreadable {
        what: "deleted item",
        detail: e.to_string(),
    })?;
    tx.prepare_cached(
        "INSERT INTO trash (kind, label, detail, deleted_at, payload) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![kind, label, detail, to_ms(now), json])?;
    Ok(TrashItem {
        id: tx.last_insert_rowid(),
        kind,
        label: label.to_string(),
        detail: detail.to_string(),
        deleted_at: from_ms(to_ms(now))?,
    })
}

/// Every column of the rows of `table` where `filter` (SQL, with `?1` for `key`) holds.
/// `table` and `filter` are this crate's own text, never input.
pub(super) fn rows(conn: &Connection, table: &str, filter: &str, key: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE {filter}"))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut found = stmt.query([key])?;
    let mut out = Vec::new();
    while let Some(r) = found.next()? {
        let mut row = Row::new();
        for (i, name) in names.iter().enumerate() {
            row.insert(name.clone(), to_json(r.get_ref(i)?, table)?);
        }
        out.push(row);
    }
    Ok(out)
}

/// The one row of `table` with this `id`, or `NotFound` naming `what`.
pub(super) fn row(conn: &Connection, table: &str, what: &'static str, id: i64) -> Result<Row> {
    rows(conn, table, "id = ?1", id)?
        .pop()
        .ok_or(Error::NotFound { what, id })
}

/// The rows that point at something through `column` (a touch's `at`, a note's
/// `created_at` as the link's time), before a delete cuts them loose.
pub(super) fn links(
    conn: &Connection,
    table: &str,
    time: &str,
    column: &str,
    id: i64,
) -> Result<Vec<Link>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id, prospect_id, {time} FROM {table} WHERE {column} = ?1"
    ))?;
    let found = stmt.query_map([id], |r| {
        Ok(Link {
            id: r.get(0)?,
            prospect_id: r.get(1)?,
            at: r.get(2)?,
        })
    })?;
    Ok(found.collect::<rusqlite::Result<_>>()?)
}

/// Points the rows of `links` at `id` again through `column`, where each is still the
/// same row (same prospect and time) and has not been pointed elsewhere since.
pub(super) fn relink(
    tx: &Transaction<'_>,
    table: &str,
    time: &str,
    column: &str,
    links: &[Link],
    id: i64,
) -> Result<()> {
    let mut stmt = tx.prepare(&format!(
        "UPDATE {table} SET {column} = ?1 \
         WHERE id = ?2 AND prospect_id = ?3 AND {time} = ?4 AND {column} IS NULL"
    ))?;
    for l in links {
        stmt.execute(params![id, l.id, l.prospect_id, l.at])?;
    }
    Ok(())
}

/// Inserts a snapshot row into `table`. With `key` (the `INTEGER PRIMARY KEY` column), the
/// row keeps its old id when it is free and gets a new one when it was reused meanwhile;
/// returns the id it has now. Columns the table no longer has are left out.
pub(super) fn insert(
    tx: &Transaction<'_>,
    table: &str,
    row: &Row,
    key: Option<&str>,
) -> Result<i64> {
    let columns: Vec<String> = tx
        .prepare_cached("SELECT name FROM pragma_table_info(?1)")?
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (name, value) in row {
        if !columns.contains(name) {
            continue;
        }
        if Some(name.as_str()) == key {
            let taken: bool = match value.as_i64() {
                Some(id) => tx.query_row(
                    &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE \"{name}\" = ?1)"),
                    [id],
                    |r| r.get(0),
                )?,
                None => true,
            };
            if taken {
                continue;
            }
        }
        names.push(format!("\"{name}\""));
        values.push(to_sql(value, table)?);
    }
    let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        ),
        rusqlite::params_from_iter(values),
    )?;
    Ok(tx.last_insert_rowid())
}

/// "1 touch", "3 touches": the list's details in plain words.
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The integer in `column` of a snapshot row.
pub(super) fn int(row: &Row, column: &str) -> Result<i64> {
    row.get(column)
        .and_then(Value::as_i64)
        .ok_or_else(|| Error::Unreadable {
            what: "deleted item",
            detail: format!("no {column}"),
        })
}

/// The text in `column` of a snapshot row ("" when absent).
pub(super) fn text<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column).and_then(Value::as_str).unwrap_or_default()
}

/// Clears a snapshot row's reference to `table` when what it named is gone (deleted
/// since): the row comes back without the link rather than not at all.
pub(super) fn drop_dangling(
    tx: &Transaction<'_>,
    row: &mut Row,
    column: &str,
    table: &str,
) -> Result<()> {
    if let Some(id) = row.get(column).and_then(Value::as_i64) {
        let there: bool = tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if !there {
            row.insert(column.to_string(), Value::Null);
        }
    }
    Ok(())
}

fn to_json(v: ValueRef<'_>, table: &str) -> Result<Value> {
    let unreadable = |detail: String| Error::Unreadable {
        what: "deleted item",
        detail,
    };
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| unreadable(format!("a number in {table} that is not one")))?,
        ValueRef::Text(t) => Value::String(
            String::from_utf8(t.to_vec())
                .map_err(|_| unreadable(format!("text in {table} that is not UTF-8")))?,
        ),
        ValueRef::Blob(_) => return Err(unreadable(format!("binary data in {table}"))),
    })
}

fn to_sql(v: &Value, table: &str) -> Result<Sql> {
    Ok(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => {
            return Err(Error::Unreadable {
                what: "deleted item",
                detail: format!("a value for {table} that is not a column's"),
            })
        }
    })
}
