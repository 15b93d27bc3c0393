// Declares the app's own IPC commands so tauri-build generates a permission for each;
// the window's capability in tauri.conf.json then grants exactly these and nothing else.
// The list itself is in src/command_list.rs, shared with the command table in lib.rs.

include!("src/command_list.rs");

const COMMANDS: &[&str] = with_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    println!("cargo:rustc-env=FOLLOWTHROUGH_BUILD_DATE={}", build_date());
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}

/// The day of this build (UTC), for About: `SOURCE_DATE_EPOCH` when the packager sets it
/// (a reproducible build), else today.
fn build_date() -> String {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let at = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        // The build's own clock: the app's clock rule is for the running app.
        .unwrap_or_else(
            #[allow(clippy::disallowed_methods)]
            chrono::Utc::now,
        );
    at.format("%Y-%m-%d").to_string()
}
