// Export: what to write (CSV, vCard, a hand-off dossier) and who (everyone, the list as
// filtered now, everyone with a tag, or one prospect handed off), then the native save
// dialog. The core writes the file whole or not at all.

import * as api from "../api.js";
import { el } from "../dom.js";
import { dialog } from "../dialog.js";
import { label } from "../vocab.js";
import { count, number } from "../format.js";
import { toast, showError } from "../toast.js";
import * as words from "../transfer.js";

const box = dialog({ id: "export", title: "Export", wide: false });
const handOffBox = dialog({ id: "hand-off", title: "Hand off", wide: false });

/** Today as the save dialog's file names carry it: "2026-11-24" (local). */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * Writes the export to `path` (the save dialog's answer) and says how many went out.
 * Resolves with what the core wrote; rejects with its error.
 */
export async function saveExport(kind, selection, path) {
  const done = await api.exportTo(kind, selection, path);
  const name = path.split(/[\\/]/).pop();
  const touches = kind === "touches_csv" ? ` (${count(done.touches, "touch", "touches")})` : "";
  toast(`Exported ${count(done.prospects, "prospect")}${touches} to \u201c${name}\u201d.`);
  return done;
}

/** Asks where to save, then saves; false when the user cancelled the save dialog. */
async function chooseAndSave(kind, selection, fileName) {
  const path = await api.chooseExportFile(kind, fileName);
  if (!path) return false;
  await saveExport(kind, selection, path);
  return true;
}

/** A choice in a radio group: its button, label and an optional control beside it. */
function choice(name, value, text, { checked = false, disabled = false, extra = null, hint = null } = {}) {
  return el("label", { class: disabled ? "choice disabled" : "choice" },
    el("input", { type: "radio", name, value, checked, disabled, id: `${name}-${value}` }),
    el("span", { class: "choice-text" }, el("span", { class: "choice-label", text }),
      hint ? el("span", { class: "hint", text: hint }) : null),
    extra);
}

/**
 * The Export dialog. `query` is the list's filter now (state.query); `tags` the
 * overview's [tag, count] pairs.
 */
export function openExport(vocab, { query, tags }) {
  const kind = el("select", { class: "select select-block", id: "export-kind" },
    vocab.export_kinds.map((k) => el("option", { value: k.value, text: k.label })));
  const filtered = Boolean(query.text || query.status || query.stage || query.tag);
  const filterWords = [
    query.text ? `\u201c${query.text}\u201d` : null,
    query.status ? label(vocab.statuses, query.status) : null,
    query.stage ? `stage ${label(vocab.stages, query.stage)}` : null,
    query.tag ? `#${query.tag}` : null,
  ].filter(Boolean).join(", ");
  const tagSelect = el("select", { class: "select select-compact", id: "export-tag", "aria-label": "Tag", disabled: tags.length === 0 },
    tags.map(([t, n]) => el("option", { value: t, text: `#${t} (${number(n)})` })));
  const who = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": "export-who-label" },
    choice("export-who", "everyone", "Everyone", { checked: true }),
    choice("export-who", "filtered", "The list as filtered now", { disabled: !filtered, hint: filtered ? filterWords : "No filter is set" }),
    choice("export-who", "tag", "Tagged", { disabled: tags.length === 0, extra: tagSelect, hint: tags.length ? null : "No tags yet" }));
  tagSelect.addEventListener("change", () => { who.querySelector("#export-who-tag").checked = true; });
  const error = el("p", { class: "field-error", role: "alert", id: "export-error" });
  const save = el("button", { class: "btn btn-primary", type: "button", id: "export-save", text: "Save\u2026" });

  const selection = () => {
    const picked = who.querySelector("input:checked")?.value;
    if (picked === "filtered") return { ids: [], tag: null, query: { ...query } };
    if (picked === "tag" && tagSelect.value) return { ids: [], tag: tagSelect.value, query: null };
    return { ids: [], tag: null, query: null };
  };
  const selectionWords = () => {
    const picked = who.querySelector("input:checked")?.value;
    return picked === "filtered" ? "filtered" : picked === "tag" ? `tagged ${tagSelect.value}` : "everyone";
  };
  save.addEventListener("click", async () => {
    save.disabled = true;
    error.textContent = "";
    try {
      if (await chooseAndSave(kind.value, selection(), words.exportFileName(kind.value, selectionWords(), today()))) box.close();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      save.disabled = false;
    }
  });

  box.open(el("div", { class: "export" },
    el("label", { class: "field" }, el("span", { text: "What" }), kind),
    el("div", { class: "field" }, el("span", { id: "export-who-label", text: "Who" }), who),
    error,
    el("div", { class: "form-actions dialog-actions" },
      el("button", { class: "btn", type: "button", "data-close": true, text: "Cancel" }), save)));
  kind.focus();
}

/**
 * Hands one prospect off: their whole history as a dossier another Follow Through
 * imports, or as a page to read and print.
 */
export function openHandOff(prospect, vocab) {
  const kinds = ["dossier", "dossier_html"];
  const hints = {
    dossier: "For a colleague who uses Follow Through: they import it with its history",
    dossier_html: "A page to read, print or attach to an email",
  };
  const which = el("div", { class: "choices", role: "radiogroup", "aria-label": "Format" },
    kinds.map((k, i) => choice("hand-off-kind", k, label(vocab.export_kinds, k), { checked: i === 0, hint: hints[k] })));
  const save = el("button", { class: "btn btn-primary", type: "button", id: "hand-off-save", text: "Save\u2026" });
  save.addEventListener("click", async () => {
    const kind = which.querySelector("input:checked")?.value ?? "dossier";
    save.disabled = true;
    try {
      if (await chooseAndSave(kind, { ids: [prospect.id], tag: null, query: null }, words.exportFileName(kind, prospect.name, today()))) handOffBox.close();
    } catch (err) {
      showError(err);
    } finally {
      save.disabled = false;
    }
  });
  handOffBox.open(el("div", { class: "export" },
    el("p", { text: `Everything about ${prospect.name}: details, touches, notes and what is next.` }),
    which,
    el("div", { class: "form-actions dialog-actions" },
      el("button", { class: "btn", type: "button", "data-close": true, text: "Cancel" }), save)));
  which.querySelector("input:checked")?.focus();
}
