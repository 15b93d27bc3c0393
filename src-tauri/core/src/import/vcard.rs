//! vCard files (2.1, 3.0, 4.0): the stream is cut into cards at their BEGIN:VCARD and
//! END:VCARD lines, so only one card is held at a time, and each card is parsed by
//! `calcard` (folded lines, quoted-printable with a charset, parameters).

use super::contact::Builder;
use super::decode::read_line_bounded;
use super::{Place, Record, RowError};
use crate::limits::{thousands, IMPORT_RECORD};
use crate::model::{Field, Format};
use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use calcard::{Entry, Parser};
use std::io::{BufReader, Read};

pub(crate) struct Cards {
    reader: BufReader<Box<dyn Read + Send>>,
    line: Vec<u8>,
    card: Vec<u8>,
    in_card: bool,
    /// The card outgrew `IMPORT_RECORD`: the rest of it is read and dropped.
    oversize: bool,
    number: u64,
    /// A card read while reporting the one before it.
    done: bool,
}

impl Cards {
    pub(crate) fn new(decoded: Box<dyn Read + Send>) -> Cards {
        Cards {
            reader: BufReader::new(decoded),
            line: Vec::new(),
            card: Vec::new(),
            in_card: false,
            oversize: false,
            number: 0,
            done: false,
        }
    }

    fn error(&self, reason: impl Into<String>) -> RowError {
        RowError {
            place: Place::Card(self.number.max(1)),
            reason: reason.into(),
        }
    }

    fn start(&mut self) {
        self.number += 1;
        self.card.clear();
        self.card.extend_from_slice(&self.line);
        self.in_card = true;
        self.oversize = false;
    }

    /// The card just ended, or `None` for a card with nothing in it.
    fn finish(&mut self) -> Option<Result<Record, RowError>> {
        self.in_card = false;
        if self.oversize {
            return Some(Err(self.error(format!(
                "This card is larger than {} bytes; Follow Through reads cards up to that size.",
                thousands(IMPORT_RECORD)
            ))));
        }
        let Ok(text) = std::str::from_utf8(&self.card) else {
            return Some(Err(self.error(
                "This card isn't valid UTF-8 text (the file may mix text encodings). Save the file as UTF-8 and import it again.",
            )));
        };
        let card = match Parser::new(text).entry() {
            Entry::VCard(card) => card,
            _ => return Some(Err(self.error("This card could not be read as a vCard."))),
        };
        let contact = builder(&card);
        if contact.is_empty() {
            return None;
        }
        let place = Place::Card(self.number);
        Some(
            contact
                .finish()
                .map(|contact| Record {
                    place,
                    contact,
                    history: None,
                    keeps_source: false,
                })
                .map_err(|reason| RowError { place, reason }),
        )
    }
}

fn is_line(line: &[u8], what: &[u8]) -> bool {
    let line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
    line.trim_ascii().eq_ignore_ascii_case(what)
}

impl Iterator for Cards {
    type Item = Result<Record, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let n = match read_line_bounded(&mut self.reader, &mut self.line, IMPORT_RECORD) {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(
                        self.error(format!("The rest of the file could not be read: {e}"))
                    ));
                }
            };
            if n == 0 {
                self.done = true;
                if self.in_card {
                    return Some(Err(self.error(
                        "The card has no END:VCARD line; the file may be cut short.",
                    )));
                }
                return None;
            }
            if is_line(&self.line, b"BEGIN:VCARD") {
                let unfinished = self.in_card.then(|| {
                    self.error("This card has no END:VCARD line before the next card begins.")
                });
                self.start();
                if let Some(e) = unfinished {
                    return Some(Err(e));
                }
                continue;
            }
            if !self.in_card {
                // Lines between cards belong to none; vCard readers pass over them.
                continue;
            }
            if n > self.line.len() || self.card.len() + self.line.len() > IMPORT_RECORD {
                self.oversize = true;
                self.card = Vec::new();
            } else if !self.oversize {
                self.card.extend_from_slice(&self.line);
            }
            if is_line(&self.line, b"END:VCARD") {
                if let Some(item) = self.finish() {
                    return Some(item);
                }
            }
        }
        None
    }
}

/// A property's values as text: structured parts joined by spaces.
fn text(value: &VCardValue) -> Option<String> {
    match value {
        VCardValue::Text(t) => Some(t.clone()),
        VCardValue::Component(parts) => Some(parts.join(" ")),
        _ => None,
    }
}

fn texts(entry: &VCardEntry) -> impl Iterator<Item = String> + '_ {
    entry.values.iter().filter_map(text)
}

fn part(entry: &VCardEntry, i: usize) -> String {
    entry.values.get(i).and_then(text).unwrap_or_default()
}

/// The property's TYPEs in lower case, including vCard 2.1's bare ones (`ADR;WORK:`).
fn types(entry: &VCardEntry) -> Vec<String> {
    let mut out = Vec::new();
    for p in &entry.params {
        match (&p.name, &p.value) {
            (VCardParameterName::Type, VCardParameterValue::Type(t)) => {
                out.push(t.as_str().to_lowercase())
            }
            (VCardParameterName::Type, VCardParameterValue::Text(t)) => out.push(t.to_lowercase()),
            (VCardParameterName::Other(name), VCardParameterValue::Null) => {
                out.push(name.to_lowercase())
            }
            _ => {}
        }
    }
    out
}

fn param(entry: &VCardEntry, name: &str) -> Option<String> {
    entry.params.iter().find_map(|p| match (&p.name, &p.value) {
        (VCardParameterName::Other(n), VCardParameterValue::Text(v))
            if n.eq_ignore_ascii_case(name) =>
        {
            Some(v.clone())
        }
        (VCardParameterName::Other(n), VCardParameterValue::Integer(v))
            if n.eq_ignore_ascii_case(name) =>
        {
            Some(v.to_string())
        }
        _ => None,
    })
}

/// The card's properties put into a contact.
fn builder(card: &VCard) -> Builder {
    let mut b = Builder::new(Format::VCard);
    let mut addresses = 0;
    for entry in &card.entries {
        match &entry.name {
            // Ours comes first on a card the app wrote.
            VCardProperty::Prodid if texts(entry).any(|t| t == crate::export::vcard::PRODID) => {
                b.own_card()
            }
            VCardProperty::Fn => {
                if let Some(name) = texts(entry).next() {
                    b.add(Field::FullName, "FN", &name);
                }
            }
            VCardProperty::N => {
                b.add(Field::FamilyName, "N", &part(entry, 0));
                b.add(Field::GivenName, "N", &part(entry, 1));
                b.add(Field::MiddleName, "N", &part(entry, 2));
                b.add(Field::Prefix, "N", &part(entry, 3));
                b.add(Field::Suffix, "N", &part(entry, 4));
            }
            // The organisation's name; its units after it are not the company.
            VCardProperty::Org => b.add(Field::Company, "ORG", &part(entry, 0)),
            VCardProperty::Title => b.add(Field::Title, "TITLE", &part(entry, 0)),
            VCardProperty::Email => texts(entry).for_each(|e| b.add(Field::Email, "EMAIL", &e)),
            VCardProperty::Tel => texts(entry).for_each(|t| b.add(Field::Phone, "TEL", &t)),
            VCardProperty::Url => texts(entry).for_each(|u| b.add(Field::Website, "URL", &u)),
            VCardProperty::Note => texts(entry).for_each(|n| b.add(Field::Notes, "NOTE", &n)),
            VCardProperty::Categories => {
                texts(entry).for_each(|t| b.add(Field::Tags, "CATEGORIES", &t))
            }
            VCardProperty::Adr => {
                addresses += 1;
                let kinds = types(entry);
                let label = if kinds.iter().any(|t| t == "work") {
                    "Work address".to_string()
                } else if kinds.iter().any(|t| t == "home") {
                    "Home address".to_string()
                } else {
                    format!("Address {addresses}")
                };
                let key = addresses.to_string();
                // ADR: PO box; extended address; street; city; region; postal code; country.
                for (i, field) in [
                    (2, Field::Street),
                    (1, Field::Street),
                    (0, Field::Street),
                    (3, Field::City),
                    (4, Field::Region),
                    (5, Field::PostalCode),
                    (6, Field::Country),
                ] {
                    b.address_part(&key, &label, field, &part(entry, i));
                }
            }
            VCardProperty::Bday => {
                let omit = param(entry, "X-APPLE-OMIT-YEAR");
                match entry.values.first() {
                    Some(VCardValue::PartialDateTime(d)) => {
                        if let (Some(month), Some(day)) = (d.month, d.day) {
                            // Apple writes a year it means as none (1604) and says so.
                            let year = d
                                .year
                                .filter(|y| omit.as_deref() != Some(&y.to_string()) && *y != 1604);
                            let date = match year {
                                Some(y) => format!("{y:04}-{month:02}-{day:02}"),
                                None => format!("--{month:02}-{day:02}"),
                            };
                            b.add(Field::Birthday, "BDAY", &date);
                        }
                    }
                    Some(value) => {
                        if let Some(raw) = text(value) {
                            b.add(Field::Birthday, "BDAY", &raw);
                        }
                    }
                    None => {}
                }
            }
            VCardProperty::Socialprofile => social(&mut b, entry),
            VCardProperty::Other(name) if name.eq_ignore_ascii_case("X-SOCIALPROFILE") => {
                social(&mut b, entry)
            }
            _ => {}
        }
    }
    b
}

/// A social profile is kept only when it is the person's LinkedIn.
fn social(b: &mut Builder, entry: &VCardEntry) {
    let service = param(entry, "SERVICE-TYPE")
        .unwrap_or_default()
        .to_lowercase();
    let linkedin = types(entry).iter().any(|t| t == "linkedin") || service == "linkedin";
    for url in texts(entry) {
        if linkedin || url.to_lowercase().contains("linkedin.com/") {
            b.add(Field::LinkedIn, "SOCIALPROFILE", &url);
        }
    }
}
