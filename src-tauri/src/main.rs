// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    // A subcommand (`followthrough import …`) runs headless and exits; none starts the app.
    if let Some(code) = followthrough_app::cli::dispatch() {
        return code;
    }
    followthrough_app::run();
    ExitCode::SUCCESS
}
