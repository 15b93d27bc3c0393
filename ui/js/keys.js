// Keyboard shortcuts: one table, used both to dispatch keys and to draw the help overlay,
// so the overlay can never disagree with what the keys do. Each names an action in
// actions.js, the same functions the buttons call.

import { el } from "./dom.js";
import { dialog } from "./dialog.js";

export const SHORTCUTS = [
  { keys: ["/"], help: "Search", action: "search" },
  { keys: ["j", "ArrowDown"], help: "Next prospect", action: "next" },
  { keys: ["k", "ArrowUp"], help: "Previous prospect", action: "prev" },
  { keys: ["Enter"], help: "Open the selected prospect", action: "open" },
  { keys: ["n"], help: "New prospect", action: "new" },
  { keys: ["e"], help: "Edit the open prospect", action: "edit" },
  { keys: ["w"], help: "Write the due touch: reason, template, draft (Ctrl+Enter logs it, or saves a note)", action: "write" },
  { keys: ["l"], help: "Log a touch — then 1–8 picks the outcome and logs it", action: "log" },
  { keys: ["s"], help: "Snooze — then H (1 hour), T (tomorrow), W (next week), D (a date)", action: "snooze" },
  { keys: ["S"], help: "Skip today's touch, with a reason (Shift+S)", action: "skip" },
  { keys: ["p"], help: "Pause or resume the open prospect", action: "pause" },
  { keys: ["x"], help: "Set the next step agreed with the prospect", action: "nextStep" },
  { keys: ["t"], help: "Today's follow-ups", action: "today" },
  { keys: ["a"], help: "All prospects", action: "all" },
  { keys: ["i"], help: "Insights: reports, charts and the weekly review", action: "insights" },
  { keys: ["Ctrl+Z"], help: "Undo the last delete (outside text fields)", action: "undo" },
  { keys: ["Ctrl+I"], help: "Import contacts from a file (or drop the file on the window)", action: "importContacts" },
  { keys: ["Ctrl+E"], help: "Export prospects: CSV, vCard or a hand-off dossier", action: "exportProspects" },
  { keys: ["d"], help: "Recently deleted: bring back anything from the last 30 days", action: "trash" },
  { keys: ["Escape"], help: "Back out (close, cancel, return to the list)", action: "escape" },
  { keys: ["?"], help: "Show this help", action: "help" },
];

const KEY_LABEL = { ArrowDown: "↓", ArrowUp: "↑", Escape: "Esc" };
export const keyLabel = (k) => KEY_LABEL[k] ?? k;

function typingIn(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

const help = dialog({ id: "help", title: "Keyboard shortcuts", wide: false, padded: false });

/** Shows the help overlay (every shortcut, from the table), or hides it. */
export function toggleHelp(show = !help.isOpen()) {
  if (!show) return help.close();
  help.open(el("dl", { id: "shortcut-list", class: "shortcuts" }, SHORTCUTS.flatMap((s) => [
    el("dt", {}, s.keys.map((k) => el("kbd", { text: keyLabel(k) }))),
    el("dd", { text: s.help }),
  ])));
  help.focusClose();
}

/**
 * The key as the table names it: "s", "S", "Escape", or "Ctrl+Z" with Ctrl or Cmd held.
 * A letter is the one the user meant, whatever Caps Lock says: capital only with Shift
 * held ("S" is Shift+S, not s with Caps Lock on).
 */
export function keyName(e) {
  const letter = e.key.length === 1 && e.key.toLowerCase() !== e.key.toUpperCase();
  if (!(e.ctrlKey || e.metaKey)) {
    if (!letter) return e.key;
    return e.shiftKey ? e.key.toUpperCase() : e.key.toLowerCase();
  }
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return `Ctrl+${e.shiftKey ? "Shift+" : ""}${key}`;
}

/** Ctrl+Enter (Cmd+Enter): saves a form, logs a draft. (A caller acts on it only when
 *  `!e.repeat`: a key held down repeats, and one press is one save.) */
export const isSubmitChord = (e) => e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.altKey;

/** The outcome a digit picks in the log form (1 to `count`, with no modifier held), or 0. */
export function outcomeDigit(e, count) {
  if (e.ctrlKey || e.metaKey || e.altKey || !/^[1-9]$/.test(e.key)) return 0;
  const n = Number(e.key);
  return n <= count ? n : 0;
}

/**
 * Installs the global key handler. `handlers` maps action names to functions.
 * Shortcuts are ignored while typing in a field (where Ctrl+Z undoes the typing);
 * Escape always works.
 */
export function installShortcuts(handlers) {
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.isComposing) return;
    const name = keyName(e);
    const typing = typingIn(e.target);
    if (typing && name !== "Escape") {
      // From the search box, arrows and Enter drive the list, as in a command palette.
      if (e.target.id !== "search" || !["ArrowDown", "ArrowUp", "Enter"].includes(name)) return;
    }
    const shortcut = SHORTCUTS.find((s) => s.keys.includes(name));
    if (!shortcut) return;
    const handler = handlers[shortcut.action];
    if (!handler) return;
    // A handler returns false to let the key through (e.g. Enter on a focused button).
    if (handler(e) !== false) e.preventDefault();
  });
}
