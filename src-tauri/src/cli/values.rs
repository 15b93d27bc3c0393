//! Values typed on the command line, parsed by clap so a bad one exits 2 with clap's
//! message: the model's closed sets (each value listed in `--help` and in the error,
//! with its label) and the time a touch happened (a wall-clock time is placed in the
//! zone set in the app once the data is open, see `At`).

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use followthrough_core::chrono_tz::Tz;
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
                              \"YYYY-MM-DD HH:MM\" in your time zone as set in the app \
                              (Settings)";

/// When a touch happened, as typed: an instant, or a wall-clock time. The wall-clock
/// time is read in the zone of the app's Settings, the zone the app shows times in and
/// `log -v` echoes them in, so it waits for the data to be open (`At::in_zone`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Instant(DateTime<Utc>),
    Wall(NaiveDateTime),
}

impl At {
    /// The instant, a wall-clock time read in `zone`.
    pub fn in_zone(self, zone: Tz) -> Result<DateTime<Utc>, String> {
        match self {
            At::Instant(at) => Ok(at),
            At::Wall(naive) => local(naive, zone),
        }
    }
}

/// When a touch happened: RFC 3339, or "YYYY-MM-DD HH:MM" (also with a `T`), as the
/// app's log form takes it.
pub fn at(text: &str) -> Result<At, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(At::Instant(at.with_timezone(&Utc)));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map(At::Wall)
        .map_err(|_| format!("not a date and time; use {AT_FORMATS}"))
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
    fn a_touch_time_reads_rfc_3339_or_wall_time_in_the_zone_given() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        let london: Tz = "Europe/London".parse().unwrap();
        let exact = at("2026-03-04T09:30:00-05:00").unwrap();
        for zone in [chicago, london] {
            assert_eq!(
                exact.in_zone(zone).unwrap().to_rfc3339(),
                "2026-03-04T14:30:00+00:00",
                "an instant is the same in any zone"
            );
        }
        let naive = NaiveDate::from_ymd_opt(2026, 3, 4)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        for typed in ["2026-03-04 09:30", " 2026-03-04T09:30 "] {
            assert_eq!(at(typed).unwrap(), At::Wall(naive));
        }
        let wall = At::Wall(naive);
        assert_eq!(
            wall.in_zone(chicago).unwrap().to_rfc3339(),
            "2026-03-04T15:30:00+00:00"
        );
        assert_eq!(
            wall.in_zone(london).unwrap().to_rfc3339(),
            "2026-03-04T09:30:00+00:00"
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
