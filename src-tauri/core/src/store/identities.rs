//! Who an import has seen so far, by identity (`import::matching::keys`): the book's
//! contacts and the file's rows up to here. Kept in a temporary table, not in memory,
//! so an import's memory stays flat however long the file: SQLite holds a few pages
//! of it in its own small cache for the temporary database and spills the rest to a
//! temporary file.
//!
//! The table lives in the caller's transaction: an import that fails or is cancelled
//! rolls it back with everything else, and a preview (which never commits) leaves
//! nothing behind either.

use crate::error::Result;
use crate::import::matching::{keys, Keys};
use crate::model::ProspectInput;
use rusqlite::{Connection, OptionalExtension};

pub(super) struct Identities<'c> {
    conn: &'c Connection,
}

impl<'c> Identities<'c> {
    /// Starts with the book's contacts.
    pub fn of_book(conn: &'c Connection) -> Result<Self> {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_identities \
                 (key INTEGER PRIMARY KEY, prospect_id INTEGER NOT NULL); \
             DELETE FROM temp.import_identities;",
        )?;
        let seen = Identities { conn };
        let mut stmt = conn.prepare(
            "SELECT id, name, company, emails, phones, linkedin FROM main.prospects ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let contact = ProspectInput {
                name: r.get(1)?,
                company: r.get(2)?,
                emails: super::json_at(r, 3, "email addresses")?,
                phones: super::json_at(r, 4, "phone numbers")?,
                linkedin: r.get(5)?,
                ..ProspectInput::default()
            };
            seen.add(r.get(0)?, &keys(&contact))?;
        }
        Ok(seen)
    }

    /// Adds a contact (by its keys) under `id`. An identity already taken keeps its
    /// first owner, so matches go to the oldest prospect with that address.
    pub fn add(&self, id: i64, keys: &Keys) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO temp.import_identities (key, prospect_id) VALUES (?1, ?2)",
        )?;
        for k in keys.iter() {
            stmt.execute([as_column(k), id])?;
        }
        Ok(())
    }

    /// The prospect a contact (by its keys) matches, trying its identities strongest
    /// first.
    pub fn find(&self, keys: &Keys) -> Result<Option<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT prospect_id FROM temp.import_identities WHERE key = ?1")?;
        for k in keys.iter() {
            if let Some(id) = stmt.query_row([as_column(k)], |r| r.get(0)).optional()? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// Empties the table at the end of a walk, so a long-lived connection doesn't keep
    /// a large import's identities around.
    pub fn finish(self) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM temp.import_identities;")?;
        Ok(())
    }
}

/// A key as SQLite's 64-bit signed integer: the same bits, reinterpreted.
fn as_column(k: u64) -> i64 {
    i64::from_ne_bytes(k.to_ne_bytes())
}
