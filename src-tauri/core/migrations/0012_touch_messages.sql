-- What was sent on a touch (an email's words, a call's script, a mailed note's text),
-- apart from the user's note of what happened. `{{ last_talked_about }}` reads the note:
-- with the words sent in it, a template quoted the last email back to the prospect.
-- Touches logged before keep their text in the note, as the user saw it.
ALTER TABLE touches ADD COLUMN message TEXT NOT NULL DEFAULT '';
