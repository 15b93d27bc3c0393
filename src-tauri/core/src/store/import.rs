//! An import: contacts read from a file (`import::Feed`) checked like a form save,
//! matched against the book, and written in one transaction — or, for the preview, the
//! same walk without writing. One function does both, so what the preview says is what
//! the import does.
//!
//! New prospects get the import's source and tag and start on their default plan, with
//! first contacts spread over the coming days (`cadence::spread`); a match is merged
//! (`import::matching::fill`: gaps filled, nothing overwritten) or skipped, as the user
//! chose. A dossier's prospects keep their history: touches, plan and where it stood.

use super::identities::Identities;
use super::plans::read_plans;
use super::prospects::{insert, overwrite, read};
use super::schedule::recompute_with;
use super::settings::read_settings;
use super::touches::restat;
use super::{read_setting, to_ms, write_setting, Store, CACHE_KIB, IMPORT_CACHE_KIB};
use crate::cadence::plan::Plan;
use crate::cadence::spread::Spread;
use crate::cadence::Settings;
use crate::error::{Error, Result};
use crate::import::matching::{fill, keys, same_person, Keys};
use crate::import::{Feed, History, Mapping, Place, Record, RowError};
use crate::model::{BackupKind, Source};
use crate::validate::{self, ValidProspect};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::sync::mpsc;
use std::thread;

/// How many row errors a report lists; the rest are counted.
pub const LISTED_ERRORS: usize = 500;
/// In a preview, the id of a contact new in this file (nothing is written, so it has
/// none): a later row matching it counts as a match without anything being read back.
const PENDING: i64 = -1;
/// How many records between progress reports (and chances to cancel).
const PROGRESS_EVERY: u64 = 250;

/// What to do with a contact who is already in the book.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnMatch {
    /// Leave them as they are (the default: nothing is changed without being asked).
    #[default]
    Skip,
    /// Fill their empty fields and add new emails, phones and tags; overwrite nothing.
    Merge,
}

/// The user's choices for one import.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportOptions {
    /// Where the new prospects came from (a networking event, a referral…).
    pub source: Source,
    /// A tag naming the import, put on every prospect it creates so they can be found
    /// (and deleted) together. Empty: none.
    pub tag: String,
    pub on_match: OnMatch,
    /// New first contacts per working day.
    pub per_day: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            source: Source::Other,
            tag: String::new(),
            on_match: OnMatch::Skip,
            per_day: 20,
        }
    }
}

/// How far an import has got, for a progress bar.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Progress {
    pub records: u64,
    pub bytes: u64,
}

/// What an import will do (a preview) or did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Contacts not in the book yet.
    pub new: u32,
    /// Contacts already in the book (or earlier in the same file).
    pub matching: u32,
    /// Of those, how many the file would add something to (what a merge changes).
    pub with_changes: u32,
    /// Matches merged (only when written with `OnMatch::Merge`).
    pub merged: u32,
    /// The first `LISTED_ERRORS` rows that can't be brought in, with the reason.
    pub errors: Vec<RowError>,
    pub error_count: u32,
    /// How the new prospects' first contacts are spread.
    pub spread: Option<SpreadReport>,
    /// The tag put on the new prospects.
    pub tag: String,
    /// Whether anything was written (false for a preview).
    pub written: bool,
    /// The backup taken before writing.
    pub backup: Option<String>,
}

impl ImportReport {
    fn add_error(&mut self, e: RowError) {
        self.error_count += 1;
        if self.errors.len() < LISTED_ERRORS {
            self.errors.push(e);
        }
    }

    /// Nothing in the file could be used: every record was an error.
    pub fn nothing_usable(&self) -> bool {
        self.new == 0 && self.matching == 0
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct SpreadReport {
    pub per_day: u32,
    /// How many prospects are spread (new ones without a history of their own).
    pub prospects: u32,
    pub days: u32,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// The tag an import gets unless the user names one: the date and the file, within the
/// tag length limit and without the commas tags can't hold.
fn default_tag(file_name: &str, today: NaiveDate) -> String {
    let stem = std::path::Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .replace(',', " ");
    let head = format!("Import {}", today.format("%Y-%m-%d"));
    let room = crate::limits::TAG.saturating_sub(head.chars().count() + 1);
    let stem: String = stem.trim().chars().take(room).collect();
    if stem.trim().is_empty() {
        head
    } else {
        format!("{head} {}", stem.trim())
    }
}

impl Store {
    /// The tag an import of `file_name` gets unless the user names one (`default_tag`),
    /// dated by the user's working day, as everywhere "today" is.
    pub fn default_import_tag(&self, file_name: &str, now: DateTime<Utc>) -> Result<String> {
        let today = read_settings(&self.conn)?.week.local_date(now);
        Ok(default_tag(file_name, today))
    }

    /// What importing `feed` would do, without writing anything.
    pub fn preview_import(
        &self,
        feed: &mut dyn Feed,
        options: &ImportOptions,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<ImportReport> {
        let options = checked(options)?;
        // A transaction that is never committed: the preview reads one snapshot of the
        // book, and the identities it keeps in a temporary table go with the rollback.
        let tx = self.conn.unchecked_transaction()?;
        walk(&tx, None, feed, &options, now, progress)
    }

    /// Imports `feed` in one transaction after taking a backup. Cancelling (the progress
    /// callback answers `false`) or any failure leaves the database exactly as before.
    pub fn import(
        &mut self,
        feed: &mut dyn Feed,
        options: &ImportOptions,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<ImportReport> {
        let options = checked(options)?;
        // An in-memory store (tests) has no folder to back up into.
        let backup = match self.file() {
            Some(_) => Some(self.backup(BackupKind::PreImport, now)?.file),
            None => None,
        };
        // One large transaction: its pages stay in the cache until it commits, so it
        // gets a larger cache than a reading window needs (SQLite spills to the log
        // mid-transaction otherwise), for as long as it runs.
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        let written = (|| {
            let tx = self.write()?;
            let mut writer = Writer {
                plans: read_plans(&tx)?,
                tx: &tx,
            };
            let report = walk(&tx, Some(&mut writer), feed, &options, now, progress)?;
            tx.commit()?;
            Ok::<_, Error>(report)
        })();
        self.conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        let mut report = written?;
        report.written = true;
        report.backup = backup;
        Ok(report)
    }
}

impl Store {
    /// The column mapping the user chose for a CSV with these headers, if any.
    pub fn remembered_mapping(&self, headers: &[String]) -> Result<Option<Mapping>> {
        read_setting(
            &self.conn,
            &mapping_key(headers),
            "remembered column mapping",
        )
    }

    /// Keeps the user's column mapping for the next CSV with the same headers.
    pub fn remember_mapping(&mut self, headers: &[String], mapping: &Mapping) -> Result<()> {
        let tx = self.write()?;
        write_setting(&tx, &mapping_key(headers), mapping)?;
        tx.commit()?;
        Ok(())
    }
}

/// Headers that differ only in case or surrounding spaces are the same export.
fn mapping_key(headers: &[String]) -> String {
    let text = headers
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}");
    // FNV-1a: stable across versions, unlike std's hasher.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("import_mapping:{hash:016x}")
}

fn checked(options: &ImportOptions) -> Result<ImportOptions> {
    let mut o = options.clone();
    let tags = validate::tags("tag", std::slice::from_ref(&o.tag))?;
    o.tag = tags.into_iter().next().unwrap_or_default();
    if !(1..=crate::limits::IMPORT_PER_DAY).contains(&(o.per_day as usize)) {
        return Err(Error::invalid(
            "per_day",
            format!(
                "New first contacts a day: a number from 1 to {}.",
                crate::limits::IMPORT_PER_DAY
            ),
        ));
    }
    Ok(o)
}

/// Where an import writes: its transaction, and the plans (read once, and added to
/// when a dossier brings one the book doesn't have).
struct Writer<'a> {
    tx: &'a Transaction<'a>,
    plans: Vec<Plan>,
}

/// Records handed from the reading thread to the writing one at a time (handed over
/// one by one, the hand-overs took most of what the second thread saved), and how many
/// such batches may wait: enough to keep both threads busy, few enough that memory
/// doesn't grow with the file.
const HANDOVER: usize = 64;
const QUEUE: usize = 8;

/// The one walk through a file, on two threads: one reads and checks the records (no
/// database needed: `check`), the caller's thread matches and writes them in file order
/// (`one`), so reading the next rows overlaps writing these. Progress is reported every
/// `PROGRESS_EVERY` records, and once for the whole file as the last thing before the
/// caller keeps what was done: a cancel while the last records were written (or in a
/// file too short for a report on the way) still leaves the book as it was.
fn walk(
    conn: &Connection,
    mut write: Option<&mut Writer<'_>>,
    feed: &mut dyn Feed,
    options: &ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Progress) -> bool,
) -> Result<ImportReport> {
    let settings = read_settings(conn)?;
    let mut identities = Identities::of_book(conn)?;
    let mut spread = Spread::new(&settings, now, options.per_day);
    let mut report = ImportReport {
        tag: options.tag.clone(),
        ..ImportReport::default()
    };
    let (send, checked) = mpsc::sync_channel::<Vec<(Checking, u64)>>(QUEUE);
    let walked = thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(HANDOVER);
            while let Some(item) = feed.next() {
                let item = item.map(|record| (record.place, check(record, options, now)));
                batch.push((item, feed.bytes_read()));
                // The writer stops early on a cancel or a database error: then no one
                // is listening, and reading on would be wasted.
                if batch.len() == HANDOVER
                    && send
                        .send(std::mem::replace(&mut batch, Vec::with_capacity(HANDOVER)))
                        .is_err()
                {
                    return;
                }
            }
            // The last, part batch (ignored if the writer has stopped).
            let _ = send.send(batch);
        });
        let mut seen = 0u64;
        let mut bytes = 0u64;
        for (item, read) in checked.into_iter().flatten() {
            seen += 1;
            bytes = read;
            if seen.is_multiple_of(PROGRESS_EVERY)
                && !progress(Progress {
                    records: seen,
                    bytes,
                })
            {
                return Err(Error::Cancelled);
            }
            let (place, record) = match item {
                Ok(r) => r,
                Err(e) => {
                    report.add_error(e);
                    continue;
                }
            };
            let outcome = record.and_then(|record| {
                one(
                    conn,
                    write.as_deref_mut(),
                    &settings,
                    &mut identities,
                    &mut spread,
                    options,
                    record,
                    now,
                )
            });
            match outcome {
                Ok(Outcome::New) => report.new += 1,
                Ok(Outcome::Match { changes, merged }) => {
                    report.matching += 1;
                    report.with_changes += u32::from(changes);
                    report.merged += u32::from(merged);
                }
                Err(e) if is_row_error(&e) => report.add_error(RowError {
                    place,
                    reason: e.to_string(),
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(Progress {
            records: seen,
            bytes,
        })
    });
    let whole = walked?;
    identities.finish()?;
    if spread.slots() > 0 {
        let (first, last, days) = spread.span();
        report.spread = Some(SpreadReport {
            per_day: options.per_day,
            prospects: spread.slots(),
            days,
            first,
            last,
        });
    }
    if !progress(whole) {
        return Err(Error::Cancelled);
    }
    Ok(report)
}

/// Errors that are the row's fault (it stays out, the import goes on), as opposed to
/// the database's (the import stops and nothing is kept).
fn is_row_error(e: &Error) -> bool {
    matches!(e, Error::Invalid { .. } | Error::Template { .. })
}

enum Outcome {
    New,
    Match { changes: bool, merged: bool },
}

/// A record as the reading thread hands it over: the file's error, or where it was and
/// the record checked (or why it can't come in).
type Checking = std::result::Result<(Place, Result<Checked>), RowError>;

/// A record checked like a form save, with its identity worked out.
struct Checked {
    valid: ValidProspect,
    identity: Keys,
    history: Option<History>,
}

/// The part of a record's way in that needs no database.
fn check(record: Record, options: &ImportOptions, now: DateTime<Utc>) -> Result<Checked> {
    let Record {
        mut contact,
        history,
        keeps_source,
        ..
    } = record;
    let history = history.map(|h| validate::history(*h, now)).transpose()?;
    if !keeps_source {
        contact.source = options.source;
    }
    let valid = validate::prospect(contact)?;
    let identity = keys(&valid.input);
    Ok(Checked {
        valid,
        identity,
        history,
    })
}

/// One checked record: matched, and (when writing) written.
#[allow(clippy::too_many_arguments)]
fn one(
    conn: &Connection,
    write: Option<&mut Writer<'_>>,
    settings: &Settings,
    identities: &mut Identities<'_>,
    spread: &mut Spread<'_>,
    options: &ImportOptions,
    record: Checked,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    let Checked {
        valid,
        identity,
        history,
    } = record;

    if let Some(id) = identities.find(&identity)? {
        if id == PENDING {
            // Earlier in this same file, not written (a preview).
            return Ok(Outcome::Match {
                changes: false,
                merged: false,
            });
        }
        let current = read(conn, id)?;
        let mine = current.input();
        // A 64-bit hash collision would be the only way here without a shared identity.
        if same_person(&mine, &valid.input) {
            let merged = fill(&mine, &valid.input);
            let changes = merged.is_some();
            let mut did = false;
            if let (Some(w), OnMatch::Merge) = (write, options.on_match) {
                let tx = w.tx;
                if let Some(merged) = merged {
                    let merged = validate::prospect(merged)?;
                    overwrite(tx, id, &merged, now)?;
                    identities.add(id, &keys(&merged.input))?;
                    did = true;
                }
                if let Some(h) = &history {
                    did |= add_history(tx, id, h, true)?;
                }
                if did {
                    restat(tx, id)?;
                    recompute_with(tx, id, settings, &w.plans, now)?;
                }
            }
            return Ok(Outcome::Match {
                changes: changes || history.as_ref().is_some_and(|h| !h.touches.is_empty()),
                merged: did,
            });
        }
    }

    // New: the import's tag (it may be one too many).
    let valid = if options.tag.is_empty() {
        valid
    } else {
        validate::with_tag(valid, &options.tag)?
    };
    // A prospect with a history of its own keeps its schedule, and one with a step
    // agreed keeps it (a spread's snooze would hold the step back).
    let slot = history
        .as_ref()
        .is_none_or(|h| h.touches.is_empty() && h.next_step.is_none())
        .then(|| spread.next_slot());
    let Some(w) = write else {
        identities.add(PENDING, &identity)?;
        return Ok(Outcome::New);
    };
    let created = history.as_ref().map_or(now, |h| h.created_at.min(now));
    let tx = w.tx;
    // In with its first due; one with a history of its own is scheduled again after it.
    let id = insert(
        tx,
        &valid,
        slot.and_then(|s| s.snooze),
        created,
        settings,
        &w.plans,
        now,
    )?;
    if let Some(h) = &history {
        if add_history(tx, id, h, false)? {
            // A plan the book didn't have was added: the engine must see it.
            w.plans = read_plans(tx)?;
        }
        restat(tx, id)?;
        recompute_with(tx, id, settings, &w.plans, now)?;
    }
    identities.add(id, &identity)?;
    Ok(Outcome::New)
}

/// Writes a dossier's history onto prospect `id`: its touches and skips, and (for a
/// prospect it creates) the plan and where it stood. On a merge only touches and skips
/// the book doesn't have yet are added; the plan and controls stay the user's. Merging:
/// whether anything was added; otherwise: whether a plan was added to the book.
fn add_history(conn: &Transaction<'_>, id: i64, h: &History, merging: bool) -> Result<bool> {
    let mut added = false;
    for t in &h.touches {
        let exists = merging
            && conn
                .prepare_cached(
                    "SELECT 1 FROM touches WHERE prospect_id = ?1 AND at = ?2 AND channel = ?3",
                )?
                .query_row(params![id, to_ms(t.at), t.channel], |_| Ok(()))
                .optional()?
                .is_some();
        if exists {
            continue;
        }
        conn.prepare_cached(
            "INSERT INTO touches (prospect_id, at, channel, outcome, note, message, counts, inbound, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?2)",
        )?
        .execute(params![
            id,
            to_ms(t.at),
            t.channel,
            t.outcome,
            t.note,
            t.message,
            t.channel.is_touchpoint(t.inbound),
            t.inbound
        ])?;
        added = true;
    }
    for s in &h.skips {
        let exists = merging
            && conn
                .prepare_cached("SELECT 1 FROM skips WHERE prospect_id = ?1 AND at = ?2")?
                .query_row(params![id, to_ms(s.at)], |_| Ok(()))
                .optional()?
                .is_some();
        if !exists {
            conn.prepare_cached("INSERT INTO skips (prospect_id, at, reason) VALUES (?1, ?2, ?3)")?
                .execute(params![id, to_ms(s.at), s.reason])?;
            added = true;
        }
    }
    if merging {
        return Ok(added);
    }
    let (plan_id, plan_added) = match &h.plan {
        Some(p) => {
            let (id, added) = plan_for(conn, p)?;
            (Some(id), added)
        }
        None => (None, false),
    };
    // A dossier with no snooze keeps the one the import's spread gave the new prospect.
    conn.prepare_cached(
        "UPDATE prospects SET plan_id = ?2, plan_started_at = ?3, next_step_at = ?4, \
         next_step_note = ?5, snoozed_until = coalesce(?6, snoozed_until), paused = ?7 \
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        plan_id,
        h.plan_started_at.map(to_ms),
        h.next_step.as_ref().map(|s| to_ms(s.at)),
        h.next_step
            .as_ref()
            .map(|s| s.note.as_str())
            .unwrap_or_default(),
        h.snoozed_until.map(to_ms),
        h.paused,
    ])?;
    Ok(plan_added)
}

/// The book's plan with the same name and steps as a dossier's (a built-in one too), or
/// a copy of it added (then `true`).
fn plan_for(conn: &Transaction<'_>, plan: &Plan) -> Result<(i64, bool)> {
    let steps =
        serde_json::to_string(&plan.steps).map_err(|e| Error::invalid("plan", e.to_string()))?;
    let repeat = plan.repeat_from.map(|r| r as i64);
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM plans WHERE name = ?1 AND steps = ?2 AND repeat_from IS ?3 LIMIT 1",
        )?
        .query_row(params![plan.name, steps, repeat], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok((id, false));
    }
    conn.prepare_cached(
        "INSERT INTO plans (name, builtin, description, steps, repeat_from) VALUES (?1, 0, ?2, ?3, ?4)",
    )?
    .execute(params![plan.name, plan.description, steps, repeat])?;
    Ok((conn.last_insert_rowid(), true))
}
