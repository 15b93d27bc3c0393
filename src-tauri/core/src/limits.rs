//! Every limit on what a person can enter, in one place. The rules (`validate`, the
//! cadence's plan and settings checks, `merge`, `links`, the store's own checks) refuse
//! anything beyond these, and the vocabulary sends the same numbers to the UI, so its
//! inputs stop where the core would.
//!
//! Each cap is generous for what the field is for, and small enough that something
//! pasted by accident (a whole document into a name, a log file into a template) never
//! reaches the database, the search index, the template parser or a link. Lengths count
//! characters (Unicode scalar values), except an email address, which counts bytes as
//! RFC 5321 does (the same thing for the ASCII addresses people have).

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

/// Writes each limit once: a named constant for the rules, and the same number under a
/// name in [`ALL`] for the UI.
macro_rules! limits {
    ($( $(#[$doc:meta])* $name:ident = $key:literal : $value:expr; )*) => {
        $( $(#[$doc])* pub const $name: usize = $value; )*

        /// Every limit by the name the UI reads it under (`vocabulary.limits`).
        pub const ALL: &[(&str, usize)] = &[ $( ($key, $name), )* ];
    };
}

limits! {
    // A prospect.
    /// A prospect's name, company and title; a city, region or country.
    SHORT_TEXT = "short_text": 200;
    /// One email address in all (RFC 5321: a path of 256 octets, less the angle brackets).
    EMAIL = "email": 254;
    /// The part of an email address before the `@` (RFC 5321).
    EMAIL_LOCAL_PART = "email_local_part": 64;
    /// Email addresses on one prospect.
    EMAILS = "emails": 20;
    /// One phone number, with its extension.
    PHONE = "phone": 40;
    /// Phone numbers on one prospect.
    PHONES = "phones": 20;
    /// A web address (LinkedIn, website, a reason's link). 2,000 is what every browser
    /// and mail client keeps whole.
    URL = "url": 2_000;
    /// The street lines of a mailing address.
    STREET = "street": 500;
    POSTAL_CODE = "postal_code": 40;
    /// Why a prospect was handed off or disqualified.
    STATUS_REASON = "status_reason": 1_000;
    /// One tag, on a prospect or a reason.
    TAG = "tag": 40;
    /// Tags on one prospect or reason.
    TAGS = "tags": 50;
    /// A prospect's notes, and the note on a touch: room for years of them.
    NOTES = "notes": 20_000;
    /// An IANA zone name; the longest real one ("America/Argentina/ComodRivadavia") is 32.
    TIME_ZONE = "time_zone": 64;

    // Templates, reasons, the user's own details.
    /// A template's, or a plan's, name.
    NAME = "name": 120;
    /// An email template's subject line.
    SUBJECT = "subject": 300;
    /// A template's text, checked before the template parser sees it.
    TEMPLATE_BODY = "template_body": 10_000;
    /// A reason's one-line title.
    REASON_TITLE = "reason_title": 200;
    /// A reason's detail, and a plan's description.
    DETAIL = "detail": 2_000;
    /// The user's signature.
    SIGNATURE = "signature": 1_000;
    /// The return address printed on envelopes.
    RETURN_ADDRESS = "return_address": 500;

    // Controls and notes.
    /// Why a due touch was skipped (it goes on the timeline), and a plan step's purpose.
    SHORT_NOTE = "short_note": 300;
    /// The next step agreed with a prospect.
    NEXT_STEP = "next_step": 500;
    /// A handwritten note's draft; the card it is written on limits it further.
    NOTE_BODY = "note_body": 5_000;
    /// A `mailto:` or `sms:` link with the draft in it, once encoded. Windows hands a link
    /// to the mail app through the shell, and Outlook and the URL handlers it goes
    /// through cut or refuse anything past about 2,048 characters (the old
    /// INTERNET_MAX_URL_LENGTH); 2,000 keeps a margin. Longer drafts are copied instead.
    LINK = "link": 2_000;

    // Plans and settings.
    /// Steps in one plan.
    PLAN_STEPS = "plan_steps": 100;
    /// The longest wait a plan step may ask for, in days.
    STEP_DAYS = "step_days": 366;
    /// The extra hours a plan step may ask for (a week's worth).
    STEP_HOURS = "step_hours": 161;
    /// Follow-up blocks in a working day (the seeds ask for two).
    BLOCKS = "blocks": 12;
    /// Holidays on the calendar at once: a year's worth of days off, or a few years of
    /// public holidays.
    HOLIDAYS = "holidays": 366;
    /// The longest gap allowed in active pursuit, in days.
    MAX_GAP_DAYS = "max_gap_days": 90;
    /// How many weeks ahead the calendar file may hold: a quarter.
    CALENDAR_WEEKS = "calendar_weeks": 12;

    // Imports.
    /// New first contacts a day an import may spread (a full-time caller's day).
    IMPORT_PER_DAY = "import_per_day": 500;

    // Dates.
    /// Nothing is dated before this year: an older date is a typo (19 for 2019).
    EARLIEST_YEAR = "earliest_year": 1990;
    /// How far ahead a snooze, a next step or an away-until date may be, in days (two
    /// years and some): further than that, pausing is what was meant.
    AHEAD_DAYS = "ahead_days": 800;
    /// How far ahead a calendar date (a holiday, a reason's date or expiry) may be, in years.
    DATE_YEARS_AHEAD = "date_years_ahead": 10;

    // Contacts files being imported: each bounds what one row or card may hold in memory.
    /// Columns in one row (Outlook's own export has 92, Google's grows with each extra
    /// email, phone or address, rarely past 200).
    IMPORT_COLUMNS = "import_columns": 1_000;
    /// One cell, in bytes: room for a prospect's longest notes in any script.
    IMPORT_CELL = "import_cell": 100_000;
    /// One row or card, in bytes, including a card's photo (phones keep them well under
    /// a megabyte). Past this the reader stops: a file with no line ends in it is not
    /// a contacts file.
    IMPORT_RECORD = "import_record": 8_000_000;
}

/// "Label is too long (at most N characters)." for the field the UI highlights.
pub fn too_long(field: &'static str, label: &str, max: usize) -> Error {
    Error::invalid(
        field,
        format!(
            "{label} is too long (at most {} characters).",
            thousands(max)
        ),
    )
}

/// Refuses a text longer than `max` characters. Stops counting at the limit, so a huge
/// paste costs no more than a text of the right length.
pub fn check_length(field: &'static str, label: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().nth(max).is_some() {
        return Err(too_long(field, label, max));
    }
    Ok(())
}

/// The first day anything may be dated.
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(EARLIEST_YEAR as i32, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day a calendar date may be, seen from `today`.
pub fn latest_date(today: NaiveDate) -> NaiveDate {
    let year = today.year() + DATE_YEARS_AHEAD as i32;
    // 29 February ten years on may not exist: the 28th then.
    today
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, today.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// A calendar date (a holiday, a reason's date) between 1990 and ten years from `today`.
pub fn check_date(
    field: &'static str,
    label: &str,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if date < earliest_date() {
        return Err(Error::invalid(
            field,
            format!("{label}: {date} is too far in the past (from {EARLIEST_YEAR} on)."),
        ));
    }
    if date > latest_date(today) {
        return Err(Error::invalid(
            field,
            format!(
                "{label}: {date} is too far ahead (at most {DATE_YEARS_AHEAD} years from today)."
            ),
        ));
    }
    Ok(())
}

/// 20000 as "20,000", the way the messages write numbers.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_has_one_ui_name() {
        let mut names: Vec<&str> = ALL.iter().map(|(n, _)| *n).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        assert!(ALL.iter().all(|(_, v)| *v > 0));
    }

    #[test]
    fn length_is_checked_at_the_limit() {
        assert!(check_length("name", "Name", &"é".repeat(NAME), NAME).is_ok());
        let err = check_length("name", "Name", &"é".repeat(NAME + 1), NAME).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert_eq!(
            err.to_string(),
            "Name is too long (at most 120 characters)."
        );
        assert!(too_long("notes", "Notes", NOTES)
            .to_string()
            .contains("20,000"));
    }

    #[test]
    fn dates_are_between_1990_and_ten_years_on() {
        let today = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let ok = |d| check_date("holidays", "Holiday", d, today);
        assert!(ok(earliest_date()).is_ok());
        assert!(ok(earliest_date().pred_opt().unwrap()).is_err());
        let last = NaiveDate::from_ymd_opt(2038, 2, 28).unwrap();
        assert_eq!(latest_date(today), last);
        assert!(ok(last).is_ok());
        let err = ok(last.succ_opt().unwrap()).unwrap_err();
        assert_eq!(err.field(), Some("holidays"));
        assert!(err.to_string().contains("too far ahead"), "{err}");
    }
}
