-- A message a prospect sent us is not a touchpoint: a touchpoint is something they
-- received (seed 004). Inbound touches were stored as counting, so a prospect who wrote
-- often was pushed through the weekly steps of their plan, and the list's counts said
-- more than the reports (which already left them out). The stored counts and what is
-- derived from them are put right here; the store then reschedules everyone once, since
-- the engine reads `counts` and SQL can't run the engine: this mark asks for it, and
-- goes in the same transaction as the reschedule (`Store::reschedule_if_asked`).
UPDATE touches SET counts = 0 WHERE inbound = 1 AND counts = 1;

-- `restat` in store/touches.rs, for the prospects concerned: attempts are ours.
UPDATE prospects SET
    attempts = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id AND t.inbound = 0),
    touchpoints = (SELECT count(*) FROM touches t WHERE t.prospect_id = prospects.id AND t.counts = 1),
    last_touch_at = (SELECT max(at) FROM touches t WHERE t.prospect_id = prospects.id AND t.counts = 1)
WHERE id IN (SELECT prospect_id FROM touches WHERE inbound = 1);

INSERT OR REPLACE INTO settings (key, value) VALUES ('reschedule', 'true');
