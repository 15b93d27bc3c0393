//! An empty Tauri window: the baseline the app's launch time and memory are measured
//! against (scripts/bench). Like the app, it prints "first page shown N ms after launch"
//! once its page is painted and, with FOLLOWTHROUGH_EXIT_WHEN_READY set, quits.

use std::time::Instant;

#[tauri::command]
fn shown(app: tauri::AppHandle, started: tauri::State<'_, Started>) {
    let ms = started.0.elapsed().as_secs_f64() * 1000.0;
    println!("first page shown {ms:.0} ms after launch");
    if std::env::var_os("FOLLOWTHROUGH_EXIT_WHEN_READY").is_some() {
        app.exit(0);
    }
}

struct Started(Instant);

fn main() {
    let started = Started(Instant::now());
    if let Err(e) = tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![shown])
        .run(tauri::generate_context!())
    {
        eprintln!("bench-window: {e}");
        std::process::exit(1);
    }
}
