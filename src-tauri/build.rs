// Declares the app's own IPC commands so tauri-build generates a permission for each;
// the window's capability in tauri.conf.json then grants exactly these and nothing else.
// The list itself is in src/command_list.rs, shared with the command table in lib.rs.

include!("src/command_list.rs");

const COMMANDS: &[&str] = with_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
