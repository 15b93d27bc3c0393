//! Native desktop notifications through notify-rust, kept away from everything that must
//! not block. Its `show()` can hang forever when a notification server owns the bus name
//! but never answers, and panics when called inside a tokio runtime, so each call runs on
//! a plain thread of its own and the scheduler waits for it under a time limit.

use followthrough_core::reminders::Message;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a notification server gets to accept one before the scheduler moves on (a
/// healthy one answers in milliseconds). A slow one still shows it: the thread carries
/// on; only this round's in-app banner is raised as well.
const SHOW_LIMIT: Duration = Duration::from_millis(500);

/// What the user did with a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Clicked it, or chose "Open".
    Open,
    /// Chose "Snooze 1 hour".
    Snooze,
}

#[derive(Clone, Default)]
pub struct Notifier {
    /// A `show()` that has not returned yet: the server is hanging; don't pile up more.
    stuck: Arc<AtomicBool>,
}

impl Notifier {
    /// Shows `msg`; `on_action` runs (on the notification's own thread) if the user acts
    /// on it. Returns whether a notification server accepted it in time.
    pub async fn show(
        &self,
        msg: &Message,
        on_action: impl FnOnce(Action) + Send + 'static,
    ) -> bool {
        if self.stuck.load(Ordering::SeqCst) {
            return false;
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<bool>();
        let stuck = Arc::clone(&self.stuck);
        stuck.store(true, Ordering::SeqCst);
        let msg = msg.clone();
        let spawned = std::thread::Builder::new()
            .name("notification".into())
            .spawn(move || {
                let result = build(&msg).show();
                stuck.store(false, Ordering::SeqCst);
                match result {
                    Ok(handle) => {
                        let _ = tx.send(true);
                        wait_for_action(handle, on_action);
                    }
                    Err(e) => {
                        eprintln!("desktop notification failed: {e}");
                        let _ = tx.send(false);
                    }
                }
            });
        if spawned.is_err() {
            self.stuck.store(false, Ordering::SeqCst);
            return false;
        }
        matches!(tokio::time::timeout(SHOW_LIMIT, rx).await, Ok(Ok(true)))
    }
}

fn build(msg: &Message) -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    n.appname("Follow Through")
        .summary(&msg.summary)
        .body(&msg.body)
        // Persistent where the platform allows: a follow-up is not a five-second toast.
        .timeout(notify_rust::Timeout::Never);
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        n.icon("followthrough")
            .action("default", "Open")
            .action("open", "Open")
            .action("snooze", "Snooze 1 hour")
            .hint(notify_rust::Hint::Resident(true))
            .hint(notify_rust::Hint::Category(
                "x-followthrough.reminder".into(),
            ))
            .urgency(if msg.urgent {
                notify_rust::Urgency::Critical
            } else {
                notify_rust::Urgency::Normal
            });
    }
    n
}

#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_action(handle: notify_rust::NotificationHandle, on_action: impl FnOnce(Action)) {
    handle.wait_for_action(|action| match action {
        "default" | "open" => on_action(Action::Open),
        "snooze" => on_action(Action::Snooze),
        _ => {}
    });
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_action(_handle: notify_rust::NotificationHandle, _on_action: impl FnOnce(Action)) {}
