//! Who a prospect named in words is: by number, by email address, or by a name only one
//! prospect has. The command line names prospects this way (`followthrough log Ada call
//! replied`); a name several prospects share is refused with the candidates listed, so
//! a touch is never logged on a guess.

use super::prospects::name_key;
use super::Store;
use crate::error::{Error, Result};
use crate::model::ProspectRow;
use rusqlite::OptionalExtension;

/// At most this many candidates are listed when a name is ambiguous or unknown.
const LISTED: u32 = 10;

impl Store {
    /// The prospect `who` names: a number (`42` or `#42`) that is a prospect's id, else
    /// an email address one prospect has (any case), else the name of exactly one
    /// prospect (any case, surrounding spaces ignored). Refuses, as `Error::Invalid` on
    /// the field "prospect", a name or address several prospects share (listing them
    /// with their numbers) and one nobody has (listing names that contain it, if any).
    pub fn find_prospect(&self, who: &str) -> Result<ProspectRow> {
        let who = who.trim();
        if who.is_empty() {
            return Err(Error::invalid(
                "prospect",
                "Say which prospect: a number, an email address or a name.",
            ));
        }
        // A number nobody has may still be someone's name ("1984"): look on.
        if let Some(id) = number(who) {
            let known: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM prospects WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(id) = known {
                return self.row(id);
            }
        }
        let ids = if who.contains('@') {
            self.ids_with_email(who)?
        } else {
            self.ids_named(who)?
        };
        match ids.as_slice() {
            [id] => self.row(*id),
            [] => Err(self.unknown(who)?),
            _ => Err(Error::invalid(
                "prospect",
                format!(
                    "\u{201c}{who}\u{201d} could be any of {} prospects; say which by number:\n{}",
                    ids.len(),
                    self.listing(&ids, ids.len())?
                ),
            )),
        }
    }

    /// Prospects with `email` among their addresses. Compared in Rust, not SQL:
    /// SQLite's `lower` and `NOCASE` fold ASCII only.
    fn ids_with_email(&self, email: &str) -> Result<Vec<i64>> {
        let wanted = email.to_lowercase();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, emails FROM prospects WHERE emails <> '[]' ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut ids = Vec::new();
        for row in rows {
            let (id, emails) = row?;
            let emails: Vec<String> =
                serde_json::from_str(&emails).map_err(|e| Error::Unreadable {
                    what: "email addresses",
                    detail: e.to_string(),
                })?;
            if emails.iter().any(|e| e.trim().to_lowercase() == wanted) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Prospects whose whole name is `name`, in any case (`name_key` is the name
    /// lower-cased the same way).
    fn ids_named(&self, name: &str) -> Result<Vec<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM prospects WHERE name_key = ?1 ORDER BY id")?
            .query_map([name_key(name)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The refusal for a name or address nobody has, with the names that contain it:
    /// the first `LISTED`, and how many more there are.
    fn unknown(&self, who: &str) -> Result<Error> {
        let mut message = format!("No prospect is known as \u{201c}{who}\u{201d}.");
        if who.contains('@') {
            return Ok(Error::invalid("prospect", message));
        }
        let key = name_key(who);
        // The first LISTED by name, each row carrying how many match in all.
        let near: Vec<(i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT id, count(*) OVER () FROM prospects WHERE instr(name_key, ?1) > 0 \
                 ORDER BY name_key, id LIMIT ?2",
            )?
            .query_map(rusqlite::params![key, LISTED], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(&(_, total)) = near.first() {
            let ids: Vec<i64> = near.iter().map(|&(id, _)| id).collect();
            message.push_str(" Did you mean one of these?\n");
            message.push_str(&self.listing(&ids, usize::try_from(total).unwrap_or(ids.len()))?);
        }
        Ok(Error::invalid("prospect", message))
    }

    /// One line per prospect, `#id  name (company)`, the first `LISTED` of `ids`, then
    /// how many of the `total` are left out.
    fn listing(&self, ids: &[i64], total: usize) -> Result<String> {
        let shown = &ids[..ids.len().min(LISTED as usize)];
        let mut lines = Vec::new();
        for row in self.rows(shown)? {
            lines.push(if row.company.is_empty() {
                format!("  #{}  {}", row.id, row.name)
            } else {
                format!("  #{}  {} ({})", row.id, row.name, row.company)
            });
        }
        if total > shown.len() {
            lines.push(format!("  … and {} more", total - shown.len()));
        }
        Ok(lines.join("\n"))
    }
}

/// `42` or `#42` as an id.
fn number(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('#').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
