//! The CSV exports Follow Through knows by their header rows (Google Contacts, old and
//! new; Outlook, desktop and Outlook.com; LinkedIn's connections), what each of their
//! columns holds, and a guess at any other file's columns from their names.
//!
//! A file is recognised by its set of column names, not their exact order or spelling:
//! names are compared trimmed, in lower case, with numbers stood for by `#` (Google
//! numbers its groups of emails, phones and addresses, and writes as many as the
//! busiest contact needs).

use crate::model::{Field, Format};

const GOOGLE: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value";

const GOOGLE_OLD: &str = "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value";

const OUTLOOK: &str = "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,Private,Categories";

const OUTLOOK_COM: &str = "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes";

const LINKEDIN: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
/// Follow Through's own prospects CSV (`export::csv::PROSPECT_HEADER`; a test holds
/// them equal).
const FOLLOWTHROUGH: &str = "id,name,company,title,emails,phones,linkedin,website,street,city,region,postal_code,country,source,stage,status,status_reason,tags,notes,time_zone,preferred_channel,preferred_days,preferred_time,created_at,touchpoints,attempts,last_touch_at,next_due_at,plan,next_step_at,next_step_note";

use Field::*;

/// What a Google Contacts column holds (both formats; names not here are left out).
const GOOGLE_FIELDS: &[(&str, Field)] = &[
    ("name", FullName),
    ("first name", GivenName),
    ("given name", GivenName),
    ("middle name", MiddleName),
    ("additional name", MiddleName),
    ("last name", FamilyName),
    ("family name", FamilyName),
    ("name prefix", Prefix),
    ("name suffix", Suffix),
    ("organization name", Company),
    ("organization # - name", Company),
    ("organization title", Title),
    ("organization # - title", Title),
    ("birthday", Birthday),
    ("notes", Notes),
    ("labels", Tags),
    ("group membership", Tags),
    ("e-mail # - value", Email),
    ("phone # - value", Phone),
    ("address # - street", Street),
    ("address # - extended address", Street),
    ("address # - city", City),
    ("address # - region", Region),
    ("address # - postal code", PostalCode),
    ("address # - country", Country),
    ("website # - value", Website),
];

/// What an Outlook column holds. Outlook's "Title" is the name's prefix; the job is
/// "Job Title". Faxes, pagers and the assistant's phone are not the prospect's.
const OUTLOOK_FIELDS: &[(&str, Field)] = &[
    ("first name", GivenName),
    ("middle name", MiddleName),
    ("last name", FamilyName),
    ("title", Prefix),
    ("suffix", Suffix),
    ("web page", Website),
    ("personal web page", Website),
    ("birthday", Birthday),
    ("notes", Notes),
    ("e-mail address", Email),
    ("e-mail # address", Email),
    ("mobile phone", Phone),
    ("business phone", Phone),
    ("business phone #", Phone),
    ("company main phone", Phone),
    ("primary phone", Phone),
    ("home phone", Phone),
    ("home phone #", Phone),
    ("other phone", Phone),
    ("car phone", Phone),
    ("company", Company),
    ("job title", Title),
    ("business street", Street),
    ("business street #", Street),
    ("business city", City),
    ("business state", Region),
    ("business postal code", PostalCode),
    ("business country", Country),
    ("business country/region", Country),
    ("home street", Street),
    ("home street #", Street),
    ("home city", City),
    ("home state", Region),
    ("home postal code", PostalCode),
    ("home country", Country),
    ("home country/region", Country),
    ("other street", Street),
    ("other street #", Street),
    ("other city", City),
    ("other state", Region),
    ("other postal code", PostalCode),
    ("other country", Country),
    ("other country/region", Country),
    ("categories", Tags),
];

const LINKEDIN_FIELDS: &[(&str, Field)] = &[
    ("first name", GivenName),
    ("last name", FamilyName),
    ("url", LinkedIn),
    ("email address", Email),
    ("company", Company),
    ("position", Title),
    ("connected on", Notes),
];

/// What Follow Through's own CSV holds that an import reads back. Its id, figures and
/// dates are the book's own and are not brought in (a dossier carries the history).
const FOLLOWTHROUGH_FIELDS: &[(&str, Field)] = &[
    ("name", FullName),
    ("company", Company),
    ("title", Title),
    ("emails", Email),
    ("phones", Phone),
    ("linkedin", LinkedIn),
    ("website", Website),
    ("street", Street),
    ("city", City),
    ("region", Region),
    ("postal_code", PostalCode),
    ("country", Country),
    ("source", Source),
    ("stage", Stage),
    ("status", Status),
    ("status_reason", StatusReason),
    ("tags", Tags),
    ("notes", Notes),
    ("time_zone", TimeZone),
    ("preferred_channel", PreferredChannel),
    ("preferred_days", PreferredDays),
    ("preferred_time", PreferredTime),
];

/// A known export: its header rows, the names only it has (one must be present), and
/// what its columns hold.
struct Known {
    format: Format,
    headers: &'static [&'static str],
    markers: &'static [&'static str],
    fields: &'static [(&'static str, Field)],
}

const KNOWN: &[Known] = &[
    Known {
        format: Format::FollowThroughCsv,
        headers: &[FOLLOWTHROUGH],
        markers: &["status_reason", "next_step_note"],
        fields: FOLLOWTHROUGH_FIELDS,
    },
    Known {
        format: Format::LinkedInCsv,
        headers: &[LINKEDIN],
        markers: &["connected on"],
        fields: LINKEDIN_FIELDS,
    },
    Known {
        format: Format::GoogleCsv,
        headers: &[GOOGLE, GOOGLE_OLD],
        markers: &[
            "labels",
            "group membership",
            "organization name",
            "organization # - name",
            "e-mail # - value",
            "phone # - value",
        ],
        fields: GOOGLE_FIELDS,
    },
    Known {
        format: Format::OutlookCsv,
        headers: &[OUTLOOK, OUTLOOK_COM],
        markers: &[
            "e-mail address",
            "job title",
            "business phone",
            "mobile phone",
            "categories",
            "business street",
            "home street",
        ],
        fields: OUTLOOK_FIELDS,
    },
];

/// A column name as compared: trimmed, lower case, spaces collapsed, numbers as `#`.
pub(crate) fn normalize(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut digits = false;
    for word in header
        .trim()
        .trim_start_matches('\u{feff}')
        .split_whitespace()
    {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !digits {
                    out.push('#');
                }
                digits = true;
            } else {
                digits = false;
                out.extend(c.to_lowercase());
            }
        }
        digits = false;
    }
    out
}

/// The known export these column names are, if they are one: seven in ten of the names
/// are the export's own (Google adds groups for events, relations, custom fields), three
/// at least, and one of them only that export has.
pub(crate) fn recognise(headers: &[String]) -> Option<Format> {
    let names: Vec<String> = headers
        .iter()
        .map(|h| normalize(h))
        .filter(|h| !h.is_empty())
        .collect();
    if names.len() < 3 {
        return None;
    }
    KNOWN.iter().find_map(|known| {
        let theirs: Vec<String> = known
            .headers
            .iter()
            .flat_map(|row| row.split(','))
            .map(normalize)
            .collect();
        let shared = names.iter().filter(|n| theirs.contains(n)).count();
        let marked = known.markers.iter().any(|m| names.iter().any(|n| n == m));
        (marked && shared >= 3 && shared * 10 >= names.len() * 7).then_some(known.format)
    })
}

/// What each column holds: a known export's own meaning, or for any other file a guess
/// from the column's name.
pub(crate) fn mapping(format: Format, headers: &[String]) -> Vec<Field> {
    let table = KNOWN.iter().find(|k| k.format == format).map(|k| k.fields);
    headers
        .iter()
        .map(|header| {
            let name = normalize(header);
            match table {
                Some(table) => table
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(Ignore, |(_, f)| *f),
                None => guess(&name),
            }
        })
        .collect()
}

/// Names a column is known by in exports people make by hand or from other programs.
const ALIASES: &[(&str, Field)] = &[
    ("name", FullName),
    ("full name", FullName),
    ("fullname", FullName),
    ("display name", FullName),
    ("contact name", FullName),
    ("contact", FullName),
    ("first name", GivenName),
    ("firstname", GivenName),
    ("first", GivenName),
    ("given name", GivenName),
    ("forename", GivenName),
    ("middle name", MiddleName),
    ("middle", MiddleName),
    ("last name", FamilyName),
    ("lastname", FamilyName),
    ("last", FamilyName),
    ("surname", FamilyName),
    ("family name", FamilyName),
    ("prefix", Prefix),
    ("name prefix", Prefix),
    ("salutation", Prefix),
    ("suffix", Suffix),
    ("name suffix", Suffix),
    ("title", Title),
    ("job title", Title),
    ("position", Title),
    ("role", Title),
    ("address", Street),
    ("street address", Street),
    ("url", Website),
    ("web", Website),
    // The same in the languages Excel most often writes semicolon files in.
    ("vorname", GivenName),
    ("nachname", FamilyName),
    ("name, vorname", FullName),
    ("firma", Company),
    ("unternehmen", Company),
    ("telefon", Phone),
    ("handy", Phone),
    ("straße", Street),
    ("strasse", Street),
    ("plz", PostalCode),
    ("ort", City),
    ("stadt", City),
    ("land", Country),
    ("notiz", Notes),
    ("prénom", GivenName),
    ("nom", FamilyName),
    ("société", Company),
    ("entreprise", Company),
    ("adresse", Street),
    ("ville", City),
    ("code postal", PostalCode),
    ("pays", Country),
    ("nombre", GivenName),
    ("apellido", FamilyName),
    ("apellidos", FamilyName),
    ("empresa", Company),
    ("teléfono", Phone),
    ("dirección", Street),
    ("ciudad", City),
    ("país", Country),
];

/// A guess from a normalized column name: a known alias, else a word in it.
fn guess(name: &str) -> Field {
    if let Some((_, field)) = ALIASES.iter().find(|(alias, _)| *alias == name) {
        return *field;
    }
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    // A column naming what kind of email or phone the next one is holds no address.
    if has(&["type", "label"]) && has(&["mail", "phone"]) {
        return Ignore;
    }
    if has(&["e-mail", "email", "mail address"]) {
        Email
    } else if has(&["fax", "pager"]) {
        Ignore
    } else if has(&["phone", "mobile", "cell", "telephone", "tel."]) {
        Phone
    } else if has(&["linkedin"]) {
        LinkedIn
    } else if has(&["website", "web page", "web site", "homepage", "url"]) {
        Website
    } else if has(&[
        "company",
        "organization",
        "organisation",
        "employer",
        "business name",
    ]) {
        Company
    } else if has(&["job", "position"]) {
        Title
    } else if has(&["zip", "postal", "postcode", "post code"]) {
        PostalCode
    } else if has(&["street", "address line", "address"]) {
        Street
    } else if has(&["city", "town"]) {
        City
    } else if has(&["state", "region", "province", "county"]) {
        Region
    } else if has(&["country"]) {
        Country
    } else if has(&["birthday", "birth date", "date of birth", "dob"]) {
        Birthday
    } else if has(&["tag", "group", "label", "categor"]) {
        Tags
    } else if has(&["note", "comment"]) {
        Notes
    } else {
        Ignore
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Vec<String> {
        text.split(',').map(String::from).collect()
    }

    #[test]
    fn our_own_header_row_is_the_one_export_writes() {
        assert_eq!(FOLLOWTHROUGH, crate::export::csv::PROSPECT_HEADER.join(","));
        assert_eq!(
            recognise(&row(FOLLOWTHROUGH)),
            Some(Format::FollowThroughCsv)
        );
    }

    #[test]
    fn the_published_header_rows_are_recognised() {
        assert_eq!(recognise(&row(GOOGLE)), Some(Format::GoogleCsv));
        assert_eq!(recognise(&row(GOOGLE_OLD)), Some(Format::GoogleCsv));
        assert_eq!(recognise(&row(OUTLOOK)), Some(Format::OutlookCsv));
        assert_eq!(recognise(&row(OUTLOOK_COM)), Some(Format::OutlookCsv));
        assert_eq!(recognise(&row(LINKEDIN)), Some(Format::LinkedInCsv));
        // Order, case, spaces and the number of groups don't matter.
        let shuffled = row(" e-mail 3 - VALUE ,Labels,Last Name,First Name,Phone 7 - Value");
        assert_eq!(recognise(&shuffled), Some(Format::GoogleCsv));
        // A hand-made file that shares a few names is not taken for an export.
        assert_eq!(recognise(&row("First Name,Last Name,Email,Phone")), None);
        assert_eq!(recognise(&row("First Name,Last Name")), None);
    }

    #[test]
    fn other_files_are_guessed_from_their_column_names() {
        let headers =
            row("Vorname,Nachname,E-mail,Work Email,Mobile,Organization,Zip,Email Type,Fax");
        assert_eq!(
            mapping(Format::Csv, &headers),
            vec![GivenName, FamilyName, Email, Email, Phone, Company, PostalCode, Ignore, Ignore]
        );
        assert_eq!(
            mapping(Format::OutlookCsv, &row("Title,Job Title,Home Fax")),
            vec![Prefix, Title, Ignore]
        );
        assert_eq!(normalize("  E-mail  12 - Value "), "e-mail # - value");
    }
}
