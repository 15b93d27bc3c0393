//! A file chosen for import, looked at and opened (`read`: CSV, vCard or a dossier). For
//! a plain CSV the mapping the user chose last time for the same headers replaces the
//! guess from their names.

use super::{read, FileInfo, Mapping, Record, RowError};
use crate::error::Result;
use std::path::Path;

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
    let feed = read::records(path, &info, &info.mapping)?;
    Ok(Opened {
        info,
        feed: Box::new(feed),
    })
}
