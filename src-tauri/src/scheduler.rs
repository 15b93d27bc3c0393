//! The reminder scheduler: asks the core when the next reminder is due, sleeps until then
//! (or until data changes), and announces what is due with one grouped notification.
//!
//! No polling: it sleeps until the next due instant, but never longer than a minute, so a
//! machine that slept (timers stall during suspend) catches up within a minute of waking.

use crate::db::Db;
use crate::notifier::{Action, Notifier};
use chrono::{DateTime, Duration, Utc};
use followthrough_core::clock;
use followthrough_core::reminders::{compose, Message};
use serde::Serialize;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::Notify;

/// The longest the scheduler sleeps without looking at the wall clock.
const RECHECK: std::time::Duration = std::time::Duration::from_secs(60);

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
            let sleep = match self.round(&app, &db, &notifier, started).await {
                Ok(next_at) => next_at
                    .map(|at| (at - clock::now()).to_std().unwrap_or_default())
                    .unwrap_or(RECHECK)
                    .min(RECHECK),
                Err(e) => {
                    eprintln!("reminders: {}", e.message);
                    RECHECK
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
    ) -> Result<Option<DateTime<Utc>>, crate::ipc_error::IpcError> {
        let now = clock::now();
        let (round, due_now, paused_until) = db
            .run(move |s| {
                Ok((
                    s.reminders(now, started)?,
                    s.due_now_count(now)?,
                    s.reminders_paused_until()?,
                ))
            })
            .await?;
        let mut announced = None;
        if let Some(msg) = compose(&round.items, round.total, round.catch_up) {
            let keys = round.keys.clone();
            let on_action = {
                let app = app.clone();
                let db = db.clone();
                let prospect = msg.prospect_id;
                move |action: Action| act(app, db, action, prospect, keys)
            };
            let shown = notifier.show(&msg, on_action).await;
            // Recorded either way: when the desktop can't show it, the in-app banner does,
            // and the items stay in Today as overdue until they are done.
            let keys = round.keys.clone();
            db.run(move |s| s.mark_reminded(&keys, now)).await?;
            announced = Some((msg, shown));
        }
        let (status, changed) = {
            let mut st = self.status.lock().unwrap_or_else(|p| p.into_inner());
            let changed = announced.is_some() || st.due_now != due_now;
            st.due_now = due_now;
            st.paused_until = paused_until.filter(|&u| u > now);
            if let Some((msg, shown)) = announced {
                st.last = Some(msg);
                st.desktop_available = Some(shown);
            }
            (st.clone(), changed)
        };
        // Only when something changed: the UI redraws its lists on this event.
        if changed {
            crate::tray::show_count(app, status.due_now);
            let _ = app.emit("reminders", &status);
        }
        Ok(round.next_at)
    }
}

/// The user acted on a notification (this runs on the notification's thread).
fn act<R: Runtime>(
    app: AppHandle<R>,
    db: Db,
    action: Action,
    prospect: Option<i64>,
    keys: Vec<(i64, i64)>,
) {
    match action {
        Action::Open => crate::open_followups(&app, prospect),
        Action::Snooze => {
            tauri::async_runtime::spawn(async move {
                let ids: Vec<i64> = keys.iter().map(|&(id, _)| id).collect();
                let result = db
                    .write(move |s| s.snooze_all(&ids, Duration::hours(1), clock::now()))
                    .await;
                if let Err(e) = result {
                    eprintln!("snooze from notification: {}", e.message);
                }
                let _ = app.emit("data-changed", ());
            });
        }
    }
}
