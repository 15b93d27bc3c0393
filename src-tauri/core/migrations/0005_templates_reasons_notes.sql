-- Writing the touch: templates per channel, a library of reasons to get in touch, and
-- handwritten notes on their way from draft to mailbox.

CREATE TABLE templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (name <> ''),
    channel    TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',   -- email only
    body       TEXT NOT NULL,
    -- Written for the product (the starter set); the user may still edit or delete it.
    starter    INTEGER NOT NULL DEFAULT 0 CHECK (starter IN (0, 1)),
    updated_at INTEGER NOT NULL
);
CREATE INDEX templates_by_channel ON templates (channel, name);

CREATE TABLE reasons (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL CHECK (title <> ''),
    detail     TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    dated      TEXT,                       -- YYYY-MM-DD: when the news is from
    expires_on TEXT,                       -- YYYY-MM-DD: not suggested after this day
    tags       TEXT NOT NULL DEFAULT '[]', -- JSON array; empty suits everyone
    created_at INTEGER NOT NULL
);

-- The reason a touch was made, so the same one is not offered to that prospect again.
ALTER TABLE touches ADD COLUMN reason_id INTEGER REFERENCES reasons (id) ON DELETE SET NULL;
-- A prospect's reasons given (suggestions leave them out; the timeline names them).
CREATE INDEX touches_by_reason ON touches (prospect_id, reason_id) WHERE reason_id IS NOT NULL;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    card        TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    -- queued (by hand, nothing written yet) → drafted → written → mailed
    state       TEXT NOT NULL CHECK (state IN ('queued', 'drafted', 'written', 'mailed')),
    reason_id   INTEGER REFERENCES reasons (id) ON DELETE SET NULL,
    -- The touch logged when it was mailed.
    touch_id    INTEGER REFERENCES touches (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- One note in progress per prospect; mailed ones are history.
CREATE UNIQUE INDEX notes_open_by_prospect ON notes (prospect_id) WHERE state <> 'mailed';
CREATE INDEX notes_by_state ON notes (state, updated_at);
