//! The IPC surface: one thin async function per thing the UI can ask. Each validates
//! nothing itself (the core does) and holds no business rule; it only moves data.

use crate::db::Db;
use crate::ipc_error::IpcError;
use crate::AppInfo;
use followthrough_core::cadence::plan::Plan;
use followthrough_core::cadence::Settings;
use followthrough_core::clock;
use followthrough_core::model::{
    ListQuery, NextStep, Overview, Prospect, ProspectInput, ProspectPage, Restored, SnoozeTo,
    Touch, TouchInput, TrashItem,
};
use followthrough_core::store::queues::Queue;
use followthrough_core::store::ProspectDetail;
use tauri::{AppHandle, Runtime, State};

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn app_info(info: State<'_, AppInfo>) -> Reply<AppInfo> {
    Ok(info.inner().clone())
}

/// Called by the UI once its first page of prospects is on screen. Used to measure
/// launch time (see BENCHMARKS.md); with FOLLOWTHROUGH_EXIT_WHEN_READY set, it prints
/// the figure and quits, so a script can time launches without a person watching.
#[tauri::command]
pub async fn ui_ready<R: Runtime>(app: AppHandle<R>, info: State<'_, AppInfo>) -> Reply<()> {
    let ms = info.started.elapsed().as_secs_f64() * 1000.0;
    if std::env::var_os("FOLLOWTHROUGH_EXIT_WHEN_READY").is_some() {
        println!("first page shown {ms:.0} ms after launch");
        app.exit(0);
    }
    Ok(())
}

#[tauri::command]
pub async fn overview(db: State<'_, Db>) -> Reply<Overview> {
    db.run(|s| s.overview()).await
}

#[tauri::command]
pub async fn list_prospects(db: State<'_, Db>, query: ListQuery) -> Reply<ProspectPage> {
    db.run(move |s| s.list_prospects(&query)).await
}

#[tauri::command]
pub async fn get_prospect(db: State<'_, Db>, id: i64) -> Reply<ProspectDetail> {
    db.run(move |s| s.prospect_detail(id, clock::now())).await
}

#[tauri::command]
pub async fn create_prospect(db: State<'_, Db>, input: ProspectInput) -> Reply<Prospect> {
    db.write(move |s| s.create_prospect(input, clock::now()))
        .await
}

#[tauri::command]
pub async fn update_prospect(db: State<'_, Db>, id: i64, input: ProspectInput) -> Reply<Prospect> {
    db.write(move |s| s.update_prospect(id, input, clock::now()))
        .await
}

/// Deletes a prospect; the reply is its line in Recently deleted, for the UI's undo.
#[tauri::command]
pub async fn delete_prospect(db: State<'_, Db>, id: i64) -> Reply<TrashItem> {
    db.write(move |s| s.delete_prospect(id, clock::now())).await
}

#[tauri::command]
pub async fn log_touch(db: State<'_, Db>, input: TouchInput) -> Reply<Touch> {
    db.write(move |s| s.log_touch(input, clock::now())).await
}

#[tauri::command]
pub async fn delete_touch(db: State<'_, Db>, id: i64) -> Reply<TrashItem> {
    db.write(move |s| s.delete_touch(id, clock::now())).await
}

/// The queues: "today", "upcoming" (next 7 days), "one_hit" and "stalled".
#[tauri::command]
pub async fn queue(db: State<'_, Db>, name: String, limit: u32) -> Reply<Queue> {
    db.run(move |s| s.queue(&name, clock::now(), limit)).await
}

#[tauri::command]
pub async fn get_settings(db: State<'_, Db>) -> Reply<Settings> {
    db.run(|s| s.settings()).await
}

#[tauri::command]
pub async fn save_settings(db: State<'_, Db>, settings: Settings) -> Reply<u32> {
    db.write(move |s| s.save_settings(settings, clock::now()))
        .await
}

#[tauri::command]
pub async fn list_plans(db: State<'_, Db>) -> Reply<Vec<Plan>> {
    db.run(|s| s.plans()).await
}

#[tauri::command]
pub async fn save_plan(db: State<'_, Db>, plan: Plan) -> Reply<Plan> {
    db.write(move |s| s.save_plan(plan, clock::now())).await
}

#[tauri::command]
pub async fn delete_plan(db: State<'_, Db>, id: i64) -> Reply<TrashItem> {
    db.write(move |s| s.delete_plan(id, clock::now())).await
}

#[tauri::command]
pub async fn assign_plan(db: State<'_, Db>, id: i64, plan_id: Option<i64>) -> Reply<()> {
    db.write(move |s| s.assign_plan(id, plan_id, clock::now()))
        .await
}

#[tauri::command]
pub async fn snooze(db: State<'_, Db>, id: i64, to: Option<SnoozeTo>) -> Reply<()> {
    db.write(move |s| s.snooze_to(id, to, clock::now())).await
}

#[tauri::command]
pub async fn set_paused(db: State<'_, Db>, id: i64, paused: bool) -> Reply<()> {
    db.write(move |s| s.set_paused(id, paused, clock::now()))
        .await
}

#[tauri::command]
pub async fn set_next_step(db: State<'_, Db>, id: i64, step: Option<NextStep>) -> Reply<()> {
    db.write(move |s| s.set_next_step(id, step, clock::now()))
        .await
}

#[tauri::command]
pub async fn skip(db: State<'_, Db>, id: i64, reason: String) -> Reply<()> {
    db.write(move |s| s.skip(id, &reason, clock::now())).await
}

#[tauri::command]
pub async fn reminder_status(
    scheduler: State<'_, crate::scheduler::Scheduler>,
) -> Reply<crate::scheduler::Status> {
    Ok(scheduler.status())
}

#[tauri::command]
pub async fn get_prefs(db: State<'_, Db>) -> Reply<followthrough_core::store::reminders::Prefs> {
    db.run(|s| s.prefs()).await
}

#[tauri::command]
pub async fn save_prefs<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    prefs: followthrough_core::store::reminders::Prefs,
) -> Reply<()> {
    db.write(move |s| s.save_prefs(prefs)).await?;
    crate::apply_prefs(&app, prefs)
}

/// What was deleted in the last 30 days, newest first.
#[tauri::command]
pub async fn recently_deleted(db: State<'_, Db>) -> Reply<Vec<TrashItem>> {
    db.run(|s| s.recently_deleted(clock::now())).await
}

/// Puts a deleted thing back (the undo toast, and Recently deleted's Restore).
#[tauri::command]
pub async fn restore_deleted(db: State<'_, Db>, id: i64) -> Reply<Restored> {
    db.write(move |s| s.restore_deleted(id, clock::now())).await
}

/// The first-run screen was finished or skipped: it is not shown again.
#[tauri::command]
pub async fn finish_welcome(db: State<'_, Db>) -> Reply<()> {
    db.write(|s| s.finish_welcome(clock::now())).await
}

/// Starts a new book with the sample prospects; the reply is their ids.
#[tauri::command]
pub async fn add_samples(db: State<'_, Db>) -> Reply<Vec<i64>> {
    db.write(|s| s.add_samples(clock::now())).await
}

/// Removes the sample prospects still here (to Recently deleted); the reply is how many.
#[tauri::command]
pub async fn remove_samples(db: State<'_, Db>) -> Reply<u32> {
    db.write(|s| s.remove_samples(clock::now())).await
}
