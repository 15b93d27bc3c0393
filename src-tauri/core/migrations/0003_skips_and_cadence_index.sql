-- A due touch the user chose not to do today, and why: kept so the timeline tells the
-- whole story (and skipping can't quietly become giving up).
CREATE TABLE skips (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (reason <> '')
);
-- A prospect's timeline.
CREATE INDEX skips_by_prospect ON skips (prospect_id, at DESC);

-- Recomputing every prospect's next due (after a settings change) walks the touch log
-- in prospect order; this index holds all it reads, so no table row is visited.
CREATE INDEX touches_for_cadence ON touches (prospect_id, at, channel, counts, inbound);
