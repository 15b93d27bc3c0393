//! Print-ready pages for a batch of handwritten notes, as a PDF: for each note, the card
//! drawn at its real size with the text on the lines it will take when copied by hand,
//! then envelopes (one page each, at the envelope's size) or a sheet of address labels.
//!
//! PDF by krilla (maintained, pure Rust, subsets the font it embeds); the font is
//! DejaVu Serif, shipped with the app so every machine prints the same pages and names
//! in most scripts of Europe come out right.

use crate::error::{Error, Result};
use crate::model::{Addressing, CardSize, PrintBatch, PrintNote};
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
    let m = Measure::new()?;
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
        note_page(&mut s, &font, &m, note, i + 1, notes.len(), (pw, ph));
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
                envelope(&mut s, &font, &m, note, return_address, w, h);
                s.finish();
                page.finish();
            }
        }
        Addressing::Labels => {
            let sheet = LabelSheet::for_paper(options.paper);
            for chunk in notes.chunks(sheet.cols * sheet.rows) {
                let mut page = doc.start_page_with(page_settings(pw, ph)?);
                let mut s = page.surface();
                labels(&mut s, &font, &m, chunk, &sheet);
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

/// Text measured as it is drawn: krilla's simple text shapes each line with rustybuzz on
/// the same font (its default features, so kerning included), and so does this, so a
/// measured width is the width on the page.
struct Measure {
    face: rustybuzz::Face<'static>,
    upem: f32,
    /// Above and below the baseline per point of size (the font's ascender and descender).
    ascent: f32,
    descent: f32,
}

impl Measure {
    fn new() -> Result<Measure> {
        let face = rustybuzz::Face::from_slice(FONT, 0)
            .ok_or_else(|| Error::Print("the built-in font could not be read".into()))?;
        let upem = (face.units_per_em() as f32).max(1.0);
        let ascent = f32::from(face.ascender()) / upem;
        let descent = -f32::from(face.descender()) / upem;
        Ok(Measure {
            face,
            upem,
            ascent,
            descent,
        })
    }

    /// The width of `line` at a size of 1pt (widths scale with the size).
    fn em(&self, line: &str) -> f32 {
        if line.is_empty() {
            return 0.0;
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(line);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f32 / self.upem
    }

    #[cfg(test)]
    fn width(&self, line: &str, size: f32) -> f32 {
        self.em(line) * size
    }

    /// From the top of the first line to the bottom of the last, per point of size.
    fn block_em(&self, lines: usize, leading: f32) -> f32 {
        self.ascent + self.descent + lines.saturating_sub(1) as f32 * leading
    }
}

/// A box text must stay inside, in points from the page's top left.
#[derive(Debug, Clone, Copy)]
struct Room {
    x: f32,
    top: f32,
    width: f32,
    height: f32,
}

/// How a block of lines is set: the size it starts at, the smallest it shrinks to before
/// a line too long for the room wraps, and baseline to baseline as a multiple of the size.
#[derive(Debug, Clone, Copy)]
struct Style {
    max: f32,
    floor: f32,
    leading: f32,
}

/// Lines set at one size.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    size: f32,
    leading: f32,
    lines: Vec<String>,
}

/// A line where it is drawn; `y` is its baseline.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    x: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Below this, a block that still doesn't fit is drawn as it is (never cut): only an
/// address hundreds of characters long gets here.
const SMALLEST: f32 = 2.0;
/// Baseline to baseline once a block has had to shrink below its floor.
const TIGHT: f32 = 1.12;
/// How much smaller each try below the floor is, in points.
const STEP: f32 = 0.25;

/// Sizes are multiples of a twentieth of a point, rounded down, so a fitted line stays
/// inside its room whatever the rounding.
fn snap(size: f32) -> f32 {
    ((size - 1e-4) * 20.0).floor() / 20.0
}

/// Sets `lines` in `room`: at the largest size up to `style.max` at which every line fits
/// the width and the block the height. Below `style.floor`, the block stays at the floor
/// and a line too long for the room wraps; only if it is then too tall do its lines
/// close up and its size shrink further, until it fits. No text is left out.
fn fit(m: &Measure, lines: &[String], room: Room, style: Style) -> Block {
    let widest = lines.iter().map(|l| m.em(l)).fold(0.0, f32::max);
    let by_width = if widest > 0.0 {
        room.width / widest
    } else {
        f32::INFINITY
    };
    let by_height = room.height / m.block_em(lines.len(), style.leading);
    let size = style.max.min(snap(by_width.min(by_height)));
    if size >= style.floor {
        return Block {
            size,
            leading: style.leading,
            lines: lines.to_vec(),
        };
    }
    let mut size = snap(style.floor + 1e-3);
    let mut leading = style.leading;
    loop {
        let budget = room.width / size;
        let wrapped: Vec<String> = lines.iter().flat_map(|l| wrap(m, l, budget)).collect();
        let by_height = room.height / m.block_em(wrapped.len(), leading);
        if by_height >= size || size <= SMALLEST {
            return Block {
                size,
                leading,
                lines: wrapped,
            };
        }
        if leading > TIGHT {
            leading = TIGHT;
        } else {
            size = snap(size - STEP + 1e-3).max(SMALLEST);
        }
    }
}

/// Breaks `line` into lines no wider than `budget` (in ems): at spaces, and inside a
/// word only when the word alone is wider than the budget. Every character is kept.
fn wrap(m: &Measure, line: &str, budget: f32) -> Vec<String> {
    if m.em(line) <= budget {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split_whitespace() {
        let joined = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if m.em(&joined) <= budget {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if m.em(word) <= budget {
            current = word.to_string();
            continue;
        }
        for ch in word.chars() {
            let mut longer = current.clone();
            longer.push(ch);
            if !current.is_empty() && !is_mark(ch) && m.em(&longer) > budget {
                out.push(std::mem::replace(&mut current, ch.to_string()));
            } else {
                current = longer;
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A combining mark, which stays with the letter before it when a word is broken.
fn is_mark(ch: char) -> bool {
    matches!(ch,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// `lines` fitted to `room` (see `fit`) and placed in it, from its top or centred in its
/// height.
fn set(m: &Measure, lines: &[String], room: Room, style: Style, centred: bool) -> Vec<Line> {
    let block = fit(m, lines, room, style);
    let height = block.size * m.block_em(block.lines.len(), block.leading);
    let top = if centred {
        room.top + ((room.height - height) / 2.0).max(0.0)
    } else {
        room.top
    };
    block
        .lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| Line {
            x: room.x,
            y: top + block.size * (m.ascent + i as f32 * block.leading),
            size: block.size,
            text,
        })
        .collect()
}

fn draw(s: &mut Surface<'_>, font: &Font, lines: &[Line]) {
    for l in lines {
        text(s, font, l.x, l.y, l.size, &l.text);
    }
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
fn note_page(
    s: &mut Surface<'_>,
    font: &Font,
    m: &Measure,
    note: &PrintNote,
    n: usize,
    of: usize,
    (pw, ph): (f32, f32),
) {
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
    let face = CardFace::of(card);
    let (cx, cy) = ((pw - face.width) / 2.0, margin + 62.0);
    if let Some(r) = Rect::from_xywh(cx, cy, face.width, face.height) {
        outline(s, r, 0.8, rgb::Color::new(120, 120, 120), true);
    }
    let size = card_text_size(m, card, &face, &note.lines);
    for i in 0..card.lines {
        let y = cy + face.baseline(i);
        rule(
            s,
            cx + face.inset,
            cx + face.width - face.inset,
            y,
            rgb::Color::new(205, 215, 230),
        );
    }
    ink(s, 20);
    for (i, line) in note.lines.iter().enumerate() {
        let y = cy + face.baseline(i) - face.line_height * 0.22;
        text(s, font, cx + face.inset, y, size, line);
    }

    // Where it goes.
    let y = cy + face.height + 36.0;
    ink(s, 110);
    text(s, font, margin, y, 9.0, "Envelope");
    ink(s, 0);
    let top = y + 15.0 - 11.0 * m.ascent;
    let room = Room {
        x: margin,
        top,
        width: pw - 2.0 * margin,
        height: ph - margin - top,
    };
    let style = Style {
        max: 11.0,
        floor: 8.0,
        leading: 15.0 / 11.0,
    };
    draw(s, font, &set(m, &note.address, room, style, false));
}

/// A card at real size as the note page draws it: its ruled lines evenly spaced inside
/// an inset, the text written on them.
struct CardFace {
    width: f32,
    height: f32,
    inset: f32,
    line_height: f32,
}

impl CardFace {
    fn of(card: &CardSize) -> CardFace {
        let (width, height) = (card.width_in * PT_PER_IN, card.height_in * PT_PER_IN);
        let inset = 0.3 * PT_PER_IN;
        CardFace {
            width,
            height,
            inset,
            line_height: (height - 2.0 * inset) / card.lines as f32,
        }
    }

    /// The `i`th ruled line, down from the card's top.
    fn baseline(&self, i: usize) -> f32 {
        self.inset + self.line_height * (i as f32 + 1.0)
    }
}

/// The size a card's text is drawn at: a full line of average text spans the writing
/// width, and smaller if a line of wide letters would run past it.
fn card_text_size(m: &Measure, card: &CardSize, face: &CardFace, lines: &[String]) -> f32 {
    let room = face.width - 2.0 * face.inset;
    let widest = lines.iter().map(|l| m.em(l)).fold(0.0, f32::max);
    let by_width = if widest > 0.0 {
        snap(room / widest)
    } else {
        f32::INFINITY
    };
    (face.line_height * 0.6)
        .min(room / (card.chars_per_line as f32 * 0.5))
        .min(by_width)
}

/// An envelope at its own size: return address top left, recipient in the middle.
fn envelope(
    s: &mut Surface<'_>,
    font: &Font,
    m: &Measure,
    note: &PrintNote,
    from: &[String],
    w: f32,
    h: f32,
) {
    let (from, to) = envelope_lines(m, &note.address, from, w, h);
    ink(s, 40);
    draw(s, font, &from);
    ink(s, 0);
    draw(s, font, &to);
}

/// The envelope's return address and recipient, each fitted to its part of the envelope.
fn envelope_lines(
    m: &Measure,
    address: &[String],
    from: &[String],
    w: f32,
    h: f32,
) -> (Vec<Line>, Vec<Line>) {
    let edge = 0.35 * PT_PER_IN;
    // The recipient's first baseline at 48% of the height, 12pt, from 40% of the width.
    let to_top = h * 0.48 - 12.0 * m.ascent;
    let to_room = Room {
        x: w * 0.40,
        top: to_top,
        width: w * 0.60 - edge,
        height: h - edge - to_top,
    };
    let to_style = Style {
        max: 12.0,
        floor: 9.0,
        leading: 16.0 / 12.0,
    };
    // The return address above it, its first baseline 0.45in down, 9pt.
    let from_top = 0.45 * PT_PER_IN - 9.0 * m.ascent;
    let from_room = Room {
        x: edge,
        top: from_top,
        width: w - 2.0 * edge,
        height: (to_top - 0.12 * PT_PER_IN - from_top).max(9.0),
    };
    let from_style = Style {
        max: 9.0,
        floor: 7.0,
        leading: 12.0 / 9.0,
    };
    (
        set(m, from, from_room, from_style, false),
        set(m, address, to_room, to_style, false),
    )
}

/// A sheet of address labels, in points from the page's top left. The window's print
/// dialog lays its sheet out from these same figures (sent in the vocabulary), so the
/// PDF and the printed sheet put every label in the same place.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LabelSheet {
    pub paper: Paper,
    pub cols: usize,
    pub rows: usize,
    pub left: f32,
    pub top: f32,
    pub col_pitch: f32,
    pub row_pitch: f32,
    pub width: f32,
    pub height: f32,
}

/// The standard sheets: Avery 5160 on Letter (3 × 10 labels of 2⅝ × 1 in, ⅛ in between
/// columns, ½ in from the top), L7160 on A4 (3 × 7 of 63.5 × 38.1 mm, 2.5 mm between
/// columns, 15.15 mm from the top); both centred across the page.
pub const LABEL_SHEETS: [LabelSheet; 2] = [
    LabelSheet::for_paper(Paper::Letter),
    LabelSheet::for_paper(Paper::A4),
];

/// How an address is set on its label: inside it by the insets, at up to `max` points,
/// shrinking to `floor` before a line wraps; wrapped, lines `tight` apart and `step`
/// smaller at each try down to `smallest` (never cut). Sent in the vocabulary too: the
/// print dialog fits addresses the same way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LabelText {
    pub inset_x: f32,
    pub inset_y: f32,
    pub max: f32,
    pub floor: f32,
    pub leading: f32,
    pub tight: f32,
    pub step: f32,
    pub smallest: f32,
}

pub const LABEL_TEXT: LabelText = LabelText {
    inset_x: 0.12 * PT_PER_IN,
    inset_y: 0.08 * PT_PER_IN,
    max: 9.0,
    floor: 6.5,
    leading: 1.25,
    tight: TIGHT,
    step: STEP,
    smallest: SMALLEST,
};

impl LabelSheet {
    pub const fn for_paper(paper: Paper) -> LabelSheet {
        match paper {
            Paper::Letter => LabelSheet {
                paper,
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
                paper,
                cols: 3,
                rows: 7,
                left: 7.25 * PT_PER_MM,
                top: 15.15 * PT_PER_MM,
                col_pitch: 66.0 * PT_PER_MM,
                row_pitch: 38.1 * PT_PER_MM,
                width: 63.5 * PT_PER_MM,
                height: 38.1 * PT_PER_MM,
            },
        }
    }

    /// The top left of the `i`th label on a sheet.
    fn origin(&self, i: usize) -> (f32, f32) {
        let (col, row) = (i % self.cols, i / self.cols);
        (
            self.left + col as f32 * self.col_pitch,
            self.top + row as f32 * self.row_pitch,
        )
    }
}

fn labels(s: &mut Surface<'_>, font: &Font, m: &Measure, notes: &[PrintNote], sheet: &LabelSheet) {
    for (i, note) in notes.iter().enumerate() {
        let (x, y) = sheet.origin(i);
        if let Some(r) = Rect::from_xywh(x, y, sheet.width, sheet.height) {
            outline(s, r, 0.3, rgb::Color::new(225, 225, 225), false);
        }
        ink(s, 0);
        draw(s, font, &label_lines(m, &note.address, x, y, sheet));
    }
}

/// One label's address, fitted inside the label and centred in its height (`LABEL_TEXT`):
/// smaller for a long line or many lines, wrapped only below the floor.
fn label_lines(m: &Measure, address: &[String], x: f32, y: f32, sheet: &LabelSheet) -> Vec<Line> {
    let t = LABEL_TEXT;
    let room = Room {
        x: x + t.inset_x,
        top: y + t.inset_y,
        width: sheet.width - 2.0 * t.inset_x,
        height: sheet.height - 2.0 * t.inset_y,
    };
    let style = Style {
        max: t.max,
        floor: t.floor,
        leading: t.leading,
    };
    set(m, address, room, style, true)
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

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|l| l.to_string()).collect()
    }

    /// Every line inside `room`, measured with the font as drawn: its width from its x,
    /// and its ascent and descent from its baseline.
    fn assert_inside(m: &Measure, placed: &[Line], x0: f32, y0: f32, x1: f32, y1: f32) {
        for l in placed {
            let right = l.x + m.width(&l.text, l.size);
            assert!(
                l.x >= x0 && right <= x1,
                "{l:?} ends at {right}, room {x0}..{x1}"
            );
            let (top, bottom) = (l.y - m.ascent * l.size, l.y + m.descent * l.size);
            assert!(
                top >= y0 && bottom <= y1,
                "{l:?} spans {top}..{bottom}, room {y0}..{y1}"
            );
        }
    }

    /// The text that was asked for is all there, in order (wrapping only moves spaces).
    fn assert_all_kept(asked: &[String], placed: &[Line]) {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        let asked: String = asked.iter().map(|l| squeeze(l)).collect();
        let got: String = placed.iter().map(|l| squeeze(&l.text)).collect();
        assert_eq!(asked, got);
    }

    const HARBOR: &str = "Harbor Dental Associates of Greater Portland";
    const AVENUE: &str = "1600 Pennsylvania Avenue NW, Suite 1200";

    #[test]
    fn widths_are_the_fonts_own() {
        let m = Measure::new().unwrap();
        // DejaVu Serif is wide: these run past the room the old layout gave them (223pt
        // on the A2 envelope, 172pt on an Avery 5160 label), at the sizes it drew them.
        let harbor = m.width(HARBOR, 12.0);
        assert!((harbor - 278.0).abs() < 2.0, "{harbor}");
        // 198pt by the advances alone; shaped with the font's kerning, as drawn, 195pt.
        let avenue = m.width(AVENUE, 9.0);
        assert!((avenue - 195.4).abs() < 1.0, "{avenue}");
        assert_eq!(m.width("", 12.0), 0.0);
        assert!((m.width("ab", 10.0) - (m.width("a", 10.0) + m.width("b", 10.0))).abs() < 0.5);
    }

    #[test]
    fn a_long_line_shrinks_to_stay_on_the_envelope() {
        let m = Measure::new().unwrap();
        for card in cards::CARDS {
            let (w, h) = (card.envelope.0 * PT_PER_IN, card.envelope.1 * PT_PER_IN);
            let address = lines(&[
                "Dr. Alexandra Okonkwo-Villanueva",
                HARBOR,
                AVENUE,
                "Portland, OR 97201",
            ]);
            let from = lines(&["Sam Rivera", AVENUE]);
            let (back, to) = envelope_lines(&m, &address, &from, w, h);
            let edge = 0.35 * PT_PER_IN;
            assert_inside(&m, &to, w * 0.40, 0.0, w - edge, h - edge);
            assert_inside(
                &m,
                &back,
                edge,
                0.0,
                w - edge,
                to[0].y - m.ascent * to[0].size,
            );
            assert_all_kept(&address, &to);
            assert_all_kept(&from, &back);
            // Shrunk (on the smaller envelopes), not wrapped: the lines are the address's.
            assert_eq!(to.len(), address.len(), "{}", card.id);
            assert!(to[0].size >= 9.0, "{}: {}", card.id, to[0].size);
            if card.id == cards::DEFAULT_CARD {
                assert!(to[0].size < 12.0, "{}", to[0].size);
            }
        }
        // A short address keeps the envelope's usual 12pt, first line where it always was.
        let (w, h) = (5.75 * PT_PER_IN, 4.375 * PT_PER_IN);
        let (_, to) = envelope_lines(&m, &lines(&["Zoë Ångström", "1 Main St"]), &[], w, h);
        assert_eq!(to[0].size, 12.0);
        assert!((to[0].y - h * 0.48).abs() < 0.01);
        assert!((to[1].y - to[0].y - 16.0).abs() < 0.01);
    }

    #[test]
    fn what_still_does_not_fit_at_the_smallest_size_wraps() {
        let m = Measure::new().unwrap();
        let (w, h) = (5.75 * PT_PER_IN, 4.375 * PT_PER_IN);
        let address = lines(&[
            "The Very Long Named Regional Association of Independent Orthodontic Practitioners",
            "Donaudampfschifffahrtsgesellschaftskapitänswitwenversicherungsgesellschaft",
            "Portland, OR 97201",
        ]);
        let (_, to) = envelope_lines(&m, &address, &[], w, h);
        assert!(to.len() > address.len(), "{to:?}");
        assert!(to.iter().all(|l| l.size == 9.0), "{to:?}");
        assert_inside(
            &m,
            &to,
            w * 0.40,
            0.0,
            w - 0.35 * PT_PER_IN,
            h - 0.35 * PT_PER_IN,
        );
        assert_all_kept(&address, &to);
    }

    #[test]
    fn an_address_stays_inside_its_label() {
        let m = Measure::new().unwrap();
        let six = lines(&[
            "Dr. Alexandra Okonkwo-Villanueva",
            HARBOR,
            AVENUE,
            "Building C, Loading Dock 4",
            "Portland, OR 97201-4417",
            "United States of America",
        ]);
        let absurd = vec![
            "A name of many words ".repeat(6),
            "Street ".repeat(40),
            "Portland, OR 97201".into(),
        ];
        for paper in [Paper::Letter, Paper::A4] {
            let sheet = LabelSheet::for_paper(paper);
            for address in [
                lines(&["Zoë Ångström", AVENUE]),
                six.clone(),
                absurd.clone(),
            ] {
                // The last label on the sheet, so nothing could hide past the page either.
                let last = sheet.cols * sheet.rows - 1;
                let (x, y) = sheet.origin(last);
                let placed = label_lines(&m, &address, x, y, &sheet);
                assert_inside(&m, &placed, x, y, x + sheet.width, y + sheet.height);
                assert_all_kept(&address, &placed);
                let (pw, ph) = paper.size();
                assert!(x + sheet.width <= pw && y + sheet.height <= ph, "{paper:?}");
            }
            let placed = label_lines(&m, &six, sheet.left, sheet.top, &sheet);
            assert_eq!(placed.len(), 6, "six lines, none wrapped or dropped");
            assert!(placed[0].size >= 6.5, "{paper:?}: {}", placed[0].size);
        }
    }

    #[test]
    fn the_label_sheets_are_avery_5160_and_l7160() {
        // One sheet per paper, each the one that paper is printed on.
        assert_eq!(LABEL_SHEETS.map(|s| s.paper), [Paper::Letter, Paper::A4]);
        let letter = LabelSheet::for_paper(Paper::Letter);
        assert_eq!((letter.cols, letter.rows), (3, 10));
        assert_eq!(
            letter.origin(4),
            (0.1875 * 72.0 + 2.75 * 72.0, 0.5 * 72.0 + 72.0)
        );
        let a4 = LabelSheet::for_paper(Paper::A4);
        assert_eq!((a4.cols, a4.rows), (3, 7));
        let mm = |pt: f32| pt / PT_PER_MM;
        assert!((mm(a4.left) - 7.25).abs() < 1e-3 && (mm(a4.top) - 15.15).abs() < 1e-3);
        assert!((mm(a4.col_pitch - a4.width) - 2.5).abs() < 1e-3);
        // Centred on the sheet: the margins opposite are the same.
        for (sheet, paper) in [(letter, Paper::Letter), (a4, Paper::A4)] {
            let (pw, _) = paper.size();
            let right = pw - (sheet.left + 2.0 * sheet.col_pitch + sheet.width);
            assert!((right - sheet.left).abs() < 0.01, "{paper:?}");
        }
    }

    #[test]
    fn card_text_stays_inside_the_card() {
        let m = Measure::new().unwrap();
        for card in cards::CARDS {
            let room = (card.width_in - 0.6) * PT_PER_IN;
            let wide = "W".repeat(card.chars_per_line);
            let size = card_text_size(
                &m,
                card,
                &CardFace::of(card),
                &[wide.clone(), "Dear Zoë,".into()],
            );
            assert!(m.width(&wide, size) <= room, "{}", card.id);
            // Ordinary text keeps the size a line of average text is given.
            let usual = card_text_size(&m, card, &CardFace::of(card), &sample().lines);
            let line_h = (card.height_in - 0.6) * PT_PER_IN / card.lines as f32;
            let estimate = (line_h * 0.6).min(room / (card.chars_per_line as f32 * 0.5));
            assert!((usual - estimate).abs() < 1e-3, "{}: {usual}", card.id);
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
