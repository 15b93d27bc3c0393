-- Undo instead of loss: what is deleted is kept whole for 30 days; a touch remembers what
-- it changed on its prospect; a prospect carries a version so a stale edit is refused.

-- Everything the user deletes (a prospect with its timeline, a touch, a template, a
-- reason, a plan), as one snapshot of the rows of every table involved (column name →
-- value, JSON) and of the links the delete cut (ON DELETE SET NULL), so a restore puts it
-- back whole. Snapshots rather than a "deleted" flag on each table: no query of the list,
-- the search or the queues has to learn to leave deleted rows out.
-- A migration that renames or drops a column of a snapshotted table must rewrite the
-- snapshots too (a restore ignores columns the table no longer has).
CREATE TABLE trash (
    -- AUTOINCREMENT: an id is never reused, so an undo offered for one deletion can never
    -- restore another one made after the first was purged.
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('prospect', 'touch', 'template', 'reason', 'plan')),
    -- What the Recently deleted list shows.
    label      TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    deleted_at INTEGER NOT NULL,
    payload    TEXT NOT NULL
);
-- The list (newest first) and the purge of what is older than 30 days.
CREATE INDEX trash_by_deleted_at ON trash (deleted_at);

-- What this touch's outcome changed on its prospect (status, reason, stage, plan, snooze,
-- next step), as JSON {"before": …, "after": …}; NULL when it changed nothing (and for
-- touches logged before this version). Removing the touch puts back what it changed.
ALTER TABLE touches ADD COLUMN outcome_change TEXT;

-- Bumped by every write to a prospect's row except the engine's cached answer (next due,
-- its kind and channel), so an edit form that loaded version n can tell its save would
-- overwrite something newer: a touch logged from a notification, a snooze, another edit.
ALTER TABLE prospects ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER prospects_version AFTER UPDATE OF
    name, name_key, company, title, emails, phones, linkedin, website, address, source,
    stage, status, status_reason, notes, time_zone, preferred_channel, preferred_days,
    preferred_time, created_at, updated_at, attempts, touchpoints, last_touch_at,
    plan_id, plan_started_at, next_step_at, next_step_note, snoozed_until, paused
ON prospects
BEGIN
    UPDATE prospects SET version = OLD.version + 1 WHERE id = NEW.id;
END;
