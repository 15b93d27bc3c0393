// Copying text to the system clipboard, for every Copy button: the clipboard API first,
// then a hidden text area's selection, which every webview can copy.

import { append, el } from "./dom.js";

/** Copies `value`; throws with a message to show when neither way reaches the clipboard. */
export async function copyText(value) {
  try {
    await navigator.clipboard.writeText(value);
    return;
  } catch {
    // Not allowed here (or no clipboard API): the selection below.
  }
  const focused = document.activeElement;
  const area = el("textarea", { class: "visually-hidden", readonly: true, value });
  append(document.body, area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  focused?.focus?.();
  if (!copied) throw new Error("The clipboard could not be reached: select the text and press Ctrl+C.");
}
