// What the shell tells the window: reminders (and whether the desktop could show them),
// notification clicks, the tray's Open Today, changes made outside the window, and files
// dragged onto it (an import).

import * as api from "./api.js";
import { $ } from "./dom.js";
import { toast, showError } from "./toast.js";
import { state } from "./state.js";
import { setView, refreshQueues, renderSidebar, renderCounts } from "./sidebar.js";
import { openProspect, refreshFromOutside } from "./pane.js";
import { importPath } from "./actions.js";

let saidUnavailable = false;

/**
 * A file dragged onto the window: the overlay while it is over it, an import when it
 * is dropped. `drop` gets the payload of Tauri's drag-drop event ({paths, position}).
 */
export const fileDrag = {
  enter: () => { $("#drop-zone").hidden = false; },
  leave: () => { $("#drop-zone").hidden = true; },
  drop: (drop) => {
    $("#drop-zone").hidden = true;
    const path = drop?.paths?.[0];
    if (path) importPath(path).catch(showError);
  },
};

function showReminderStatus(status) {
  const banner = $("#notify-banner");
  // No notification server (or one that hangs): list what the reminder would have said,
  // here, and say once why.
  if (status.desktop_available === false && status.last) {
    banner.hidden = false;
    banner.textContent = `${status.last.summary}: ${status.last.body}. Desktop notifications aren't available on this system, so reminders show here.`;
    if (!saidUnavailable) {
      saidUnavailable = true;
      toast("Desktop notifications are unavailable: reminders will show in the app", { error: true });
    }
  } else if (status.desktop_available) {
    banner.hidden = true;
  }
}

/** Subscribes to the shell's events; resolves once subscribed and the status is shown. */
export async function listenToShell() {
  await Promise.all([
    api.listen("reminders", (status) => {
      showReminderStatus(status);
      refreshQueues({ keepSelection: true }).then(() => { renderSidebar(); renderCounts(); }).catch(() => {});
    }),
    api.listen("open-followups", (prospectId) => {
      setView("today");
      if (prospectId) openProspect(prospectId);
    }),
    api.listen("open-today", () => setView("today")),
    api.listen("data-changed", () => refreshFromOutside().catch(showError)),
    // Something done away from the window failed: a daily backup, a pause from the tray,
    // a snooze from a notification.
    api.listen("background-failed", (message) => showError({ message })),
    // A file dragged over the window (Tauri's own drag-and-drop events, with paths).
    api.listen("tauri://drag-enter", fileDrag.enter),
    api.listen("tauri://drag-leave", fileDrag.leave),
    api.listen("tauri://drag-drop", fileDrag.drop),
  ]);
  showReminderStatus(await api.reminderStatus());
}
