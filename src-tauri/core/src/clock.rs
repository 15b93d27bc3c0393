//! The only reader of the system clock and of the machine's time zone. Everything else
//! takes `now` (and a zone, where it needs one) as an argument so tests can fix time.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::str::FromStr;

#[allow(
    clippy::disallowed_methods,
    reason = "this is the one reader of the clock"
)]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// The machine's zone, for first-run settings; UTC if it can't be told.
#[allow(
    clippy::disallowed_methods,
    reason = "this is the one reader of the zone"
)]
pub fn local_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|z| Tz::from_str(&z).ok())
        .unwrap_or(Tz::UTC)
}
