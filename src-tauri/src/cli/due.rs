//! `due`: what is due, from the same queues as the app's Today and Upcoming lists, each
//! with the engine's explanation. A table to read, or JSON to script with; the JSON's
//! shape is written down in `schemas/due.schema.json` (its field names are kept stable).

use super::failure::Failure;
use super::open;
use chrono::{DateTime, Utc};
use clap::Args;
use followthrough_core::chrono_tz::Tz;
use followthrough_core::clock;
use followthrough_core::model::{Channel, DueItem, DueKind};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

#[derive(Debug, Args)]
pub struct DueArgs {
    /// What is due today, overdue included (the default)
    #[arg(long, conflicts_with = "week")]
    pub today: bool,
    /// Today's and the next seven days'
    #[arg(long)]
    pub week: bool,
    /// JSON (an array, one object per prospect) instead of a table
    #[arg(long)]
    pub json: bool,
}

/// One due item as `--json` writes it. The fields and their meaning are the schema's.
#[derive(Debug, Serialize)]
struct Line<'a> {
    id: i64,
    name: &'a str,
    company: &'a str,
    due_at: DateTime<Utc>,
    group: &'a str,
    kind: DueKind,
    channel: Channel,
    purpose: &'a str,
    touch: u32,
    urgent: bool,
    why: &'a str,
}

impl<'a> From<&'a DueItem> for Line<'a> {
    fn from(item: &'a DueItem) -> Line<'a> {
        Line {
            id: item.prospect.id,
            name: &item.prospect.name,
            company: &item.prospect.company,
            due_at: item.due.at,
            group: &item.group,
            kind: item.due.kind,
            channel: item.due.channel,
            purpose: &item.due.purpose,
            touch: item.due.touch_number,
            urgent: item.due.urgent,
            why: &item.due.explanation,
        }
    }
}

pub fn run(dir: &Path, args: &DueArgs) -> Result<(), Failure> {
    let now = clock::now();
    let (store, _lock) = open(dir)?;
    // Every item, not a page: the queues' own order (urgent first, then by due time).
    let mut items = store.today(now, u32::MAX)?.items;
    if args.week {
        items.extend(store.upcoming(now, u32::MAX)?.items);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        let lines: Vec<Line> = items.iter().map(Line::from).collect();
        serde_json::to_writer_pretty(&mut out, &lines)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        let zone = store.settings()?.week.zone;
        table(&mut out, &items, zone, now, args.week)
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Failed(format!("the list could not be written: {e}")))
}

/// Columns wider than this are cut with an ellipsis, so a long company name doesn't push
/// the reason off the screen.
const WIDEST: usize = 28;

fn table(
    out: &mut dyn Write,
    items: &[DueItem],
    zone: Tz,
    now: DateTime<Utc>,
    week: bool,
) -> std::io::Result<()> {
    if items.is_empty() {
        let when = if week { "this week" } else { "today" };
        return writeln!(out, "Nothing is due {when}.");
    }
    let today = now.with_timezone(&zone).date_naive();
    // The number leads: `log` takes it, and it tells apart two people of one name.
    let rows: Vec<[String; 6]> = items
        .iter()
        .map(|item| {
            let local = item.due.at.with_timezone(&zone);
            let when = if local.date_naive() == today {
                local.format("today %H:%M").to_string()
            } else {
                local.format("%a %-d %b %H:%M").to_string()
            };
            // What the app's headings say at a glance (Inbound, Overdue) leads the line.
            let why = format!("{} · {}", item.due.purpose, item.due.explanation);
            let why = if item.due.kind.is_urgent() || item.group == "Overdue" {
                format!("{}: {why}", item.group)
            } else {
                why
            };
            [
                format!("#{}", item.prospect.id),
                when,
                cut(&item.prospect.name),
                cut(&item.prospect.company),
                item.due.channel.label().to_string(),
                why,
            ]
        })
        .collect();
    let header = ["ID", "WHEN", "WHO", "COMPANY", "CHANNEL", "WHY"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.width());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(w - cell.width() + 2));
        }
        line.push_str(&row[5]);
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `text` cut to `WIDEST` columns of the terminal (wide characters count two).
fn cut(text: &str) -> String {
    if text.width() <= WIDEST {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > WIDEST - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_the_column_by_display_width() {
        assert_eq!(cut("Acme"), "Acme");
        let long = "Very Long Company Name Incorporated";
        let cut_long = cut(long);
        assert_eq!(cut_long.width(), WIDEST);
        assert!(cut_long.ends_with('…'));
        // Wide characters take two columns each.
        let wide = "株式会社".repeat(5);
        assert!(cut(&wide).width() <= WIDEST);
        assert!(cut(&wide).ends_with('…'));
    }
}
