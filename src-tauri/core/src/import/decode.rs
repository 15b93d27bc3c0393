//! Which text encoding a contacts file is in, whether it is text at all, and the
//! streaming decoder the readers read it through.
//!
//! The encoding is decided once, from the start of the file: a byte-order mark; else
//! UTF-16 told by its NUL bytes; else UTF-8 if the start is valid UTF-8; else
//! `chardetng`'s guess (Windows-1252 for the Outlook exports this is for). A file that
//! starts as valid UTF-8 is read as UTF-8 to the end; a row or card further on that is
//! not valid UTF-8 becomes a row error naming it (rather than a silent mangling of the
//! name in it), and the rows around it are still read.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use encoding_rs_io::DecodeReaderBytesBuilder;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How much of the file `inspect` reads: the header, LinkedIn's notes above it, and a
/// few rows to preview.
pub(crate) const HEAD: usize = 256 * 1024;
/// How much of it the legacy-encoding detector looks at.
const DETECT: usize = 64 * 1024;

/// The file's encoding, from its first bytes. `complete` says `head` is the whole file
/// (so a multi-byte character cut at the end of `head` is an error, not the cut).
pub(crate) fn detect(head: &[u8], complete: bool) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    if let Some(encoding) = utf16_by_nuls(head) {
        return encoding;
    }
    match std::str::from_utf8(head) {
        Ok(_) => return UTF_8,
        // Cut in the middle of a character by the sample's end: still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => return UTF_8,
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &head[..head.len().min(DETECT)];
    detector.feed(sample, complete && sample.len() == head.len());
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// UTF-16 without a byte-order mark: text in Latin script has a NUL in every other byte.
fn utf16_by_nuls(head: &[u8]) -> Option<&'static Encoding> {
    let pairs: Vec<&[u8]> = head[..head.len().min(4096)].chunks_exact(2).collect();
    if pairs.len() < 2 {
        return None;
    }
    let le = pairs.iter().filter(|p| p[0] != 0 && p[1] == 0).count();
    let be = pairs.iter().filter(|p| p[0] == 0 && p[1] != 0).count();
    // Most characters of a contacts file are ASCII (column names, digits, addresses).
    let enough = pairs.len() * 7 / 10;
    if le >= enough {
        Some(UTF_16LE)
    } else if be >= enough {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The start of a file in another format, by its signature.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (
        b"PK\x03\x04",
        "a zip archive (an Excel or Numbers file is one; save it as CSV)",
    ),
    (b"\xD0\xCF\x11\xE0", "an Office document (save it as CSV)"),
    (b"SQLite format 3\0", "a database"),
    (b"\x1F\x8B", "a compressed (gzip) file"),
];

/// Why `head` is not text, if it isn't, in words for the user.
pub(crate) fn not_text(head: &[u8], encoding: &'static Encoding, text: &str) -> Option<String> {
    const PREFIX: &str = "This doesn't look like a contacts file (CSV or vCard)";
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| head.starts_with(sig)) {
        return Some(format!("{PREFIX}: it is {what}."));
    }
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}'))
        .count();
    // A NUL never belongs in text; a few other control characters may slip into a
    // note, but not one in fifty.
    if (!utf16 && head.contains(&0)) || text.contains('\0') || controls * 50 > text.len().max(1) {
        return Some(format!("{PREFIX}: it holds binary data."));
    }
    None
}

/// The start of the file as text (lossy: it is only looked at, never imported).
pub(crate) fn decode_head(head: &[u8], encoding: &'static Encoding) -> String {
    let (text, _, _) = encoding.decode(head);
    text.into_owned()
}

/// Counts the file's bytes as the decoder takes them, for a progress bar.
pub(crate) struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The file as UTF-8 text (or, for a UTF-8 file, its bytes as they are, so a bad row
/// can be named), streamed; and the count of the file's bytes read so far.
pub(crate) fn stream(
    source: Box<dyn Read + Send>,
    encoding: &'static Encoding,
) -> (Box<dyn Read + Send>, Arc<AtomicU64>) {
    let read = Arc::new(AtomicU64::new(0));
    let counting = Counting {
        inner: source,
        read: Arc::clone(&read),
    };
    let mut builder = DecodeReaderBytesBuilder::new();
    builder.bom_sniffing(true).strip_bom(true);
    if encoding == UTF_8 {
        builder.encoding(None).utf8_passthru(true);
    } else {
        builder.encoding(Some(encoding));
    }
    (Box::new(builder.build(counting)), read)
}

/// Reads one line (up to and including `\n`) into `line`, keeping at most `max` bytes
/// of it (the rest is read and dropped). Returns the bytes the line had, 0 at the end.
pub(crate) fn read_line_bounded(
    reader: &mut impl io::BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<usize> {
    line.clear();
    let mut total = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(total);
        }
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = max.saturating_sub(line.len()).min(take);
        line.extend_from_slice(&buf[..room]);
        reader.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_from_the_start_of_the_file() {
        assert_eq!(detect(b"\xEF\xBB\xBFName\n", true), UTF_8);
        assert_eq!(detect(b"\xFF\xFEN\0a\0", true), UTF_16LE);
        assert_eq!(detect(b"N\0a\0m\0e\0\n\0", true), UTF_16LE);
        assert_eq!(detect(b"\0N\0a\0m\0e\0\n", true), UTF_16BE);
        assert_eq!(detect("José".as_bytes(), true), UTF_8);
        // Cut inside "é" at the sample's end: still UTF-8.
        assert_eq!(detect(&"José".as_bytes()[..4], false), UTF_8);
        let latin = b"First Name,Last Name\nJos\xE9,M\xFCller\nRen\xE9e,Fran\xE7ois\n";
        assert_eq!(detect(latin, true).name(), "windows-1252");
    }

    #[test]
    fn lines_longer_than_the_bound_are_cut_but_read_whole() {
        let mut input = io::Cursor::new(b"abcdef\nxy".to_vec());
        let mut line = Vec::new();
        assert_eq!(read_line_bounded(&mut input, &mut line, 3).unwrap(), 7);
        assert_eq!(line, b"abc");
        assert_eq!(read_line_bounded(&mut input, &mut line, 3).unwrap(), 2);
        assert_eq!(line, b"xy");
        assert_eq!(read_line_bounded(&mut input, &mut line, 3).unwrap(), 0);
    }
}
