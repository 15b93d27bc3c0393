-- "Call, no message left" reached nobody, so nothing can have come of it: the core now
-- refuses any outcome but No response on it. Books written before that rule may hold
-- such calls with a conversation, a yes or a meeting; they spoke, so it was a call
-- (`validate::as_answered`, which a dossier's touches go through too). Such a touch is
-- made a call here, counted as a touchpoint unless it was theirs, and its prospect's
-- figures are put right. The store then reschedules everyone once, since the engine
-- reads `counts` and SQL can't run the engine: this mark asks for it, and goes in the
-- same transaction as the reschedule (`Store::reschedule_if_asked`).
CREATE TEMP TABLE answered_calls AS
    SELECT DISTINCT prospect_id FROM touches
    WHERE channel = 'call_no_message' AND outcome <> 'no_response';

UPDATE touches SET channel = 'call', counts = (inbound = 0)
WHERE channel = 'call_no_message' AND outcome <> 'no_response';

-- `restat` in store/touches.rs, for the prospects concerned: attempts are ours.
UPDATE prospects SET
    attempts = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id AND t.inbound = 0),
    touchpoints = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id AND t.counts = 1),
    last_touch_at = (SELECT max(at) FROM touches t WHERE t.prospect_id = prospects.id AND t.counts = 1)
WHERE id IN (SELECT prospect_id FROM temp.answered_calls);

INSERT OR REPLACE INTO settings (key, value)
    SELECT 'reschedule', 'true' WHERE EXISTS (SELECT 1 FROM temp.answered_calls);

DROP TABLE temp.answered_calls;
