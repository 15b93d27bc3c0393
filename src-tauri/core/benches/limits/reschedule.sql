-- A full reschedule reads every prospect with the touches the engine reads, in order:
-- the same rows here in one pass, on the primary key and the covering index
-- touches_for_cadence (prospect_id, at, channel, counts, inbound), no table rows.
SELECT p.id, p.status, p.source, p.created_at, p.paused, p.snoozed_until, p.next_step_at,
       p.plan_id, p.plan_started_at, p.time_zone, p.preferred_channel, p.preferred_days,
       p.preferred_time, p.next_due_at, p.due_kind, p.due_channel,
       t.at, t.channel, t.counts, t.inbound
FROM prospects AS p
LEFT JOIN touches AS t ON t.prospect_id = p.id AND (t.counts = 1 OR t.inbound = 1)
ORDER BY p.id, t.at;
