-- Which due items a desktop notification has already announced: one row per prospect and
-- due instant, so a restart never repeats one and a missed one is never dropped.
CREATE TABLE reminders_sent (
    prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
    due_at      INTEGER NOT NULL,
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (prospect_id, due_at)
) WITHOUT ROWID;
