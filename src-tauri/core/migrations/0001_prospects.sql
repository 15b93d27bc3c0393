-- The prospect database. Instants are INTEGER milliseconds since the Unix epoch, UTC;
-- zones are stored as IANA names beside the data that needs them.

CREATE TABLE prospects (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (name <> ''),
    -- Lower-cased name (Unicode-aware, computed in Rust): the list's default sort key.
    name_key          TEXT NOT NULL,
    company           TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    emails            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    phones            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    linkedin          TEXT NOT NULL DEFAULT '',
    website           TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '{}',   -- JSON object (street, city, ...)
    source            TEXT NOT NULL,
    stage             TEXT NOT NULL,
    status            TEXT NOT NULL,
    status_reason     TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    time_zone         TEXT NOT NULL DEFAULT '',
    preferred_channel TEXT,
    preferred_days    TEXT NOT NULL DEFAULT '',    -- comma-separated: mon,thu
    preferred_time    TEXT NOT NULL DEFAULT '',    -- HH:MM or empty
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    -- Derived from touches, kept in step by the store in the same transaction as the
    -- touch write, so the list can sort and show them without a join.
    attempts          INTEGER NOT NULL DEFAULT 0,
    touchpoints       INTEGER NOT NULL DEFAULT 0,
    last_touch_at     INTEGER,
    -- Set by the cadence engine; NULL while nothing is due.
    next_due_at       INTEGER
);

-- The list's default sort (by name), also used to page through filtered lists.
CREATE INDEX prospects_by_name ON prospects (name_key, id);
-- Status filter + name sort (the sidebar's filters).
CREATE INDEX prospects_by_status ON prospects (status, name_key, id);
CREATE INDEX prospects_by_stage ON prospects (stage, name_key, id);
-- Sort by last touch (most recent first) and by next due (soonest first).
CREATE INDEX prospects_by_last_touch ON prospects (last_touch_at DESC, id);
-- The expression keeps never-due prospects last while still walking the index.
CREATE INDEX prospects_by_next_due ON prospects (next_due_at IS NULL, next_due_at, id);

CREATE TABLE prospect_tags (
    prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (prospect_id, tag)
) WITHOUT ROWID;
-- The tag filter and the sidebar's tag counts.
CREATE INDEX prospect_tags_by_tag ON prospect_tags (tag, prospect_id);

CREATE TABLE touches (
    id          INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    channel     TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    counts      INTEGER NOT NULL CHECK (counts IN (0, 1)),
    created_at  INTEGER NOT NULL
);
-- A prospect's timeline (newest first) and its derived stats.
CREATE INDEX touches_by_prospect ON touches (prospect_id, at DESC, id DESC);

-- Full-text search over what a person types to find someone. Contentless (the text
-- lives in `prospects`); rowid = prospects.id; kept in step by the store.
CREATE VIRTUAL TABLE prospect_search USING fts5 (
    name, company, tags, notes,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
