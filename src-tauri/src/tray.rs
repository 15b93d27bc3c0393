//! The tray icon: the number due now, and a menu to open the app, jump to Today, pause
//! reminders, or quit. Closing the window leaves the app here (a setting).

use crate::db::Db;
use followthrough_core::clock;
use followthrough_core::reminders::Pause;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Emitter, Manager, Runtime};

const TRAY_ID: &str = "main";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Follow Through", true, None::<&str>)?;
    let today = MenuItem::with_id(app, "today", "Today's follow-ups", true, None::<&str>)?;
    let pause_hour = MenuItem::with_id(
        app,
        "pause-hour",
        "Pause reminders for 1 hour",
        true,
        None::<&str>,
    )?;
    let pause_day = MenuItem::with_id(
        app,
        "pause-tomorrow",
        "Pause reminders until tomorrow",
        true,
        None::<&str>,
    )?;
    let resume = MenuItem::with_id(app, "resume", "Resume reminders", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &today,
            &PredefinedMenuItem::separator(app)?,
            &pause_hour,
            &pause_day,
            &resume,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Follow Through")
        .menu(&menu)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        "open" => crate::open_followups(app, None),
        "today" => {
            crate::open_followups(app, None);
            let _ = app.emit("open-today", ());
        }
        "pause-hour" | "pause-tomorrow" | "resume" => {
            let app = app.clone();
            let id = id.to_string();
            tauri::async_runtime::spawn(async move {
                let db = app.state::<Db>().inner().clone();
                let result = db
                    .write(move |s| {
                        let pause = match id.as_str() {
                            "pause-hour" => Some(Pause::Hour),
                            "pause-tomorrow" => Some(Pause::Tomorrow),
                            _ => None,
                        };
                        s.pause_reminders(pause, clock::now())
                    })
                    .await;
                if let Err(e) = result {
                    crate::say_failed(
                        &app,
                        format!("Reminders could not be paused or resumed. {}", e.message),
                    );
                }
            });
        }
        "quit" => app.exit(0),
        _ => {}
    }
}

/// Shows how many follow-ups are due now, beside the icon where the platform allows.
pub fn show_count<R: Runtime>(app: &AppHandle<R>, due_now: u32) {
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        let text = match due_now {
            0 => "Follow Through: nothing due".to_string(),
            1 => "Follow Through: 1 follow-up due".to_string(),
            n => format!("Follow Through: {n} follow-ups due"),
        };
        let _ = tray.set_tooltip(Some(&text));
        let _ = tray.set_title(if due_now > 0 {
            Some(due_now.to_string())
        } else {
            None
        });
    }
}
