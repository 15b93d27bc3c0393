//! Who an import has seen so far, by identity (`import::matching::keys`): the book's
//! contacts and the file's rows up to here. Kept in a temporary table, not in memory,
//! so an import's memory stays flat however long the file: SQLite holds a few pages
//! of it in its own small cache for the temporary database and spills the rest to a
//! temporary file.
//!
//! Most contacts an import meets are new, so most lookups would find nothing: a fixed
//! 2 MiB Bloom filter in front of the table answers those without asking SQLite. New
//! identities wait in a bounded buffer and go into the table sorted, many to a
//! statement, so the table's pages are walked in order rather than at random. As one
//! statement per key, lookups and additions were a fifth of a 100,000-row import.
//!
//! The table lives in the caller's transaction: an import that fails or is cancelled
//! rolls it back with everything else, and a preview (which never commits) leaves
//! nothing behind either.

use crate::error::Result;
use crate::import::matching::{keys, Keys};
use crate::model::ProspectInput;
use rusqlite::{Connection, OptionalExtension, ToSql};
use std::collections::HashMap;

/// Identities added in one statement.
const BATCH: usize = 64;
/// Identities held in memory before they go into the table (about 1 MiB).
const BUFFER: usize = 32_768;
/// The filter's size in bits (2 MiB). Its false positives (a key that may be in the
/// table but isn't) only cost a lookup: about 1 in 3,000 keys at 100,000 contacts
/// (four keys each, three bits per key), 1 in 8 at a million.
const FILTER_BITS: u64 = 1 << 24;
/// Bits set per key.
const PROBES: u64 = 3;

pub(super) struct Identities<'c> {
    conn: &'c Connection,
    filter: Filter,
    /// Added but not yet in the table, each with its first owner.
    pending: HashMap<u64, i64>,
}

impl<'c> Identities<'c> {
    /// Starts with the book's contacts.
    pub fn of_book(conn: &'c Connection) -> Result<Self> {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_identities \
                 (key INTEGER PRIMARY KEY, prospect_id INTEGER NOT NULL); \
             DELETE FROM temp.import_identities;",
        )?;
        let mut seen = Identities {
            conn,
            filter: Filter::new(),
            pending: HashMap::with_capacity(BUFFER),
        };
        let mut stmt = conn.prepare(
            "SELECT id, name, company, emails, phones, linkedin, website, address \
             FROM main.prospects ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut contact = ProspectInput {
                name: r.get(1)?,
                company: r.get(2)?,
                emails: super::json_at(r, 3, "email addresses")?,
                phones: super::json_at(r, 4, "phone numbers")?,
                linkedin: r.get(5)?,
                website: r.get(6)?,
                ..ProspectInput::default()
            };
            let mut identity = keys(&contact);
            // The address is read only for someone known by their name alone.
            if identity.named_only() {
                contact.address = super::json_at(r, 7, "mailing address")?;
                identity = keys(&contact);
            }
            seen.add(r.get(0)?, &identity)?;
        }
        Ok(seen)
    }

    /// Adds a contact (by its keys) under `id`. An identity already taken keeps its
    /// first owner, so matches go to the oldest prospect with that address.
    pub fn add(&mut self, id: i64, keys: &Keys) -> Result<()> {
        for k in keys.iter() {
            self.filter.insert(k);
            self.pending.entry(k).or_insert(id);
        }
        if self.pending.len() >= BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    /// The prospect a contact (by its keys) matches, trying its identities strongest
    /// first. For each key the table answers before the buffer: what is in the table
    /// was added earlier.
    pub fn find(&self, keys: &Keys) -> Result<Option<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT prospect_id FROM temp.import_identities WHERE key = ?1")?;
        for k in keys.iter() {
            if !self.filter.may_hold(k) {
                continue;
            }
            let stored = stmt.query_row([as_column(k)], |r| r.get(0)).optional()?;
            if let Some(id) = stored.or_else(|| self.pending.get(&k).copied()) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// Moves the buffer into the table in key order, a batch to a statement. An
    /// identity the table has already keeps its owner (`OR IGNORE`): the table's is
    /// the older.
    fn flush(&mut self) -> Result<()> {
        let mut pending: Vec<(u64, i64)> = self.pending.drain().collect();
        pending.sort_unstable();
        let mut batches = pending.chunks_exact(BATCH);
        let mut batch = self.conn.prepare_cached(&batch_sql())?;
        for rows in &mut batches {
            let values: Vec<i64> = rows
                .iter()
                .flat_map(|&(k, id)| [as_column(k), id])
                .collect();
            let params: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
            batch.execute(params.as_slice())?;
        }
        let mut one = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO temp.import_identities (key, prospect_id) VALUES (?1, ?2)",
        )?;
        for &(k, id) in batches.remainder() {
            one.execute([as_column(k), id])?;
        }
        Ok(())
    }

    /// Empties the table at the end of a walk, so a long-lived connection doesn't keep
    /// a large import's identities around.
    pub fn finish(self) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM temp.import_identities;")?;
        Ok(())
    }
}

/// The statement adding a full batch.
fn batch_sql() -> String {
    let rows = vec!["(?, ?)"; BATCH].join(", ");
    format!("INSERT OR IGNORE INTO temp.import_identities (key, prospect_id) VALUES {rows}")
}

/// A key as SQLite's 64-bit signed integer: the same bits, reinterpreted.
fn as_column(k: u64) -> i64 {
    i64::from_ne_bytes(k.to_ne_bytes())
}

/// A Bloom filter over keys that are already hashes (SipHash): the probes are taken
/// from the key's two halves (Kirsch–Mitzenmacher double hashing). It never says no to
/// a key it holds.
struct Filter {
    words: Vec<u64>,
}

impl Filter {
    fn new() -> Self {
        // Zeroed pages are mapped as they are first written, so a small import touches
        // only a little of it.
        Filter {
            words: vec![0; (FILTER_BITS / 64) as usize],
        }
    }

    fn probes(k: u64) -> impl Iterator<Item = (usize, u64)> {
        let (h1, h2) = (k & 0xffff_ffff, (k >> 32) | 1);
        (0..PROBES).map(move |i| {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % FILTER_BITS;
            // In range: FILTER_BITS / 64 words fit a usize.
            ((bit / 64) as usize, 1u64 << (bit % 64))
        })
    }

    fn insert(&mut self, k: u64) {
        for (word, mask) in Self::probes(k) {
            self.words[word] |= mask;
        }
    }

    fn may_hold(&self, k: u64) -> bool {
        Self::probes(k).all(|(word, mask)| self.words[word] & mask != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The filter holds every key put in it.
        #[test]
        fn the_filter_never_forgets_a_key(keys in prop::collection::vec(any::<u64>(), 0..2000)) {
            let mut f = Filter::new();
            for &k in &keys {
                f.insert(k);
            }
            for &k in &keys {
                prop_assert!(f.may_hold(k));
            }
        }
    }

    #[test]
    fn the_filter_turns_most_unknown_keys_away() {
        let mut f = Filter::new();
        let mut next = 0x9e37_79b9_7f4a_7c15u64;
        let mut key = || {
            // SplitMix64: keys as well spread as SipHash's.
            next = next.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = next;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..400_000 {
            f.insert(key());
        }
        let false_positives = (0..100_000).filter(|_| f.may_hold(key())).count();
        assert!(false_positives < 100, "{false_positives} in 100,000");
    }

    /// Keys and lookups the way an import makes them, against a plain map of first
    /// owners: the filter, the buffer and its moves into the table change nothing.
    #[test]
    fn lookups_see_every_identity_added_with_its_first_owner() {
        let store = crate::Store::open_in_memory().unwrap();
        let mut seen = Identities::of_book(&store.conn).unwrap();
        let mut owners = std::collections::HashMap::new();
        // Enough contacts (two keys each) for the buffer to move into the table.
        for id in 0..40_000i64 {
            // Every third contact shares a key with an earlier one.
            let shared = u64::try_from(id / 3).unwrap();
            let k = Keys::from_raw(vec![
                u64::try_from(id)
                    .unwrap()
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15),
                shared.wrapping_mul(0xc2b2_ae3d_27d4_eb4f) | 1,
            ]);
            let expected = k.iter().find_map(|key| owners.get(&key).copied());
            assert_eq!(seen.find(&k).unwrap(), expected, "contact {id}");
            seen.add(id, &k).unwrap();
            for key in k.iter() {
                owners.entry(key).or_insert(id);
            }
        }
        seen.finish().unwrap();
    }
}
