//! A contacts file looked at (`inspect`: its kind, encoding, columns and a preview) and
//! then read (`records`: a stream of records, one row or card at a time, so memory
//! stays flat however long the file is).

use super::decode::{self, HEAD};
use super::{known, table, vcard, Record, RowError};
use crate::error::{Error, Result};
use crate::model::{Field, Format};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What each column of a CSV holds, one field per header column, in order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Mapping {
    pub columns: Vec<Field>,
}

/// What `inspect` found at the start of a file.
#[derive(Debug, Clone, Serialize)]
pub struct FileInfo {
    pub format: Format,
    /// The encoding's name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", ...
    pub encoding: &'static str,
    /// CSV only: ',', ';' or '\t'.
    pub delimiter: Option<char>,
    /// CSV only: the column names.
    pub headers: Vec<String>,
    /// CSV only: up to the first five rows, for the mapping step's preview.
    pub sample: Vec<Vec<String>>,
    /// A known export's own meaning of its columns; for any other CSV a guess from the
    /// column names, for the user to correct.
    pub mapping: Mapping,
    /// Google, Outlook, LinkedIn and vCard files need no mapping step.
    pub known: bool,
    pub total_bytes: u64,
}

impl FileInfo {
    /// A file of records that need no mapping (a vCard, a dossier).
    fn without_columns(format: Format, encoding: &'static str, total_bytes: u64) -> FileInfo {
        FileInfo {
            format,
            encoding,
            delimiter: None,
            headers: Vec::new(),
            sample: Vec::new(),
            mapping: Mapping {
                columns: Vec::new(),
            },
            known: true,
            total_bytes,
        }
    }
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadFile {
        message: message.into(),
    }
}

fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|e| bad(format!("The file could not be opened: {e}.")))
}

/// Looks at the start of the file (at most 256 KB of it).
pub fn inspect(path: &Path) -> Result<FileInfo> {
    let file = open(path)?;
    let total = file.metadata().map_or(0, |m| m.len());
    let mut head = Vec::with_capacity(HEAD + 1);
    file.take(HEAD as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|e| bad(format!("The file could not be read: {e}.")))?;
    let complete = head.len() <= HEAD;
    head.truncate(HEAD);
    inspect_head(&head, complete, total.max(head.len() as u64))
}

/// `inspect` on a file's bytes in memory.
pub fn inspect_bytes(bytes: &[u8]) -> Result<FileInfo> {
    let head = &bytes[..bytes.len().min(HEAD)];
    inspect_head(head, bytes.len() <= HEAD, bytes.len() as u64)
}

fn inspect_head(head: &[u8], complete: bool, total_bytes: u64) -> Result<FileInfo> {
    if head.is_empty() {
        return Err(bad("This file is empty."));
    }
    if super::dossier::is_dossier(head) {
        return Ok(FileInfo::without_columns(
            Format::Dossier,
            "UTF-8",
            total_bytes,
        ));
    }
    let encoding = decode::detect(head, complete);
    let text = decode::decode_head(head, encoding);
    if let Some(why) = decode::not_text(head, encoding, &text) {
        return Err(bad(why));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(bad(
            "This file is empty: it holds only blank lines or spaces.",
        ));
    }
    let mut first_lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5);
    if first_lines
        .clone()
        .next()
        .is_some_and(|l| l.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        return Err(bad(
            "This is a calendar file (iCalendar), not a contacts file. Export the contacts as vCard or CSV.",
        ));
    }
    let vcard = first_lines.any(|l| l.eq_ignore_ascii_case("BEGIN:VCARD"));
    if vcard {
        return Ok(FileInfo::without_columns(
            Format::VCard,
            encoding.name(),
            total_bytes,
        ));
    }
    let head = table::inspect(text, complete)?;
    Ok(FileInfo {
        format: head.format,
        encoding: encoding.name(),
        delimiter: Some(char::from(head.delimiter)),
        mapping: Mapping {
            columns: known::mapping(head.format, &head.headers),
        },
        headers: head.headers,
        sample: head.sample,
        known: head.format != Format::Csv,
        total_bytes,
    })
}

/// The file's contacts, one row or card at a time. A CSV's columns are read as
/// `mapping` says (the user's, or `info.mapping` for a known export); a vCard's
/// properties need none.
pub fn records(path: &Path, info: &FileInfo, mapping: &Mapping) -> Result<Records> {
    let file = open(path)?;
    start(Box::new(BufReader::new(file)), info, mapping)
}

/// `records` on a file's bytes in memory.
pub fn records_from_bytes(bytes: Vec<u8>, info: &FileInfo, mapping: &Mapping) -> Result<Records> {
    start(Box::new(Cursor::new(bytes)), info, mapping)
}

fn start(source: Box<dyn Read + Send>, info: &FileInfo, mapping: &Mapping) -> Result<Records> {
    let encoding = encoding_rs::Encoding::for_label(info.encoding.as_bytes()).ok_or_else(|| {
        bad(format!(
            "The text encoding {} is not one Follow Through reads.",
            info.encoding
        ))
    })?;
    let (decoded, read) = decode::stream(source, encoding);
    let inner = match info.format {
        Format::VCard => Inner::Cards(Box::new(vcard::Cards::new(decoded))),
        Format::Dossier => {
            Inner::Dossier(Box::new(super::dossier::records(BufReader::new(decoded))?))
        }
        format => {
            let names = mapping.columns.iter().any(|f| {
                matches!(
                    f,
                    Field::FullName
                        | Field::GivenName
                        | Field::MiddleName
                        | Field::FamilyName
                        | Field::Company
                        | Field::Email
                )
            });
            if !names {
                return Err(bad(
                    "No column is chosen to hold a name, a company or an email, so no contact could be named. Choose at least one.",
                ));
            }
            let delimiter = info
                .delimiter
                .and_then(|d| u8::try_from(d).ok())
                .filter(u8::is_ascii)
                .unwrap_or(b',');
            Inner::Rows(Box::new(table::Rows::new(
                decoded,
                delimiter,
                &info.headers,
                mapping.columns.clone(),
                format,
            )?))
        }
    };
    Ok(Records { inner, read })
}

enum Inner {
    Rows(Box<table::Rows>),
    Cards(Box<vcard::Cards>),
    Dossier(Box<super::dossier::Records<BufReader<Box<dyn Read + Send>>>>),
}

/// The contacts of a file as they are read: each a [`Record`], or a [`RowError`]
/// naming the line or card that can't be one. Blank rows and empty cards are passed
/// over.
pub struct Records {
    inner: Inner,
    read: Arc<AtomicU64>,
}

impl Records {
    /// The file's bytes read so far (against `FileInfo::total_bytes`, for progress).
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

impl Iterator for Records {
    type Item = std::result::Result<Record, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Rows(rows) => rows.next(),
            Inner::Cards(cards) => cards.next(),
            Inner::Dossier(lines) => lines.next(),
        }
    }
}
