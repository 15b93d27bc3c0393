// Short messages at the bottom of the window. Errors stay longer than confirmations; a
// delete's message carries an Undo button and stays long enough to reach for it.
import { el, append, $ } from "./dom.js";

/** `long`: a message with more to read stays as long as an error. */
export function toast(message, { error = false, long = false } = {}) {
  const node = el("div", { class: error ? "toast toast-error" : "toast", role: error ? "alert" : "status", text: message });
  show(node, error || long ? 6000 : 2600);
}

/** Shows an IPC error ({code, message}) in plain words. */
export function showError(err) {
  toast(err?.message ?? String(err), { error: true });
}

/** A confirmation with an Undo button (Ctrl+Z does the same, see keys.js). */
export function undoToast(message, onUndo) {
  const node = el("div", { class: "toast toast-undo", role: "status" },
    el("span", { text: message }),
    el("button", {
      class: "toast-action", type: "button", id: "undo-button", title: "Undo (Ctrl+Z)",
      onclick: () => { node.remove(); onUndo(); },
    }, "Undo", el("kbd", { text: "Ctrl+Z" })));
  show(node, 10000);
}

/** A confirmation with a button to follow it up ("Show them"). */
export function actionToast(message, action, onAction, { id = null } = {}) {
  const node = el("div", { class: "toast toast-act", role: "status" },
    el("span", { text: message }),
    el("button", { class: "toast-action", type: "button", id, text: action, onclick: () => { node.remove(); onAction(); } }));
  show(node, 10000);
}

/** Takes the undo toast away (a form opens where it sits); Ctrl+Z and Recently
 *  deleted still bring the thing back. */
export function dismissUndo() {
  $("#toasts").querySelectorAll(".toast-undo").forEach((node) => node.remove());
}

function show(node, ms) {
  // One confirmation at a time: a pile of them would hide the very thing they confirm.
  if (!node.classList.contains("toast-error")) {
    $("#toasts").querySelectorAll(".toast:not(.toast-error)").forEach((old) => old.remove());
  }
  append($("#toasts"), node);
  setTimeout(() => node.remove(), ms);
}
