-- A touch's channel, outcome and flags as one integer, for the walks that read the whole
-- touch log through `touches_for_cadence` (the reports, the full reschedule) or a
-- prospect's touches (every recompute). SQLite spends about the same on each column it
-- steps, text or integer, so reading 4 index columns instead of 7 makes a million
-- touches about a third cheaper to read. VIRTUAL: computed from the row on every write, so
-- no writer can forget it, and stored only in the index; a query that reads `kind` from
-- this index never visits the table (its plan says `USING INDEX`, not `COVERING INDEX`,
-- for an index with a generated column, but the bytecode reads every column from the
-- index and the deferred seek to the table row never happens).
--
-- kind = channel * 256 + outcome * 4 + counts * 2 + inbound, where channel and outcome
-- are their places in `Channel::ALL` and `Outcome::ALL` (`store/kind.rs` reads it back,
-- and a test holds every value to this mapping). A text not mapped here (a damaged row,
-- another program's write) gives channel 255 or outcome 63, which the reader reports as
-- unreadable data, as it reported the text before; the flags stay right, so the SQL
-- conditions on them (`kind & 3` and the like) still count such a touch.
ALTER TABLE touches ADD COLUMN kind INTEGER GENERATED ALWAYS AS (
    coalesce(CASE channel
        WHEN 'call' THEN 0
        WHEN 'voicemail' THEN 1
        WHEN 'call_no_message' THEN 2
        WHEN 'email' THEN 3
        WHEN 'text' THEN 4
        WHEN 'handwritten_note' THEN 5
        WHEN 'linkedin' THEN 6
        WHEN 'social' THEN 7
        WHEN 'in_person' THEN 8
        WHEN 'gift' THEN 9
    END, 255) * 256
    + coalesce(CASE outcome
        WHEN 'no_response' THEN 0
        WHEN 'replied' THEN 1
        WHEN 'conversation' THEN 2
        WHEN 'meeting_set' THEN 3
        WHEN 'yes' THEN 4
        WHEN 'no' THEN 5
        WHEN 'maybe' THEN 6
        WHEN 'never' THEN 7
    END, 63) * 4
    + counts * 2 + inbound
) VIRTUAL;

DROP INDEX touches_for_cadence;
CREATE INDEX touches_for_cadence ON touches (prospect_id, at, kind, due_at);

-- Touches at the same instant were read in the order of their channel's text; they are
-- now read in the order of `kind`. Where a prospect has such a tie, the engine's "last
-- touch" may be another one now, so the store reschedules everyone once (this mark asks
-- for it, in the same transaction as the reschedule: `Store::reschedule_if_asked`).
INSERT OR REPLACE INTO settings (key, value)
    SELECT 'reschedule', 'true' WHERE EXISTS (
        SELECT 1 FROM touches GROUP BY prospect_id, at HAVING count(*) > 1);
