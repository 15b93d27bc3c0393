//! Prospects as vCards (RFC 6350's 4.0, and RFC 2426's 3.0 for older address books),
//! built as calcard values and written by calcard, which escapes, folds long lines and
//! marks non-ASCII 3.0 values as UTF-8.

use super::io;
use crate::error::Result;
use crate::model::Prospect;
use calcard::common::PartialDateTime;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterValue, VCardProperty, VCardValue, VCardVersion,
};
use chrono::{DateTime, Datelike, Timelike, Utc};
use std::io::Write;

/// Names the app as the card's maker, so reading the card back takes its fields as written.
pub const PRODID: &str = "-//Follow Through//EN";

/// Which vCard to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V4,
    V3,
}

/// The LinkedIn profile as Apple Contacts writes and reads it (in 3.0 and 4.0), which
/// most address books that know social profiles also read; RFC 9554's SOCIALPROFILE
/// is too new for the programs a 3.0 file is for.
pub const LINKEDIN_PROPERTY: &str = "X-SOCIALPROFILE";
pub const LINKEDIN_TYPE: &str = "linkedin";

/// Writes one prospect's card.
pub fn write(out: &mut dyn Write, p: &Prospect, version: Version) -> Result<()> {
    out.write_all(card(p, version).as_bytes()).map_err(io)
}

/// One prospect's card as text (CRLF lines, folded).
pub fn card(p: &Prospect, version: Version) -> String {
    let mut text = String::with_capacity(512);
    let version = match version {
        Version::V4 => VCardVersion::V4_0,
        Version::V3 => VCardVersion::V3_0,
    };
    // Writing into a String cannot fail.
    let _ = vcard(p).write_to(&mut text, version);
    text
}

fn vcard(p: &Prospect) -> VCard {
    let text = |s: &str| VCardValue::Text(s.to_string());
    let entry = |name: VCardProperty, value: &str| VCardEntry::new(name).with_value(text(value));
    let mut entries = vec![
        entry(VCardProperty::Prodid, PRODID),
        entry(VCardProperty::Uid, &uid(p.id, p.created_at)),
        entry(VCardProperty::Fn, &p.name),
    ];
    let (family, given) = split_name(&p.name);
    entries.push(VCardEntry::new(VCardProperty::N).with_values(vec![
        text(family),
        text(given),
        text(""),
        text(""),
        text(""),
    ]));
    if !p.company.is_empty() {
        entries.push(entry(VCardProperty::Org, &p.company));
    }
    if !p.title.is_empty() {
        entries.push(entry(VCardProperty::Title, &p.title));
    }
    for email in &p.emails {
        entries.push(entry(VCardProperty::Email, email));
    }
    for phone in &p.phones {
        entries.push(entry(VCardProperty::Tel, phone));
    }
    if !p.address.is_empty() {
        let a = &p.address;
        // Post office box, extended address, street, locality, region, postal code,
        // country (RFC 6350 §6.3.1).
        entries.push(VCardEntry::new(VCardProperty::Adr).with_values(vec![
            text(""),
            text(""),
            text(&a.street),
            text(&a.city),
            text(&a.region),
            text(&a.postal_code),
            text(&a.country),
        ]));
    }
    if !p.website.is_empty() {
        entries.push(entry(VCardProperty::Url, &p.website));
    }
    if !p.linkedin.is_empty() {
        entries.push(
            entry(VCardProperty::Other(LINKEDIN_PROPERTY.into()), &p.linkedin).with_param(
                VCardParameter::typ(VCardParameterValue::Text(LINKEDIN_TYPE.into())),
            ),
        );
    }
    if !p.notes.is_empty() {
        entries.push(entry(VCardProperty::Note, &p.notes));
    }
    if !p.tags.is_empty() {
        entries.push(
            VCardEntry::new(VCardProperty::Categories)
                .with_values(p.tags.iter().map(|t| text(t)).collect()),
        );
    }
    entries.push(
        VCardEntry::new(VCardProperty::Rev)
            .with_value(VCardValue::PartialDateTime(timestamp(p.updated_at))),
    );
    VCard { entries }
}

/// Family and given name from the one name the user typed: the last word is the family
/// name and the rest given, the order most names in a sales book are written in. The
/// card's FN keeps the name exactly as typed (what address books show); N only sorts
/// and files it, so a name in another order is still shown right. A single word is a
/// given name (people known by one name are addressed by it).
pub fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (family, given.trim_end()),
        None => ("", name),
    }
}

/// A stable UID for a prospect: a UUIDv7 (RFC 9562) whose time is when the prospect
/// was created and whose "random" bits are its id, so exporting again gives the same
/// UID (address books update the card instead of adding a copy), and two books rarely
/// collide (the same id created in the same millisecond).
pub fn uid(id: i64, created_at: DateTime<Utc>) -> String {
    let ms = (created_at.timestamp_millis() as u64) & 0xFFFF_FFFF_FFFF;
    let id = id as u64;
    let rand_a = (id >> 62) & 0x3;
    let rand_b = id & 0x3FFF_FFFF_FFFF_FFFF;
    format!(
        "urn:uuid:{:08x}-{:04x}-7{:03x}-{:04x}-{:012x}",
        ms >> 16,
        ms & 0xFFFF,
        rand_a,
        0x8000 | ((rand_b >> 48) & 0x3FFF),
        rand_b & 0xFFFF_FFFF_FFFF
    )
}

fn timestamp(t: DateTime<Utc>) -> PartialDateTime {
    let small = |n: u32| u8::try_from(n).ok();
    PartialDateTime {
        year: u16::try_from(t.year()).ok(),
        month: small(t.month()),
        day: small(t.day()),
        hour: small(t.hour()),
        minute: small(t.minute()),
        second: small(t.second()),
        tz_hour: Some(0),
        tz_minute: Some(0),
        tz_minus: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_split_at_the_last_word() {
        assert_eq!(split_name("Jenny Lee"), ("Lee", "Jenny"));
        assert_eq!(split_name(" Mary  Ann Smith "), ("Smith", "Mary  Ann"));
        assert_eq!(split_name("Cher"), ("", "Cher"));
        assert_eq!(split_name(""), ("", ""));
    }

    #[test]
    fn a_uid_is_stable_and_a_valid_uuid() {
        let t = Utc.with_ymd_and_hms(2025, 3, 4, 15, 0, 0).unwrap();
        let a = uid(42, t);
        assert_eq!(a, uid(42, t));
        assert_ne!(a, uid(43, t));
        assert_ne!(a, uid(42, t + chrono::Duration::milliseconds(1)));
        let hex = a.strip_prefix("urn:uuid:").unwrap();
        let groups: Vec<&str> = hex.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('7'), "version 7: {a}");
        assert!(
            matches!(groups[3].as_bytes()[0], b'8'..=b'b'),
            "RFC variant: {a}"
        );
    }
}
