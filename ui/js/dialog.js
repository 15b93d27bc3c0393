// The app's dialogs (settings, plans, templates, reasons, keyboard help), built, opened
// and closed one way: a titled box over the window, closed by its × button, any button
// marked data-close, a click outside it, or Escape (the most recently opened first).
// Closed, it gives the focus back to where it was, so the keyboard goes on working.
// While one is open the rest of the window is inert: Tab stays in the dialog, and a
// screen reader reads only it.

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
  let release = null; // makes the rest of the window usable again
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
    root.addEventListener("keydown", (e) => wrapTab(e, root));
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
      if (root.hidden) {
        focusBefore = document.activeElement;
        release = holdFocusIn(root);
      }
      root.hidden = false;
      openedAt = ++opened;
      // The focus was left behind on the inert page: it starts on the close button, so
      // Tab goes round the dialog (a dialog with a field to type in moves it there).
      if (!root.contains(document.activeElement)) closeButton.focus();
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
      release?.();
      release = null;
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

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), " +
  "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/** Tab from the dialog's last control goes to its first, Shift+Tab from the first to
 *  the last: round the dialog, never out of it (the page behind is inert anyway). */
function wrapTab(e, root) {
  if (e.key !== "Tab" || e.ctrlKey || e.altKey || e.metaKey) return;
  const stops = [...root.querySelectorAll(FOCUSABLE)].filter((n) => n.getClientRects().length > 0);
  if (!stops.length) return;
  const first = stops[0];
  const last = stops[stops.length - 1];
  const at = document.activeElement;
  if (e.shiftKey && at === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && at === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Makes everything on the page but `root` (and the toasts, whose Undo stays in reach)
 * inert; returns what undoes it. A dialog opened over another makes that one inert in
 * turn, and is itself made usable even if the one below had made it inert.
 */
function holdFocusIn(root) {
  const made = [];
  for (const other of document.body.children) {
    if (other === root || other.inert || other.id === "toasts") continue;
    other.inert = true;
    made.push(other);
  }
  const wasInert = root.inert;
  root.inert = false;
  return () => {
    made.forEach((other) => { other.inert = false; });
    root.inert = wasInert;
  };
}

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
