//! The reminder scheduler: asks the core when the next reminder is due, sleeps until then
//! (or until data changes), and announces what is due with one grouped notification.
//!
//! No polling: it sleeps until the next instant something changes (a reminder may be
//! announced, a follow-up comes due, a retry, the live calendar's hourly remake), and
//! wakes early when the data changes, the machine resumes or a notification server takes
//! the bus name. A long safety cap (`LONGEST_SLEEP`) bounds how late a reminder can be
//! where nothing says the machine woke or the clock was set.
//!
//! Under failure (`reminders::announced` is the rule): a reminder the desktop did not
//! show while the window was hidden is not recorded, and is tried again with a growing
//! delay; a server that hangs gets no more calls until it answers again (checked each
//! round, and at once when a server takes the bus name), and what it hung on counts only
//! once it says it showed it; a record that fails is kept in memory, so the same
//! reminder is not shown again, and written later, also with a growing delay.

use crate::db::Db;
use crate::notifier::{Action, Notifier, Show};
use chrono::{DateTime, Duration, Utc};
use followthrough_core::clock;
use followthrough_core::model::SnoozeTo;
use followthrough_core::reminders::{announced, compose, retry_after, Delivery, Message};
use serde::Serialize;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::Notify;

/// How long a call a server hung on may keep the scheduler from asking the server again.
/// Past it, a server that answers is taken as recovered (its old call may never return).
const GIVE_UP_WAITING: Duration = Duration::minutes(10);

/// The longest the scheduler sleeps without looking at the wall clock. Its timer runs on
/// the monotonic clock, which stands still while the machine sleeps and ignores the clock
/// being set: only Linux with logind says when the machine woke (resume.rs), and nothing
/// says the clock was set, so this bounds how late a reminder can be then. A quarter
/// hour keeps an idle app at four wake-ups an hour.
const LONGEST_SLEEP: Duration = Duration::minutes(15);

/// How long to wait after a round that failed (the database could not be read).
const AFTER_FAILURE: std::time::Duration = std::time::Duration::from_secs(60);

/// What the UI and the tray show about reminders.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    /// `Some(false)` once a notification could not be shown: the UI says so once and
    /// lists the due items itself.
    pub desktop_available: Option<bool>,
    /// The latest reminder, as it was (or would have been) shown.
    pub last: Option<Message>,
    /// Follow-ups due now, overdue included.
    pub due_now: u32,
    pub paused_until: Option<DateTime<Utc>>,
}

#[derive(Clone)]
pub struct Scheduler {
    wake: Arc<Notify>,
    status: Arc<Mutex<Status>>,
    desk: Arc<Mutex<Desk>>,
}

/// (prospect id, due instant in ms): one reminder.
type Key = (i64, i64);

/// How the desktop and the record of reminders are doing, between rounds.
#[derive(Debug, Default)]
struct Desk {
    /// A notification the server never answered: no more calls until it answers again.
    hung: bool,
    /// Since when that call has been waiting for its answer. While it waits, the server
    /// is not asked again: it may yet show it, and a second one would repeat it.
    waiting_since: Option<DateTime<Utc>>,
    /// Showing one while the window was hidden (or the server hung).
    show: Backoff,
    /// Announced, but the database did not take the record: never announced again, and
    /// written again when `record` allows.
    unrecorded: HashSet<Key>,
    record: Backoff,
    /// A notification server took the bus name since the last round: the next one tries
    /// the desktop at once, whatever delay its failures had set.
    new_server: bool,
    /// A call the server hung on was shown after all: the next round to set the status
    /// tells the window the desktop shows reminders (rounds set it one at a time, so the
    /// round that met the hang can't say otherwise after it).
    shown_late: bool,
}

/// What a round reads of the desk before it reads the database.
#[derive(Debug)]
struct Look {
    unrecorded: HashSet<Key>,
    /// The server hung on a call.
    hung: bool,
    /// That call may still be answered: don't ask the server again yet.
    waiting: bool,
}

/// What a round does with its reminder.
#[derive(Debug, PartialEq, Eq)]
enum Turn {
    /// Asks the desktop to show it.
    Show,
    /// The desktop can't take it now (its server hangs, or a failure is waiting for its
    /// retry): only the in-app banner says it.
    Banner,
    /// The hung server answered while the round read the database, so what it read may
    /// be what that answer records: nothing this round (the answer wakes the next).
    Stale,
}

impl Desk {
    /// The soonest instant a retry is due, if any.
    fn next_retry(&self) -> Option<DateTime<Utc>> {
        let record = self.record.retry_at.filter(|_| !self.unrecorded.is_empty());
        self.show.retry_at.into_iter().chain(record).min()
    }

    /// The round's look, in one locked section with `answered`'s: an answer either came
    /// before (its reminders are in `unrecorded`, left out of the read) or comes after
    /// (the round still sees the server hung, and `turn` says the look is stale).
    fn look(&self, now: DateTime<Utc>) -> Look {
        Look {
            unrecorded: self.unrecorded.clone(),
            hung: self.hung,
            waiting: self
                .waiting_since
                .is_some_and(|since| now - since < GIVE_UP_WAITING),
        }
    }

    /// What the round does, given whether the server it saw hung (`seen_hung`) still
    /// hangs after this round's probe (`hung`).
    fn turn(&mut self, seen_hung: bool, hung: bool, now: DateTime<Utc>) -> Turn {
        if seen_hung && !self.hung {
            return Turn::Stale;
        }
        self.hung = hung;
        let new_server = std::mem::take(&mut self.new_server);
        if hung {
            // Ask again later, as after any failure (a new server taking the bus
            // name wakes the scheduler sooner).
            self.show.failed(now);
        } else if seen_hung || new_server {
            // It answers again, or another server took its place: try at once.
            self.show.succeeded();
        }
        if self.show.ready(now) && !hung {
            Turn::Show
        } else {
            Turn::Banner
        }
    }

    /// The server answered the call it hung on. Shown: it no longer hangs, and what it
    /// showed is announced: kept in `unrecorded` from this same moment until its record
    /// is written (`Scheduler::record`), so no round shows it again meanwhile.
    fn answered(&mut self, shown: bool, keys: &[Key]) {
        self.waiting_since = None;
        if shown {
            self.hung = false;
            self.shown_late = true;
            self.unrecorded.extend(keys.iter().copied());
        }
    }
}

/// How long to sleep after a round at `now`: until the soonest of `wake_at`, at most
/// `LONGEST_SLEEP`; not at all when one has passed.
fn sleep_for(
    now: DateTime<Utc>,
    wake_at: impl IntoIterator<Item = DateTime<Utc>>,
) -> std::time::Duration {
    let at = wake_at.into_iter().fold(now + LONGEST_SLEEP, DateTime::min);
    (at - now).to_std().unwrap_or_default()
}

/// When what a round found changes next, as far as the data says.
struct Next {
    /// The next instant a reminder may be announced.
    announce: Option<DateTime<Utc>>,
    /// The next due: the tray's count and Today change then.
    due: Option<DateTime<Utc>>,
}

impl Status {
    /// A notification the server was slow to take was shown after all: the desktop
    /// can show them. Whether that is news to the window (its banner said they weren't).
    fn shown_late(&mut self) -> bool {
        self.desktop_available.replace(true) != Some(true)
    }
}

/// Failures in a row of one kind, and when to try again (`reminders::retry_after`).
#[derive(Debug, Default)]
struct Backoff {
    failures: u32,
    retry_at: Option<DateTime<Utc>>,
}

impl Backoff {
    fn failed(&mut self, now: DateTime<Utc>) {
        self.failures += 1;
        self.retry_at = Some(now + retry_after(self.failures));
    }

    fn succeeded(&mut self) {
        *self = Backoff::default();
    }

    /// Whether to try at `now`. A retry instant that has come is cleared: left in the
    /// past it would have the scheduler wake at once, again and again, with nothing to do.
    fn ready(&mut self, now: DateTime<Utc>) -> bool {
        if self.retry_at.is_some_and(|at| at > now) {
            return false;
        }
        self.retry_at = None;
        true
    }
}

impl Scheduler {
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A scheduler that never runs: `status` answers, nothing is ever announced (the
    /// headless test app, see `Desktop`).
    pub fn idle(db: &Db) -> Scheduler {
        Scheduler {
            wake: db.changes(),
            status: Arc::default(),
            desk: Arc::default(),
        }
    }

    pub fn start<R: Runtime>(app: AppHandle<R>, db: Db) -> Scheduler {
        let scheduler = Scheduler::idle(&db);
        let me = scheduler.clone();
        tauri::async_runtime::spawn(async move { me.run(app, db).await });
        scheduler
    }

    async fn run<R: Runtime>(self, app: AppHandle<R>, db: Db) {
        let started = clock::now();
        let notifier = Notifier::default();
        let me = self.clone();
        crate::notifier::watch_server(move || me.server_appeared());
        let log_wakes = std::env::var_os("FOLLOWTHROUGH_LOG_WAKES").is_some();
        let mut wakes: u64 = 0;
        // Let the window load its first page before the first (possibly large, catch-up)
        // round takes the database.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        loop {
            wakes += 1;
            if log_wakes {
                eprintln!("scheduler wake {wakes} at {}", clock::now().to_rfc3339());
            }
            let round = self.round(&app, &db, &notifier, started).await;
            // The scheduler wakes whenever the calendar can change (see calendar.rs). A
            // failure here is logged; Settings says it when the user saves there.
            let remake = match app.try_state::<crate::calendar::LiveCalendar>() {
                Some(live) => live.refresh(&db).await.ok().flatten(),
                None => None,
            };
            let sleep = match round {
                Ok(next) => {
                    let now = clock::now();
                    let retry = self.lock_desk().next_retry().filter(|&at| at > now);
                    sleep_for(
                        now,
                        [next.announce, next.due, retry, remake]
                            .into_iter()
                            .flatten(),
                    )
                }
                Err(e) => {
                    tracing::warn!("reminders: {}", e.message);
                    AFTER_FAILURE
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = self.wake.notified() => {}
            }
        }
    }

    /// One look: announce what is ready, refresh the status, say when to look again.
    async fn round<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        db: &Db,
        notifier: &Notifier,
        started: DateTime<Utc>,
    ) -> Result<Next, crate::ipc_error::IpcError> {
        let now = clock::now();
        self.record_again(db, now).await;
        let Look {
            unrecorded,
            hung: seen_hung,
            waiting,
        } = self.lock_desk().look(now);
        let (round, due_now, paused_until, next_due) = db
            .run(move |s| {
                Ok((
                    s.reminders_except(now, started, &unrecorded)?,
                    s.due_now_count(now)?,
                    s.reminders_paused_until()?,
                    s.next_due_after(now)?,
                ))
            })
            .await?;
        let mut shown = None;
        // A server that hung gets one question per round, once its call has failed (or
        // waited past all reason): does it answer again?
        let hung = seen_hung && (waiting || !notifier.probe().await);
        let turn = self.lock_desk().turn(seen_hung, hung, now);
        match compose(&round.items, round.total, round.catch_up) {
            None => {}
            Some(_) if turn == Turn::Stale => {}
            // The in-app banner still says what is due, new items too. Nothing is
            // recorded, so the desktop shows it once it can.
            Some(msg) if turn == Turn::Banner => shown = Some((msg, false)),
            Some(msg) => {
                let keys = round.keys.clone();
                let on_action = {
                    let app = app.clone();
                    let db = db.clone();
                    let prospect = msg.prospect_id;
                    move |action: Action| act(app, db, action, prospect, keys, now)
                };
                let delivery = match notifier.show(&msg, on_action).await {
                    Show::Shown => Delivery::Shown,
                    Show::Failed => Delivery::Failed,
                    Show::Hung(answer) => {
                        let mut desk = self.lock_desk();
                        desk.hung = true;
                        desk.waiting_since = Some(now);
                        drop(desk);
                        self.when_answered(answer, db.clone(), round.keys.clone());
                        Delivery::Hung
                    }
                };
                let visible = window_visible(app);
                {
                    let mut desk = self.lock_desk();
                    if delivery == Delivery::Failed && !visible {
                        desk.show.failed(now);
                    } else {
                        desk.show.succeeded();
                    }
                }
                if announced(delivery, visible) {
                    self.record(db, round.keys.clone(), now).await;
                }
                shown = Some((msg, delivery == Delivery::Shown));
            }
        }
        let shown_late = std::mem::take(&mut self.lock_desk().shown_late);
        let (status, changed) = {
            let mut st = self.status.lock().unwrap_or_else(|p| p.into_inner());
            // While the desktop can't show them the same message comes every round: only
            // news makes the window redraw.
            let mut changed = st.due_now != due_now
                || shown.as_ref().is_some_and(|(msg, ok)| {
                    st.last.as_ref() != Some(msg) || st.desktop_available != Some(*ok)
                });
            st.due_now = due_now;
            st.paused_until = paused_until.filter(|&u| u > now);
            if let Some((msg, shown)) = shown {
                st.last = Some(msg);
                st.desktop_available = Some(shown);
            } else if shown_late {
                // A slow server (one started on demand) showed it after all: the banner
                // saying the desktop can't show reminders goes.
                changed |= st.shown_late();
            }
            (st.clone(), changed)
        };
        // Ids and counts only: a log never holds what a prospect is called.
        tracing::info!(
            "scheduler round: {due_now} due now, {} announced, next at {}",
            round.keys.len(),
            round
                .next_at
                .map_or_else(|| "none".to_string(), |at| at.to_rfc3339())
        );
        // Only when something changed: the UI redraws its lists on this event.
        if changed {
            crate::tray::show_count(app, status.due_now);
            let _ = app.emit("reminders", &status);
        }
        Ok(Next {
            announce: round.next_at,
            due: next_due,
        })
    }

    fn lock_desk(&self) -> std::sync::MutexGuard<'_, Desk> {
        self.desk.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A notification server took the bus name (one started, or restarted after a
    /// failure): the next round, at once, tries the desktop again.
    fn server_appeared(&self) {
        self.lock_desk().new_server = true;
        self.wake.notify_one();
    }

    /// Records reminders as announced; when the database refuses (full, read-only), keeps
    /// them in memory so they are not announced again, and tries later. Written, they
    /// leave memory (a late answer's were put there before, see `Desk::answered`).
    async fn record(&self, db: &Db, keys: Vec<Key>, now: DateTime<Utc>) {
        let written = keys.clone();
        let result = db.run(move |s| s.mark_reminded(&written, now)).await;
        let mut desk = self.lock_desk();
        match result {
            Ok(()) => {
                for key in &keys {
                    desk.unrecorded.remove(key);
                }
                // The book takes writes again: what is still waiting goes next round.
                desk.record.succeeded();
            }
            Err(e) => {
                tracing::warn!("reminders could not be recorded: {}", e.message);
                desk.unrecorded.extend(keys);
                desk.record.failed(now);
            }
        }
    }

    /// Writes the records that failed before, once their retry is due.
    async fn record_again(&self, db: &Db, now: DateTime<Utc>) {
        let keys: Vec<Key> = {
            let mut desk = self.lock_desk();
            if desk.unrecorded.is_empty() || !desk.record.ready(now) {
                return;
            }
            desk.unrecorded.iter().copied().collect()
        };
        self.record(db, keys, now).await;
    }

    /// A notification the server hung on: if it answers that it showed it, it counts
    /// (recorded then, and the next round tells the window the desktop shows them);
    /// either way the scheduler looks again at once.
    fn when_answered(&self, answer: tokio::sync::oneshot::Receiver<bool>, db: Db, keys: Vec<Key>) {
        let me = self.clone();
        tauri::async_runtime::spawn(async move {
            let shown = matches!(answer.await, Ok(true));
            me.lock_desk().answered(shown, &keys);
            if shown {
                me.record(&db, keys, clock::now()).await;
            }
            me.wake.notify_one();
        });
    }
}

/// Whether the user can see the window (and so its in-app banner).
fn window_visible<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window("main")
        .is_some_and(|w| w.is_visible().unwrap_or(false) && !w.is_minimized().unwrap_or(false))
}

/// The user acted on a notification (this runs on the notification's thread) raised at
/// `named_at`. Ids are reused after a delete, so each action checks the prospects it
/// named are still the ones it meant (see `Store::named_then`, `Store::snooze_all`).
fn act<R: Runtime>(
    app: AppHandle<R>,
    db: Db,
    action: Action,
    prospect: Option<i64>,
    keys: Vec<(i64, i64)>,
    named_at: DateTime<Utc>,
) {
    tauri::async_runtime::spawn(async move {
        match action {
            Action::Open => {
                // Someone added since the notification is not who it named: then the
                // queue opens on no one in particular.
                let prospect = match prospect {
                    Some(id) => db
                        .run(move |s| s.named_then(id, named_at))
                        .await
                        .unwrap_or(false)
                        .then_some(id),
                    None => None,
                };
                crate::open_followups(&app, prospect);
            }
            Action::Snooze => {
                let result = db
                    .write(move |s| s.snooze_all(&keys, named_at, SnoozeTo::Hour, clock::now()))
                    .await;
                if let Err(e) = result {
                    crate::say_failed(
                        &app,
                        format!("The follow-ups could not be snoozed. {}", e.message),
                    );
                }
                let _ = app.emit("data-changed", ());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_waits_its_turn_then_is_cleared() {
        let t0 = DateTime::UNIX_EPOCH;
        let mut b = Backoff::default();
        assert!(b.ready(t0));
        b.failed(t0);
        assert!(!b.ready(t0 + Duration::seconds(29)));
        assert!(b.ready(t0 + Duration::seconds(30)));
        assert_eq!(
            b.retry_at, None,
            "a passed retry can't wake the scheduler again"
        );
        b.failed(t0);
        assert_eq!(
            b.retry_at,
            Some(t0 + Duration::seconds(60)),
            "the delay grows"
        );
        b.succeeded();
        assert_eq!((b.failures, b.retry_at), (0, None));
    }

    #[test]
    fn a_new_server_on_the_bus_is_tried_at_once() {
        let t0 = DateTime::UNIX_EPOCH;
        let mut desk = Desk::default();
        for _ in 0..8 {
            desk.show.failed(t0);
        }
        let now = t0 + Duration::minutes(1);
        assert_eq!(
            desk.turn(false, false, now),
            Turn::Banner,
            "its retry is 15 min away"
        );
        desk.new_server = true;
        assert_eq!(desk.turn(false, false, now), Turn::Show);
        assert!(!desk.new_server, "one round takes it");
        assert_eq!(desk.show.failures, 0, "as after a success");
    }

    #[test]
    fn a_late_answer_during_a_round_keeps_its_reminders_from_being_shown_again() {
        let t0 = DateTime::UNIX_EPOCH;
        let key = (1, 100);
        let mut desk = Desk {
            hung: true,
            waiting_since: Some(t0),
            ..Desk::default()
        };
        let now = t0 + Duration::seconds(1);
        let look = desk.look(now);
        assert!(look.hung && look.waiting && look.unrecorded.is_empty());
        // While the round reads the database, the server says it showed them; their
        // record is not written yet.
        desk.answered(true, &[key]);
        assert!(desk.unrecorded.contains(&key), "announced from this moment");
        assert_eq!(
            desk.turn(look.hung, true, now),
            Turn::Stale,
            "what the round read may be what was just shown"
        );
        // The next round leaves them out of its read, and may show others.
        let next = desk.look(now);
        assert!(!next.hung && next.unrecorded.contains(&key));
        assert_eq!(desk.turn(next.hung, false, now), Turn::Show);
    }

    #[test]
    fn a_slow_notification_shown_after_all_takes_the_banner_down() {
        let t0 = DateTime::UNIX_EPOCH;
        let mut desk = Desk {
            hung: true,
            waiting_since: Some(t0),
            ..Desk::default()
        };
        desk.answered(true, &[(1, 100)]);
        assert!(desk.shown_late, "the next round hears it");
        let mut st = Status {
            desktop_available: Some(false),
            ..Status::default()
        };
        assert!(st.shown_late(), "news to the window");
        assert_eq!(st.desktop_available, Some(true));
        assert!(!st.shown_late(), "once");
    }

    #[test]
    fn the_scheduler_sleeps_until_something_changes_or_a_quarter_hour() {
        let now = DateTime::UNIX_EPOCH;
        let at = |minutes| now + Duration::minutes(minutes);
        let minutes = |m: u64| std::time::Duration::from_secs(60 * m);
        assert_eq!(sleep_for(now, []), minutes(15), "nothing due");
        assert_eq!(sleep_for(now, [at(180)]), minutes(15));
        assert_eq!(sleep_for(now, [at(180), at(5), at(10)]), minutes(5));
        assert_eq!(
            sleep_for(now, [now - Duration::seconds(1)]),
            std::time::Duration::ZERO,
            "passed: at once"
        );
    }
}
