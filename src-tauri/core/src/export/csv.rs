//! Prospects and touches as CSV, one row each, with a header row of stable snake_case
//! names (scripts and other programs key on them; labels would change with wording).
//!
//! UTF-8 without a byte-order mark. A BOM makes Excel on Windows open the file as UTF-8
//! on a double-click, but it becomes part of the first header (`\u{feff}id`) for most
//! other readers (Python's csv, pandas, databases' CSV import, command-line tools), so
//! the column everything is keyed on no longer matches. Excel's *Data › From Text/CSV*
//! and every other spreadsheet read UTF-8 without one; the program meant to read these
//! files is the next tool in a pipeline, not a double-click.
//!
//! Lists (emails, phones, tags, days) are joined with " ::: ", which appears in none of
//! them, so a reader splits them back exactly; the csv crate quotes and escapes.

use super::{io, rfc3339};
use crate::error::{Error, Result};
use crate::model::{Prospect, Touch};
use chrono::DateTime;
use std::io::Write;

/// What lists are joined with inside one cell.
pub const LIST_SEPARATOR: &str = " ::: ";

pub const PROSPECT_HEADER: [&str; 31] = [
    "id",
    "name",
    "company",
    "title",
    "emails",
    "phones",
    "linkedin",
    "website",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
    "source",
    "stage",
    "status",
    "status_reason",
    "tags",
    "notes",
    "time_zone",
    "preferred_channel",
    "preferred_days",
    "preferred_time",
    "created_at",
    "touchpoints",
    "attempts",
    "last_touch_at",
    "next_due_at",
    "plan",
    "next_step_at",
    "next_step_note",
];

pub const TOUCH_HEADER: [&str; 9] = [
    "prospect_id",
    "prospect_name",
    "at",
    "channel",
    "outcome",
    "note",
    "counts",
    "inbound",
    // Last, so a sheet or script reading the columns before it by position still can.
    "message",
];

/// Writes prospects, one row each, after the header.
pub struct Prospects<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> Prospects<W> {
    pub fn new(out: W) -> Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(PROSPECT_HEADER).map_err(csv_error)?;
        Ok(Prospects { out })
    }

    /// One prospect; `plan` is the name of the plan it follows.
    pub fn write(&mut self, p: &Prospect, plan: &str) -> Result<()> {
        let opt_time = |t: Option<DateTime<chrono::Utc>>| t.map(rfc3339).unwrap_or_default();
        let row: [String; 31] = [
            p.id.to_string(),
            p.name.clone(),
            p.company.clone(),
            p.title.clone(),
            p.emails.join(LIST_SEPARATOR),
            p.phones.join(LIST_SEPARATOR),
            p.linkedin.clone(),
            p.website.clone(),
            p.address.street.clone(),
            p.address.city.clone(),
            p.address.region.clone(),
            p.address.postal_code.clone(),
            p.address.country.clone(),
            p.source.as_str().into(),
            p.stage.as_str().into(),
            p.status.as_str().into(),
            p.status_reason.clone(),
            p.tags.join(LIST_SEPARATOR),
            p.notes.clone(),
            p.time_zone.clone(),
            p.preferred_channel
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            p.preferred_days
                .iter()
                .map(|d| d.as_str())
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            p.preferred_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            rfc3339(p.created_at),
            p.stats.touchpoints.to_string(),
            p.stats.attempts.to_string(),
            opt_time(p.stats.last_touch_at),
            opt_time(p.next_due_at),
            plan.into(),
            opt_time(p.next_step.as_ref().map(|s| s.at)),
            p.next_step
                .as_ref()
                .map(|s| s.note.clone())
                .unwrap_or_default(),
        ];
        self.out.write_record(&row).map_err(csv_error)
    }

    /// Flushes what is buffered; a failure here is a failed export.
    pub fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(io)
    }
}

/// Writes touches, one row each, after the header.
pub struct Touches<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> Touches<W> {
    pub fn new(out: W) -> Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(TOUCH_HEADER).map_err(csv_error)?;
        Ok(Touches { out })
    }

    pub fn write(&mut self, prospect_name: &str, t: &Touch) -> Result<()> {
        let bool_text = |b: bool| if b { "true" } else { "false" };
        self.out
            .write_record([
                t.prospect_id.to_string().as_str(),
                prospect_name,
                rfc3339(t.at).as_str(),
                t.channel.as_str(),
                t.outcome.as_str(),
                t.note.as_str(),
                bool_text(t.counts),
                bool_text(t.inbound),
                t.message.as_str(),
            ])
            .map_err(csv_error)
    }

    pub fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(io)
    }
}

/// The csv writer's errors are I/O errors (it serialises plain strings).
fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io(e),
        other => Error::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Outcome};
    use chrono::TimeZone;

    #[test]
    fn awkward_text_is_quoted_and_reads_back() {
        let mut out = Vec::new();
        let mut w = Touches::new(&mut out).unwrap();
        let touch = Touch {
            id: 9,
            prospect_id: 3,
            at: chrono::Utc.with_ymd_and_hms(2025, 3, 4, 15, 0, 0).unwrap(),
            channel: Channel::Call,
            outcome: Outcome::Replied,
            note: "Said \"call me\",\nthen hung up".into(),
            message: "Hi Jenny,\n\n\"Tuesday\", then?".into(),
            counts: true,
            inbound: false,
        };
        w.write("Lee, Jenny", &touch).unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.starts_with('\u{feff}'), "no byte-order mark");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap(), TOUCH_HEADER.as_slice());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(
            row.iter().collect::<Vec<_>>(),
            [
                "3",
                "Lee, Jenny",
                "2025-03-04T15:00:00Z",
                "call",
                "replied",
                "Said \"call me\",\nthen hung up",
                "true",
                "false",
                "Hi Jenny,\n\n\"Tuesday\", then?"
            ]
        );
    }
}
