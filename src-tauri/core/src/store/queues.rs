//! The follow-up queues: Today, Upcoming, One-hit wonders and Stalled, each item with
//! the engine's fresh answer and the heading it goes under.

use super::kind::RESPONDED;
use super::plans::read_plans;
use super::schedule::evaluate_many;
use super::settings::read_settings;
use super::{to_ms, Store};
use crate::cadence::Settings;
use crate::error::{Error, Result};
use crate::model::{Due, DueItem, DueKind, ProspectRow, Status};
use crate::reports::ONE_HIT_AFTER_DAYS;
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Serialize)]
pub struct Queue {
    /// How many items the queue holds in all; `items` is the first page.
    pub total: u32,
    pub items: Vec<DueItem>,
    /// How many wait beyond the page (`items` may be fewer than the page: a paused
    /// prospect is counted but has nothing due).
    pub more: u32,
    /// Set while the user is away (see `Settings::back_on`).
    pub back_on: Option<chrono::NaiveDate>,
}

/// How far past today Upcoming and Notes to write look, in days.
pub const HORIZON_DAYS: u32 = 7;

impl Store {
    /// A queue by the name the UI uses for it.
    pub fn queue(&self, name: &str, now: DateTime<Utc>, limit: u32) -> Result<Queue> {
        let limit = limit.clamp(1, 500);
        match name {
            "today" => self.today(now, limit),
            "upcoming" => self.upcoming(now, limit),
            "one_hit" => self.one_hit_wonders(now, limit),
            "stalled" => self.stalled(now, limit),
            _ => Err(Error::invalid("queue", "Unknown list.")),
        }
    }

    /// Overdue and due-today items, inbound and replies first, then by due time; the first
    /// `limit` with fresh explanations.
    pub fn today(&self, now: DateTime<Utc>, limit: u32) -> Result<Queue> {
        self.window(now, limit, |settings| {
            (i64::MIN, to_ms(settings.week.end_of_day(now)))
        })
    }

    /// Due after today and within the next `HORIZON_DAYS` days.
    pub fn upcoming(&self, now: DateTime<Utc>, limit: u32) -> Result<Queue> {
        self.window(now, limit, |settings| {
            (
                to_ms(settings.week.end_of_day(now)),
                to_ms(horizon(settings, now)),
            )
        })
    }

    /// Items due in [start, end) (`bounds` under the user's settings): urgent kinds
    /// first, then by due time. Read as one snapshot, the settings included. The
    /// window's conditions are written to match `prospects_by_next_due` and
    /// `prospects_by_due_kind`.
    fn window(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        bounds: impl FnOnce(&Settings) -> (i64, i64),
    ) -> Result<Queue> {
        self.reading(|| {
            let settings = &read_settings(&self.conn)?;
            let (start, end) = bounds(settings);
            const WINDOW: &str = "(next_due_at IS NULL) = 0 AND next_due_at >= ?2 AND next_due_at < ?1";
            let total: u32 = self
                .conn
                .prepare_cached(&format!("SELECT count(*) FROM prospects WHERE {WINDOW}"))?
                .query_row(params![end, start], |r| r.get(0))?;
            let mut ids: Vec<i64> = Vec::new();
            for kind in [DueKind::Inbound, DueKind::Reply] {
                let urgent: Vec<i64> = self
                    .conn
                    .prepare_cached(
                        "SELECT id FROM prospects WHERE due_kind = ?3 AND next_due_at >= ?2 AND next_due_at < ?1 \
                         ORDER BY next_due_at LIMIT ?4",
                    )?
                    .query_map(params![end, start, kind, limit], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                ids.extend(urgent);
            }
            ids.truncate(limit as usize);
            if (ids.len() as u32) < limit {
                let rest: Vec<i64> = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT id FROM prospects WHERE {WINDOW} AND due_kind NOT IN (?4, ?5) \
                         ORDER BY next_due_at IS NULL, next_due_at, id LIMIT ?3"
                    ))?
                    .query_map(
                        params![
                            end,
                            start,
                            limit - ids.len() as u32,
                            DueKind::Inbound,
                            DueKind::Reply
                        ],
                        |r| r.get(0),
                    )?
                    .collect::<rusqlite::Result<_>>()?;
                ids.extend(rest);
            }
            let items = self.items(&ids, settings, now)?;
            Ok(Queue {
                total,
                items,
                more: total.saturating_sub(ids.len() as u32),
                back_on: away(settings, now),
            })
        })
    }

    /// Prospects touched once, with no response, and left behind (seed 002: 48% of
    /// sellers stop after one attempt). A message from them is a response, whatever
    /// outcome it was logged with.
    pub fn one_hit_wonders(&self, now: DateTime<Utc>, limit: u32) -> Result<Queue> {
        // Each candidate's touches read from the covering index's `kind` (no table rows).
        static ONE_HIT: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT p.id FROM prospects p WHERE p.status = ?2 AND p.touchpoints = 1 AND p.last_touch_at < ?1 \
                 AND NOT EXISTS (SELECT 1 FROM touches t WHERE t.prospect_id = p.id AND {RESPONDED}) \
                 ORDER BY p.last_touch_at"
            )
        });
        let settings = read_settings(&self.conn)?;
        let cutoff = to_ms(now - Duration::days(ONE_HIT_AFTER_DAYS));
        self.listed(
            &settings,
            now,
            &ONE_HIT,
            params![cutoff, Status::Active],
            limit,
        )
    }

    /// Prospects in active pursuit whose last touch is past the two-week ceiling.
    pub fn stalled(&self, now: DateTime<Utc>, limit: u32) -> Result<Queue> {
        let settings = read_settings(&self.conn)?;
        let cutoff = to_ms(now - Duration::days(settings.max_gap_days.into()));
        self.listed(
            &settings,
            now,
            "SELECT p.id FROM prospects p WHERE p.status = ?2 AND p.paused = 0 AND p.last_touch_at < ?1 \
             ORDER BY p.last_touch_at",
            params![cutoff, Status::Active],
            limit,
        )
    }

    fn listed(
        &self,
        settings: &Settings,
        now: DateTime<Utc>,
        sql: &str,
        args: impl rusqlite::Params,
        limit: u32,
    ) -> Result<Queue> {
        let all: Vec<i64> = self
            .conn
            .prepare_cached(sql)?
            .query_map(args, |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let page = &all[..all.len().min(limit as usize)];
        let items = self.items(page, settings, now)?;
        Ok(Queue {
            total: all.len() as u32,
            items,
            more: (all.len() - page.len()) as u32,
            back_on: away(settings, now),
        })
    }

    pub(crate) fn items(
        &self,
        ids: &[i64],
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<Vec<DueItem>> {
        let plans = read_plans(&self.conn)?;
        let mut rows: HashMap<i64, ProspectRow> =
            self.rows(ids)?.into_iter().map(|r| (r.id, r)).collect();
        Ok(evaluate_many(&self.conn, ids, settings, &plans, now)?
            .into_iter()
            .filter_map(|(id, due)| {
                let due = due?;
                Some(DueItem {
                    prospect: rows.remove(&id)?,
                    group: group_of(&due, settings, now),
                    due,
                })
            })
            .collect())
    }
}

/// The end of the horizon: the end of today in the user's working zone, plus
/// `HORIZON_DAYS`.
pub(super) fn horizon(settings: &Settings, now: DateTime<Utc>) -> DateTime<Utc> {
    settings.week.end_of_day(now) + Duration::days(HORIZON_DAYS.into())
}

/// The date the user is back, while they are away.
fn away(settings: &Settings, now: DateTime<Utc>) -> Option<chrono::NaiveDate> {
    settings
        .back_on
        .filter(|&d| settings.week.local_date(now) < d)
}

/// The list heading a due item goes under.
fn group_of(due: &Due, settings: &Settings, now: DateTime<Utc>) -> String {
    let week = &settings.week;
    if due.kind.is_urgent() {
        return "Inbound".into();
    }
    let today = week.local_date(now);
    let local = due.at.with_timezone(&week.zone);
    if local.date_naive() < today {
        return "Overdue".into();
    }
    if local.date_naive() > today {
        return local.format("%A %b %-d").to_string();
    }
    let time = local.time();
    match week.blocks.iter().rev().find(|&&b| b <= time) {
        Some(b) => format!("{} block", b.format("%H:%M")),
        None => "Before the first block".into(),
    }
}
