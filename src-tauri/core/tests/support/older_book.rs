//! Books as an older version wrote them, made from a current one, for the tests that
//! open them and check what the migrations since make of them.

/// Takes a current book's schema back to `version` (8 to 12), so the migrations after it
/// run again on the next open as they run on a book that version wrote: the columns and
/// index shapes added since are undone (data migrations re-run harmlessly).
pub fn schema_of_version(conn: &followthrough_core::rusqlite::Connection, version: i64) {
    assert!(
        (8..=12).contains(&version),
        "0012 and 0013 are undone here, nothing before 0009 is"
    );
    // 0013: the touch's kind and the cadence index over it.
    conn.execute_batch(
        "DROP INDEX touches_for_cadence;
         ALTER TABLE touches DROP COLUMN kind;
         CREATE INDEX touches_for_cadence ON touches (prospect_id, at, channel, counts, inbound, outcome, due_at);",
    )
    .unwrap();
    if version < 12 {
        // 0012: a touch's message.
        conn.execute_batch("ALTER TABLE touches DROP COLUMN message;")
            .unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
}
