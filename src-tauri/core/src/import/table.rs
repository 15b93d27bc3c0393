//! CSV files: the dialect (which delimiter, where the header row is), a preview, and
//! the rows streamed through `csv` as they are read.

use super::contact::Builder;
use super::known;
use super::{Place, Record, RowError};
use crate::error::{Error, Result};
use crate::limits::{thousands, IMPORT_CELL, IMPORT_COLUMNS, IMPORT_RECORD};
use crate::model::{Field, Format};
use csv::{ByteRecord, ReaderBuilder};
use std::collections::VecDeque;
use std::io::{self, Read};

/// The delimiters files use: comma; semicolon where the comma is the decimal mark
/// (Excel in most of Europe); tab.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// LinkedIn writes a few lines of notes above its header row; the header is looked for
/// among this many rows.
const HEADER_SEARCH: usize = 20;
/// Rows shown in the mapping step's preview.
const SAMPLE_ROWS: usize = 5;
/// A preview cell is cut to this many characters.
const SAMPLE_CELL: usize = 200;

/// What the start of a CSV file says about it.
pub(crate) struct Head {
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub sample: Vec<Vec<String>>,
    pub format: Format,
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadFile {
        message: message.into(),
    }
}

fn reader<R: Read>(input: R, delimiter: u8) -> csv::Reader<R> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(input)
}

fn is_blank(record: &ByteRecord) -> bool {
    record.iter().all(|cell| cell.trim_ascii().is_empty())
}

/// The first rows of `text` with this delimiter, blank ones left out, and whether the
/// last one may be cut short by the end of the sample.
fn rows(text: &str, delimiter: u8, complete: bool) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut record = ByteRecord::new();
    let mut csv = reader(text.as_bytes(), delimiter);
    while out.len() < HEADER_SEARCH + SAMPLE_ROWS + 1 {
        match csv.read_byte_record(&mut record) {
            Ok(true) if is_blank(&record) => {}
            Ok(true) => out.push(
                record
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .collect(),
            ),
            Ok(false) | Err(_) => {
                // The sample ends inside the last row: it may be missing cells.
                if !complete && out.len() > 1 {
                    out.pop();
                }
                break;
            }
        }
    }
    out
}

/// The delimiter, header row, preview and kind of a CSV file, from its start.
pub(crate) fn inspect(text: &str, complete: bool) -> Result<Head> {
    let candidates: Vec<(u8, Vec<Vec<String>>)> = DELIMITERS
        .iter()
        .map(|&d| (d, rows(text, d, complete)))
        .collect();
    // A known export's header row, with whichever delimiter shows it.
    for (delimiter, rows) in &candidates {
        for (i, row) in rows.iter().take(HEADER_SEARCH).enumerate() {
            if let Some(format) = known::recognise(row) {
                return head(*delimiter, rows, i, format, complete);
            }
        }
    }
    // Otherwise the delimiter that splits the first row into most columns, as long as
    // the rows under it split the same way.
    let score = |rows: &Vec<Vec<String>>| {
        let width = rows.first().map_or(0, Vec::len);
        let agree = rows.iter().skip(1).filter(|r| r.len() == width).count();
        let disagree = rows.len().saturating_sub(1) - agree;
        (width > 1 && agree >= disagree, width > 1, agree, width)
    };
    let (delimiter, rows) = candidates
        .iter()
        .max_by_key(|(_, rows)| score(rows))
        .map(|(d, rows)| (*d, rows.clone()))
        .unwrap_or((b',', Vec::new()));
    head(delimiter, &rows, 0, Format::Csv, complete)
}

fn head(
    delimiter: u8,
    rows: &[Vec<String>],
    at: usize,
    format: Format,
    complete: bool,
) -> Result<Head> {
    let Some(headers) = rows.get(at) else {
        return Err(bad(
            "The first row of this file is too long to be a row of column names; it doesn't look like a contacts file.",
        ));
    };
    if headers.len() > IMPORT_COLUMNS {
        return Err(bad(format!(
            "A row has {} columns; Follow Through reads at most {}.",
            thousands(headers.len()),
            thousands(IMPORT_COLUMNS)
        )));
    }
    if headers.iter().any(|h| h.contains('\n')) {
        return Err(bad(
            "The row of column names has a quote (\") that is never closed, so its columns can't be told apart.",
        ));
    }
    if headers.iter().any(|h| h.chars().nth(1_000).is_some()) {
        return Err(bad(
            "The first row doesn't hold column names (a cell in it is over 1,000 characters long).",
        ));
    }
    let sample: Vec<Vec<String>> = rows[at + 1..]
        .iter()
        .take(SAMPLE_ROWS)
        .map(|row| {
            row.iter()
                .take(IMPORT_COLUMNS)
                .map(|c| c.chars().take(SAMPLE_CELL).collect())
                .collect()
        })
        .collect();
    if sample.is_empty() && complete {
        return Err(bad("The CSV has a header row but no rows under it."));
    }
    Ok(Head {
        delimiter,
        headers: headers.clone(),
        sample,
        format,
    })
}

/// The decoded stream as `csv` reads it. It refuses to go further than a row may
/// reach (`csv` holds a whole row in memory, and a quote never closed would make the
/// rest of the file one row), and notes where the line breaks are, so a row's line is
/// the one an editor shows: `csv`'s own count is one short after a CRLF, and it doesn't
/// count a lone CR (old Mac files) at all.
struct Bounded {
    inner: Box<dyn Read + Send>,
    taken: u64,
    allowed: u64,
    /// Offsets of the line breaks read but not yet passed by a row.
    breaks: VecDeque<u64>,
    last_cr: bool,
}

#[derive(Debug)]
struct TooLong;

impl std::fmt::Display for TooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("row too long")
    }
}

impl std::error::Error for TooLong {}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = self.allowed.saturating_sub(self.taken);
        if room == 0 && !buf.is_empty() {
            return Err(io::Error::other(TooLong));
        }
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        for (i, &b) in buf[..n].iter().enumerate() {
            // CRLF is one break, counted at its CR; CR alone and LF alone are one each.
            if b == b'\r' || (b == b'\n' && !self.last_cr) {
                self.breaks.push_back(self.taken + i as u64);
            }
            self.last_cr = b == b'\r';
        }
        self.taken += n as u64;
        Ok(n)
    }
}

/// A CSV file's rows after its header, as records.
pub(crate) struct Rows {
    csv: csv::Reader<Bounded>,
    /// Line breaks before the last row read.
    lines: u64,
    headers: Vec<String>,
    mapping: Vec<Field>,
    format: Format,
    record: ByteRecord,
    done: bool,
}

impl Rows {
    /// Reads up to the header row the file was inspected with.
    pub(crate) fn new(
        decoded: Box<dyn Read + Send>,
        delimiter: u8,
        headers: &[String],
        mapping: Vec<Field>,
        format: Format,
    ) -> Result<Rows> {
        let bounded = Bounded {
            inner: decoded,
            taken: 0,
            allowed: 0,
            breaks: VecDeque::new(),
            last_cr: false,
        };
        let mut rows = Rows {
            csv: reader(bounded, delimiter),
            lines: 0,
            headers: headers.to_vec(),
            mapping,
            format,
            record: ByteRecord::new(),
            done: false,
        };
        let wanted: Vec<String> = headers.iter().map(|h| known::normalize(h)).collect();
        let mut seen = 0;
        while seen < HEADER_SEARCH {
            match rows.read() {
                Ok(true) if is_blank(&rows.record) => {}
                Ok(true) => {
                    seen += 1;
                    let found: Vec<String> = rows
                        .record
                        .iter()
                        .map(|c| known::normalize(&String::from_utf8_lossy(c)))
                        .collect();
                    if found == wanted {
                        return Ok(rows);
                    }
                }
                Ok(false) | Err(_) => break,
            }
        }
        Err(bad(
            "The file's column names are not where they were when it was first looked at; it may have changed since. Choose the file again.",
        ))
    }

    fn read(&mut self) -> csv::Result<bool> {
        let at = self.csv.position().byte();
        // The reader looks ahead by its buffer; the margin covers it.
        self.csv.get_mut().allowed = at + IMPORT_RECORD as u64 + 64 * 1024;
        self.csv.read_byte_record(&mut self.record)
    }

    /// The line (1-based) a row starting at byte `at` is on.
    fn line_at(&mut self, at: u64) -> u64 {
        let breaks = &mut self.csv.get_mut().breaks;
        while breaks.front().is_some_and(|&b| b < at) {
            breaks.pop_front();
            self.lines += 1;
        }
        self.lines + 1
    }

    fn row(&self, line: u64) -> std::result::Result<Record, RowError> {
        let place = Place::Line(line);
        let fail = |reason: String| RowError { place, reason };
        if self.record.len() > IMPORT_COLUMNS {
            return Err(fail(format!(
                "This row has {} columns; Follow Through reads at most {}.",
                thousands(self.record.len()),
                thousands(IMPORT_COLUMNS)
            )));
        }
        let mut contact = Builder::new(self.format);
        for (i, cell) in self.record.iter().enumerate() {
            let field = self.mapping.get(i).copied().unwrap_or(Field::Ignore);
            let header = self.headers.get(i).map_or("", String::as_str);
            if field == Field::Ignore {
                // Google says which of its numbered addresses is the work one in a
                // column of its own.
                if let Ok(kind) = std::str::from_utf8(cell) {
                    contact.address_kind(header, kind);
                }
                continue;
            }
            if cell.len() > IMPORT_CELL {
                return Err(fail(format!(
                    "The cell under “{header}” holds {} bytes; Follow Through reads at most {} in a cell. The file may have a quote (\") that is never closed.",
                    thousands(cell.len()),
                    thousands(IMPORT_CELL)
                )));
            }
            let Ok(text) = std::str::from_utf8(cell) else {
                return Err(fail(
                    "This row isn't valid UTF-8 text (the file may mix text encodings). Save the file as UTF-8 and import it again."
                        .to_string(),
                ));
            };
            contact.add(field, header, text);
        }
        let keeps_source = contact.keeps_source();
        let contact = contact.finish().map_err(fail)?;
        Ok(Record {
            place,
            contact,
            history: None,
            keeps_source,
        })
    }
}

impl Iterator for Rows {
    type Item = std::result::Result<Record, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let at = self.csv.position().byte();
            match self.read() {
                Ok(false) => self.done = true,
                Ok(true) => {
                    // Every row passes the breaks before it, blank ones too, so the
                    // list of breaks never grows past what is read ahead.
                    let start = self.record.position().map_or(at, |p| p.byte());
                    let line = self.line_at(start);
                    if !is_blank(&self.record) {
                        return Some(self.row(line));
                    }
                }
                Err(e) => {
                    self.done = true;
                    let too_long = matches!(e.kind(), csv::ErrorKind::Io(io)
                        if io.get_ref().is_some_and(|inner| inner.is::<TooLong>()));
                    let reason = if too_long {
                        format!(
                            "The row starting here is longer than {} bytes, so the rest of the file was not read. The file may have a quote (\") that is never closed.",
                            thousands(IMPORT_RECORD)
                        )
                    } else {
                        format!("The rest of the file could not be read: {e}")
                    };
                    return Some(Err(RowError {
                        place: Place::Line(self.line_at(at)),
                        reason,
                    }));
                }
            }
        }
        None
    }
}
