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
export const snooze = (id, until) => call("snooze", { id, until });
export const setPaused = (id, paused) => call("set_paused", { id, paused });
export const setNextStep = (id, step) => call("set_next_step", { id, step });
export const skip = (id, reason) => call("skip", { id, reason });
export const reminderStatus = () => call("reminder_status");
export const getPrefs = () => call("get_prefs");
export const savePrefs = (prefs) => call("save_prefs", { prefs });

/** Subscribes to an event from the shell (reminders, notification clicks, tray). */
export const listen = (event, handler) => window.__TAURI__.event.listen(event, (e) => handler(e.payload));
