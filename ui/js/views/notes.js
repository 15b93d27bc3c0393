// "Notes to write": every due handwritten-note touch and every note queued by hand,
// grouped by where it stands, with the print batch on top (PDF file or the system's
// print dialog; the core lays the pages out for both).

import * as api from "../api.js";
import { el, clear, append, prepend, $ } from "../dom.js";
import * as fmt from "../format.js";
import { label } from "../vocab.js";
import { QueueList } from "./queue.js";
import { labelSheet, labelSheets, labelProperties, fitSize } from "../print.js";

const GROUPS = { none: "To write", queued: "To write", drafted: "Drafted", written: "Written · to mail" };
const ORDER = ["To write", "Drafted", "Written · to mail"];

export class NotesList extends QueueList {
  /** opts: QueueList's, plus {vocab, onError(err)} */
  constructor(root, opts) {
    super(root, opts);
    this.result = null;
    const usLetter = /-(US|CA|MX|PH)$/i.test(navigator.language);
    this.options = { paper: usLetter ? "letter" : "a4", addressing: "envelopes" };
  }

  show(items, { keepSelection = false } = {}) {
    const selectedId = keepSelection ? this.selectedRow()?.prospect.id : undefined;
    this.items = items
      .map((n) => ({
        prospect: { id: n.prospect_id, name: n.name, company: n.company },
        note: n.note,
        due_at: n.due_at,
        has_address: n.has_address,
        group: GROUPS[n.note?.state ?? "none"],
      }))
      .sort((a, b) => ORDER.indexOf(a.group) - ORDER.indexOf(b.group));
    this.selected = selectedId === undefined ? -1 : this.items.findIndex((i) => i.prospect.id === selectedId);
    this.render();
  }

  get drafted() {
    return this.items.filter((i) => i.note?.state === "drafted");
  }

  render() {
    super.render();
    prepend(this.root, this.toolbar());
  }

  renderItem(item, index) {
    const note = item.note;
    const state = note ? label(this.opts.vocab.note_states, note.state) : "Not started";
    const firstLine = note?.body?.split("\n").find((l) => l.trim()) ?? "";
    return el("li", {
      class: "due-item note-item", role: "option", "aria-selected": String(index === this.selected),
      dataset: { index, id: item.prospect.id },
    },
      el("div", { class: "due-top" },
        el("span", { class: "due-name", text: item.prospect.name }),
        el("span", { class: "due-when", title: fmt.dateTime(item.due_at), text: item.due_at ? `due ${fmt.relative(item.due_at)}` : "queued by you" })),
      el("div", { class: "due-top" },
        el("span", { class: "due-sub", text: item.prospect.company || "\u00a0" }),
        el("span", { class: `pill note-state note-${note?.state ?? "none"}`, text: state })),
      firstLine ? el("div", { class: "due-purpose", text: `\u201c${firstLine}\u201d` }) : null,
      item.has_address ? null : el("div", { class: "due-why warn-text", text: "No full mailing address yet" }));
  }

  toolbar() {
    const count = this.drafted.length;
    const paper = el("select", { class: "select select-compact", id: "print-paper", "aria-label": "Paper" },
      el("option", { value: "letter", text: "US Letter" }), el("option", { value: "a4", text: "A4" }));
    paper.value = this.options.paper;
    const addressing = el("select", { class: "select select-compact", id: "print-addressing", "aria-label": "Addresses" },
      el("option", { value: "envelopes", text: "with envelopes" }),
      el("option", { value: "labels", text: "with address labels" }),
      el("option", { value: "none", text: "notes only" }));
    addressing.value = this.options.addressing;
    paper.addEventListener("change", () => { this.options.paper = paper.value; });
    addressing.addEventListener("change", () => { this.options.addressing = addressing.value; });
    const ids = () => this.drafted.map((i) => i.note.id);
    const status = el("div", { class: "print-status", id: "print-result", role: "status" });
    if (this.result?.path) {
      append(status, el("span", { text: `Saved ${this.result.path}` }), " ",
        el("button", { class: "link-button", type: "button", text: "Open", onclick: () => api.openPdf(this.result.path).catch(this.opts.onError) }));
    } else if (this.result?.error) {
      status.classList.add("field-error");
      status.textContent = this.result.error;
    }
    // The bar is drawn anew with the result: the keyboard goes on to its Open link, or
    // back to the button pressed.
    const show = (result, button) => {
      this.result = result;
      this.render();
      ($("#print-result .link-button", this.root) ?? $(button, this.root))?.focus();
    };
    const pdf = async (e) => {
      // One PDF per click, however impatient the click.
      e.currentTarget.disabled = true;
      let result;
      try {
        result = { path: await api.printPdf(ids(), this.options) };
      } catch (err) {
        result = { error: err.message };
      }
      show(result, "#print-pdf");
    };
    const dialog = async () => {
      try {
        const batch = await api.printBatch(ids(), this.options.addressing);
        this.result = null;
        printSheet(batch, this.options, this.opts.vocab);
        window.print();
      } catch (err) {
        show({ error: err.message }, "#print-dialog");
      }
    };
    return el("div", { class: "print-bar", id: "print-bar" },
      el("div", { class: "print-title" },
        el("strong", { text: count ? `Print ${fmt.count(count, "drafted note")}` : "No drafted notes to print" }),
        el("span", { class: "hint", text: count ? "laid out line by line for copying by hand" : "Draft one from a prospect: press W" })),
      el("div", { class: "print-controls" }, paper, addressing,
        el("button", { class: "btn btn-small", type: "button", id: "print-pdf", disabled: !count, text: "Save as PDF", onclick: pdf }),
        el("button", { class: "btn btn-small", type: "button", id: "print-dialog", disabled: !count, text: "Print\u2026", onclick: dialog })),
      status);
  }
}

/** The card at its real size; CSSOM rather than a style attribute, which CSP forbids. */
function cardBox(c, lines) {
  const box = el("div", { class: "print-card" }, lines.map((l) => el("div", { class: "print-line", text: l || "\u00a0" })));
  box.style.width = `${c.width_in}in`;
  box.style.height = `${c.height_in}in`;
  box.style.setProperty("--lines", String(c.lines));
  return box;
}

/**
 * Fills the print-only sheet with the batch, exactly as the core laid it out (the same
 * lines as the PDF), for the system print dialog. Text only, never markup.
 */
function printSheet({ notes, from }, options, vocab) {
  const sheet = $("#print-sheet");
  sheet.dataset.paper = options.paper;
  clear(sheet);
  notes.forEach((n, i) => {
    const c = n.card;
    append(sheet, el("section", { class: "print-page" },
      el("div", { class: "print-kicker", text: `Handwritten note ${i + 1} of ${notes.length}` }),
      el("h1", { text: `To ${n.name}` }),
      el("div", { class: "print-kicker", text: `${c.label} \u00b7 copy each line as laid out; it fits the card` }),
      cardBox(c, n.lines),
      el("div", { class: "print-kicker", text: "Envelope" }),
      el("div", { class: "print-address" }, n.address.map((l) => el("div", { text: l })))));
  });
  if (options.addressing === "labels") {
    const layout = labelSheet(vocab, options.paper);
    // CSSOM, not a style attribute (CSP): the sheet's figures for app.css's grid.
    for (const [name, value] of Object.entries(labelProperties(layout, vocab.label_text))) {
      sheet.style.setProperty(name, value);
    }
    for (const page of labelSheets(notes, layout)) {
      append(sheet, el("section", { class: "print-page print-labels" },
        page.map((n) => el("div", { class: "print-label" },
          el("div", { class: "print-label-text" }, n.address.map((l) => el("div", { text: l })))))));
    }
    fitLabels(sheet, vocab.label_text);
  } else if (options.addressing === "envelopes") {
    for (const n of notes) {
      append(sheet, el("section", { class: "print-page print-envelope" },
        el("div", { class: "print-envelope-from" }, from.map((l) => el("div", { text: l }))),
        el("div", { class: "print-envelope-to" }, n.address.map((l) => el("div", { text: l })))));
    }
  }
}

/**
 * Sets each label's address at the largest size at which it fits the label, as the PDF
 * does (print.js): measured in the browser's own layout of the sheet, drawn for the
 * moment out of sight, since the printer gets the same layout.
 */
function fitLabels(sheet, text) {
  sheet.classList.add("measuring");
  try {
    const labels = [...sheet.querySelectorAll(".print-label")];
    if (!labels.length) return;
    // Every label has the sheet's padding: read once.
    const style = getComputedStyle(labels[0]);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    const fits = (label) => {
      const text = label.firstElementChild;
      return text.scrollWidth <= text.clientWidth && text.offsetHeight <= label.clientHeight - padding + 0.5;
    };
    // Most addresses fit at the sheet's own size (`text.max`, unwrapped): one pass
    // that only reads finds the others, before any size is written (each write has the
    // sheet laid out again).
    const tight = labels.filter((label) => !fits(label));
    for (const label of tight) {
      const text = label.firstElementChild;
      const { size, wrap } = fitSize((pt, wraps) => {
        text.style.fontSize = `${pt}pt`;
        label.classList.toggle("wrap", wraps);
        return fits(label);
      }, text);
      text.style.fontSize = `${size}pt`;
      label.classList.toggle("wrap", wrap);
    }
  } finally {
    sheet.classList.remove("measuring");
  }
}
