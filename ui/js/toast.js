// Short messages at the bottom of the window. Errors stay longer than confirmations.
import { el, append, $ } from "./dom.js";

/** `long`: a message with more to read stays as long as an error. */
export function toast(message, { error = false, long = false } = {}) {
  const node = el("div", { class: error ? "toast toast-error" : "toast", role: error ? "alert" : "status", text: message });
  // One confirmation at a time: a pile of them would hide the very thing they confirm.
  $("#toasts").querySelectorAll(".toast:not(.toast-error)").forEach((old) => old.remove());
  append($("#toasts"), node);
  setTimeout(() => node.remove(), error || long ? 6000 : 2600);
}

/** Shows an IPC error ({code, message}) in plain words. */
export function showError(err) {
  toast(err?.message ?? String(err), { error: true });
}
