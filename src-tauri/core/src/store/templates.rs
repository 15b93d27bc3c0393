//! Templates for every channel, the starter set written for the product, the user's
//! own details (name, signature, return address), and composing a touch: a template
//! merged for one prospect with the reason for this touch.

use super::reasons::{read_reason, Reason};
use super::trash::{self, Row as Snapshot};
use super::{from_ms, read_setting, to_ms, write_setting, Store};
use crate::error::{Error, Result};
use crate::limits::{self, check_length};
use crate::merge::{self, Merged, Values};
use crate::model::{Channel, Outcome, Prospect, Restored, TrashItem, TrashKind};
use crate::validate::{multi_line, single_line};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

/// A deleted template as Recently deleted keeps it.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct TemplateSnapshot {
    template: Snapshot,
}

/// Puts a deleted template back (under a new id if its old one was reused).
pub(super) fn restore(tx: &Transaction<'_>, snap: TemplateSnapshot) -> Result<Restored> {
    let id = trash::insert(tx, "templates", &snap.template, Some("id"))?;
    Ok(Restored {
        kind: TrashKind::Template,
        id,
        prospect_id: None,
        label: trash::text(&snap.template, "name").to_string(),
    })
}

fn read_template(conn: &Connection, id: i64) -> Result<Template> {
    conn.prepare_cached(
        "SELECT id, name, channel, subject, body, starter, updated_at FROM templates WHERE id = ?1",
    )?
    .query_row([id], from_row)
    .optional()?
    .ok_or(Error::NotFound {
        what: "template",
        id,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// 0 for a new template.
    #[serde(default)]
    pub id: i64,
    pub name: String,
    pub channel: Channel,
    /// Email only; ignored for other channels.
    #[serde(default)]
    pub subject: String,
    pub body: String,
    /// One of the starter set (still the user's to edit or delete).
    #[serde(default)]
    pub starter: bool,
    #[serde(default)]
    pub updated_at: DateTime<Utc>,
}

/// Who the user is, for `{{ my_name }}`, `{{ signature }}` and the return address on
/// envelopes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub my_name: String,
    pub my_company: String,
    pub signature: String,
    /// Printed top-left on envelopes; lines as the post office wants them.
    pub return_address: String,
}

/// A template merged for one prospect: what the compose panel shows.
#[derive(Debug, Clone, Serialize)]
pub struct Composed {
    pub template_id: i64,
    pub channel: Channel,
    pub subject: Merged,
    pub body: Merged,
}

const PROFILE_KEY: &str = "profile";
const SEEDED_KEY: &str = "starter_templates";

impl Store {
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, channel, subject, body, starter, updated_at FROM templates \
             ORDER BY channel, name COLLATE NOCASE, id",
        )?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn template(&self, id: i64) -> Result<Template> {
        read_template(&self.conn, id)
    }

    /// Creates (id 0) or updates a template. The name, subject and body are checked:
    /// unbalanced braces and unknown merge fields are refused with their position.
    pub fn save_template(&mut self, t: Template, now: DateTime<Utc>) -> Result<Template> {
        let t = validate_template(t)?;
        let tx = self.write()?;
        let id = if t.id == 0 {
            tx.execute(
                "INSERT INTO templates (name, channel, subject, body, starter, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 0, ?5)",
                params![t.name, t.channel, t.subject, t.body, to_ms(now)],
            )?;
            tx.last_insert_rowid()
        } else {
            let n = tx.execute(
                "UPDATE templates SET name = ?2, channel = ?3, subject = ?4, body = ?5, updated_at = ?6 \
                 WHERE id = ?1",
                params![t.id, t.name, t.channel, t.subject, t.body, to_ms(now)],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "template",
                    id: t.id,
                });
            }
            t.id
        };
        tx.commit()?;
        self.template(id)
    }

    /// Deletes a template, keeping it in Recently deleted.
    pub fn delete_template(&mut self, id: i64, now: DateTime<Utc>) -> Result<TrashItem> {
        let tx = self.write()?;
        let row = trash::row(&tx, "templates", "template", id)?;
        let t = read_template(&tx, id)?;
        tx.execute("DELETE FROM templates WHERE id = ?1", [id])?;
        let item = trash::put(
            &tx,
            TrashKind::Template,
            &t.name,
            t.channel.label(),
            &TemplateSnapshot { template: row },
            now,
        )?;
        tx.commit()?;
        Ok(item)
    }

    pub fn profile(&self) -> Result<Profile> {
        Ok(read_setting(&self.conn, PROFILE_KEY, "details (Settings)")?.unwrap_or_default())
    }

    pub fn save_profile(&mut self, p: Profile) -> Result<Profile> {
        let p = Profile {
            my_name: single_line("my_name", "Your name", &p.my_name, limits::SHORT_TEXT)?,
            my_company: single_line(
                "my_company",
                "Your company",
                &p.my_company,
                limits::SHORT_TEXT,
            )?,
            signature: multi_line("signature", "Signature", &p.signature, limits::SIGNATURE)?,
            return_address: multi_line(
                "return_address",
                "Return address",
                &p.return_address,
                limits::RETURN_ADDRESS,
            )?,
        };
        write_setting(&self.conn, PROFILE_KEY, &p)?;
        Ok(p)
    }

    /// A template merged for a prospect, with the reason for this touch if one was
    /// picked. Missing values are marked, never blank (see `merge`).
    pub fn compose(
        &self,
        template_id: i64,
        prospect_id: i64,
        reason_id: Option<i64>,
    ) -> Result<Composed> {
        let t = self.template(template_id)?;
        let values = self.merge_values(prospect_id, reason_id)?;
        Ok(Composed {
            template_id,
            channel: t.channel,
            subject: merge::merge_field(&t.subject, &values, "subject")?,
            body: merge::merge(&t.body, &values)?,
        })
    }

    /// Everything a template can say about this prospect, this touch and the user.
    pub fn merge_values(&self, prospect_id: i64, reason_id: Option<i64>) -> Result<Values> {
        let p = self.prospect(prospect_id)?;
        let reason = reason_id
            .map(|id| read_reason(&self.conn, id))
            .transpose()?;
        let last_talked_about: Option<String> = self
            .conn
            .prepare_cached(
                // What was said in the last exchange: a touch where they answered (any
                // outcome but no response and never), not a voicemail we left.
                "SELECT note FROM touches WHERE prospect_id = ?1 AND note <> '' \
                 AND outcome NOT IN (?2, ?3) \
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(
                params![prospect_id, Outcome::NoResponse, Outcome::Never],
                |r| r.get(0),
            )
            .optional()?;
        Ok(values_for(
            &p,
            reason.as_ref(),
            last_talked_about,
            &self.profile()?,
        ))
    }

    /// Writes the starter set once, on a new or upgraded database. A user who deletes a
    /// starter template does not get it back.
    pub(crate) fn seed_starter_templates(&mut self, now: DateTime<Utc>) -> Result<()> {
        let seeded: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)",
            [SEEDED_KEY],
            |r| r.get(0),
        )?;
        if seeded {
            return Ok(());
        }
        let tx = self.write()?;
        let now = to_ms(now);
        for (name, channel, subject, body) in STARTERS {
            tx.execute(
                "INSERT INTO templates (name, channel, subject, body, starter, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, 1, ?5)",
                params![name, channel, subject, body, now],
            )?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, 'true')",
            [SEEDED_KEY],
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Template> {
    Ok(Template {
        id: r.get(0)?,
        name: r.get(1)?,
        channel: r.get(2)?,
        subject: r.get(3)?,
        body: r.get(4)?,
        starter: r.get(5)?,
        updated_at: from_ms(r.get(6)?)?,
    })
}

fn validate_template(mut t: Template) -> Result<Template> {
    // Sizes before anything else: the template parser never sees more than a template
    // can hold.
    check_length("name", "Name", &t.name, limits::NAME)?;
    if t.channel == Channel::Email {
        check_length("subject", "Subject", &t.subject, limits::SUBJECT)?;
    }
    check_length("body", "Text", &t.body, limits::TEMPLATE_BODY)?;
    // Checked before cleaning, so a fault's position is where the user sees it.
    if t.channel == Channel::Email {
        merge::check(&t.subject, "subject")?;
    }
    merge::check(&t.body, "body")?;
    t.name = single_line("name", "Name", &t.name, limits::NAME)?;
    if t.name.is_empty() {
        return Err(Error::invalid("name", "Give the template a name."));
    }
    t.subject = if t.channel == Channel::Email {
        single_line("subject", "Subject", &t.subject, limits::SUBJECT)?
    } else {
        String::new()
    };
    t.body = multi_line("body", "Text", &t.body, limits::TEMPLATE_BODY)?;
    if t.body.is_empty() {
        return Err(Error::invalid("body", "A template needs some text."));
    }
    Ok(t)
}

/// The merge values for one prospect. Pure, so the property tests can feed it anything.
pub fn values_for(
    p: &Prospect,
    reason: Option<&Reason>,
    last_talked_about: Option<String>,
    me: &Profile,
) -> Values {
    let mut v = Values::new();
    let mut words = p.name.split_whitespace();
    let first = words.next().unwrap_or("");
    let last = words.next_back().unwrap_or("");
    v.insert("first_name", first.to_string());
    v.insert("last_name", last.to_string());
    v.insert("full_name", p.name.clone());
    v.insert("company", p.company.clone());
    v.insert("title", p.title.clone());
    v.insert("city", p.address.city.clone());
    if let Some(note) = last_talked_about {
        // It goes mid-sentence: "I enjoyed hearing about {{ last_talked_about }}."
        v.insert(
            "last_talked_about",
            note.trim().trim_end_matches(['.', '!']).to_string(),
        );
    }
    if let Some(step) = &p.next_step {
        v.insert("next_step", step.note.clone());
    }
    if let Some(r) = reason {
        v.insert("reason", r.title.clone());
        v.insert("reason_detail", r.detail.clone());
        v.insert("reason_link", r.link.clone());
    }
    v.insert("my_name", me.my_name.clone());
    v.insert("my_company", me.my_company.clone());
    v.insert("signature", me.signature.clone());
    v
}

/// The starter set: short, personal, with a reason and a clear next step — never "just
/// following up" (seed 001).
const STARTERS: &[(&str, Channel, &str, &str)] = &[
    (
        "Call with a reason",
        Channel::Call,
        "",
        "Hi {{ first_name }}, it's {{ my_name }} from {{ my_company }}.\n\
         \n\
         The reason I'm calling: {{ reason }}. {{ reason_detail }}\n\
         \n\
         Last time we talked about {{ last_talked_about }}. Is that still on your list?\n\
         \n\
         Ask for the next step: a date and a time, before you hang up.",
    ),
    (
        "Voicemail: one reason, one ask",
        Channel::Voicemail,
        "",
        "Hi {{ first_name }}, {{ my_name }} with {{ my_company }}. \
         I'm calling because {{ reason }}, and I thought of {{ company }} straight away. \
         I'd like ten minutes to show you what it means for you. \
         I'll try you again Thursday morning, or call me back whenever suits.",
    ),
    (
        "Something useful, by email",
        Channel::Email,
        "{{ reason }}: what it means for {{ company }}",
        "Hi {{ first_name }},\n\
         \n\
         {{ reason_detail }} I thought of you because of {{ last_talked_about }}.\n\
         \n\
         {% if reason_link %}{{ reason_link }}\n\n{% endif %}\
         Would 15 minutes next week be worth it to walk through what this changes for you? \
         Tuesday or Wednesday morning both work on my side.\n\
         \n\
         {{ signature }}",
    ),
    (
        "After a meeting: the next step in writing",
        Channel::Email,
        "Next step: {{ next_step }}",
        "Hi {{ first_name }},\n\
         \n\
         Thank you for your time today. As agreed, the next step is {{ next_step }}.\n\
         \n\
         If anything changes on your side, reply here and I'll adjust.\n\
         \n\
         {{ signature }}",
    ),
    (
        "Quick text",
        Channel::Text,
        "",
        "Hi {{ first_name }}, {{ my_name }} here. {{ reason }}: thought you'd want to know. \
         Worth a quick call this week?",
    ),
    (
        "LinkedIn: share something relevant",
        Channel::LinkedIn,
        "",
        "Hi {{ first_name }}, saw this and thought of {{ company }}: {{ reason }}.\
         {% if reason_link %} {{ reason_link }}{% endif %}\n\
         Happy to compare notes on what we're seeing elsewhere, if useful.",
    ),
    (
        "Thank you for your time",
        Channel::Note,
        "",
        "Dear {{ first_name }},\n\
         \n\
         Thank you for the time you gave me. I enjoyed hearing about {{ last_talked_about }}.\n\
         \n\
         I'll call you next week with the figures we discussed.\n\
         \n\
         With thanks,\n\
         {{ my_name }}",
    ),
    (
        "Thought of you",
        Channel::Note,
        "",
        "Dear {{ first_name }},\n\
         \n\
         I came across this and thought of you: {{ reason }}.\n\
         \n\
         I'll ring you in a week or so to hear what you make of it.\n\
         \n\
         All the best,\n\
         {{ my_name }}",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_template_passes_its_own_checks() {
        for (name, channel, subject, body) in STARTERS {
            validate_template(Template {
                id: 0,
                name: name.to_string(),
                channel: *channel,
                subject: subject.to_string(),
                body: body.to_string(),
                starter: true,
                updated_at: DateTime::UNIX_EPOCH,
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn a_note_starter_fits_an_a2_card() {
        let card = crate::cards::card("a2_folded").unwrap();
        for (name, channel, _, body) in STARTERS.iter().filter(|s| s.1 == Channel::Note) {
            let _ = channel;
            let merged = merge::merge(body, &Values::new()).unwrap();
            assert!(crate::cards::fit(&merged.text, card).fits, "{name}");
        }
    }
}
