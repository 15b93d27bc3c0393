// The app's dialogs (settings, plans, templates, reasons, keyboard help), built, opened
// and closed one way: a titled box over the window, closed by its × button, any button
// marked data-close, a click outside it, or Escape (the most recently opened first).
// Closed, it gives the focus back to where it was, so the keyboard goes on working.

import { el, append, clear } from "./dom.js";
import { focusList } from "./state.js";

const dialogs = [];

/**
 * A dialog, built on first use. `id` names its overlay (whose `hidden` says whether it
 * is open); `padded: false` leaves the spacing to the contents; `onClose` runs each time
 * the open dialog is closed, however it is closed. Returns {body, open(...children),
 * fail(err), load(fetch), close(), isOpen(), focusClose()}.
 */
export function dialog({ id, title, wide = true, padded = true, onClose = null }) {
  let root = null;
  let body = null;
  let closeButton = null;
  let openedAt = 0;
  let focusBefore = null; // what had the focus when it opened, given back on close
  const build = () => {
    if (root) return;
    const titleId = `${id}-title`;
    body = el("div", { class: padded ? "dialog-body" : null, id: `${id}-body` });
    closeButton = el("button", { type: "button", class: "btn btn-ghost btn-icon", "data-close": true, "aria-label": "Close", text: "\u00d7" });
    root = el("div", { id, class: "overlay", hidden: true },
      el("div", { class: wide ? "dialog dialog-wide" : "dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId },
        el("header", { class: "dialog-header" }, el("h2", { id: titleId, text: title }), closeButton),
        body));
    root.addEventListener("click", (e) => {
      if (e.target === root || e.target.closest("[data-close]")) d.close();
    });
    append(document.body, root);
  };
  const d = {
    get body() {
      build();
      return body;
    },
    isOpen: () => Boolean(root && !root.hidden),
    /** Shows the dialog with `children` as its contents (none: as it is). */
    open(...children) {
      build();
      if (children.length) clear(body, ...children);
      if (root.hidden) focusBefore = document.activeElement;
      root.hidden = false;
      openedAt = ++opened;
    },
    /** Puts the focus on the close button (for a dialog with nothing to type into). */
    focusClose() {
      closeButton?.focus();
    },
    /** Shows the dialog saying why it could not be filled. */
    fail(err) {
      d.open(el("p", { class: "field-error", text: err?.message ?? String(err) }));
    },
    /**
     * Empties the dialog (so nobody types into last time's form while this loads), then
     * resolves with what `fetch` resolves with, or with null after showing the failure.
     */
    async load(fetch) {
      build();
      clear(body);
      try {
        return await fetch();
      } catch (err) {
        d.fail(err);
        return null;
      }
    },
    close() {
      if (!root || root.hidden) return;
      root.hidden = true;
      const back = focusBefore;
      focusBefore = null;
      // Before onClose, which may take the user somewhere else (and the focus with it).
      restoreFocus(back, root);
      onClose?.();
    },
    get openedAt() {
      return openedAt;
    },
  };
  dialogs.push(d);
  return d;
}

let opened = 0;

/**
 * Gives the focus back to `back` once dialog `root` has closed, if it is still on screen;
 * else to the list. Only when the focus was in the dialog (or nowhere): what the user
 * clicked meanwhile keeps it.
 */
function restoreFocus(back, root) {
  const now = document.activeElement;
  if (now && now !== document.body && !root.contains(now)) return;
  const usable = back instanceof HTMLElement && back !== document.body && back.isConnected &&
    !back.closest("[hidden]") && !back.disabled;
  if (usable) {
    back.focus();
    if (document.activeElement === back) return;
  }
  try {
    focusList();
  } catch {
    // No list (the app could not start): nothing to give the focus to.
  }
}

/** Whether any dialog is open. */
export const anyOpen = () => dialogs.some((d) => d.isOpen());

/** Closes the most recently opened dialog still open; false when none was. */
export function closeTop() {
  const top = dialogs.filter((d) => d.isOpen()).sort((a, b) => b.openedAt - a.openedAt)[0];
  if (!top) return false;
  top.close();
  return true;
}
