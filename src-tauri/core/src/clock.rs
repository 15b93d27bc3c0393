//! The only reader of the system clock. Everything else takes `now` as an argument so
//! tests can fix time.

use chrono::{DateTime, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}
