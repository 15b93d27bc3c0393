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

/// How long a server that hung gets to answer "are you there?". Longer than a show: a
/// server that has just taken the bus name may still be setting itself up, and the
/// question waits on the scheduler's own task, never on the UI.
const PROBE_LIMIT: Duration = Duration::from_secs(3);

/// The AppUserModelID Windows files the app's notifications under: the bundle
/// identifier, which the MSI and NSIS installers give the Start menu shortcut. Without
/// it Windows would show them as coming from PowerShell.
#[cfg_attr(not(windows), allow(dead_code))]
pub(crate) const APP_USER_MODEL_ID: &str = "app.followthrough.desktop";

/// What the user did with a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Clicked it, or chose "Open".
    Open,
    /// Chose "Snooze 1 hour".
    Snooze,
}

/// The answer to `Notifier::show`.
pub enum Show {
    /// A notification server accepted it.
    Shown,
    /// The desktop can't show it (no server, or it refused).
    Failed,
    /// The server has not answered within the limit. The call carries on: the receiver
    /// says, if the server ever answers, whether it showed it.
    Hung(tokio::sync::oneshot::Receiver<bool>),
}

#[derive(Clone, Default)]
pub struct Notifier {
    /// A `show()` that has not returned yet: the server is hanging; don't pile up more.
    stuck: Arc<AtomicBool>,
    /// A `probe()` that has not returned yet.
    probing: Arc<AtomicBool>,
}

impl Notifier {
    /// Shows `msg`; `on_action` runs (on the notification's own thread) if the user acts
    /// on it.
    pub async fn show(
        &self,
        msg: &Message,
        on_action: impl FnOnce(Action) + Send + 'static,
    ) -> Show {
        if self.stuck.load(Ordering::SeqCst) {
            return Show::Failed;
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
                        tracing::warn!("desktop notification failed: {e}");
                        let _ = tx.send(false);
                    }
                }
            });
        if spawned.is_err() {
            self.stuck.store(false, Ordering::SeqCst);
            return Show::Failed;
        }
        let mut rx = rx;
        match tokio::time::timeout(SHOW_LIMIT, &mut rx).await {
            Ok(Ok(true)) => Show::Shown,
            Ok(_) => Show::Failed,
            Err(_) => Show::Hung(rx),
        }
    }

    /// Whether a notification server answers now (after one hung: it may have recovered,
    /// or been replaced). Asks for its name and version, under the same time limit, on a
    /// thread of its own; one question at a time.
    pub async fn probe(&self) -> bool {
        if self.probing.swap(true, Ordering::SeqCst) {
            return false;
        }
        let (tx, rx) = tokio::sync::oneshot::channel::<bool>();
        let probing = Arc::clone(&self.probing);
        let spawned = std::thread::Builder::new()
            .name("notification-probe".into())
            .spawn(move || {
                let answered = server_answers();
                probing.store(false, Ordering::SeqCst);
                let _ = tx.send(answered);
            });
        if spawned.is_err() {
            self.probing.store(false, Ordering::SeqCst);
            return false;
        }
        let answered = matches!(tokio::time::timeout(PROBE_LIMIT, rx).await, Ok(Ok(true)));
        if answered {
            // The old call may never return; the server answers again, so move on.
            self.stuck.store(false, Ordering::SeqCst);
        }
        answered
    }
}

#[cfg(all(unix, not(target_os = "macos")))]
fn server_answers() -> bool {
    notify_rust::get_server_information().is_ok()
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn server_answers() -> bool {
    true
}

/// Calls `taken` whenever a notification server takes the bus name (one started or
/// restarted after a failure), so a waiting reminder goes out at once (Linux).
#[cfg(target_os = "linux")]
pub fn watch_server(taken: impl Fn() + Send + 'static) {
    let _ = std::thread::Builder::new()
        .name("notification-server-watch".into())
        .spawn(move || {
            let Ok(conn) = zbus::blocking::Connection::session() else {
                return;
            };
            let Ok(dbus) = zbus::blocking::fdo::DBusProxy::new(&conn) else {
                return;
            };
            let Ok(changes) =
                dbus.receive_name_owner_changed_with_args(&[(0, "org.freedesktop.Notifications")])
            else {
                return;
            };
            for change in changes {
                if let Ok(args) = change.args() {
                    if args.new_owner().is_some() {
                        taken();
                    }
                }
            }
        });
}

#[cfg(not(target_os = "linux"))]
pub fn watch_server(_taken: impl Fn() + Send + 'static) {}

fn build(msg: &Message) -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    n.appname("Follow Through")
        .summary(&msg.summary)
        .body(&body_text(&msg.body))
        // Persistent where the platform allows: a follow-up is not a five-second toast.
        .timeout(notify_rust::Timeout::Never);
    #[cfg(windows)]
    n.app_id(APP_USER_MODEL_ID);
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

/// The body as the server will read it: escaped where it reads markup.
#[cfg(all(unix, not(target_os = "macos")))]
fn body_text(body: &str) -> String {
    let markup = notify_rust::get_capabilities()
        .map(|caps| caps.iter().any(|c| c == "body-markup"))
        .unwrap_or(false);
    if markup {
        followthrough_core::reminders::escape_markup(body)
    } else {
        body.to_string()
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn body_text(body: &str) -> String {
    body.to_string()
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
