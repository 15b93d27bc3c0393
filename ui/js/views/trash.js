// Recently deleted: everything removed in the last 30 days (prospects with their
// timelines, touches, templates, reasons, plans), newest first, each with Restore. What
// a restore brings back is the core's to say (store/trash.rs); this only lists and asks.

import * as api from "../api.js";
import { el, clear } from "../dom.js";
import { dialog } from "../dialog.js";
import * as fmt from "../format.js";
import { label } from "../vocab.js";
import { toast } from "../toast.js";
import { forget } from "../undo.js";

const box = dialog({ id: "trash", title: "Recently deleted" });

/** Opens the list. `onRestored(restored)` redraws what the restored thing appears in. */
export async function openTrash(vocab, onRestored) {
  const items = await box.load(() => api.recentlyDeleted());
  if (!items) return;
  const list = el("ul", { class: "trash-list", id: "trash-list" });
  const draw = (rows) => clear(list, rows.length
    ? rows.map((item) => row(item, vocab, restore))
    : el("li", { class: "trash-empty muted", text: "Nothing deleted in the last 30 days." }));
  const restore = async (item, error) => {
    error.textContent = "";
    try {
      const restored = await api.restoreDeleted(item.id);
      forget(item.id);
      toast(`Restored ${restored.label}`);
      draw(await api.recentlyDeleted());
      await onRestored(restored);
    } catch (err) {
      error.textContent = err.message;
    }
  };
  draw(items);
  box.open(list, el("p", { class: "hint trash-hint",
    text: "Deleted things are kept for 30 days, then removed for good. A restored prospect comes back with its whole timeline and notes." }));
  list.querySelector("button")?.focus();
  if (!items.length) box.focusClose();
}

function row(item, vocab, restore) {
  const error = el("div", { class: "field-error", role: "alert" });
  return el("li", { class: "trash-item", dataset: { id: item.id, kind: item.kind } },
    el("span", { class: `pill trash-kind trash-kind-${item.kind}`, text: label(vocab.trash_kinds, item.kind) }),
    el("div", { class: "trash-text" },
      el("div", { class: "trash-label", text: item.label }),
      el("div", { class: "trash-detail" },
        item.detail ? el("span", { text: item.detail }) : null,
        el("time", { datetime: item.deleted_at, title: fmt.dateTime(item.deleted_at), text: `Deleted ${fmt.relative(item.deleted_at)}` })),
      error),
    el("button", { class: "btn btn-small", type: "button", text: "Restore", onclick: () => restore(item, error) }));
}
