-- Insights: what the reports need that the book did not keep.

-- The follow-up a touch answered: the prospect's due instant when the touch was logged,
-- if one was due by the end of that day (NULL otherwise, and for touches logged before
-- this version). "Blocks kept" compares the two.
ALTER TABLE touches ADD COLUMN due_at INTEGER;

-- Every change of a prospect's stage or status, from any path (the form, an outcome, an
-- import's merge, putting back what a removed touch changed), so the pipeline can be
-- drawn as it stood on any past day. A prospect's state before its first change is the
-- first change's "before"; with no change, its current state since it was added.
CREATE TABLE prospect_changes (
    prospect_id   INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    at            INTEGER NOT NULL,
    stage_before  TEXT NOT NULL,
    status_before TEXT NOT NULL,
    stage         TEXT NOT NULL,
    status        TEXT NOT NULL
);
CREATE INDEX prospect_changes_by_prospect ON prospect_changes (prospect_id, at);

-- The reports walk the whole touch log in prospect order; the cadence index grows by the
-- two columns they read besides its own (outcome, due_at), so that walk still reads the
-- index alone and no table row (one index instead of a second one to keep up).
DROP INDEX touches_for_cadence;
CREATE INDEX touches_for_cadence ON touches (prospect_id, at, channel, counts, inbound, outcome, due_at);
