-- A full reschedule reads every prospect with the touches the engine reads, in order:
-- the same rows here in one pass, on the primary key and the covering index
-- touches_for_cadence (prospect_id, at, kind, due_at), no table rows. `kind` packs the
-- channel, outcome and flags (migration 0013); `kind & 3` is `counts = 1 OR inbound = 1`.
SELECT p.id, p.status, p.source, p.created_at, p.paused, p.snoozed_until, p.next_step_at,
       p.plan_id, p.plan_started_at, p.time_zone, p.preferred_channel, p.preferred_days,
       p.preferred_time, p.next_due_at, p.due_kind, p.due_channel,
       t.at, t.kind
FROM prospects AS p
LEFT JOIN touches AS t ON t.prospect_id = p.id AND (t.kind & 3) <> 0
ORDER BY p.id, t.at;
