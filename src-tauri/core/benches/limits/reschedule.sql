-- A full reschedule reads every prospect with its touches in order: the same rows read
-- here in one pass, on the primary key and touches_for_cadence (prospect_id, at, …).
SELECT p.id, p.status, p.source, p.created_at, p.snoozed_until, p.time_zone,
       t.at, t.channel, t.outcome, t.counts, t.inbound
FROM prospects AS p LEFT JOIN touches AS t ON t.prospect_id = p.id
ORDER BY p.id, t.at;
