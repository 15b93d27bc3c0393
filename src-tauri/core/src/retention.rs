//! Which backups to keep: a pure rule of their times, their kinds and now, so it can be
//! tested on any history without files (the store deletes what it says to drop).
//!
//! Kept, each for its own reason (a backup may have several):
//! - the newest backup of each of the last 7 days that have one, of each of the last 4
//!   weeks, and of each of the last 12 months: a spread that reaches a year back with
//!   about two dozen files. Counting days *that have a backup* (not calendar days) means
//!   a month away from the app never leaves the folder with nothing recent to go back to;
//! - everything from the last 24 hours, so a backup just taken is never pruned by the
//!   next one;
//! - for 30 days, the backups taken just before a restore, an upgrade or an import:
//!   the way back from that change.
//!
//! Days, weeks (ISO) and months are counted in UTC: the rule needs a stable grid, not
//! the user's calendar.

use crate::model::BackupKind;
use chrono::{DateTime, Datelike, Duration, Utc};
use std::collections::HashSet;

/// How many days, weeks and months keep their newest backup.
pub const DAILY: usize = 7;
pub const WEEKLY: usize = 4;
pub const MONTHLY: usize = 12;
/// Everything younger than this is kept.
pub const RECENT: Duration = Duration::hours(24);
/// Backups that guard a change (`BackupKind::guards_a_change`) are kept this long.
pub const GUARD_DAYS: i64 = 30;

/// One backup, as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub at: DateTime<Utc>,
    pub kind: BackupKind,
}

/// For each backup, in the order given, whether to keep it.
pub fn keep(backups: &[Dated], now: DateTime<Utc>) -> Vec<bool> {
    let mut keep: Vec<bool> = backups
        .iter()
        .map(|b| {
            // A time after now (the clock was set back) is not ours to judge: keep it.
            b.at > now - RECENT
                || (b.kind.guards_a_change() && b.at > now - Duration::days(GUARD_DAYS))
        })
        .collect();
    // Newest first; equal times in the order given, so the choice is stable.
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(backups[i].at));
    let mut newest_of_each = |count: usize, period: &dyn Fn(DateTime<Utc>) -> (i32, u32)| {
        let mut seen = HashSet::new();
        for &i in &order {
            if seen.len() == count {
                break;
            }
            if seen.insert(period(backups[i].at)) {
                keep[i] = true;
            }
        }
    };
    newest_of_each(DAILY, &|t| (t.year(), t.ordinal()));
    newest_of_each(WEEKLY, &|t| (t.iso_week().year(), t.iso_week().week()));
    newest_of_each(MONTHLY, &|t| (t.year(), t.month()));
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn daily(t: DateTime<Utc>) -> Dated {
        Dated {
            at: t,
            kind: BackupKind::Daily,
        }
    }

    #[test]
    fn a_year_of_dailies_keeps_seven_days_four_weeks_twelve_months() {
        let now = at(2026, 11, 23, 12);
        let backups: Vec<Dated> = (0..400).map(|d| daily(now - Duration::days(d))).collect();
        let kept = keep(&backups, now);
        let kept_days: Vec<i64> = (0..400).filter(|&d| kept[d as usize]).collect();
        // Today..6 days ago; the newest of the 4 weeks (ISO weeks start Monday: 23 Nov
        // 2026 is one, so the week before's newest is Sunday the 22nd, 1 day ago);
        // the newest of each of 12 months (the last day of each earlier month).
        assert_eq!(&kept_days[..7], &[0, 1, 2, 3, 4, 5, 6]);
        assert!(kept_days.contains(&8) && kept_days.contains(&15));
        assert!(kept_days.contains(&23), "31 Oct, the newest of October");
        assert!(kept_days.len() <= DAILY + WEEKLY + MONTHLY);
        assert!(kept_days.len() >= DAILY + MONTHLY - 1);
        // Nothing older than twelve months' worth.
        assert!(*kept_days.last().unwrap() < 366);
    }

    #[test]
    fn the_last_day_is_kept_whole_and_guards_for_a_month() {
        let now = at(2026, 11, 23, 12);
        let mut backups: Vec<Dated> = (1..10)
            .map(|h| Dated {
                at: now - Duration::hours(h),
                kind: BackupKind::Manual,
            })
            .collect();
        let ago = |days, minutes, kind| Dated {
            at: now - Duration::days(days) + Duration::minutes(minutes),
            kind,
        };
        backups.extend([
            ago(20, 0, BackupKind::PreRestore),
            ago(20, 5, BackupKind::Daily),
            ago(40, 0, BackupKind::PreMigration),
            ago(40, 5, BackupKind::Daily),
        ]);
        let kept = keep(&backups, now);
        assert!(kept[..9].iter().all(|&k| k), "the last 24 hours stay");
        assert!(
            kept[9],
            "a pre-restore backup is kept 30 days though a newer one shares its day"
        );
        assert!(
            !kept[11],
            "after 30 days it is one of its day's backups like any other"
        );
    }

    fn history() -> impl Strategy<Value = (Vec<Dated>, DateTime<Utc>)> {
        let kinds = prop::sample::select(BackupKind::ALL.to_vec());
        let now = at(2026, 11, 23, 12);
        // Up to two years back, a few hours ahead (a clock set back), minute steps.
        prop::collection::vec((-60 * 24 * 730i64..60 * 5, kinds), 0..80).prop_map(move |items| {
            let backups = items
                .into_iter()
                .map(|(m, kind)| Dated {
                    at: now + Duration::minutes(m),
                    kind,
                })
                .collect();
            (backups, now)
        })
    }

    proptest! {
        #[test]
        fn the_rule_holds_on_any_history((backups, now) in history()) {
            let kept = keep(&backups, now);
            prop_assert_eq!(kept.len(), backups.len());
            // The newest backup always stays.
            if let Some(newest) = backups.iter().map(|b| b.at).max() {
                prop_assert!(backups.iter().zip(&kept).any(|(b, &k)| k && b.at == newest));
            }
            // Nothing from the last 24 hours goes, nor a change's guard under 30 days.
            for (b, &k) in backups.iter().zip(&kept) {
                if b.at > now - RECENT
                    || (b.kind.guards_a_change() && b.at > now - Duration::days(GUARD_DAYS))
                {
                    prop_assert!(k, "{:?} must stay", b);
                }
            }
            // Bounded: the spread plus what the two time rules keep.
            let protected = backups
                .iter()
                .filter(|b| {
                    b.at > now - RECENT
                        || (b.kind.guards_a_change() && b.at > now - Duration::days(GUARD_DAYS))
                })
                .count();
            let count = kept.iter().filter(|&&k| k).count();
            prop_assert!(count <= DAILY + WEEKLY + MONTHLY + protected);
            // Each of the 7 newest days that have a backup keeps that day's newest.
            let mut days: Vec<_> = backups.iter().map(|b| b.at.date_naive()).collect();
            days.sort_unstable_by(|a, b| b.cmp(a));
            days.dedup();
            for day in days.iter().take(DAILY) {
                let newest = backups
                    .iter()
                    .filter(|b| b.at.date_naive() == *day)
                    .map(|b| b.at)
                    .max();
                prop_assert!(backups
                    .iter()
                    .zip(&kept)
                    .any(|(b, &k)| k && Some(b.at) == newest));
            }
            // Pruning again keeps everything that is left.
            let left: Vec<Dated> = backups
                .iter()
                .zip(&kept)
                .filter(|(_, &k)| k)
                .map(|(b, _)| *b)
                .collect();
            prop_assert!(keep(&left, now).iter().all(|&k| k));
        }
    }
}
