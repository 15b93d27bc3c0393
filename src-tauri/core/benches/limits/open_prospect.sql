-- Open a prospect: its row, its tags, its whole timeline newest first, its skips and
-- its open note; each a primary-key or prospect_id index lookup.
SELECT * FROM prospects WHERE id = :id;
SELECT tag FROM prospect_tags WHERE prospect_id = :id;
-- touches_by_prospect (prospect_id, at DESC, id DESC): the timeline's order, no sort.
SELECT * FROM touches WHERE prospect_id = :id ORDER BY at DESC, id DESC;
SELECT * FROM skips WHERE prospect_id = :id ORDER BY at DESC;
-- notes_open_by_prospect: the one note not yet mailed.
SELECT * FROM notes WHERE prospect_id = :id AND state <> 'mailed';
-- The reasons to call already given, on the timeline: touches_by_prospect again, then
-- each reason by key.
SELECT t.id, r.id, r.title FROM touches t JOIN reasons r ON r.id = t.reason_id
WHERE t.prospect_id = :id ORDER BY t.at DESC;
