-- Search keystroke: the first page of 100 by name, and how many match.
-- :q is the FTS5 expression the app makes of what was typed ("jen" → "jen"*).
--
-- The page walks prospects_by_name (name_key, id) in order and keeps the ids the match
-- holds: SQLite runs the FTS5 match once into an ephemeral index for the IN list, then
-- stops after 100 rows of the walk. (Joining the match to the table and sorting it,
-- the naive form, sorts every match: 25-50 ms on 100,000 prospects.)
SELECT p.id, p.name, p.company, p.title, p.stage, p.status, p.touchpoints,
       p.last_touch_at, p.next_due_at
FROM prospects AS p INDEXED BY prospects_by_name
WHERE p.id IN (SELECT rowid FROM prospect_search WHERE prospect_search MATCH :q)
ORDER BY p.name_key, p.id
LIMIT 100;

-- The count from the FTS5 index alone.
SELECT count(*) FROM prospect_search WHERE prospect_search MATCH :q;
