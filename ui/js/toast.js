// Short messages at the bottom of the window. Errors stay longer than confirmations.
import { el, append, $ } from "./dom.js";

export function toast(message, { error = false } = {}) {
  const node = el("div", { class: error ? "toast toast-error" : "toast", role: error ? "alert" : "status", text: message });
  // One confirmation at a time: a pile of them would hide the very thing they confirm.
  $("#toasts").querySelectorAll(".toast:not(.toast-error)").forEach((old) => old.remove());
  append($("#toasts"), node);
  setTimeout(() => node.remove(), error ? 6000 : 2600);
}

/** Shows an IPC error ({code, message}) in plain words. */
export function showError(err) {
  toast(err?.message ?? String(err), { error: true });
}
