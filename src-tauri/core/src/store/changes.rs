//! The stage and status history the pipeline report draws from (migration 0007).

use super::to_ms;
use crate::error::Result;
use crate::model::{Stage, Status};
use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

/// Records that a prospect's stage or status went from `before` to `after` at `at`;
/// nothing when neither changed. Every write that can change them calls this.
pub(super) fn record(
    tx: &Transaction<'_>,
    prospect_id: i64,
    before: (Stage, Status),
    after: (Stage, Status),
    at: DateTime<Utc>,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO prospect_changes (prospect_id, at, stage_before, status_before, stage, status) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        prospect_id,
        to_ms(at),
        before.0,
        before.1,
        after.0,
        after.1
    ])?;
    Ok(())
}
