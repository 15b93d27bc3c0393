//! The only reader of the system clock and of the machine's time zone. Everything else
//! takes `now` (and a zone) as arguments so tests can fix them.
//!
//! # Fixing the clock and the zone in a test build
//!
//! In builds with `debug_assertions` (debug builds, so every test run and the app the
//! end-to-end tests drive), two environment variables, read once per process, override
//! what the machine says:
//!
//! - `FOLLOWTHROUGH_TEST_NOW=2026-03-04T14:00:00Z` (RFC 3339): [`now`] returns that
//!   instant the first time it is called — the app calls it first thing at start-up — and
//!   from then on advances in real time (by the monotonic clock), so timers, the
//!   scheduler's sleeps and "due in two seconds" still behave as they do for a user.
//! - `FOLLOWTHROUGH_TEST_ZONE=America/Chicago` (an IANA name): [`local_zone`] returns it.
//!
//! A value that does not parse stops the process with a message naming the variable: a
//! test that asked for a fixed time must never run on the real one by accident. Release
//! builds compile the override out and ignore both variables.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

/// Fixes the instant the clock starts at (debug builds only).
pub const TEST_NOW_VAR: &str = "FOLLOWTHROUGH_TEST_NOW";
/// Fixes the machine's zone (debug builds only).
pub const TEST_ZONE_VAR: &str = "FOLLOWTHROUGH_TEST_ZONE";

/// Where a clock fixed for a test started: (the fixed instant, the machine's time then).
/// Lets a test line the app's instants up with the wall clock (a D-Bus monitor's
/// timestamps). Always `None` in release builds.
pub fn fixed_start() -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    #[cfg(debug_assertions)]
    if let Some(start) = &fixed::get().now {
        return Some((start.at, start.wall));
    }
    None
}

/// The current instant.
pub fn now() -> DateTime<Utc> {
    #[cfg(debug_assertions)]
    if let Some(start) = &fixed::get().now {
        return start.now();
    }
    machine_now()
}

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one reader of the clock"
)]
fn machine_now() -> DateTime<Utc> {
    Utc::now()
}

/// The machine's zone (for first-run defaults and the machine's own "today"); UTC if it
/// can't be told.
pub fn local_zone() -> Tz {
    #[cfg(debug_assertions)]
    if let Some(zone) = fixed::get().zone {
        return zone;
    }
    machine_zone()
}

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one reader of the zone"
)]
fn machine_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|z| Tz::from_str(&z).ok())
        .unwrap_or(Tz::UTC)
}

#[cfg(debug_assertions)]
mod fixed {
    use super::{TEST_NOW_VAR, TEST_ZONE_VAR};
    use chrono::{DateTime, Utc};
    use chrono_tz::Tz;
    use std::sync::OnceLock;
    use std::time::Instant;

    /// A clock that read `at` at `origin` (when the machine's clock read `wall`) and has
    /// run in real time since.
    #[derive(Debug, Clone, Copy)]
    pub struct Start {
        pub at: DateTime<Utc>,
        pub origin: Instant,
        pub wall: DateTime<Utc>,
    }

    impl Start {
        pub fn now(&self) -> DateTime<Utc> {
            let elapsed = chrono::Duration::from_std(self.origin.elapsed())
                .expect("a test run lasts less than a few centuries");
            self.at + elapsed
        }
    }

    #[derive(Debug, Clone, Copy, Default)]
    pub struct Fixed {
        pub now: Option<Start>,
        pub zone: Option<Tz>,
    }

    impl Fixed {
        /// Reads the two variables' values (absent or empty: not fixed).
        pub fn parse(now: Option<&str>, zone: Option<&str>) -> Result<Fixed, String> {
            let now = match now.map(str::trim).filter(|v| !v.is_empty()) {
                None => None,
                Some(v) => {
                    let at = DateTime::parse_from_rfc3339(v)
                        .map_err(|e| {
                            format!("{TEST_NOW_VAR}={v:?} is not an RFC 3339 instant: {e}")
                        })?
                        .with_timezone(&Utc);
                    Some(Start {
                        at,
                        origin: Instant::now(),
                        wall: super::machine_now(),
                    })
                }
            };
            let zone = match zone.map(str::trim).filter(|v| !v.is_empty()) {
                None => None,
                Some(v) => Some(
                    v.parse::<Tz>()
                        .map_err(|_| format!("{TEST_ZONE_VAR}={v:?} is not an IANA time zone"))?,
                ),
            };
            Ok(Fixed { now, zone })
        }
    }

    static FIXED: OnceLock<Fixed> = OnceLock::new();

    /// The override, read from the environment on first use.
    pub fn get() -> &'static Fixed {
        FIXED.get_or_init(|| {
            let now = std::env::var(TEST_NOW_VAR).ok();
            let zone = std::env::var(TEST_ZONE_VAR).ok();
            Fixed::parse(now.as_deref(), zone.as_deref()).unwrap_or_else(|e| panic!("{e}"))
        })
    }
}

#[cfg(all(test, debug_assertions))]
mod tests {
    use super::fixed::Fixed;
    use chrono::{TimeZone, Utc};

    #[test]
    fn nothing_set_fixes_nothing() {
        let f = Fixed::parse(None, Some("")).unwrap();
        assert!(f.now.is_none() && f.zone.is_none());
    }

    #[test]
    fn a_fixed_start_then_runs_in_real_time() {
        let f = Fixed::parse(Some("2026-03-04T08:00:00-06:00"), Some("America/Chicago")).unwrap();
        let start = f.now.unwrap();
        let first = start.now();
        assert!(first >= Utc.with_ymd_and_hms(2026, 3, 4, 14, 0, 0).unwrap());
        assert!(first < Utc.with_ymd_and_hms(2026, 3, 4, 14, 0, 5).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(start.now() - first >= chrono::Duration::milliseconds(20));
        assert_eq!(f.zone, Some(chrono_tz::America::Chicago));
    }

    #[test]
    fn a_wrong_value_names_its_variable() {
        let e = Fixed::parse(Some("tomorrow"), None).unwrap_err();
        assert!(e.contains("FOLLOWTHROUGH_TEST_NOW"), "{e}");
        let e = Fixed::parse(None, Some("Mars/Olympus")).unwrap_err();
        assert!(e.contains("FOLLOWTHROUGH_TEST_ZONE"), "{e}");
    }

    #[test]
    #[allow(
        clippy::disallowed_methods,
        reason = "compares with the machine's clock"
    )]
    fn unfixed_the_clock_is_the_machine_s() {
        if super::fixed::get().now.is_none() {
            assert!((super::now() - Utc::now()).num_seconds().abs() < 5);
        }
    }
}
