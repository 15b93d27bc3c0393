// One function per IPC command; nothing else in the UI talks to the shell.
// Every failure arrives as {code, message, field?} (see src-tauri/src/ipc_error.rs).

const invoke = window.__TAURI__.core.invoke;

function call(command, args) {
  return invoke(command, args).catch((err) => {
    // The shell always rejects with {code, message}; anything else is a bug or a
    // permission failure, and still gets a readable message.
    if (err && typeof err === "object" && "message" in err) throw err;
    throw { code: "internal", message: String(err) };
  });
}

export const appInfo = () => call("app_info");
export const uiReady = () => call("ui_ready");
export const overview = () => call("overview");
export const listProspects = (query) => call("list_prospects", { query });
export const getProspect = (id) => call("get_prospect", { id });
export const createProspect = (input) => call("create_prospect", { input });
export const updateProspect = (id, input) => call("update_prospect", { id, input });
export const deleteProspect = (id) => call("delete_prospect", { id });
export const logTouch = (input) => call("log_touch", { input });
export const deleteTouch = (id) => call("delete_touch", { id });
export const queue = (name, limit = 200) => call("queue", { name, limit });
export const getSettings = () => call("get_settings");
export const saveSettings = (settings) => call("save_settings", { settings });
export const listPlans = () => call("list_plans");
export const savePlan = (plan) => call("save_plan", { plan });
export const deletePlan = (id) => call("delete_plan", { id });
export const assignPlan = (id, planId) => call("assign_plan", { id, planId });
/** `to`: "hour", "tomorrow", "next_week" or { day: "YYYY-MM-DD" }; null wakes. */
export const snooze = (id, to) => call("snooze", { id, to });
export const setPaused = (id, paused) => call("set_paused", { id, paused });
export const setNextStep = (id, step) => call("set_next_step", { id, step });
export const skip = (id, reason) => call("skip", { id, reason });
export const reminderStatus = () => call("reminder_status");
export const getPrefs = () => call("get_prefs");
export const savePrefs = (prefs) => call("save_prefs", { prefs });
export const recentlyDeleted = () => call("recently_deleted");
export const restoreDeleted = (id) => call("restore_deleted", { id });
export const finishWelcome = () => call("finish_welcome");
export const addSamples = () => call("add_samples");
export const removeSamples = () => call("remove_samples");


// Writing the touch: templates, reasons, drafts, handwritten notes, printing.
export const listTemplates = () => call("list_templates");
export const saveTemplate = (template) => call("save_template", { template });
export const deleteTemplate = (id) => call("delete_template", { id });
export const getProfile = () => call("get_profile");
export const saveProfile = (profile) => call("save_profile", { profile });
export const compose = (templateId, prospectId, reasonId) => call("compose", { templateId, prospectId, reasonId });
export const listReasons = () => call("list_reasons");
export const saveReason = (reason) => call("save_reason", { reason });
export const deleteReason = (id) => call("delete_reason", { id });
export const suggestReasons = (prospectId) => call("suggest_reasons", { prospectId });
export const openDraft = (prospectId, channel, subject, body) => call("open_draft", { prospectId, channel, subject, body });
export const notesToWrite = () => call("notes_to_write");
export const notesToWriteCount = () => call("notes_to_write_count");
export const queueNote = (prospectId) => call("queue_note", { prospectId });
export const saveNote = (draft) => call("save_note", { draft });
export const setNoteWritten = (id, written) => call("set_note_written", { id, written });
export const mailNote = (id) => call("mail_note", { id });
export const discardNote = (id) => call("discard_note", { id });
export const noteFit = (body, card) => call("note_fit", { body, card });
export const printBatch = (ids, addressing) => call("print_batch", { ids, addressing });
export const printPdf = (ids, options) => call("print_pdf", { ids, options });
export const openPdf = (path) => call("open_pdf", { path });

// Backups and restoring one (the store is reopened on the restored data).
export const listBackups = () => call("list_backups");
export const backupNow = () => call("backup_now");
export const inspectBackupFile = (path) => call("inspect_backup_file", { path });
export const chooseBackupFile = () => call("choose_backup_file");
export const restoreBackup = (file) => call("restore_backup", { file });
export const restoreFile = (path) => call("restore_file", { path });

// Import and export.
export const chooseImportFile = () => call("choose_import_file");
export const inspectImport = (path) => call("inspect_import", { path });
export const previewImport = (path, mapping, options) => call("preview_import", { path, mapping, options });
export const runImport = (path, mapping, options) => call("run_import", { path, mapping, options });
export const cancelImport = () => call("cancel_import");
export const chooseExportFile = (kind, name) => call("choose_export_file", { kind, name });
export const exportTo = (kind, selection, path) => call("export_to", { kind, selection, path });
export const calendarSettings = () => call("calendar_settings");
export const saveCalendarPrefs = (prefs) => call("save_calendar_prefs", { prefs });
export const chooseCalendarFile = () => call("choose_calendar_file");
export const exportCalendar = (prefs, path) => call("export_calendar", { prefs, path });
export const aboutInfo = () => call("about_info");
export const openFolder = (folder) => call("open_folder", { folder });
export const diagnosticReport = () => call("diagnostic_report");
export const restoreNewestBackup = () => call("restore_newest_backup");
export const insights = (filter) => call("insights", { filter });
export const weeklyReview = (tag) => call("weekly_review", { tag });
export const reportPeople = (filter, review, cell) => call("report_people", { filter, review, cell });
export const chooseReportFile = (name, kind) => call("choose_report_file", { name, kind });
export const saveReportCsv = (path, columns, rows) => call("save_report_csv", { path, columns, rows });
export const saveReportPng = (path, bytes) => call("save_report_png", { path, bytes });

/** Subscribes to an event from the shell (reminders, notification clicks, tray). */
export const listen = (event, handler) => window.__TAURI__.event.listen(event, (e) => handler(e.payload));
