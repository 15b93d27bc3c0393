//! Values typed on the command line, parsed by clap so a bad one exits 2 with clap's
//! message: the model's closed sets (each value listed in `--help` and in the error,
//! with its label) and the time a touch happened.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use followthrough_core::chrono_tz::Tz;
use followthrough_core::clock;
use followthrough_core::model::Source;

/// A parser for one of the model's closed sets (`Channel`, `Outcome`, `Source`):
/// exactly the text the model stores, so the command line, the database and the UI
/// share one vocabulary.
pub fn closed_set<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    text: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        all.iter()
            .map(move |&v| PossibleValue::new(text(v)).help(label(v))),
    )
    .try_map(move |typed| {
        // PossibleValuesParser has already refused anything else.
        all.iter()
            .copied()
            .find(|&v| text(v) == typed)
            .ok_or("not one of the possible values")
    })
}

/// Where a prospect came from, in the model's words (`inbound_web`), as `add` and
/// `import` take it.
pub fn source() -> impl TypedValueParser<Value = Source> {
    closed_set(Source::ALL, Source::as_str, Source::label)
}

/// The formats `--at` takes, as its help and its error say them.
pub const AT_FORMATS: &str = "RFC 3339 (2026-03-04T14:30:00Z, 2026-03-04T09:30:00-05:00) or \
                              \"YYYY-MM-DD HH:MM\" in this machine's time zone";

/// When a touch happened: RFC 3339, or a local "YYYY-MM-DD HH:MM" (also with a `T`)
/// in the machine's zone, as the app's log form takes it.
pub fn at(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map_err(|_| format!("not a date and time; use {AT_FORMATS}"))?;
    local(naive, clock::local_zone())
}

/// A wall-clock time in `zone`: the earlier of the two when clocks go back, refused
/// when clocks go forward past it.
fn local(naive: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, String> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{} does not exist in {} (the clocks went forward then)",
            naive.format("%Y-%m-%d %H:%M"),
            zone.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_touch_time_reads_rfc_3339_or_local_wall_time() {
        assert_eq!(
            at("2026-03-04T09:30:00-05:00").unwrap().to_rfc3339(),
            "2026-03-04T14:30:00+00:00"
        );
        let naive = NaiveDate::from_ymd_opt(2026, 3, 4)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let chicago: Tz = "America/Chicago".parse().unwrap();
        assert_eq!(
            local(naive, chicago).unwrap().to_rfc3339(),
            "2026-03-04T15:30:00+00:00"
        );
        for bad in ["yesterday", "2026-02-30 09:00", "2026-03-04", "09:30", ""] {
            let e = at(bad).unwrap_err();
            assert!(e.contains("YYYY-MM-DD HH:MM"), "{bad}: {e}");
        }
    }

    #[test]
    fn wall_times_the_clocks_skip_are_refused_and_repeated_ones_read_early() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        let day = |d, h, m| {
            NaiveDate::from_ymd_opt(2026, 3, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        // 8 March 2026, 02:00 → 03:00 in Chicago.
        let e = local(day(8, 2, 30), chicago).unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
        // 1 November 2026, 01:30 happens twice: the first (CDT, UTC-5).
        let twice = NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        assert_eq!(
            local(twice, chicago).unwrap().to_rfc3339(),
            "2026-11-01T06:30:00+00:00"
        );
    }
}
