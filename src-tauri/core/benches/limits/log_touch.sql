-- Log a touch: a bare INSERT and an UPDATE of the prospect's figures and next due, in
-- one transaction (the bench wraps these two in BEGIN IMMEDIATE … COMMIT).
INSERT INTO touches (prospect_id, at, channel, outcome, note, counts, inbound, created_at)
VALUES (:id, :at, 'voicemail', 'no_response', '', 1, 0, :at);
UPDATE prospects
SET attempts = attempts + 1, touchpoints = touchpoints + 1, last_touch_at = :at,
    next_due_at = :at + 604800000
WHERE id = :id;
