//! Handwritten notes: drafted in the app, written by hand, mailed. The "notes to write"
//! list holds every due touch whose channel is a handwritten note and every note the
//! user queued by hand; mailing one logs the touch (which counts) and the cadence moves.

use super::queues::horizon;
use super::settings::read_settings;
use super::touches::insert_touch;
use super::{from_ms, json_at, opt_from_ms, to_ms, Store};
use crate::cards;
use crate::error::{Error, Result};
use crate::limits;
use crate::model::{
    Address, Addressing, Channel, Note, NoteState, Outcome, PrintBatch, PrintNote, Prospect,
    Status, Touch, TouchInput,
};
use crate::validate::multi_line;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// What the composer saves: the prospect's note in progress (created if there is none).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NoteDraft {
    pub prospect_id: i64,
    #[serde(default)]
    pub card: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub reason_id: Option<i64>,
}

/// A line of the "notes to write" list.
#[derive(Debug, Clone, Serialize)]
pub struct NoteItem {
    pub prospect_id: i64,
    pub name: String,
    pub company: String,
    /// When the cadence wants a note, if it does.
    pub due_at: Option<DateTime<Utc>>,
    /// The note in progress; none yet for a due touch not started.
    pub note: Option<Note>,
    pub has_address: bool,
}

const COLUMNS: &str =
    "id, prospect_id, card, body, state, reason_id, touch_id, created_at, updated_at";

/// Who is on the list of notes to write (?1 the horizon, ?2 the note channel, ?3 the
/// mailed state): a note not yet mailed, or a note touch due by the horizon; never
/// someone whose follow-up has stopped (a note drafted before they said never stays
/// with them, off the list, should they ever be pursued again).
fn to_write() -> String {
    let stopped: Vec<String> = Status::ALL
        .iter()
        .filter(|s| s.stops_follow_up())
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!(
        "FROM prospects p LEFT JOIN notes n ON n.prospect_id = p.id AND n.state <> ?3 \
         WHERE (n.id IS NOT NULL OR (p.due_channel = ?2 AND p.next_due_at < ?1)) \
         AND p.status NOT IN ({})",
        stopped.join(", ")
    )
}

/// Why `p` can't be written to, and what to do (`then`).
fn no_address(p: &Prospect, then: &str) -> String {
    if p.address.is_empty() {
        format!("{} has no mailing address. {then}", p.name)
    } else {
        format!(
            "{}'s mailing address needs a street and a town or postcode. {then}",
            p.name
        )
    }
}

/// A note for someone whose follow-up has stopped is neither printed nor mailed.
fn still_pursued(p: &Prospect) -> Result<()> {
    if p.status.stops_follow_up() {
        return Err(Error::invalid(
            "status",
            format!(
                "{} is marked {}: follow-up has stopped, so their note is not sent. \
                 Change their status first if that is no longer so.",
                p.name,
                p.status.label()
            ),
        ));
    }
    Ok(())
}

impl Store {
    /// Every note to write: due note touches up to the horizon (the rest of today in
    /// the user's working zone and the `HORIZON_DAYS` after it, as Upcoming), and open
    /// notes. Due soonest first; notes with no due date after them.
    pub fn notes_to_write(&self, now: DateTime<Utc>) -> Result<Vec<NoteItem>> {
        let end = to_ms(horizon(&read_settings(&self.conn)?, now));
        // The note's columns first, in `from_row`'s order, so one query reads everything.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT n.id, n.prospect_id, n.card, n.body, n.state, n.reason_id, n.touch_id, \
                    n.created_at, n.updated_at, p.id, p.name, p.company, p.address, \
                    CASE WHEN p.due_channel = ?2 THEN p.next_due_at END AS due_at \
             {} ORDER BY due_at IS NULL, due_at, p.name_key",
            to_write()
        ))?;
        let rows = stmt.query_map(params![end, Channel::Note, NoteState::Mailed], |r| {
            let note = match r.get::<_, Option<i64>>(0)? {
                Some(_) => Some(from_row(r)?),
                None => None,
            };
            let address: Address = json_at(r, 12, "mailing address")?;
            Ok(NoteItem {
                prospect_id: r.get(9)?,
                name: r.get(10)?,
                company: r.get(11)?,
                due_at: opt_from_ms(r.get(13)?)?,
                note,
                has_address: address.can_be_mailed(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many notes `notes_to_write` lists, without reading them: the sidebar's count
    /// (a large book can have thousands of note touches overdue).
    pub fn notes_to_write_count(&self, now: DateTime<Utc>) -> Result<u32> {
        let end = to_ms(horizon(&read_settings(&self.conn)?, now));
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT count(*) {}", to_write()))?
            .query_row(params![end, Channel::Note, NoteState::Mailed], |r| r.get(0))?)
    }

    /// The prospect's note in progress, if any.
    pub fn open_note(&self, prospect_id: i64) -> Result<Option<Note>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM notes WHERE prospect_id = ?1 AND state <> ?2"
            ))?
            .query_row(params![prospect_id, NoteState::Mailed], from_row)
            .optional()?)
    }

    /// Puts a note for this prospect on the list with nothing written yet (or returns
    /// the one already there).
    pub fn queue_note(&mut self, prospect_id: i64, now: DateTime<Utc>) -> Result<Note> {
        self.prospect(prospect_id)?;
        if let Some(note) = self.open_note(prospect_id)? {
            return Ok(note);
        }
        self.conn.execute(
            "INSERT INTO notes (prospect_id, card, body, state, created_at, updated_at) \
             VALUES (?1, ?2, '', ?4, ?3, ?3)",
            params![
                prospect_id,
                cards::DEFAULT_CARD,
                to_ms(now),
                NoteState::Queued
            ],
        )?;
        read_note(&self.conn, self.conn.last_insert_rowid())
    }

    /// Saves the composer's text as the prospect's draft. A text longer than the card
    /// is refused (the composer keeps it, so nothing is lost).
    pub fn save_note(&mut self, draft: NoteDraft, now: DateTime<Utc>) -> Result<Note> {
        let card_id = if draft.card.is_empty() {
            cards::DEFAULT_CARD
        } else {
            &draft.card
        };
        let card = cards::by_id(card_id)?;
        let body = multi_line("body", "The note", &draft.body, limits::NOTE_BODY)?;
        let fit = cards::fit(&body, card);
        if !fit.fits {
            return Err(Error::invalid("body", fit.summary));
        }
        self.prospect(draft.prospect_id)?;
        if let Some(reason_id) = draft.reason_id {
            // A reason deleted from the library while this note was open.
            super::reasons::read_reason(&self.conn, reason_id)?;
        }
        let tx = self.write()?;
        let existing: Option<(i64, NoteState)> = tx
            .query_row(
                "SELECT id, state FROM notes WHERE prospect_id = ?1 AND state <> ?2",
                params![draft.prospect_id, NoteState::Mailed],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        // Writing text moves a queued note to drafted; clearing it moves it back.
        let state = match existing.map(|e| e.1) {
            Some(NoteState::Written) if !body.is_empty() => NoteState::Written,
            _ if body.is_empty() => NoteState::Queued,
            _ => NoteState::Drafted,
        };
        let id = match existing {
            Some((id, _)) => {
                tx.execute(
                    "UPDATE notes SET card = ?2, body = ?3, state = ?4, reason_id = ?5, updated_at = ?6 \
                     WHERE id = ?1",
                    params![id, card.id, body, state, draft.reason_id, to_ms(now)],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO notes (prospect_id, card, body, state, reason_id, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![draft.prospect_id, card.id, body, state, draft.reason_id, to_ms(now)],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        read_note(&self.conn, id)
    }

    /// Marks a drafted note written (by hand, in ink), or back to drafted.
    pub fn set_note_written(&mut self, id: i64, written: bool, now: DateTime<Utc>) -> Result<Note> {
        let note = read_note(&self.conn, id)?;
        if note.state == NoteState::Mailed {
            return Err(already_mailed());
        }
        if written && note.body.is_empty() {
            return Err(Error::invalid(
                "body",
                "Draft the note before marking it written.",
            ));
        }
        if written {
            ready_to_write(&note.body, &self.prospect(note.prospect_id)?.name)?;
        } else if note.state != NoteState::Written {
            // Only a written note goes back to drafted; anything else stays as it is.
            return Ok(note);
        }
        let state = if written {
            NoteState::Written
        } else {
            NoteState::Drafted
        };
        self.conn.execute(
            "UPDATE notes SET state = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, state, to_ms(now)],
        )?;
        read_note(&self.conn, id)
    }

    /// The note went in the post: logs a handwritten-note touch (it counts), records the
    /// reason it gave, and moves the cadence on, all in one transaction. The note is read
    /// and checked inside that transaction, so a second mailing of the same note (a
    /// double click, a second window) finds it mailed and logs nothing.
    pub fn mail_note(&mut self, id: i64, now: DateTime<Utc>) -> Result<Touch> {
        let tx = self.write()?;
        let note = read_note(&tx, id)?;
        if note.state == NoteState::Mailed {
            return Err(already_mailed());
        }
        if note.body.is_empty() {
            return Err(Error::invalid("body", "Draft the note before mailing it."));
        }
        let p = super::prospects::read(&tx, note.prospect_id)?;
        still_pursued(&p)?;
        ready_to_write(&note.body, &p.name)?;
        if !p.mailable {
            return Err(Error::invalid(
                "address",
                no_address(&p, "Add one (Edit) before mailing."),
            ));
        }
        let touch = insert_touch(
            &tx,
            TouchInput {
                prospect_id: note.prospect_id,
                at: Some(now),
                channel: Channel::Note,
                outcome: Outcome::NoResponse,
                // The note's text is what was sent; the user's own note stays theirs.
                note: String::new(),
                message: note.body.clone(),
                inbound: false,
                reason_id: note.reason_id,
                confirm_stop: false,
            },
            now,
        )?;
        // Only a note not yet mailed moves on; anything else rolls the touch back.
        let marked = tx.execute(
            "UPDATE notes SET state = ?4, touch_id = ?2, updated_at = ?3 WHERE id = ?1 AND state <> ?4",
            params![id, touch.id, to_ms(now), NoteState::Mailed],
        )?;
        if marked != 1 {
            return Err(already_mailed());
        }
        tx.commit()?;
        Ok(touch)
    }

    /// Takes a note off the list (a mailed one stays, as history behind its touch).
    pub fn discard_note(&mut self, id: i64) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM notes WHERE id = ?1 AND state <> ?2",
            params![id, NoteState::Mailed],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "note", id });
        }
        Ok(())
    }

    /// The notes as they go to the printer, in the order given. Every one must have
    /// text; with envelopes or labels, every prospect needs a mailing address. The same
    /// layout feeds the PDF and the print dialog.
    pub fn print_batch(&self, ids: &[i64], addressing: Addressing) -> Result<PrintBatch> {
        let need_address = addressing != Addressing::None;
        if ids.is_empty() {
            return Err(Error::invalid(
                "notes",
                "Choose at least one drafted note to print.",
            ));
        }
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let note = read_note(&self.conn, id)?;
            let p = self.prospect(note.prospect_id)?;
            still_pursued(&p)?;
            if note.state == NoteState::Mailed {
                return Err(Error::invalid(
                    "notes",
                    format!("The note for {} has already been mailed.", p.name),
                ));
            }
            if note.body.is_empty() {
                return Err(Error::invalid(
                    "notes",
                    format!("The note for {} has no text yet: draft it first.", p.name),
                ));
            }
            ready_to_write(&note.body, &p.name)?;
            if need_address && !p.mailable {
                return Err(Error::invalid(
                    "address",
                    no_address(&p, "Add one, or print without envelopes and labels."),
                ));
            }
            let card = cards::card(&note.card).ok_or_else(|| Error::Unreadable {
                what: "note's card",
                detail: format!("unknown size {:?}", note.card),
            })?;
            let mut address = vec![p.name.clone()];
            if !p.company.is_empty() {
                address.push(p.company.clone());
            }
            address.extend(p.address.lines());
            out.push(PrintNote {
                note_id: id,
                name: p.name,
                address,
                card,
                lines: cards::wrap(&note.body, card),
            });
        }
        let me = self.profile()?;
        let from = std::iter::once(me.my_name.as_str())
            .chain(me.return_address.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        Ok(PrintBatch { notes: out, from })
    }
}

fn already_mailed() -> Error {
    Error::invalid("state", "This note has already been mailed.")
}

/// A note may be drafted with a missing field still marked; it may not be written out,
/// printed or mailed that way.
fn ready_to_write(body: &str, name: &str) -> Result<()> {
    match crate::merge::placeholders(body).first() {
        Some(label) => Err(Error::invalid(
            "body",
            format!("The note for {name} still says [{label}]: write in what it should say first."),
        )),
        None => Ok(()),
    }
}

fn read_note(conn: &Connection, id: i64) -> Result<Note> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "note", id })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        prospect_id: r.get(1)?,
        card: r.get(2)?,
        body: r.get(3)?,
        state: r.get(4)?,
        reason_id: r.get(5)?,
        touch_id: r.get(6)?,
        created_at: from_ms(r.get(7)?)?,
        updated_at: from_ms(r.get(8)?)?,
    })
}
