#![allow(clippy::unwrap_used)]
//! The import readers: each known export and vCard version read field by field, the
//! broken files of `fixtures/import/broken` (see its README), limits, streaming, and
//! property tests that no input makes them panic.

use followthrough_core::import::{
    inspect, inspect_bytes, records, records_from_bytes, FileInfo, Mapping, Place, Record, RowError,
};
use followthrough_core::model::{Address, Field, Format};
use followthrough_core::{limits, Error};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn read(name: &str) -> (FileInfo, Vec<Result<Record, RowError>>) {
    let path = fixtures().join(name);
    let info = inspect(&path).unwrap();
    let rows = records(&path, &info, &info.mapping).unwrap().collect();
    (info, rows)
}

fn ok(rows: &[Result<Record, RowError>]) -> Vec<&Record> {
    rows.iter().filter_map(|r| r.as_ref().ok()).collect()
}

fn address(street: &str, city: &str, region: &str, postal: &str, country: &str) -> Address {
    Address {
        street: street.into(),
        city: city.into(),
        region: region.into(),
        postal_code: postal.into(),
        country: country.into(),
    }
}

fn bad_file(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::BadFile { message }) => message,
        other => panic!("expected a bad file, got {other:?}"),
    }
}

#[test]
fn google_current_format() {
    let (info, rows) = read("google.csv");
    assert_eq!(info.format, Format::GoogleCsv);
    assert!(info.known);
    assert_eq!(info.encoding, "UTF-8");
    assert_eq!(info.delimiter, Some(','));
    assert_eq!(info.headers.len(), 47);
    assert_eq!(info.sample.len(), 4);
    assert_eq!(info.sample[0][0], "Ada");
    assert_eq!(info.mapping.columns.len(), 47);
    assert_eq!(info.mapping.columns[0], Field::GivenName);

    assert_eq!(rows.len(), 4);
    let ada = &rows[0].as_ref().unwrap();
    assert_eq!(ada.place, Place::Line(2));
    assert!(ada.history.is_none());
    let c = &ada.contact;
    assert_eq!(c.name, "Dr. Ada King Lovelace");
    assert_eq!(c.company, "Analytical Engines Ltd");
    assert_eq!(c.title, "Chief Mathematician");
    assert_eq!(
        c.emails,
        [
            "ada@engines.example",
            "ada.king@engines.example",
            "ada@home.example"
        ]
    );
    assert_eq!(
        c.phones,
        ["+44 20 7946 0001", "+44 20 7946 0002", "+44 20 7946 0100"]
    );
    assert_eq!(c.linkedin, "https://www.linkedin.com/in/ada-lovelace");
    assert_eq!(c.website, "https://engines.example");
    // The address labelled Work is kept; the home one goes into the notes.
    assert_eq!(
        c.address,
        address(
            "1 Babbage Row\nFloor 3",
            "Cambridge",
            "Cambridgeshire",
            "CB2 1TN",
            "United Kingdom"
        )
    );
    assert_eq!(c.tags, ["Friends", "Prospects"]);
    assert_eq!(
        c.notes,
        "Met at the expo.\nWants a demo in spring.\nBirthday: 10 December\n\
         Address 1: 12 St James's Square, London, SW1Y 4JH, United Kingdom"
    );
    // Left for the store to set from the user's choice.
    assert_eq!(
        c.source,
        followthrough_core::model::ProspectInput::default().source
    );

    // The quoted newlines moved the next row down.
    let grace = rows[1].as_ref().unwrap();
    assert_eq!(grace.place, Place::Line(6));
    assert_eq!(grace.contact.name, "Grace Hopper");
    assert!(
        grace.contact.tags.is_empty(),
        "Google's own groups are dropped"
    );
    assert_eq!(grace.contact.notes, "Birthday: 9 December 1906");
    // No name columns: the company names it.
    assert_eq!(rows[2].as_ref().unwrap().contact.name, "Only Company Inc");
    let none = rows[3].as_ref().unwrap_err();
    assert_eq!(none.place, Place::Line(8));
    assert!(none.reason.starts_with("No name"), "{}", none.reason);
}

#[test]
fn google_old_format() {
    let (info, rows) = read("google_old.csv");
    assert_eq!(info.format, Format::GoogleCsv);
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Alan Turing");
    assert_eq!(c.company, "Bletchley Park");
    assert_eq!(c.title, "Cryptanalyst");
    assert_eq!(c.emails, ["alan@bletchley.example", "alan@home.example"]);
    assert_eq!(c.phones, ["+44 1908 640404"]);
    assert_eq!(c.website, "https://turing.example");
    assert_eq!(
        c.address,
        address(
            "Sherwood Drive",
            "Bletchley",
            "Buckinghamshire",
            "MK3 6EB",
            "United Kingdom"
        )
    );
    assert_eq!(c.tags, ["Research"]);
    assert_eq!(c.notes, "Prefers email.\nBirthday: 23 June 1912");
}

#[test]
fn outlook_desktop_in_windows_1252() {
    let (info, rows) = read("outlook.csv");
    assert_eq!(info.format, Format::OutlookCsv);
    assert_eq!(info.encoding, "windows-1252");
    assert_eq!(info.sample[0][2], "Müller");
    let records = ok(&rows);
    assert_eq!(records.len(), 2);
    let c = &records[0].contact;
    // Outlook's "Title" is the prefix; "Job Title" the job.
    assert_eq!(c.name, "Mr. José Müller Jr.");
    assert_eq!(c.title, "Geschäftsführer");
    assert_eq!(c.company, "Müller & Söhne GmbH");
    assert_eq!(c.emails, ["jose@mueller.example", "jm@privat.example"]);
    assert_eq!(c.phones, ["+49 171 1234567", "+49 30 1234567"], "no fax");
    assert_eq!(c.website, "https://müller.example");
    assert_eq!(
        c.address,
        address(
            "Hauptstraße 1\nGebäude B",
            "München",
            "Bayern",
            "80331",
            "Deutschland"
        )
    );
    assert_eq!(c.tags, ["Kunden", "VIP"]);
    assert_eq!(
        c.notes,
        "Café owner; likes crème brûlée.\nBirthday: 14 March 1980\n\
         Home address: Lindenstraße 5, Köln, 50667, Deutschland"
    );
    let zoe = &records[1].contact;
    assert_eq!(zoe.name, "Zoë Ångström");
    assert_eq!(zoe.notes, "", "Outlook's 0/0/00 is no birthday");
    assert_eq!(
        zoe.address,
        address("Storgatan 1", "Stockholm", "", "", "Sverige")
    );
}

#[test]
fn outlook_com() {
    let (info, rows) = read("outlook_com.csv");
    assert_eq!(info.format, Format::OutlookCsv);
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Katherine Johnson");
    assert_eq!(c.title, "Mathematician");
    assert_eq!(c.company, "Langley Research");
    assert_eq!(c.phones, ["+1 757 555 0101"], "the same number once");
    assert_eq!(c.linkedin, "https://www.linkedin.com/in/katherine-johnson");
    assert_eq!(c.website, "");
    // Home before other when there is no business address.
    assert_eq!(
        c.address,
        address("22 Home Lane", "Hampton", "VA", "23666", "United States")
    );
    assert_eq!(
        c.notes,
        "Orbital mechanics.\nBirthday: 26 August 1918\nOther address: 1 Other Way, Hampton"
    );
}

#[test]
fn linkedin_connections_with_notes_above_the_header() {
    let (info, rows) = read("linkedin.csv");
    assert_eq!(info.format, Format::LinkedInCsv);
    assert_eq!(info.headers[0], "First Name");
    assert_eq!(info.headers.len(), 7);
    let records = ok(&rows);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].place, Place::Line(5));
    let c = &records[0].contact;
    assert_eq!(c.name, "Margaret Hamilton");
    assert_eq!(c.company, "Hamilton Technologies, Inc.");
    assert_eq!(c.title, "CEO");
    assert_eq!(c.emails, ["margaret@apollo.example"]);
    assert_eq!(c.linkedin, "https://www.linkedin.com/in/margaret-hamilton");
    assert_eq!(c.notes, "Connected on LinkedIn 12 Mar 2024");
    assert!(records[1].contact.emails.is_empty());
}

#[test]
fn generic_csv_with_semicolons_and_tabs() {
    let (info, rows) = read("semicolon.csv");
    assert_eq!((info.format, info.known), (Format::Csv, false));
    assert_eq!(info.delimiter, Some(';'));
    use Field::*;
    assert_eq!(
        info.mapping.columns,
        [GivenName, FamilyName, Email, Phone, Company, PostalCode, City, Country, Notes]
    );
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Hedy Lamarr");
    assert_eq!(c.company, "Frequency Hopping AG");
    assert_eq!(c.address, address("", "Wien", "", "1010", "Österreich"));
    assert_eq!(c.notes, "Notiz: Erfinderin");

    // The user's mapping is the one used.
    let path = fixtures().join("semicolon.csv");
    let mine = Mapping {
        columns: vec![
            FullName, Ignore, Ignore, Ignore, Ignore, Ignore, Ignore, Ignore, Tags,
        ],
    };
    let c = records(&path, &info, &mine)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .contact;
    assert_eq!(c.name, "Hedy");
    assert_eq!(c.tags, ["Erfinderin"]);
    assert!(c.emails.is_empty());

    let (info, rows) = read("tab.tsv");
    assert_eq!(info.delimiter, Some('\t'));
    assert_eq!(
        info.mapping.columns,
        [FullName, Email, Phone, Company, Title, Website, Tags, Birthday]
    );
    let records = ok(&rows);
    assert_eq!(rows.len(), 2, "the blank rows are passed over");
    let c = &records[0].contact;
    assert_eq!(c.name, "Tim Berners-Lee");
    assert_eq!(c.title, "Director");
    assert_eq!(c.website, "https://w3.example");
    assert_eq!(c.tags, ["web", "standards"]);
    assert_eq!(c.notes, "Birthday: 8 June 1955");
    assert_eq!(records[1].place, Place::Line(5));
}

#[test]
fn utf16_csv() {
    let (info, rows) = read("utf16le.csv");
    assert_eq!(info.encoding, "UTF-16LE");
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Émilie du Châtelet");
    assert_eq!(c.emails, ["emilie@example.fr"]);
    assert_eq!(c.phones, ["+33 1 23 45 67 89"]);

    // Without a byte-order mark too, either way round.
    let text = "Name,Email\r\nÉmilie,e@example.fr\r\n";
    for (bytes, name) in [
        (
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            "UTF-16LE",
        ),
        (
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            "UTF-16BE",
        ),
    ] {
        let info = inspect_bytes(&bytes).unwrap();
        assert_eq!(info.encoding, name);
        let got: Vec<_> = records_from_bytes(bytes, &info, &info.mapping)
            .unwrap()
            .collect();
        assert_eq!(got[0].as_ref().unwrap().contact.name, "Émilie");
    }
}

#[test]
fn android_vcard_21_quoted_printable() {
    let (info, rows) = read("android21.vcf");
    assert_eq!((info.format, info.known), (Format::VCard, true));
    assert!(info.headers.is_empty() && info.delimiter.is_none());
    let records = ok(&rows);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].place, Place::Card(1));
    let c = &records[0].contact;
    assert_eq!(c.name, "Kurt Gödel");
    assert_eq!(c.company, "Institute for Advanced Study");
    assert_eq!(c.title, "Professor");
    assert_eq!(c.emails, ["kurt@ias.example", "goedel@ias.example"]);
    assert_eq!(c.phones, ["+1-609-555-0123", "+1-609-555-0199"]);
    assert_eq!(
        c.address,
        address("1 Einstein Drive", "Princeton", "NJ", "08540", "USA")
    );
    assert_eq!(
        c.notes,
        "Logician from Brno. Completeness theorem; incompleteness theorems.\n\
         Birthday: 28 April 1906\nHome address: 145 Linden Lane, Princeton, NJ 08540, USA"
    );
    let emmy = &records[1].contact;
    assert_eq!(emmy.name, "Emmy Noether");
    assert_eq!(emmy.linkedin, "http://www.linkedin.com/in/emmy-noether");
    assert_eq!(emmy.website, "");
}

#[test]
fn apple_vcard_30() {
    let (_, rows) = read("apple30.vcf");
    assert_eq!(rows.len(), 4);
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Marie Curie");
    assert_eq!(c.company, "Radium Institute");
    assert_eq!(c.title, "Director");
    assert_eq!(
        c.emails,
        ["marie@radium.example", "marie.curie@home.example"]
    );
    assert_eq!(c.phones, ["+33 1 42 34 67 00", "+33 1 42 34 67 01"]);
    assert_eq!(c.linkedin, "https://www.linkedin.com/in/marie-curie");
    assert_eq!(c.website, "https://radium.example");
    assert_eq!(
        c.address,
        address("36 Quai de Béthune", "Paris", "", "75004", "France")
    );
    assert_eq!(c.tags, ["Science", "Prospects"]);
    // The year Apple marks as omitted is left out; the photo is passed over.
    assert_eq!(
        c.notes,
        "Two Nobel prizes, physics and chemistry.\nCall before noon.\nBirthday: 7 November"
    );
    let rosalind = &rows[1].as_ref().unwrap().contact;
    assert_eq!(rosalind.notes, "Birthday: 25 July");
    let nameless = rows[2].as_ref().unwrap_err();
    assert_eq!(nameless.place, Place::Card(3));
    assert!(nameless.reason.starts_with("No name"));
    assert_eq!(
        rows[3].as_ref().unwrap().contact.name,
        "Kings College London"
    );
}

#[test]
fn vcard_40() {
    let (_, rows) = read("v40.vcf");
    let c = &rows[0].as_ref().unwrap().contact;
    assert_eq!(c.name, "Dr. Chien-Shiung Wu");
    assert_eq!(c.company, "Columbia University");
    assert_eq!(c.title, "Professor of Physics");
    assert_eq!(c.emails, ["wu@columbia.example"]);
    assert_eq!(c.phones, ["+1-212-555-0100"], "the tel: URI's number");
    assert_eq!(c.linkedin, "https://www.linkedin.com/in/cs-wu");
    assert_eq!(c.website, "https://physics.columbia.example/wu");
    assert_eq!(
        c.address,
        address("538 W 120th St", "New York", "NY", "10027", "USA")
    );
    assert_eq!(c.tags, ["physics", "experimental"]);
    assert_eq!(
        c.notes,
        "Parity violation experiment, 1956.\nBirthday: 31 May"
    );
}

/// Every file in `broken/` gives the outcome its README lists, and none panics.
#[test]
fn broken_files_are_refused_or_read_with_reasons() {
    let dir = fixtures().join("broken");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let mut expected: Vec<(String, String)> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| file"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].to_string(), cells[2].to_string())
        })
        .collect();
    expected.sort();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    files.sort();
    assert!(files.len() >= 30, "{} broken files", files.len());
    assert_eq!(
        files,
        expected.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(),
        "the README lists each file once"
    );
    for (name, outcome) in expected {
        let path = dir.join(&name);
        let got = inspect(&path).and_then(|info| records(&path, &info, &info.mapping));
        let found = match got {
            Err(Error::BadFile { message }) => {
                assert!(!message.trim().is_empty(), "{name}");
                "bad file"
            }
            Err(other) => panic!("{name}: {other:?}"),
            Ok(rows) => {
                let errors: Vec<RowError> = rows.filter_map(Result::err).collect();
                for e in &errors {
                    assert!(!e.reason.trim().is_empty(), "{name}: {e:?}");
                }
                if errors.is_empty() {
                    "read"
                } else {
                    "row errors"
                }
            }
        };
        assert_eq!(found, outcome, "{name}");
    }
}

#[test]
fn the_broken_files_say_what_is_wrong() {
    let dir = fixtures().join("broken");
    assert_eq!(
        bad_file(inspect(&dir.join("empty.csv"))),
        "This file is empty."
    );
    assert_eq!(
        bad_file(inspect(&dir.join("png_image.csv"))),
        "This doesn't look like a contacts file (CSV or vCard): it is a PNG image."
    );
    assert_eq!(
        bad_file(inspect(&dir.join("random_binary.csv"))),
        "This doesn't look like a contacts file (CSV or vCard): it holds binary data."
    );
    assert_eq!(
        bad_file(inspect(&dir.join("header_only.csv"))),
        "The CSV has a header row but no rows under it."
    );
    let (_, rows) = {
        let path = dir.join("vcard_no_end.vcf");
        let info = inspect(&path).unwrap();
        (
            info.clone(),
            records(&path, &info, &info.mapping)
                .unwrap()
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(rows[0].as_ref().unwrap().contact.name, "Ada Lovelace");
    assert_eq!(
        rows[1].as_ref().unwrap_err(),
        &RowError {
            place: Place::Card(2),
            reason: "The card has no END:VCARD line; the file may be cut short.".into()
        }
    );
    let path = dir.join("invalid_utf8_after_64k.csv");
    let info = inspect(&path).unwrap();
    assert_eq!(info.encoding, "UTF-8");
    let rows: Vec<_> = records(&path, &info, &info.mapping).unwrap().collect();
    let bad: Vec<_> = rows.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].place, Place::Line(2602));
    assert!(bad[0].reason.contains("UTF-8"));
    assert_eq!(
        rows.last().unwrap().as_ref().unwrap().contact.name,
        "Last",
        "rows after the bad one are read"
    );
}

fn generic(bytes: Vec<u8>) -> Result<Vec<Result<Record, RowError>>, Error> {
    let info = inspect_bytes(&bytes)?;
    Ok(records_from_bytes(bytes, &info, &info.mapping)?.collect())
}

#[test]
fn a_huge_cell_is_a_row_error_and_the_rows_after_it_are_read() {
    let mut file = b"Name,Notes\nAda,short\nGrace,".to_vec();
    file.extend(std::iter::repeat_n(b'x', 1_000_000));
    file.extend_from_slice(b"\nAlan,fine\n");
    let rows = generic(file).unwrap();
    assert_eq!(rows.len(), 3);
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(e.place, Place::Line(3));
    assert!(e.reason.contains("at most 100,000"), "{}", e.reason);
    assert_eq!(rows[2].as_ref().unwrap().contact.name, "Alan");
}

#[test]
fn a_quote_left_open_stops_the_reading_past_the_row_limit() {
    let mut file = b"Name,Notes\nAda,ok\nGrace,\"open".to_vec();
    file.extend(std::iter::repeat_n(b'y', limits::IMPORT_RECORD + 200_000));
    let rows = generic(file).unwrap();
    assert_eq!(rows.len(), 2);
    let e = rows[1].as_ref().unwrap_err();
    assert_eq!(e.place, Place::Line(3));
    assert!(e.reason.contains("never closed"), "{}", e.reason);
}

#[test]
fn too_many_columns() {
    let header = vec!["c"; 100_000].join(",");
    let message = bad_file(generic(format!("Name,{header}\nAda\n").into_bytes()));
    assert!(
        message.contains("100,000 columns") || message.contains("columns;"),
        "{message}"
    );
    assert!(message.contains("at most 1,000"), "{message}");

    // A data row wider than the limit is that row's error.
    let row = vec!["x"; 2_000].join(",");
    let rows = generic(format!("Name,Email\nAda,a@example.com\n{row}\n").into_bytes()).unwrap();
    assert!(rows[1]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("2,000 columns"));
}

#[test]
fn a_card_past_the_size_limit_is_refused_and_the_next_read() {
    let mut file = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:".to_vec();
    file.extend(std::iter::repeat_n(b'z', limits::IMPORT_RECORD + 10));
    file.extend_from_slice(b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Small\r\nEND:VCARD\r\n");
    let rows = generic(file).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].as_ref().unwrap_err().reason.contains("larger than"));
    assert_eq!(rows[1].as_ref().unwrap().contact.name, "Small");
}

#[test]
fn nothing_mapped_to_a_name_is_refused_before_reading() {
    let bytes = b"Name,Email\nAda,a@example.com\n".to_vec();
    let info = inspect_bytes(&bytes).unwrap();
    let none = Mapping {
        columns: vec![Field::Phone, Field::Notes],
    };
    let message = bad_file(records_from_bytes(bytes, &info, &none).map(|_| ()));
    assert!(message.contains("name"), "{message}");
}

#[test]
fn a_hundred_thousand_rows_stream_through() {
    let mut file = String::from("First Name,Last Name,Email,Phone,Company\n");
    for i in 0..100_000 {
        file.push_str(&format!(
            "Person,{i},p{i}@example.com,555-{i:05},Firm {i}\n"
        ));
    }
    let total = file.len() as u64;
    let info = inspect_bytes(file.as_bytes()).unwrap();
    assert_eq!(info.sample.len(), 5);
    let mut rows = records_from_bytes(file.into_bytes(), &info, &info.mapping).unwrap();
    let mut count = 0;
    let mut last = None;
    for row in rows.by_ref() {
        last = Some(row.unwrap());
        count += 1;
    }
    assert_eq!(count, 100_000);
    let last = last.unwrap();
    assert_eq!(last.place, Place::Line(100_001));
    assert_eq!(last.contact.name, "Person 99999");
    assert_eq!(rows.bytes_read(), total);
}

#[test]
fn reading_from_a_path_reports_progress() {
    let path = fixtures().join("google.csv");
    let info = inspect(&path).unwrap();
    assert_eq!(info.total_bytes, std::fs::metadata(&path).unwrap().len());
    let mut rows = records(&path, &info, &info.mapping).unwrap();
    assert!(rows.next().is_some());
    assert!(rows.bytes_read() > 0);
    rows.by_ref().for_each(drop);
    assert_eq!(rows.bytes_read(), info.total_bytes);
}

/// Any input: `inspect_bytes`, then `records_from_bytes` with the found mapping (or, for
/// a CSV, one naming every column), never panics; each row error has a reason.
fn never_panics(bytes: Vec<u8>) {
    let Ok(info) = inspect_bytes(&bytes) else {
        return;
    };
    let mut mappings = vec![info.mapping.clone()];
    if info.format != Format::VCard {
        let all = Field::ALL;
        mappings.push(Mapping {
            columns: (0..info.headers.len())
                .map(|i| all[1 + i % (all.len() - 1)])
                .collect(),
        });
    }
    for mapping in mappings {
        if let Ok(rows) = records_from_bytes(bytes.clone(), &info, &mapping) {
            for row in rows.take(1_000) {
                if let Err(e) = row {
                    assert!(!e.reason.is_empty());
                }
            }
        }
    }
}

const FRAGMENTS: &[&str] = &[
    ",",
    ";",
    "\t",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    " ::: ",
    "Name",
    "First Name",
    "Last Name",
    "E-mail 1 - Value",
    "Labels",
    "Connected On",
    "Job Title",
    "Business Street",
    "Address 1 - Label",
    "Work",
    "* myContacts",
    "--03-14",
    "0/0/00",
    "3/14/1980",
    "a@b.c",
    "linkedin.com/in/x",
    "é",
    "\u{feff}",
    "\0",
    "\u{fffd}",
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:4.0",
    "FN:",
    "N:",
    ";CHARSET=UTF-8",
    ";ENCODING=QUOTED-PRINTABLE",
    ";ENCODING=b",
    ":",
    "=C3=A9",
    "=\r\n",
    "\r\n ",
    "ADR;TYPE=work:",
    "BDAY:",
    "--0314",
    "X-SOCIALPROFILE;type=linkedin:",
    "CATEGORIES:a,b",
    "TEL;VALUE=uri:tel:+1",
    "ORG:x;y",
    "item1.",
    "\\n",
    "\\,",
    "TYPE=\"",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        never_panics(bytes);
    }

    #[test]
    fn csv_and_vcard_fragments_never_panic(
        parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..120),
        vcard in any::<bool>(),
        utf16 in any::<bool>(),
    ) {
        let mut text = String::from(if vcard { "BEGIN:VCARD\r\n" } else { "First Name,Email,Notes\n" });
        for i in parts {
            text.push_str(FRAGMENTS[i]);
        }
        let bytes = if utf16 {
            let mut b = vec![0xFF, 0xFE];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        } else {
            text.into_bytes()
        };
        never_panics(bytes);
    }
}
