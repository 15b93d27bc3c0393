// Declares the app's own IPC commands so tauri-build generates a permission for each;
// the window's capability in tauri.conf.json then grants exactly these and nothing else.
const COMMANDS: &[&str] = &[
    "app_info",
    "ui_ready",
    "overview",
    "list_prospects",
    "get_prospect",
    "create_prospect",
    "update_prospect",
    "delete_prospect",
    "log_touch",
    "delete_touch",
    "queue",
    "get_settings",
    "save_settings",
    "list_plans",
    "save_plan",
    "delete_plan",
    "assign_plan",
    "snooze",
    "set_paused",
    "set_next_step",
    "skip",
    "reminder_status",
    "get_prefs",
    "save_prefs",
    "list_templates",
    "save_template",
    "delete_template",
    "get_profile",
    "save_profile",
    "compose",
    "list_reasons",
    "save_reason",
    "delete_reason",
    "suggest_reasons",
    "open_draft",
    "notes_to_write",
    "queue_note",
    "save_note",
    "set_note_written",
    "mail_note",
    "discard_note",
    "note_fit",
    "print_batch",
    "print_pdf",
    "open_pdf",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
