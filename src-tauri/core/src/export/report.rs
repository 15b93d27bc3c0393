//! A report as files: its table as CSV (the numbers behind the chart, as the table
//! view shows them) and its chart as the PNG the window drew.

use crate::error::{Error, Result};
use std::io::Write;

/// The most rows and columns a report's table has (a year of days by a handful of
/// series is far below this); more is refused rather than written.
pub const MAX_ROWS: usize = 10_000;
pub const MAX_COLUMNS: usize = 200;
/// A chart's PNG is a few hundred kilobytes; this bounds what the window may hand over.
pub const MAX_PNG_BYTES: usize = 20 * 1024 * 1024;

/// Writes a table with its header row as CSV (UTF-8, no byte-order mark: see `csv`).
/// Every row must have as many cells as the header.
pub fn write_table(out: &mut dyn Write, columns: &[String], rows: &[Vec<String>]) -> Result<()> {
    if columns.is_empty() || columns.len() > MAX_COLUMNS || rows.len() > MAX_ROWS {
        return Err(Error::invalid(
            "table",
            "This table is too large to export.",
        ));
    }
    if let Some(i) = rows.iter().position(|r| r.len() != columns.len()) {
        return Err(Error::invalid(
            "table",
            format!(
                "Row {} has {} cells where the header has {}.",
                i + 1,
                rows[i].len(),
                columns.len()
            ),
        ));
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(columns).map_err(csv_error)?;
    for row in rows {
        w.write_record(row).map_err(csv_error)?;
    }
    w.flush()?;
    Ok(())
}

/// Checks that bytes are a PNG image (its 8-byte signature and an IHDR chunk first) of a
/// sensible size before they are written under a `.png` name.
pub fn check_png(bytes: &[u8]) -> Result<()> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() > MAX_PNG_BYTES {
        return Err(Error::invalid("image", "The chart image is too large."));
    }
    if bytes.len() < 16 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return Err(Error::invalid(
            "image",
            "The chart could not be drawn as an image.",
        ));
    }
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::invalid("table", format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_written_with_quotes_where_needed_and_ragged_rows_are_refused() {
        let columns = vec!["week".to_string(), "on time, in block".to_string()];
        let mut out = Vec::new();
        write_table(&mut out, &columns, &[vec!["2026-03-02".into(), "4".into()]]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "week,\"on time, in block\"\n2026-03-02,4\n"
        );
        let err = write_table(&mut Vec::new(), &columns, &[vec!["x".into()]]).unwrap_err();
        assert_eq!(err.to_string(), "Row 1 has 1 cells where the header has 2.");
    }

    #[test]
    fn only_png_bytes_pass() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend([0; 13]);
        assert!(check_png(&png).is_ok());
        assert!(check_png(b"<svg></svg>").is_err());
        assert!(check_png(&[]).is_err());
    }
}
