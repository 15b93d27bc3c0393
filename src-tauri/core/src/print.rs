//! Print-ready pages for a batch of handwritten notes, as a PDF: for each note, the card
//! drawn at its real size with the text on the lines it will take when copied by hand,
//! then envelopes (one page each, at the envelope's size) or a sheet of address labels.
//!
//! PDF by krilla (maintained, pure Rust, subsets the font it embeds); the font is
//! DejaVu Serif, shipped with the app so every machine prints the same pages and names
//! in most scripts of Europe come out right.

use crate::error::{Error, Result};
use crate::model::{Addressing, PrintBatch, PrintNote};
use krilla::color::{luma, rgb};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use serde::{Deserialize, Serialize};

static FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSerif.ttf");

const PT_PER_IN: f32 = 72.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::Letter => (8.5 * PT_PER_IN, 11.0 * PT_PER_IN),
            Paper::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrintOptions {
    #[serde(default)]
    pub paper: Paper,
    #[serde(default)]
    pub addressing: Addressing,
}

/// Lays the batch out and returns the PDF's bytes.
pub fn pdf(batch: &PrintBatch, options: &PrintOptions) -> Result<Vec<u8>> {
    let notes = &batch.notes;
    let return_address = &batch.from;
    let font = Font::new(FONT.into(), 0)
        .ok_or_else(|| Error::Print("the built-in font could not be read".into()))?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(format!("Handwritten notes ({})", notes.len()))
            .creator("Follow Through".into()),
    );
    let (pw, ph) = options.paper.size();
    for (i, note) in notes.iter().enumerate() {
        let mut page = doc.start_page_with(page_settings(pw, ph)?);
        let mut s = page.surface();
        note_page(&mut s, &font, note, i + 1, notes.len(), pw);
        s.finish();
        page.finish();
    }
    match options.addressing {
        Addressing::None => {}
        Addressing::Envelopes => {
            for note in notes {
                let (w, h) = note.card.envelope;
                let (w, h) = (w * PT_PER_IN, h * PT_PER_IN);
                let mut page = doc.start_page_with(page_settings(w, h)?);
                let mut s = page.surface();
                envelope(&mut s, &font, note, return_address, w, h);
                s.finish();
                page.finish();
            }
        }
        Addressing::Labels => {
            let sheet = LabelSheet::for_paper(options.paper);
            for chunk in notes.chunks(sheet.cols * sheet.rows) {
                let mut page = doc.start_page_with(page_settings(pw, ph)?);
                let mut s = page.surface();
                labels(&mut s, &font, chunk, &sheet);
                s.finish();
                page.finish();
            }
        }
    }
    doc.finish().map_err(|e| Error::Print(format!("{e:?}")))
}

fn page_settings(w: f32, h: f32) -> Result<PageSettings> {
    PageSettings::from_wh(w, h).ok_or_else(|| Error::Print("invalid page size".into()))
}

fn text(s: &mut Surface<'_>, font: &Font, x: f32, y: f32, size: f32, line: &str) {
    if line.is_empty() {
        return;
    }
    s.draw_text(
        Point::from_xy(x, y),
        font.clone(),
        size,
        line,
        false,
        TextDirection::Auto,
    );
}

fn ink(s: &mut Surface<'_>, grey: u8) {
    s.set_stroke(None);
    s.set_fill(Some(Fill {
        paint: luma::Color::new(grey).into(),
        ..Fill::default()
    }));
}

fn outline(s: &mut Surface<'_>, rect: Rect, width: f32, colour: rgb::Color, dashed: bool) {
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    let Some(path) = pb.finish() else { return };
    s.set_fill(None);
    s.set_stroke(Some(Stroke {
        paint: colour.into(),
        width,
        opacity: NormalizedF32::ONE,
        dash: dashed.then(|| krilla::paint::StrokeDash {
            array: vec![4.0, 3.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }));
    s.draw_path(&path);
}

fn rule(s: &mut Surface<'_>, x1: f32, x2: f32, y: f32, colour: rgb::Color) {
    let mut pb = PathBuilder::new();
    pb.move_to(x1, y);
    pb.line_to(x2, y);
    let Some(path) = pb.finish() else { return };
    s.set_fill(None);
    s.set_stroke(Some(Stroke {
        paint: colour.into(),
        width: 0.5,
        ..Stroke::default()
    }));
    s.draw_path(&path);
}

/// One note: who it is for, the card at its real size with ruled lines and the text on
/// them, and where it goes.
fn note_page(s: &mut Surface<'_>, font: &Font, note: &PrintNote, n: usize, of: usize, pw: f32) {
    let margin = 0.75 * PT_PER_IN;
    ink(s, 110);
    text(
        s,
        font,
        margin,
        margin,
        9.0,
        &format!("Handwritten note {n} of {of}"),
    );
    ink(s, 0);
    text(
        s,
        font,
        margin,
        margin + 22.0,
        16.0,
        &format!("To {}", note.name),
    );
    ink(s, 90);
    let card = note.card;
    text(
        s,
        font,
        margin,
        margin + 40.0,
        10.0,
        &format!(
            "{} \u{b7} copy each line as laid out; it fits the card",
            card.label
        ),
    );

    // The card at real size, centred.
    let (cw, ch) = (card.width_in * PT_PER_IN, card.height_in * PT_PER_IN);
    let (cx, cy) = ((pw - cw) / 2.0, margin + 62.0);
    if let Some(r) = Rect::from_xywh(cx, cy, cw, ch) {
        outline(s, r, 0.8, rgb::Color::new(120, 120, 120), true);
    }
    let inset = 0.3 * PT_PER_IN;
    let line_h = (ch - 2.0 * inset) / card.lines as f32;
    // Sized so a full line of average text spans the writing width.
    let size = (line_h * 0.6).min((cw - 2.0 * inset) / (card.chars_per_line as f32 * 0.5));
    for i in 0..card.lines {
        let y = cy + inset + line_h * (i as f32 + 1.0);
        rule(
            s,
            cx + inset,
            cx + cw - inset,
            y,
            rgb::Color::new(205, 215, 230),
        );
    }
    ink(s, 20);
    for (i, line) in note.lines.iter().enumerate() {
        let y = cy + inset + line_h * (i as f32 + 1.0) - line_h * 0.22;
        text(s, font, cx + inset, y, size, line);
    }

    // Where it goes.
    let mut y = cy + ch + 36.0;
    ink(s, 110);
    text(s, font, margin, y, 9.0, "Envelope");
    ink(s, 0);
    for line in &note.address {
        y += 15.0;
        text(s, font, margin, y, 11.0, line);
    }
}

/// An envelope at its own size: return address top left, recipient in the middle.
fn envelope(s: &mut Surface<'_>, font: &Font, note: &PrintNote, from: &[String], w: f32, h: f32) {
    ink(s, 40);
    let mut y = 0.45 * PT_PER_IN;
    for line in from {
        text(s, font, 0.35 * PT_PER_IN, y, 9.0, line);
        y += 12.0;
    }
    ink(s, 0);
    let x = w * 0.40;
    let mut y = h * 0.48;
    for line in &note.address {
        text(s, font, x, y, 12.0, line);
        y += 16.0;
    }
}

/// Standard label sheets: Avery 5160 on Letter, L7160 on A4.
struct LabelSheet {
    cols: usize,
    rows: usize,
    left: f32,
    top: f32,
    col_pitch: f32,
    row_pitch: f32,
    width: f32,
    height: f32,
}

impl LabelSheet {
    fn for_paper(paper: Paper) -> LabelSheet {
        match paper {
            Paper::Letter => LabelSheet {
                cols: 3,
                rows: 10,
                left: 0.1875 * PT_PER_IN,
                top: 0.5 * PT_PER_IN,
                col_pitch: 2.75 * PT_PER_IN,
                row_pitch: PT_PER_IN,
                width: 2.625 * PT_PER_IN,
                height: PT_PER_IN,
            },
            Paper::A4 => LabelSheet {
                cols: 3,
                rows: 7,
                left: 7.2 * PT_PER_MM,
                top: 15.1 * PT_PER_MM,
                col_pitch: 66.0 * PT_PER_MM,
                row_pitch: 38.1 * PT_PER_MM,
                width: 63.5 * PT_PER_MM,
                height: 38.1 * PT_PER_MM,
            },
        }
    }
}

fn labels(s: &mut Surface<'_>, font: &Font, notes: &[PrintNote], sheet: &LabelSheet) {
    for (i, note) in notes.iter().enumerate() {
        let (col, row) = (i % sheet.cols, i / sheet.cols);
        let x = sheet.left + col as f32 * sheet.col_pitch;
        let y = sheet.top + row as f32 * sheet.row_pitch;
        if let Some(r) = Rect::from_xywh(x, y, sheet.width, sheet.height) {
            outline(s, r, 0.3, rgb::Color::new(225, 225, 225), false);
        }
        ink(s, 0);
        // Every line on the label: the size shrinks until a long address fits.
        let room = sheet.height - 0.24 * PT_PER_IN;
        let size = (room / (note.address.len().max(1) as f32 * 1.25)).min(9.0);
        let mut ly = y + 0.12 * PT_PER_IN + size;
        for line in &note.address {
            if ly > y + sheet.height - 4.0 {
                break;
            }
            text(s, font, x + 0.12 * PT_PER_IN, ly, size, line);
            ly += size * 1.25;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cards;

    fn sample() -> PrintNote {
        let card = cards::card("a2_folded").unwrap();
        PrintNote {
            note_id: 1,
            name: "Zoë Ångström".into(),
            address: vec![
                "Zoë Ångström".into(),
                "1 Main St".into(),
                "Portland, OR 97201".into(),
            ],
            card,
            lines: cards::wrap(
                "Dear Zoë,\n\nThank you for Tuesday; the portal demo was a pleasure.",
                card,
            ),
        }
    }

    #[test]
    fn a_batch_is_a_pdf_with_a_page_per_note_and_envelope() {
        for addressing in [Addressing::None, Addressing::Envelopes, Addressing::Labels] {
            for paper in [Paper::Letter, Paper::A4] {
                let batch = PrintBatch {
                    notes: vec![sample(), sample()],
                    from: vec!["Sam Rivera".into(), "2 Side St".into()],
                };
                let bytes = pdf(&batch, &PrintOptions { paper, addressing }).unwrap();
                assert!(bytes.starts_with(b"%PDF-"));
                let raw = String::from_utf8_lossy(&bytes);
                let pages =
                    raw.matches("/Type /Page").count() - raw.matches("/Type /Pages").count();
                let expected = match addressing {
                    Addressing::None => 2,
                    Addressing::Envelopes => 4,
                    Addressing::Labels => 3,
                };
                assert_eq!(pages, expected, "{addressing:?} {paper:?}");
            }
        }
    }
}
