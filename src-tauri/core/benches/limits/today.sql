-- Today: the first 100 of everything due before the end of today (:end, ms), inbound
-- leads and owed replies first, then by due time, each with what its explanation is
-- made from ("touch 4 of 12 · weekly phase · last touched 7 days ago by voicemail"):
-- the row, the schedule's own columns and the touches the engine reads; and how many
-- there are.
--
-- Each part walks an index in the order wanted and stops at 100: the urgent kinds on
-- prospects_by_due_kind (due_kind, next_due_at), the rest on prospects_by_next_due
-- (next_due_at IS NULL, next_due_at, id). Sorting the whole window instead (ORDER BY a
-- CASE on the kind) sorts tens of thousands of rows on a large book. Each item's touches
-- come from the covering index touches_for_cadence (prospect_id, at, kind, due_at), one
-- range per item: `kind` packs the channel, outcome and flags (migration 0013), and
-- `kind & 3` is `counts = 1 OR inbound = 1`.
WITH page AS (
    SELECT * FROM (
        SELECT * FROM prospects WHERE due_kind = 'inbound' AND next_due_at < :end
        ORDER BY next_due_at LIMIT 100)
    UNION ALL
    SELECT * FROM (
        SELECT * FROM prospects WHERE due_kind = 'reply' AND next_due_at < :end
        ORDER BY next_due_at LIMIT 100)
    UNION ALL
    SELECT * FROM (
        SELECT * FROM prospects
        WHERE (next_due_at IS NULL) = 0 AND next_due_at < :end
          AND due_kind NOT IN ('inbound', 'reply')
        ORDER BY next_due_at IS NULL, next_due_at, id LIMIT 100)
    LIMIT 100)
SELECT id, name, company, title, stage, status, touchpoints, last_touch_at, next_due_at,
       due_kind, due_channel, source, created_at, paused, snoozed_until, next_step_at,
       next_step_note, plan_id, plan_started_at, time_zone, preferred_channel,
       preferred_days, preferred_time,
       (SELECT json_group_array(json_array(t.at, t.kind))
        FROM touches t
        WHERE t.prospect_id = page.id AND (t.kind & 3) <> 0) AS touches
FROM page;

-- The count: a range of prospects_by_next_due.
SELECT count(*) FROM prospects WHERE (next_due_at IS NULL) = 0 AND next_due_at < :end;
