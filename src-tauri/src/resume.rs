//! Wakes the reminder scheduler the moment the machine resumes from sleep, so a laptop
//! opened in the morning announces what it missed at once rather than within the
//! quarter hour. Linux: logind's PrepareForSleep(false) on the system bus. Elsewhere, and
//! when there is no system bus, the scheduler's quarter-hour wall-clock check covers it.

use std::sync::Arc;
use tokio::sync::Notify;

#[cfg(target_os = "linux")]
pub fn watch(wake: Arc<Notify>) {
    let _ = std::thread::Builder::new()
        .name("resume-watch".into())
        .spawn(move || {
            let Ok(conn) = zbus::blocking::Connection::system() else {
                return;
            };
            let Ok(proxy) = zbus::blocking::Proxy::new(
                &conn,
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
            ) else {
                return;
            };
            let Ok(signals) = proxy.receive_signal("PrepareForSleep") else {
                return;
            };
            for signal in signals {
                // true: going to sleep; false: just woke up.
                if let Ok(false) = signal.body().deserialize::<bool>() {
                    wake.notify_one();
                }
            }
        });
}

#[cfg(not(target_os = "linux"))]
pub fn watch(_wake: Arc<Notify>) {}
