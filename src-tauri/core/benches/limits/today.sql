-- Today: the first 100 of everything due before the end of today (:end, ms), inbound
-- leads and owed replies first, then by due time; and how many there are.
--
-- Each part walks an index in the order wanted and stops at 100: the urgent kinds on
-- prospects_by_due_kind (due_kind, next_due_at), the rest on prospects_by_next_due
-- (next_due_at IS NULL, next_due_at, id). Sorting the whole window instead (ORDER BY a
-- CASE on the kind) sorts tens of thousands of rows on a large book.
SELECT * FROM (
    SELECT id, name, company, title, next_due_at, due_kind, due_channel, touchpoints
    FROM prospects WHERE due_kind = 'inbound' AND next_due_at < :end
    ORDER BY next_due_at LIMIT 100)
UNION ALL
SELECT * FROM (
    SELECT id, name, company, title, next_due_at, due_kind, due_channel, touchpoints
    FROM prospects WHERE due_kind = 'reply' AND next_due_at < :end
    ORDER BY next_due_at LIMIT 100)
UNION ALL
SELECT * FROM (
    SELECT id, name, company, title, next_due_at, due_kind, due_channel, touchpoints
    FROM prospects
    WHERE (next_due_at IS NULL) = 0 AND next_due_at < :end
      AND due_kind NOT IN ('inbound', 'reply')
    ORDER BY next_due_at IS NULL, next_due_at, id LIMIT 100)
LIMIT 100;

-- The count: a range of prospects_by_next_due.
SELECT count(*) FROM prospects WHERE (next_due_at IS NULL) = 0 AND next_due_at < :end;
