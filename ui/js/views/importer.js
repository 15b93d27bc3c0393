// Import contacts: a file (chosen, or dropped on the window) is looked at by the core,
// shown with its column mapping (a plain CSV) and the import's options, previewed (what
// would be new, already here, unusable; how the first contacts are spread) and, once
// confirmed, imported in one transaction. Nothing is written before Import is pressed;
// a cancelled run writes nothing either.

import * as api from "../api.js";
import { el, clear } from "../dom.js";
import { dialog } from "../dialog.js";
import { number } from "../format.js";
import { label } from "../vocab.js";
import * as words from "../transfer.js";

/** Whether a preview or an import is running in the backend (one at a time). */
let running = false;

// Closing the dialog (×, Cancel, Escape, a click outside) while the file is being read
// or imported cancels that run: nothing is left working, or writing, out of sight.
const box = dialog({
  id: "import",
  title: "Import contacts",
  onClose: () => { if (running) api.cancelImport().catch(() => {}); },
});

/** Waits this long after the last change before previewing again (typing a tag). */
const DEBOUNCE_MS = 300;
/** A run shorter than this shows no progress bar (it would only flicker). */
const PROGRESS_AFTER_MS = 250;

/** The progress bar of the run under way (null when none), fed by the shell's events. */
let onProgress = null;
let listening = null;

function listenForProgress() {
  listening ??= api.listen("import-progress", (p) => onProgress?.(p));
  return listening;
}

/**
 * Looks at the file at `path` and opens the import dialog on it. `onImported(report)`
 * runs after a successful import (the dialog is closed by then).
 */
export async function startImport(path, vocab, onImported) {
  // One at a time: a file dropped mid-run would otherwise take the dialog from under it.
  if (running) throw new Error("An import is under way: wait for it to finish, or cancel it first.");
  await listenForProgress();
  const file = await box.load(() => api.inspectImport(path));
  if (!file) return;
  importDialog(file, vocab, onImported);
}

function importDialog(file, vocab, onImported) {
  const { info } = file;
  const mapping = info.known ? null : [...info.mapping.columns];

  const source = el("select", { class: "select select-block", id: "import-source" },
    vocab.sources.map((s) => el("option", { value: s.value, text: s.label })));
  source.value = vocab.sources.some((s) => s.value === "other") ? "other" : vocab.sources[0]?.value;
  const tag = el("input", { class: "input", id: "import-tag", value: file.tag, maxlength: vocab.limits?.tag, spellcheck: "false", autocomplete: "off" });
  const perDay = el("input", { class: "input input-num", id: "import-per-day", type: "number", min: 1, max: 500, value: "20" });
  const onMatch = (value, text, hint) => el("label", { class: "choice" },
    el("input", { type: "radio", name: "import-on-match", value, checked: value === "skip", id: `import-${value}` }),
    el("span", {}, el("span", { class: "choice-label", text }), el("span", { class: "hint", text: hint })));
  const matchChoices = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": "import-on-match-label" },
    onMatch("skip", "Skip", "Leave them as they are"),
    onMatch("merge", "Merge", "Fill empty fields, add new emails and phones; never overwrites"));

  const summary = el("div", { class: "import-summary", id: "import-summary", "aria-live": "polite" });
  const spread = el("p", { class: "import-spread", id: "import-spread" });
  const errors = el("div", { class: "import-errors-box" });
  const bar = el("div", { class: "bar-fill" });
  const progressLabel = el("span", { class: "hint", id: "import-progress-text" });
  const cancel = el("button", { class: "btn btn-small", type: "button", id: "import-cancel", text: "Cancel",
    onclick: () => api.cancelImport().catch(() => {}) });
  const progress = el("div", { class: "import-progress", id: "import-progress", hidden: true },
    el("div", { class: "bar", role: "progressbar", "aria-label": "Progress" }, bar), progressLabel, cancel);
  const status = el("p", { class: "import-status", id: "import-status", role: "status" });
  const run = el("button", { class: "btn btn-primary", type: "button", id: "import-run", text: "Import", disabled: true });

  let report = null;
  let seq = 0;
  let timer = null;
  let busy = false;

  const options = () => words.importOptions({
    source: source.value,
    tag: tag.value,
    onMatch: matchChoices.querySelector("input:checked")?.value ?? "skip",
    perDay: perDay.value,
  });
  const currentMapping = () => (mapping ? { columns: mapping } : null);
  const updateRun = () => {
    run.disabled = busy || !words.canImport(report, options().on_match);
  };
  const say = (text, { error = false } = {}) => {
    status.textContent = text;
    status.classList.toggle("field-error", error);
  };

  /** Runs `call` with the progress bar shown once it takes a while; one at a time. */
  const withProgress = async (call) => {
    const shown = setTimeout(() => { progress.hidden = false; }, PROGRESS_AFTER_MS);
    bar.style.width = "0";
    progressLabel.textContent = "";
    onProgress = (p) => {
      bar.style.width = `${p.total > 0 ? Math.min(100, (p.bytes / p.total) * 100) : 0}%`;
      progressLabel.textContent = words.progressText(p);
    };
    running = true;
    try {
      return await call();
    } finally {
      running = false;
      clearTimeout(shown);
      onProgress = null;
      progress.hidden = true;
    }
  };

  const showReport = (r) => {
    const c = words.reportCounts(r);
    clear(summary,
      figure(c.fresh, "import-new", r.new > 0 ? "good" : null),
      figure(c.matching, "import-matching", null),
      figure(c.errors, "import-errors", r.error_count > 0 ? "bad" : null));
    spread.textContent = words.spreadSentence(r.spread) ?? (r.new > 0 ? "" : "Nobody new to contact.");
    const more = r.error_count - r.errors.length;
    clear(errors, r.errors.length === 0 ? null : el("details", { class: "import-errors-list", open: r.errors.length <= 3 },
      el("summary", { text: `Rows that can't be imported (${number(r.error_count)})` }),
      el("ul", { id: "import-error-list" }, r.errors.map((e) => el("li", { text: words.errorLine(e) }))),
      more > 0 ? el("p", { class: "hint", text: `and ${number(more)} more` }) : null));
  };

  const preview = async () => {
    const mine = ++seq;
    busy = true;
    updateRun();
    say("Checking the file\u2026");
    try {
      const r = await withProgress(() => api.previewImport(file.path, currentMapping(), options()));
      if (mine !== seq) return;
      report = r;
      showReport(r);
      say(r.new === 0 && r.matching === 0 && r.error_count > 0 ? "Nothing in this file can be imported." : "");
    } catch (err) {
      if (mine !== seq) return;
      report = null;
      clear(summary);
      spread.textContent = "";
      clear(errors);
      say(err.code === "cancelled" ? "Cancelled: nothing was written." : err.message, { error: err.code !== "cancelled" });
    } finally {
      if (mine === seq) {
        busy = false;
        updateRun();
      }
    }
  };
  const previewSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(preview, DEBOUNCE_MS);
  };

  const doImport = async () => {
    if (run.disabled) return;
    clearTimeout(timer);
    seq++;
    busy = true;
    updateRun();
    say("Importing\u2026");
    try {
      const done = await withProgress(() => api.runImport(file.path, currentMapping(), options()));
      box.close();
      await onImported(done);
    } catch (err) {
      say(err.code === "cancelled" ? "Cancelled: nothing was written." : err.message, { error: err.code !== "cancelled" });
      busy = false;
      updateRun();
    }
  };
  run.addEventListener("click", doImport);

  for (const input of [source, perDay]) input.addEventListener("change", previewSoon);
  tag.addEventListener("input", previewSoon);
  matchChoices.addEventListener("change", () => updateRun());

  const body = el("div", { class: "import" },
    el("div", { class: "import-file" },
      el("div", { class: "import-file-icon", "aria-hidden": "true", text: fileBadge(info) }),
      el("div", { class: "import-file-text" },
        el("div", { class: "import-file-name", id: "import-file-name", text: file.name, title: file.path }),
        el("div", { class: "muted import-kind", id: "import-kind", text: words.fileKind(info, vocab) }))),
    mapping ? mappingTable(info, mapping, vocab, previewSoon) : null,
    el("section", { class: "import-options", "aria-label": "Options" },
      el("div", { class: "form-grid" },
        el("label", { class: "field" }, el("span", { class: "field-label", text: "Source" }), source),
        el("label", { class: "field" }, el("span", { class: "field-label", text: "Tag" }), tag,
          el("span", { class: "hint", text: "Put on every new prospect, to find them later" })),
        el("div", { class: "field" },
          el("span", { class: "field-label", id: "import-on-match-label", text: "Already here" }), matchChoices),
        el("label", { class: "field" }, el("span", { class: "field-label", text: "New first contacts a day" }), perDay,
          el("span", { class: "hint", text: "Spread over working days so they don't all fall due at once" })))),
    el("section", { class: "import-preview", "aria-label": "What the import will do" },
      summary, spread, errors, progress, status),
    el("div", { class: "form-actions dialog-actions" },
      el("button", { class: "btn", type: "button", "data-close": true, text: "Cancel" }), run));
  body.addEventListener("keydown", (e) => {
    // Enter imports, as the default button would; not from a button or the errors'
    // disclosure, which have Enter of their own.
    if (e.key !== "Enter" || e.isComposing || e.target.closest("button, summary")) return;
    e.preventDefault();
    e.stopPropagation();
    doImport();
  });
  box.open(body);
  (body.querySelector("select, input") ?? run).focus();
  preview();
}

/** One of the preview's big figures: "3 new". */
function figure(text, id, tone) {
  const [n, ...rest] = text.split(" ");
  return el("div", { class: tone ? `figure figure-${tone}` : "figure", id },
    el("span", { class: "figure-n", text: n }), el("span", { class: "figure-label", text: rest.join(" ") }));
}

/** The short mark on the file's badge: CSV, VCF, FT. */
function fileBadge(info) {
  return info.format === "vcard" ? "VCF" : info.format === "dossier" ? "FT" : "CSV";
}

/**
 * A plain CSV's columns: each header with what it holds (a menu, preset to the core's
 * guess), and the first rows under it. A change updates `mapping` and previews again.
 */
function mappingTable(info, mapping, vocab, changed) {
  const head = info.headers.map((h, i) => {
    const select = el("select", { class: "select select-compact", "aria-label": `What \u201c${h}\u201d holds`, dataset: { column: String(i) } },
      vocab.import_fields.map((f) => el("option", { value: f.value, text: f.label })));
    select.value = mapping[i] ?? "ignore";
    select.addEventListener("change", () => {
      mapping[i] = select.value;
      select.closest("th").classList.toggle("ignored", select.value === "ignore");
      changed();
    });
    return el("th", { class: mapping[i] === "ignore" ? "ignored" : null },
      el("div", { class: "mapping-header", text: h, title: h }), select);
  });
  return el("section", { class: "import-mapping", "aria-label": "Columns" },
    el("h3", { class: "section-title", text: "Columns" }),
    el("p", { class: "hint", text: `Choose what each column holds; \u201c${label(vocab.import_fields, "ignore")}\u201d leaves it out. The first rows of the file are shown under each.` }),
    el("div", { class: "mapping-scroll" },
      el("table", { class: "mapping-table", id: "import-mapping" },
        el("thead", {}, el("tr", {}, head)),
        el("tbody", {}, info.sample.map((row) => el("tr", {},
          info.headers.map((_, i) => el("td", { text: row[i] ?? "", title: row[i] ?? "" }))))))));
}
