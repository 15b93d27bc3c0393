//! One contact put together from the values a row or card holds, field by field: the
//! same rules for every format (names, several emails in a cell, which address is kept,
//! what goes into the notes so nothing is lost).

use crate::model::{
    Address, Channel, Field, Format, ProspectInput, Source, Stage, Status, Weekday,
};

/// Google's separator between several values in one cell.
const MULTI: &str = ":::";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One address's parts as they were found, and what the file called it.
#[derive(Default)]
struct Place {
    key: String,
    label: String,
    address: Address,
}

#[derive(Default)]
pub(crate) struct Builder {
    format: Option<Format>,
    filled: bool,
    full: String,
    given: String,
    middle: String,
    family: String,
    prefix: String,
    suffix: String,
    company: String,
    title: String,
    emails: Vec<String>,
    phones: Vec<String>,
    linkedin: String,
    /// The file gave a LinkedIn field (not only a profile link among its websites).
    linkedin_named: bool,
    /// A card the app wrote itself (its PRODID): its fields are taken as they are.
    own_card: bool,
    websites: Vec<String>,
    tags: Vec<String>,
    notes: Vec<String>,
    /// Lines added to the notes after the file's own: birthday, other addresses, ...
    extra: Vec<String>,
    birthday: bool,
    addresses: Vec<Place>,
    /// Follow-up fields (Follow Through's own CSV), as text until `finish` reads them.
    source: String,
    stage: String,
    status: String,
    status_reason: String,
    time_zone: String,
    preferred_channel: String,
    preferred_days: String,
    preferred_time: String,
}

impl Builder {
    pub(crate) fn new(format: Format) -> Builder {
        Builder {
            format: Some(format),
            ..Builder::default()
        }
    }

    /// The card being read was written by Follow Through.
    pub(crate) fn own_card(&mut self) {
        self.own_card = true;
    }

    /// Whether the file is one of the app's own, whose fields need no guessing.
    fn own(&self) -> bool {
        self.own_card
            || matches!(
                self.format,
                Some(Format::FollowThroughCsv | Format::Dossier)
            )
    }

    /// Nothing was put in: an empty row or card, skipped without a word.
    pub(crate) fn is_empty(&self) -> bool {
        !self.filled
    }

    /// A value from a column (or vCard property) named `header`, mapped to `field`.
    pub(crate) fn add(&mut self, field: Field, header: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() || field == Field::Ignore {
            return;
        }
        self.filled = true;
        match field {
            Field::Ignore => {}
            Field::FullName => first(&mut self.full, value),
            Field::GivenName => first(&mut self.given, value),
            Field::MiddleName => first(&mut self.middle, value),
            Field::FamilyName => first(&mut self.family, value),
            Field::Prefix => first(&mut self.prefix, value),
            Field::Suffix => first(&mut self.suffix, value),
            Field::Company => first(&mut self.company, value),
            Field::Title => first(&mut self.title, value),
            Field::Email => {
                for email in split(value, MULTI) {
                    let email = email.strip_prefix("mailto:").unwrap_or(email);
                    if !self.emails.iter().any(|e| e.eq_ignore_ascii_case(email)) {
                        self.emails.push(email.to_string());
                    }
                }
            }
            Field::Phone => {
                for phone in split(value, MULTI) {
                    // A vCard 4.0 `tel:` URI as the number: what the import's preview
                    // shows (the form's check reads one typed in the same way).
                    push_new(&mut self.phones, &crate::validate::phone_from_uri(phone));
                }
            }
            // Another app's file may keep a LinkedIn profile among the websites: it is
            // taken for the LinkedIn field, unless the file names one itself (that one
            // wins, whichever column came first). The app's own files say which is which.
            Field::LinkedIn => {
                for url in split(value, MULTI) {
                    if !self.linkedin_named {
                        self.linkedin_named = true;
                        let guessed = std::mem::replace(&mut self.linkedin, url.to_string());
                        if !guessed.is_empty() && guessed != url {
                            push_new(&mut self.websites, &guessed);
                        }
                    } else if url != self.linkedin {
                        push_new(&mut self.websites, url);
                    }
                }
            }
            Field::Website => {
                let own = self.own();
                for url in split(value, MULTI) {
                    let profile = url.to_ascii_lowercase().contains("linkedin.com/in");
                    if own {
                        push_new(&mut self.websites, url);
                    } else if profile && self.linkedin.is_empty() {
                        self.linkedin = url.to_string();
                    } else if url != self.linkedin {
                        push_new(&mut self.websites, url);
                    }
                }
            }
            // Follow Through's own tags may hold semicolons, and a vCard's CATEGORIES
            // come already split by the card's own commas: only the app's separator
            // splits them.
            Field::Tags
                if matches!(self.format, Some(Format::FollowThroughCsv | Format::VCard)) =>
            {
                for tag in split(value, MULTI) {
                    push_new(&mut self.tags, tag);
                }
            }
            Field::Tags => {
                for tag in value.split([',', ';']).flat_map(|t| split(t, MULTI)) {
                    // Google's own groups ("* myContacts", "* starred") are not the user's.
                    if !tag.starts_with('*') {
                        push_new(&mut self.tags, tag);
                    }
                }
            }
            Field::Notes => self.notes.push(self.note_line(header, value)),
            Field::Birthday => {
                if let Some(line) = birthday_line(value).filter(|_| !self.birthday) {
                    self.birthday = true;
                    self.extra.push(line);
                }
            }
            Field::Street | Field::City | Field::Region | Field::PostalCode | Field::Country => {
                let (key, label) = address_group(header);
                self.address_part(&key, &label, field, value);
            }
            Field::Source => first(&mut self.source, value),
            Field::Stage => first(&mut self.stage, value),
            Field::Status => first(&mut self.status, value),
            Field::StatusReason => first(&mut self.status_reason, value),
            Field::TimeZone => first(&mut self.time_zone, value),
            Field::PreferredChannel => first(&mut self.preferred_channel, value),
            Field::PreferredDays => first(&mut self.preferred_days, value),
            Field::PreferredTime => first(&mut self.preferred_time, value),
        }
    }

    /// The file said where the contact came from.
    pub(crate) fn keeps_source(&self) -> bool {
        !self.source.is_empty()
    }

    /// An address part, for addresses told apart by a key (a vCard's ADR by its
    /// position, a CSV's by its column names).
    pub(crate) fn address_part(&mut self, key: &str, label: &str, field: Field, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.filled = true;
        let index = match self.addresses.iter().position(|p| p.key == key) {
            Some(i) => i,
            None => {
                self.addresses.push(Place {
                    key: key.to_string(),
                    label: label.to_string(),
                    address: Address::default(),
                });
                self.addresses.len() - 1
            }
        };
        let a = &mut self.addresses[index].address;
        match field {
            Field::Street => {
                if !a.street.is_empty() {
                    a.street.push('\n');
                }
                a.street.push_str(value);
            }
            Field::City => first(&mut a.city, value),
            Field::Region => first(&mut a.region, value),
            Field::PostalCode => first(&mut a.postal_code, value),
            _ => first(&mut a.country, value),
        }
    }

    /// A column such as Google's "Address 2 - Label" naming the kind of the address
    /// its group holds ("Work"): a work address is the one kept.
    pub(crate) fn address_kind(&mut self, header: &str, value: &str) {
        let lower = header.trim().to_lowercase();
        let Some(key) = [" - label", " - type"]
            .iter()
            .find_map(|suffix| lower.strip_suffix(suffix))
            .filter(|key| key.starts_with("address"))
        else {
            return;
        };
        let value = value.to_lowercase();
        if value.contains("work") || value.contains("business") {
            let label = format!("Work address ({})", header_case(key));
            match self.addresses.iter_mut().find(|p| p.key == key) {
                Some(place) => place.label = label,
                None => self.addresses.push(Place {
                    key: key.to_string(),
                    label,
                    address: Address::default(),
                }),
            }
        }
    }

    /// A line of the notes: the file's notes as they are, anything else under its name.
    fn note_line(&self, header: &str, value: &str) -> String {
        let name = super::known::normalize(header);
        if self.format == Some(Format::LinkedInCsv) && name == "connected on" {
            return format!("Connected on LinkedIn {value}");
        }
        if name.is_empty()
            || [
                "notes",
                "note",
                "comments",
                "comment",
                "description",
                "memo",
            ]
            .contains(&name.as_str())
        {
            value.to_string()
        } else {
            format!("{}: {value}", header.trim())
        }
    }

    /// The contact, or why it can't be one.
    pub(crate) fn finish(mut self) -> Result<ProspectInput, String> {
        let has_name = [&self.given, &self.middle, &self.family]
            .iter()
            .any(|p| !p.is_empty());
        // A row with no name of any kind is named by its email, else its company, so a
        // list of addresses or of firms still comes in; only if no name column is
        // filled (a partial name is still the person's name).
        let name = if !self.full.is_empty() {
            self.full.clone()
        } else if has_name {
            [
                &self.prefix,
                &self.given,
                &self.middle,
                &self.family,
                &self.suffix,
            ]
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
        } else if let Some(email) = self.emails.first() {
            email.clone()
        } else if !self.company.is_empty() {
            self.company.clone()
        } else {
            return Err(
                "No name: there is no name, company or email to call this contact by.".to_string(),
            );
        };

        // The business address if there is one, else the first; the others in the notes.
        self.addresses.retain(|p| p.address != Address::default());
        let kept = self
            .addresses
            .iter()
            .position(|p| {
                let key = p.label.to_lowercase();
                key.contains("business") || key.contains("work")
            })
            .unwrap_or(0);
        let mut address = Address::default();
        for (i, place) in std::mem::take(&mut self.addresses).into_iter().enumerate() {
            if i == kept {
                address = place.address;
            } else {
                let lines = place.address.lines().join(", ");
                self.extra.push(format!("{}: {lines}", place.label));
            }
        }
        let mut websites = self.websites.into_iter();
        let website = websites.next().unwrap_or_default();
        self.extra
            .extend(websites.map(|url| format!("Website: {url}")));

        let mut notes = self.notes;
        notes.extend(self.extra);
        let defaults = ProspectInput::default();
        let source = closed(
            "source",
            &self.source,
            Source::ALL,
            Source::as_str,
            Source::label,
        )?;
        let stage = closed(
            "stage",
            &self.stage,
            Stage::ALL,
            Stage::as_str,
            Stage::label,
        )?;
        let status = closed(
            "status",
            &self.status,
            Status::ALL,
            Status::as_str,
            Status::label,
        )?;
        let preferred_channel = closed(
            "preferred channel",
            &self.preferred_channel,
            Channel::ALL,
            Channel::as_str,
            Channel::label,
        )?;
        let mut preferred_days = Vec::new();
        for day in self
            .preferred_days
            .split([',', ';'])
            .flat_map(|d| split(d, MULTI))
        {
            let day = closed(
                "preferred day",
                day,
                Weekday::ALL,
                Weekday::as_str,
                Weekday::label,
            )?;
            preferred_days.extend(day);
        }
        Ok(ProspectInput {
            source: source.unwrap_or(defaults.source),
            stage: stage.unwrap_or(defaults.stage),
            status: status.unwrap_or(defaults.status),
            status_reason: self.status_reason,
            time_zone: self.time_zone,
            preferred_channel,
            preferred_days,
            preferred_time: self.preferred_time,
            name,
            company: self.company,
            title: self.title,
            emails: self.emails,
            phones: self.phones,
            linkedin: self.linkedin,
            website,
            address,
            tags: self.tags,
            notes: notes.join("\n"),
            ..ProspectInput::default()
        })
    }
}

/// A value of a closed set (a status, a channel) by its stored text or its label, in any
/// case; `None` for an empty cell.
fn closed<T: Copy>(
    what: &str,
    text: &str,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
) -> Result<Option<T>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    all.iter()
        .copied()
        .find(|&v| value(v).eq_ignore_ascii_case(text) || label(v).eq_ignore_ascii_case(text))
        .map(Some)
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|&v| label(v)).collect();
            format!(
                "Unknown {what} \u{201c}{text}\u{201d} (one of: {}).",
                known.join(", ")
            )
        })
}

fn first(slot: &mut String, value: &str) {
    if slot.is_empty() {
        *slot = value.to_string();
    }
}

fn push_new(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

fn split<'a>(value: &'a str, separator: &'a str) -> impl Iterator<Item = &'a str> {
    value
        .split(separator)
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Which address a column's part belongs to, and what to call that address: "Business
/// Street 2" → ("business", "Business address"), "Address 2 - City" → ("address 2",
/// "Address 2"), "Zip" → ("", "Address").
fn address_group(header: &str) -> (String, String) {
    const PARTS: &[&str] = &[
        "extended address",
        "postal code",
        "zip code",
        "post code",
        "postcode",
        "country/region",
        "street",
        "city",
        "state",
        "region",
        "province",
        "zip",
        "country",
        "town",
    ];
    let lower = header.trim().to_lowercase();
    // A name with no part word in it ("PLZ", "Ort") is the one address of its row.
    let cut = PARTS
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
        .unwrap_or(0);
    let key = lower[..cut]
        .trim_end_matches([' ', '-', ':', '_'])
        .to_string();
    let label = header_case(&key);
    let label = if label.is_empty() {
        "Address".to_string()
    } else if key.contains("address") {
        label
    } else {
        format!("{label} address")
    };
    (key, label)
}

/// "address 2" → "Address 2".
fn header_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Birthday: 14 March 1980" (or without the year, when the file has none), from the
/// date forms contacts files use: `1980-03-14`, `--03-14`, `--0314`, `19800314`, Outlook's
/// US `3/14/1980`; anything else is kept as it was written. Outlook writes `0/0/00` for
/// none.
pub(crate) fn birthday_line(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().all(|c| matches!(c, '0' | '/' | '-' | '.')) {
        return None;
    }
    let date = parse_date(raw);
    Some(match date {
        Some((year, month, day)) => format!("Birthday: {}", date_words(year, month, day)),
        None => format!("Birthday: {raw}"),
    })
}

/// "14 March" or "14 March 1980".
pub(crate) fn date_words(year: Option<i32>, month: u32, day: u32) -> String {
    let name = MONTHS[(month as usize).clamp(1, 12) - 1];
    match year {
        Some(year) => format!("{day} {name} {year}"),
        None => format!("{day} {name}"),
    }
}

fn parse_date(raw: &str) -> Option<(Option<i32>, u32, u32)> {
    use chrono::{Datelike, NaiveDate};
    let valid = |month: u32, day: u32| {
        // 2000 is a leap year, so 29 February is a birthday.
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
    };
    if let Some(rest) = raw.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 && rest.len() <= 5 {
            let month = digits[..2].parse().ok()?;
            let day = digits[2..].parse().ok()?;
            return valid(month, day).map(|(m, d)| (None, m, d));
        }
        return None;
    }
    [
        "%Y-%m-%d",
        "%Y%m%d",
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%Y-%m-%dT%H:%M:%SZ",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
    .map(|d| (Some(d.year()), d.month(), d.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_with_and_without_a_year() {
        assert_eq!(
            birthday_line("1980-03-14").unwrap(),
            "Birthday: 14 March 1980"
        );
        assert_eq!(birthday_line("--03-14").unwrap(), "Birthday: 14 March");
        assert_eq!(birthday_line("--0314").unwrap(), "Birthday: 14 March");
        assert_eq!(
            birthday_line("3/14/1980").unwrap(),
            "Birthday: 14 March 1980"
        );
        assert_eq!(birthday_line("--02-29").unwrap(), "Birthday: 29 February");
        assert_eq!(birthday_line("0/0/00"), None);
        assert_eq!(birthday_line("spring").unwrap(), "Birthday: spring");
        assert_eq!(birthday_line("--13-01").unwrap(), "Birthday: --13-01");
    }

    #[test]
    fn address_columns_are_grouped_by_their_names() {
        assert_eq!(address_group("Business Street 2").0, "business");
        assert_eq!(address_group("Home Postal Code").1, "Home address");
        assert_eq!(
            address_group("Address 2 - City"),
            ("address 2".into(), "Address 2".into())
        );
        assert_eq!(address_group("Zip"), (String::new(), "Address".into()));
        assert_eq!(address_group("Ort"), (String::new(), "Address".into()));
    }

    #[test]
    fn a_named_linkedin_column_wins_over_a_profile_among_the_websites() {
        let profile = "https://www.linkedin.com/in/ann";
        let other = "https://linkedin.com/in/ann-work";
        // Another app's file: the website column came first and held a profile.
        let mut b = Builder::new(Format::Csv);
        b.add(Field::FullName, "Name", "Ann");
        b.add(Field::Website, "Website", other);
        b.add(Field::LinkedIn, "LinkedIn", profile);
        let c = b.finish().unwrap();
        assert_eq!((c.linkedin.as_str(), c.website.as_str()), (profile, other));
        // With no LinkedIn column, the profile is still found among the websites.
        let mut b = Builder::new(Format::Csv);
        b.add(Field::FullName, "Name", "Ann");
        b.add(Field::Website, "Website", profile);
        assert_eq!(b.finish().unwrap().linkedin, profile);
        // The app's own file is taken as written.
        let mut b = Builder::new(Format::FollowThroughCsv);
        b.add(Field::FullName, "Name", "Ann");
        b.add(Field::Website, "Website", profile);
        let c = b.finish().unwrap();
        assert_eq!((c.linkedin.as_str(), c.website.as_str()), ("", profile));
    }

    #[test]
    fn a_vcard_category_keeps_its_semicolon() {
        let mut b = Builder::new(Format::VCard);
        b.add(Field::FullName, "FN", "Ann");
        b.add(Field::Tags, "CATEGORIES", "Q3; Dental");
        b.add(Field::Tags, "CATEGORIES", "Chicago");
        assert_eq!(b.finish().unwrap().tags, ["Q3; Dental", "Chicago"]);
    }

    #[test]
    fn a_row_with_no_name_is_named_by_its_email_then_its_company() {
        let mut b = Builder::new(Format::Csv);
        b.add(Field::Company, "Company", "Acme");
        b.add(Field::Email, "Email", "a@acme.com ::: b@acme.com");
        let c = b.finish().unwrap();
        assert_eq!(c.name, "a@acme.com");
        assert_eq!(c.emails, ["a@acme.com", "b@acme.com"]);

        let mut b = Builder::new(Format::Csv);
        b.add(Field::Phone, "Phone", "555");
        assert!(b.finish().unwrap_err().starts_with("No name"));
    }
}
