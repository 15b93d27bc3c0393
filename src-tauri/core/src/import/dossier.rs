//! Reading a hand-off dossier (written by `export::dossier`): the header is checked
//! once, then each line becomes a [`Record`] with its history, one at a time, so a large
//! dossier is never held whole. A line that doesn't read is a [`RowError`] naming the
//! field at fault; the lines after it still read.

use super::{Place, Record, RowError};
use crate::error::{Error, Result};
use crate::export::dossier::{Header, Line, MAGIC, VERSION};
use std::io::BufRead;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a file's first bytes are a dossier's header (its first key is the magic one,
/// which the writer always puts first).
pub fn is_dossier(start: &[u8]) -> bool {
    let rest = start.strip_prefix(BOM).unwrap_or(start).trim_ascii_start();
    let Some(rest) = rest.strip_prefix(b"{") else {
        return false;
    };
    let key = format!("\"{MAGIC}\"");
    rest.trim_ascii_start().starts_with(key.as_bytes())
}

/// The dossier's prospects, after its header is checked: a header of a newer format
/// (or none) is a `BadFile` and nothing is read.
pub fn records<R: BufRead>(mut input: R) -> Result<Records<R>> {
    let mut first = Vec::new();
    input.read_until(b'\n', &mut first)?;
    let first = first.strip_prefix(BOM).unwrap_or(&first);
    let not_one = || Error::BadFile {
        message: "This isn't a Follow Through dossier: its first line is not a dossier's \
                  header."
            .into(),
    };
    // The version first, on its own: a newer header may have other fields.
    let version: serde_json::Value = serde_json::from_slice(first).map_err(|_| not_one())?;
    let version = version
        .get(MAGIC)
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(not_one)?;
    if version > u64::from(VERSION) {
        return Err(Error::BadFile {
            message: format!(
                "This dossier was written by a newer Follow Through (dossier format \
                 {version}; this version reads up to {VERSION}). Update Follow Through to \
                 import it; nothing was imported."
            ),
        });
    }
    let header: Header = serde_json::from_slice(first).map_err(|e| Error::BadFile {
        message: format!("This dossier's header can't be read ({e})."),
    })?;
    Ok(Records {
        input,
        header,
        read: 0,
        done: false,
    })
}

/// The prospects of a dossier, in file order.
pub struct Records<R> {
    input: R,
    header: Header,
    /// Prospect lines read so far.
    read: u64,
    done: bool,
}

impl<R> Records<R> {
    /// The dossier's header (when it was written, how many prospects it holds).
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn error(&mut self, reason: String) -> std::result::Result<Record, RowError> {
        Err(RowError {
            place: Place::Card(self.read),
            reason,
        })
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = std::result::Result<Record, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.input.read_until(b'\n', &mut line) {
                Err(e) => {
                    self.done = true;
                    self.read += 1;
                    return Some(self.error(format!("the file could not be read further ({e})")));
                }
                Ok(0) => {
                    self.done = true;
                    let promised = u64::from(self.header.prospects);
                    if self.read < promised {
                        let read = self.read;
                        self.read += 1;
                        return Some(self.error(format!(
                            "the file ends after {read} of its {promised} prospects (it was \
                             cut short)"
                        )));
                    }
                    return None;
                }
                // Blank lines (a trailing newline an editor added) are not prospects.
                Ok(_) if line.trim_ascii().is_empty() => continue,
                Ok(_) => break,
            }
        }
        self.read += 1;
        let mut json = serde_json::Deserializer::from_slice(&line);
        let parsed: std::result::Result<Line, _> = serde_path_to_error::deserialize(&mut json);
        Some(match parsed {
            Ok(line) => {
                let (contact, history) = line.into_parts();
                Ok(Record {
                    place: Place::Card(self.read),
                    contact,
                    history: Some(Box::new(history)),
                    keeps_source: true,
                })
            }
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                if path == "." || inner.is_syntax() || inner.is_eof() {
                    self.error(format!("this line is not a prospect's record ({inner})"))
                } else {
                    self.error(format!("the field {path} can't be read ({inner})"))
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "{\"followthrough_dossier\":1,\"exported_at\":\"2025-03-04T15:00:00Z\",\"prospects\":2}\n";

    #[test]
    fn a_dossier_is_known_by_its_first_bytes() {
        assert!(is_dossier(HEADER.as_bytes()));
        assert!(is_dossier(b"\xEF\xBB\xBF { \"followthrough_dossier\": 2"));
        assert!(!is_dossier(b"name,email\n"));
        assert!(!is_dossier(
            b"{\"prospects\":1,\"followthrough_dossier\":1}"
        ));
        assert!(!is_dossier(b"BEGIN:VCARD"));
        assert!(!is_dossier(b""));
    }

    #[test]
    fn a_newer_dossier_is_refused_with_what_to_do() {
        let file = "{\"followthrough_dossier\":2,\"anything\":true}\n";
        let Err(err) = records(file.as_bytes()) else {
            panic!("a newer dossier must be refused")
        };
        assert_eq!(err.code(), "bad_file");
        assert!(err.to_string().contains("newer Follow Through"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_dossier_is_refused() {
        for file in ["name,email\n", "{\"other\":1}\n", ""] {
            let Err(err) = records(file.as_bytes()) else {
                panic!("{file:?} must be refused")
            };
            assert_eq!(err.code(), "bad_file", "{file:?}");
        }
    }

    #[test]
    fn a_bad_line_names_its_field_and_the_rest_still_read() {
        let file = format!(
            "{HEADER}{{\"contact\":{{\"name\":3}}}}\nnot json\n\n{{\"contact\":{{}},\"history\":{{}}}}\n"
        );
        let rows: Vec<_> = records(file.as_bytes()).unwrap().collect();
        assert_eq!(rows.len(), 3, "{rows:?}");
        let e = rows[0].as_ref().unwrap_err();
        assert_eq!(e.place, Place::Card(1));
        assert!(e.reason.contains("contact.name"), "{}", e.reason);
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!(e.place, Place::Card(2));
        assert!(e.reason.contains("not a prospect's record"), "{}", e.reason);
        let e = rows[2].as_ref().unwrap_err();
        assert_eq!(e.place, Place::Card(3));
        assert!(
            e.reason.contains("missing field `created_at`"),
            "{}",
            e.reason
        );
    }

    #[test]
    fn a_dossier_cut_short_says_so() {
        let rows: Vec<_> = records(HEADER.as_bytes()).unwrap().collect();
        assert_eq!(rows.len(), 1);
        let e = rows[0].as_ref().unwrap_err();
        assert!(e.reason.contains("0 of its 2"), "{}", e.reason);
    }
}
