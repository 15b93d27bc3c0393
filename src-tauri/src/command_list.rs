// The app's IPC commands, written once. `build.rs` includes this file to give each
// command a permission (the window's capability in tauri.conf.json grants them),
// `lib.rs` to route them (`generate_handler!`) and to name them (`COMMANDS`); a unit
// test in `lib.rs` checks tauri.conf.json and ui/js/api.js against that list.
//
// Plain `macro_rules!` only, so the build script can include it too.

/// Calls `$then!` with every command as `module::name`.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            commands::app_info,
            commands::ui_ready,
            commands::overview,
            commands::list_prospects,
            commands::get_prospect,
            commands::create_prospect,
            commands::update_prospect,
            commands::delete_prospect,
            commands::log_touch,
            commands::delete_touch,
            commands::queue,
            commands::get_settings,
            commands::save_settings,
            commands::list_plans,
            commands::save_plan,
            commands::delete_plan,
            commands::assign_plan,
            commands::snooze,
            commands::set_paused,
            commands::set_next_step,
            commands::skip,
            commands::reminder_status,
            commands::get_prefs,
            commands::save_prefs,
            commands::recently_deleted,
            commands::restore_deleted,
            commands::finish_welcome,
            commands::add_samples,
            commands::remove_samples,
            writing::list_templates,
            writing::save_template,
            writing::delete_template,
            writing::get_profile,
            writing::save_profile,
            writing::compose,
            writing::list_reasons,
            writing::save_reason,
            writing::delete_reason,
            writing::suggest_reasons,
            writing::open_draft,
            writing::notes_to_write,
            writing::notes_to_write_count,
            writing::queue_note,
            writing::save_note,
            writing::set_note_written,
            writing::mail_note,
            writing::discard_note,
            writing::note_fit,
            writing::print_batch,
            writing::print_pdf,
            writing::open_pdf,
            backups::list_backups,
            backups::backup_now,
            backups::inspect_backup_file,
            backups::choose_backup_file,
            backups::restore_backup,
            backups::restore_file,
            backups::restore_newest_backup,
            transfer::choose_import_file,
            transfer::inspect_import,
            transfer::preview_import,
            transfer::run_import,
            transfer::cancel_import,
            transfer::choose_export_file,
            transfer::export_to,
            calendar::calendar_settings,
            calendar::save_calendar_prefs,
            calendar::choose_calendar_file,
            calendar::export_calendar,
            about::about_info,
            about::open_folder,
            about::diagnostic_report,
            insights::insights,
            insights::weekly_review,
            insights::report_people,
            insights::choose_report_file,
            insights::save_report_csv,
            insights::save_report_png,
        }
    };
}

/// The commands' names, as the UI invokes them: `&["app_info", …]`.
macro_rules! command_names {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}
