//! A file chosen for import, opened with the right reader: a Follow Through dossier
//! (`dossier`) or a contacts file (`read`: CSV or vCard). For a plain CSV the mapping
//! the user chose last time for the same headers replaces the guess from their names.

use super::{dossier, read, FileInfo, Mapping, Record, RowError};
use crate::error::{Error, Result};
use crate::model::Format;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A reader of a file: records one by one, and how far through the file it is (for a
/// progress bar). Readers stream, so a file is never held whole.
pub trait Feed: Iterator<Item = std::result::Result<Record, RowError>> + Send {
    fn bytes_read(&self) -> u64;
}

impl Feed for read::Records {
    fn bytes_read(&self) -> u64 {
        read::Records::bytes_read(self)
    }
}

/// A file opened for import: what it is, and its records.
pub struct Opened {
    pub info: FileInfo,
    pub feed: Box<dyn Feed>,
}

/// What a file is. `remembered` gives the mapping saved for a plain CSV's headers.
pub fn look_at(
    path: &Path,
    remembered: impl FnOnce(&[String]) -> Option<Mapping>,
) -> Result<FileInfo> {
    if is_dossier(path)? {
        let total_bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        return Ok(FileInfo {
            format: Format::Dossier,
            encoding: "UTF-8",
            delimiter: None,
            headers: Vec::new(),
            sample: Vec::new(),
            mapping: Mapping {
                columns: Vec::new(),
            },
            known: true,
            total_bytes,
        });
    }
    let mut info = read::inspect(path)?;
    if !info.known {
        if let Some(m) = remembered(&info.headers).filter(|m| m.columns.len() == info.headers.len())
        {
            info.mapping = m;
        }
    }
    Ok(info)
}

/// The file's records, read with `remembered`'s mapping (a CSV the user mapped) or the
/// one `look_at` found.
pub fn open(path: &Path, remembered: impl FnOnce(&[String]) -> Option<Mapping>) -> Result<Opened> {
    let info = look_at(path, remembered)?;
    if info.format == Format::Dossier {
        let read = Arc::new(AtomicU64::new(0));
        let file = File::open(path).map_err(|e| unreadable(&e))?;
        let counted = Counted {
            inner: file,
            read: Arc::clone(&read),
        };
        let records = dossier::records(BufReader::new(counted))?;
        return Ok(Opened {
            info,
            feed: Box::new(DossierFeed { records, read }),
        });
    }
    let feed = read::records(path, &info, &info.mapping)?;
    Ok(Opened {
        info,
        feed: Box::new(feed),
    })
}

fn is_dossier(path: &Path) -> Result<bool> {
    let mut start = [0u8; 64];
    let mut file = File::open(path).map_err(|e| unreadable(&e))?;
    let mut n = 0;
    while n < start.len() {
        match file.read(&mut start[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(&e)),
        }
    }
    Ok(dossier::is_dossier(&start[..n]))
}

fn unreadable(e: &std::io::Error) -> Error {
    Error::BadFile {
        message: format!("The file could not be opened: {e}."),
    }
}

/// A dossier's records with the bytes read so far.
struct DossierFeed {
    records: dossier::Records<BufReader<Counted>>,
    read: Arc<AtomicU64>,
}

impl Iterator for DossierFeed {
    type Item = std::result::Result<Record, RowError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.records.next()
    }
}

impl Feed for DossierFeed {
    fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

/// A reader that counts the bytes through it.
struct Counted {
    inner: File,
    read: Arc<AtomicU64>,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
