//! Exports: which prospects a selection means (resolved once, here), walked in the
//! list's order one row at a time and handed to the format's writer (`export/`). A book
//! of any size streams through: the selection is a bitset of ids, never a list of
//! prospects.

use super::list::{matching, order_by, tag_of, IdSet, TAGGED};
use super::plans::read_plans;
use super::prospects::{from_row, tags_of, COLUMNS};
use super::settings::read_settings;
use super::{opt_from_ms, Store};
use crate::cadence::plan::{followed, Plan};
use crate::error::Result;
use crate::export::{csv, dossier, html, vcard, Entry};
use crate::model::{ExportKind, Exported, Prospect, Selection, Sort};
use chrono::{DateTime, Utc};
use std::io::Write;

/// Who a selection means: `None` is everyone.
struct Chosen {
    ids: Option<IdSet>,
    sort: Sort,
}

impl Store {
    /// Writes the selected prospects to `out` in `kind`'s format, in the list's order
    /// (the query's sort, or by name).
    pub fn export(
        &self,
        kind: ExportKind,
        selection: &Selection,
        out: &mut dyn Write,
        now: DateTime<Utc>,
    ) -> Result<Exported> {
        let chosen = self.resolve(selection)?;
        let count = self.count(&chosen)?;
        let plans = read_plans(&self.conn)?;
        let mut out = std::io::BufWriter::new(out);
        let mut done = Exported {
            prospects: 0,
            touches: 0,
        };
        let mut tally = |e: &Entry| {
            done.prospects += 1;
            done.touches += e.touches.len() as u32;
        };
        // What each format needs beyond the prospect.
        let history = matches!(
            kind,
            ExportKind::TouchesCsv | ExportKind::Dossier | ExportKind::DossierHtml
        );
        let mut walk = |write: &mut dyn FnMut(&Entry) -> Result<()>| {
            self.each(&chosen, &plans, history, &mut |e| {
                write(&e)?;
                tally(&e);
                Ok(())
            })
        };
        match kind {
            ExportKind::ProspectsCsv => {
                let mut w = csv::Prospects::new(&mut out)?;
                walk(&mut |e| w.write(&e.prospect, plan_name(e)))?;
                w.finish()?;
            }
            ExportKind::TouchesCsv => {
                let mut w = csv::Touches::new(&mut out)?;
                walk(&mut |e| {
                    e.touches
                        .iter()
                        .try_for_each(|t| w.write(&e.prospect.name, t))
                })?;
                w.finish()?;
            }
            ExportKind::VCard4 | ExportKind::VCard3 => {
                let version = if kind == ExportKind::VCard4 {
                    vcard::Version::V4
                } else {
                    vcard::Version::V3
                };
                walk(&mut |e| vcard::write(&mut out, &e.prospect, version))?;
                out.flush()?;
            }
            ExportKind::Dossier => {
                let mut w = dossier::Writer::new(&mut out, now, count)?;
                walk(&mut |e| w.write(e))?;
                w.finish()?;
            }
            ExportKind::DossierHtml => {
                let zone = read_settings(&self.conn)?.week.zone;
                let mut w = html::Writer::new(&mut out, &selection.describe(), now, count, zone)?;
                walk(&mut |e| w.write(e))?;
                w.finish()?;
            }
        }
        Ok(done)
    }

    /// The selection as a set of ids (the one place ids, tag and query are read): each
    /// part that is set narrows the others.
    fn resolve(&self, selection: &Selection) -> Result<Chosen> {
        let mut ids = None;
        if !selection.ids.is_empty() {
            // Only ids that are there: one deleted meanwhile is not counted.
            let mut set = IdSet::default();
            let mut exists = self
                .conn
                .prepare_cached("SELECT 1 FROM prospects WHERE id = ?1")?;
            for &id in &selection.ids {
                if exists.exists([id])? {
                    set.insert(id);
                }
            }
            ids = Some(set);
        }
        if let Some(tag) = tag_of(selection.tag.as_deref()) {
            ids = Some(IdSet::from_query(&self.conn, TAGGED, tag, ids.as_ref())?);
        }
        let mut sort = Sort::Name;
        if let Some(q) = &selection.query {
            ids = matching(&self.conn, q, ids)?;
            sort = q.sort;
        }
        Ok(Chosen { ids, sort })
    }

    fn count(&self, chosen: &Chosen) -> Result<u32> {
        Ok(match &chosen.ids {
            Some(set) => set.len(),
            None => self
                .conn
                .query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))?,
        })
    }

    /// Calls `each` with every chosen prospect in order, read one row at a time; with
    /// `history`, its touches and skips (oldest first) too.
    fn each(
        &self,
        chosen: &Chosen,
        plans: &[Plan],
        history: bool,
        each: &mut dyn FnMut(Entry) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS}, plan_started_at FROM prospects p ORDER BY {}",
            order_by(chosen.sort)
        ))?;
        let started_at = COLUMNS.split(',').count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut prospect: Prospect = from_row(row)?;
            if chosen
                .ids
                .as_ref()
                .is_some_and(|s| !s.contains(prospect.id))
            {
                continue;
            }
            prospect.tags = tags_of(&self.conn, prospect.id)?;
            let plan = followed(plans, prospect.plan_id, prospect.status, prospect.source).cloned();
            let (mut touches, mut skips) = (Vec::new(), Vec::new());
            if history {
                touches = self.touches(prospect.id)?;
                touches.reverse();
                skips = self.skips(prospect.id)?;
                skips.reverse();
            }
            each(Entry {
                plan_started_at: opt_from_ms(row.get(started_at)?)?,
                prospect,
                touches,
                skips,
                plan,
            })?;
        }
        Ok(())
    }
}

fn plan_name(e: &Entry) -> &str {
    e.plan.as_ref().map_or("", |p| p.name.as_str())
}
