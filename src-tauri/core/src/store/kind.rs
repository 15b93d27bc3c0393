//! A touch's channel, outcome and two flags as the one integer `touches.kind` holds
//! (migration 0013, a generated column kept in the covering index `touches_for_cadence`).
//! The walks over many touches (the reports, every schedule recompute, the full
//! reschedule) read this one column instead of four: SQLite's cost is per column stepped,
//! so it takes about a third off reading a million touches (BENCHMARKS.md, Insights).
//!
//! The mapping is the migration's `CASE`: a channel's and an outcome's places in
//! `Channel::ALL` and `Outcome::ALL`. A test writes every combination through a real
//! book and reads it back, so a new variant (or a reordered one) fails it until a
//! migration maps it.

use crate::error::BadValue;
use crate::model::{Channel, Outcome};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

// SQL conditions on `kind`, evaluated inside the index (the bits are below).
/// The touches the engine reads (`cadence::reads`): `counts = 1 OR inbound = 1`.
pub(super) const READ_BY_ENGINE: &str = "(kind & 3) <> 0";
/// A touchpoint: `counts = 1`.
pub(super) const TOUCHPOINT: &str = "(kind & 2) <> 0";
/// One of ours, an attempt: `inbound = 0`.
pub(super) const OURS: &str = "(kind & 1) = 0";
/// A response of some kind: theirs, or an outcome other than No response (outcome 0):
/// `outcome <> 'no_response' OR inbound = 1`. 253 is the outcome's bits and the inbound bit.
pub(super) const RESPONDED: &str = "(kind & 253) <> 0";

/// A touch's `kind`, read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Kind {
    pub channel: Channel,
    pub outcome: Outcome,
    /// The `counts` column: a touchpoint.
    pub counts: bool,
    /// The `inbound` column: the prospect reached us.
    pub inbound: bool,
}

const CHANNEL_SHIFT: u32 = 8;
const OUTCOME_SHIFT: u32 = 2;
const OUTCOME_MASK: i64 = 0x3f;
const COUNTS_BIT: i64 = 2;
const INBOUND_BIT: i64 = 1;

impl Kind {
    /// The kind a code stands for, or which part of it no variant has (the migration
    /// gives a text it does not map the code 255 or 63).
    fn decode(code: i64) -> Result<Kind, &'static str> {
        let place = |bits: i64| usize::try_from(bits).ok();
        let channel = place(code >> CHANNEL_SHIFT).and_then(|i| Channel::ALL.get(i));
        let outcome =
            place((code >> OUTCOME_SHIFT) & OUTCOME_MASK).and_then(|i| Outcome::ALL.get(i));
        Ok(Kind {
            channel: *channel.ok_or("unknown channel")?,
            outcome: *outcome.ok_or("unknown outcome")?,
            counts: code & COUNTS_BIT != 0,
            inbound: code & INBOUND_BIT != 0,
        })
    }
}

impl FromSql for Kind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Kind::decode(value.as_i64()?).map_err(|detail| {
            // Reported to the user as unreadable stored data, as an unknown text was.
            FromSqlError::Other(Box::new(BadValue {
                what: "touch",
                detail: detail.into(),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use rusqlite::params;

    /// A book on file (Insights reads it on connections of its own) with one prospect.
    fn book_with_one_prospect() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("book.sqlite3")).unwrap();
        let input = crate::model::ProspectInput {
            name: "Ada".into(),
            ..Default::default()
        };
        let id = store
            .create_prospect(input, crate::clock::now())
            .unwrap()
            .id;
        (dir, store, id)
    }

    /// Every channel, outcome and pair of flags, written as the store writes a touch
    /// (text columns), reads back the same through `kind`: the migration's mapping and
    /// this decoder agree, and no variant is left out of either.
    #[test]
    fn every_kind_reads_back_as_written() {
        let (_dir, store, prospect) = book_with_one_prospect();
        let conn = &store.conn;
        let mut written = Vec::new();
        for &channel in Channel::ALL {
            for &outcome in Outcome::ALL {
                for (counts, inbound) in [(false, false), (true, false), (false, true)] {
                    conn.execute(
                        "INSERT INTO touches (prospect_id, at, channel, outcome, counts, inbound, created_at) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                        params![prospect, written.len() as i64, channel, outcome, counts, inbound],
                    )
                    .unwrap();
                    written.push(Kind {
                        channel,
                        outcome,
                        counts,
                        inbound,
                    });
                }
            }
        }
        let read: Vec<Kind> = conn
            .prepare("SELECT kind FROM touches WHERE prospect_id = ?1 ORDER BY at")
            .unwrap()
            .query_map([prospect], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(read, written);

        // The SQL conditions on `kind` say what the columns say.
        let conditions: Vec<[bool; 4]> = conn
            .prepare(&format!(
                "SELECT {READ_BY_ENGINE}, {TOUCHPOINT}, {OURS}, {RESPONDED} FROM touches \
                 WHERE prospect_id = ?1 ORDER BY at"
            ))
            .unwrap()
            .query_map([prospect], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let expected: Vec<[bool; 4]> = written
            .iter()
            .map(|k| {
                [
                    k.counts || k.inbound,
                    k.counts,
                    !k.inbound,
                    k.outcome != Outcome::NoResponse || k.inbound,
                ]
            })
            .collect();
        assert_eq!(conditions, expected);
    }

    /// A text no migration maps (a newer build's channel, or a damaged row) is reported
    /// as unreadable data by everything that reads the touch, not read as some other
    /// channel or left out; the counts that need only its flags still count it.
    #[test]
    fn an_unknown_channel_is_unreadable() {
        let (_dir, store, id) = book_with_one_prospect();
        let now = crate::clock::now();
        let when = now.timestamp_millis() - 60_000;
        for (channel, outcome) in [("fax", "no_response"), ("email", "shrug")] {
            store
                .conn
                .execute(
                    "INSERT INTO touches (prospect_id, at, channel, outcome, counts, inbound, created_at) \
                     VALUES (?1, ?2, ?3, ?4, 1, 0, 0)",
                    params![id, when, channel, outcome],
                )
                .unwrap();
            let err = store.due(id, now).unwrap_err();
            assert_eq!(err.code(), "unreadable", "{err}");
            let part = if channel == "fax" {
                "channel"
            } else {
                "outcome"
            };
            assert!(
                err.to_string().contains(&format!("unknown {part}")),
                "{err}"
            );
            let period = crate::reports::Filter {
                from: now.date_naive() - chrono::Duration::days(30),
                to: now.date_naive(),
                tag: None,
            };
            let err = store.insights(&period, now).unwrap_err();
            assert_eq!(err.code(), "unreadable", "the reports read it too: {err}");
            let counted: i64 = store
                .conn
                .query_row(
                    &format!("SELECT count(*) FROM touches WHERE prospect_id = ?1 AND {TOUCHPOINT} AND {OURS}"),
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(counted, 1);
            store.conn.execute("DELETE FROM touches", []).unwrap();
        }
    }
}
