// Undo instead of loss. Every delete answers with its line in Recently deleted; the toast
// offers it back at once (its Undo button, or Ctrl+Z), and Ctrl+Z keeps walking back
// this session's deletes, newest first. Whatever is no longer offered here is still in
// Recently deleted for 30 days (views/trash.js).

import * as api from "./api.js";
import { toast, undoToast, showError } from "./toast.js";

/** This session's deletes not yet undone, oldest first: {item, onRestored}. */
const deleted = [];

/**
 * After a delete: says what went and offers it back. `onRestored(restored)` redraws what
 * showed it (a list, a dialog, the pane).
 */
export function offerUndo(item, onRestored, message = `Deleted ${item.label}`) {
  const entry = { item, onRestored };
  deleted.push(entry);
  undoToast(message, () => undo(entry));
}

/** Ctrl+Z: brings back the most recent delete still gone. */
export function undoLast() {
  const entry = deleted.at(-1);
  if (!entry) return toast("Nothing to undo: older deletes are in Recently deleted (D)");
  return undo(entry);
}

/** Restored another way (Recently deleted): no longer something Ctrl+Z brings back. */
export function forget(trashId) {
  const i = deleted.findIndex((e) => e.item.id === trashId);
  if (i >= 0) deleted.splice(i, 1);
}

async function undo(entry) {
  const at = deleted.indexOf(entry);
  forget(entry.item.id);
  let restored;
  try {
    restored = await api.restoreDeleted(entry.item.id);
  } catch (err) {
    // Still in the trash (a touch whose prospect must come back first): still undoable.
    if (err.code !== "not_found" && at >= 0) deleted.splice(at, 0, entry);
    return showError(err);
  }
  toast(`Restored ${restored.label}`);
  await entry.onRestored(restored);
}
