-- The cadence engine's state: plans as data, the user's settings, and per prospect the
-- plan, an agreed next step, a snooze, a pause, and the engine's last answer.

-- Whether the prospect reached out to us (a returned call, an email): we owe a reply.
ALTER TABLE touches ADD COLUMN inbound INTEGER NOT NULL DEFAULT 0 CHECK (inbound IN (0, 1));

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    description TEXT NOT NULL DEFAULT '',
    steps       TEXT NOT NULL,      -- JSON array of steps (see cadence/plan.rs)
    repeat_from INTEGER             -- NULL: the plan ends after its last step
);

-- Key/value settings; values are JSON.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- NULL plan_id: the default for the prospect's status and source.
ALTER TABLE prospects ADD COLUMN plan_id INTEGER REFERENCES plans (id) ON DELETE SET NULL;
ALTER TABLE prospects ADD COLUMN plan_started_at INTEGER;
ALTER TABLE prospects ADD COLUMN next_step_at INTEGER;
ALTER TABLE prospects ADD COLUMN next_step_note TEXT NOT NULL DEFAULT '';
ALTER TABLE prospects ADD COLUMN snoozed_until INTEGER;
ALTER TABLE prospects ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1));
-- The engine's answer beside next_due_at, so the Today queue needs no recomputation to
-- list and group its items.
ALTER TABLE prospects ADD COLUMN due_kind TEXT;
ALTER TABLE prospects ADD COLUMN due_channel TEXT;
-- Today's queue lists inbound leads and owed replies first, by due time.
CREATE INDEX prospects_by_due_kind ON prospects (due_kind, next_due_at);
