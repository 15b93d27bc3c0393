//! Books as an older version wrote them, made from a current one, for the tests that
//! open them and check what the migrations since make of them.

/// Takes a current book's schema back to `version` (8 or later), so the migrations after
/// it run again on the next open as they run on a book that version wrote: the columns
/// and index shapes added since are undone (data migrations re-run harmlessly).
pub fn schema_of_version(conn: &followthrough_core::rusqlite::Connection, version: i64) {
    assert!(
        version >= 8,
        "only migrations 0009 and later are undone here"
    );
    conn.execute_batch(
        // 0013: the touch's kind and the cadence index over it; 0012: a touch's message.
        "DROP INDEX touches_for_cadence;
         ALTER TABLE touches DROP COLUMN kind;
         CREATE INDEX touches_for_cadence ON touches (prospect_id, at, channel, counts, inbound, outcome, due_at);
         ALTER TABLE touches DROP COLUMN message;",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
}
