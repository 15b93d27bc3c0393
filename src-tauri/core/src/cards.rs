//! Card sizes for handwritten notes, and whether a text fits one.
//!
//! "Fits" is measured the way a person writes: a comfortable hand gets about seven
//! characters to the inch at a line every third of an inch, inside a margin. Each
//! preset's figures come from its writing area, so the live count in the composer and
//! the print layout agree on where every line breaks (both use [`wrap`]).

pub use crate::model::CardSize;
use serde::{Deserialize, Serialize};

pub const CARDS: &[CardSize] = &[
    CardSize {
        id: "a2_folded",
        label: "Folded A2 card (4\u{bc} \u{d7} 5\u{bd} in)",
        width_in: 4.25,
        height_in: 5.5,
        chars_per_line: 28,
        lines: 13,
        envelope: (5.75, 4.375),
        envelope_label: "A2 envelope",
    },
    CardSize {
        id: "note_4x6",
        label: "Note card (4 \u{d7} 6 in)",
        width_in: 6.0,
        height_in: 4.0,
        chars_per_line: 40,
        lines: 9,
        envelope: (6.5, 4.75),
        envelope_label: "A6 envelope",
    },
    CardSize {
        id: "flat_5x7",
        label: "Flat card (5 \u{d7} 7 in)",
        width_in: 7.0,
        height_in: 5.0,
        chars_per_line: 46,
        lines: 12,
        envelope: (7.25, 5.25),
        envelope_label: "A7 envelope",
    },
];

pub const DEFAULT_CARD: &str = "a2_folded";

pub fn card(id: &str) -> Option<&'static CardSize> {
    CARDS.iter().find(|c| c.id == id)
}

/// A card the user picked: an unknown size is refused with a message for the form.
pub fn by_id(id: &str) -> crate::Result<&'static CardSize> {
    card(id).ok_or_else(|| crate::Error::invalid("card", "Pick one of the card sizes."))
}

/// How a text sits on a card: the lines as they will be written, and whether they fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    pub card: String,
    pub lines: Vec<String>,
    pub line_count: usize,
    pub max_lines: usize,
    pub chars: usize,
    pub max_chars: usize,
    pub fits: bool,
    /// "9 of 13 lines · 212 of 364 characters", or what is too long.
    pub summary: String,
}

/// Breaks a text into the lines it takes on `card`: the writer's own line breaks kept,
/// long lines wrapped at word boundaries (textwrap, which handles Unicode widths).
pub fn wrap(text: &str, card: &CardSize) -> Vec<String> {
    let text = text.trim_end();
    if text.is_empty() {
        return Vec::new();
    }
    text.lines()
        .flat_map(|line| {
            if line.trim().is_empty() {
                vec![String::new()]
            } else {
                textwrap::wrap(line.trim_end(), card.chars_per_line)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            }
        })
        .collect()
}

/// How a draft sits on the card named `card_id`: the composer's live count. A draft
/// longer than a note may be is refused before it is wrapped.
pub fn measure(text: &str, card_id: &str) -> crate::Result<Fit> {
    let card = by_id(card_id)?;
    crate::limits::check_length("body", "The note", text, crate::limits::NOTE_BODY)?;
    Ok(fit(text, card))
}

pub fn fit(text: &str, card: &CardSize) -> Fit {
    let lines = wrap(text, card);
    let chars = text.trim().chars().filter(|c| !c.is_control()).count();
    let fits = lines.len() <= card.lines;
    let summary = if fits {
        format!(
            "{} of {} lines \u{b7} {} of about {} characters",
            lines.len(),
            card.lines,
            chars,
            card.max_chars()
        )
    } else {
        format!(
            "Too long: {} lines, and this card holds {}. Shorten it or pick a larger card.",
            lines.len(),
            card.lines
        )
    };
    Fit {
        card: card.id.to_string(),
        line_count: lines.len(),
        lines,
        max_lines: card.lines,
        chars,
        max_chars: card.max_chars(),
        fits,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_fits_its_own_capacity() {
        for c in CARDS {
            let line = "x".repeat(c.chars_per_line);
            let text = vec![line.as_str(); c.lines].join("\n");
            assert!(fit(&text, c).fits, "{}", c.id);
            let over = format!("{text}\none more");
            let f = fit(&over, c);
            assert!(!f.fits);
            assert!(f.summary.starts_with("Too long"), "{}", f.summary);
        }
    }

    #[test]
    fn long_lines_wrap_at_words_and_blank_lines_count() {
        let c = card("a2_folded").unwrap();
        let lines = wrap(
            "Dear Dana,\n\nThank you for the time on Tuesday; the portal demo was a pleasure.",
            c,
        );
        assert_eq!(lines[0], "Dear Dana,");
        assert_eq!(lines[1], "");
        assert!(lines.iter().all(|l| l.chars().count() <= c.chars_per_line));
        assert!(lines.len() > 3);
    }

    #[test]
    fn an_empty_note_takes_no_lines() {
        let c = card("note_4x6").unwrap();
        assert_eq!(fit("   \n ", c).line_count, 0);
    }
}
