// "Write it": the card in a prospect's pane that turns the due touch into words. Pick a
// reason (suggested from the library by the prospect's tags), pick a template, see it
// merged for this person — values marked, missing ones flagged — edit, then hand it to
// the mail, phone or messaging app, copy it, and log the touch with one key. For a
// handwritten note it is the note composer: card size, live fit, address, and the
// note's way from drafted to mailed. Nothing is ever sent from here.

import * as api from "../api.js";
import { el, clear, append } from "../dom.js";
import { label, entry, maxLength } from "../vocab.js";
import { toast, showError } from "../toast.js";
import { copyText } from "../clipboard.js";
import { oneAtATime } from "../busy.js";
import { isSubmitChord } from "../keys.js";

const OPEN_LABEL = { email: "Open in mail app", call: "Call", voicemail: "Call", text: "Text" };
const NOTE = "handwritten_note";
/** Reasons shown as buttons; the rest are in a menu beside them. */
const CHIPS = 5;
const NO_MESSAGE = "call_no_message";

/**
 * Drafts with unsaved edits, by prospect (id and creation time). The pane is rebuilt after every write (a
 * reason added, a snooze from a notification): what the user typed survives it, and
 * survives looking at someone else for a moment. Cleared once logged or saved.
 */
const unsaved = new Map();

/**
 * Returns the card; it fills itself in as templates and suggestions arrive.
 * ctx: {vocab, templates, actions: {onLog(input), onNoteChanged(message), onOpenReasons(), onEdit()}}
 */
export function composeCard(detail, ctx) {
  const p = detail.prospect;
  const { vocab } = ctx;
  // A call with no message is how a call ended, not a channel to write for.
  const due = detail.due?.channel ?? p.preferred_channel ?? "call";
  const state = {
    channel: detail.note ? NOTE : due === NO_MESSAGE ? "call" : due,
    reasonId: detail.note?.reason_id ?? null,
    // A saved draft is the user's own text: start from it, not from a template.
    templateId: detail.note?.body ? 0 : null,
    dirty: Boolean(detail.note?.body),
    suggestions: [],
  };
  // Restored once, on the first render; later renders are the user's own choices.
  // By id and creation time: a deleted prospect's id can be given to someone new.
  const draftKey = `${p.id}@${p.created_at}`;
  let kept = unsaved.get(draftKey);
  if (kept) Object.assign(state, kept.state);
  const card = el("section", { class: "card compose", id: "compose", "aria-label": "Write the touch" });
  const channelSelect = el("select", { class: "select select-compact", id: "compose-channel", "aria-label": "Channel" },
    vocab.channels.filter((c) => c.value !== NO_MESSAGE).map((c) => el("option", { value: c.value, text: c.label })));
  channelSelect.value = state.channel;
  const reasons = el("div", { class: "reasons", id: "reasons" });
  const body = el("div", { class: "compose-body" });
  append(card,
    el("div", { class: "card-title-row" },
      el("h2", { class: "card-title", text: "Write it" }),
      el("span", { class: "hint", text: "W" }),
      channelSelect),
    reasons, body);

  // Another channel or template never throws away what the user wrote: their text
  // stays, and "Replace my text with the template" is the one way to drop it.
  channelSelect.addEventListener("change", () => {
    state.channel = channelSelect.value;
    state.templateId = null;
    keepIfTyped();
    renderBody();
  });

  // ---------- Reasons ----------

  const pickReason = (id) => {
    state.reasonId = id;
    keepIfTyped();
    renderReasons();
    remerge();
  };
  const renderReasons = () => {
    // Drawn anew on every pick: the control the keyboard was on gets it back.
    const at = reasons.contains(document.activeElement) ? document.activeElement : null;
    const focused = at?.id ? `#${at.id}` : at?.dataset.reason ? `[data-reason="${at.dataset.reason}"]` : null;
    clear(reasons, el("span", { class: "reasons-label", text: "Reason for this touch" }));
    const given = state.suggestions;
    if (!given.length) {
      append(reasons, el("span", { class: "reason-prompt", id: "reason-prompt" },
        "Nothing in your library suits them yet. Saying hi isn\u2019t a reason: ",
        el("button", { class: "link-button", type: "button", text: "add news, a price change or an article", onclick: ctx.actions.onOpenReasons })));
      return;
    }
    for (const s of given.slice(0, CHIPS)) {
      const r = s.reason;
      const pressed = state.reasonId === r.id;
      append(reasons, el("button", {
        class: "reason-chip", type: "button", "aria-pressed": String(pressed), dataset: { reason: r.id },
        title: [r.detail, r.link].filter(Boolean).join("\n") || r.title,
        onclick: () => pickReason(pressed ? null : r.id),
      }, el("span", { text: r.title }), s.matched.length ? el("span", { class: "reason-tags", text: s.matched.map((t) => `#${t}`).join(" ") }) : null));
    }
    // The rest of what suits them, in the same order, one menu away.
    const rest = given.slice(CHIPS);
    if (rest.length) {
      const more = el("select", { class: "select select-compact", id: "reason-more", "aria-label": "More reasons" },
        el("option", { value: "", text: `${rest.length} more\u2026` }),
        rest.map((s) => el("option", { value: String(s.reason.id), text: s.reason.title })));
      more.value = rest.some((s) => s.reason.id === state.reasonId) ? String(state.reasonId) : "";
      more.addEventListener("change", () => pickReason(more.value ? Number(more.value) : null));
      append(reasons, more);
    }
    if (state.reasonId === null) {
      append(reasons, el("span", { class: "reason-prompt", text: "Pick one to give them something of value." }));
    }
    if (focused) reasons.querySelector(focused)?.focus();
  };

  // ---------- Template, preview, draft ----------

  const templateSelect = el("select", { class: "select", id: "compose-template", "aria-label": "Template" });
  const preview = el("div", { class: "merge-preview", id: "merge-preview", "aria-label": "Merged for this prospect" });
  const missingNote = el("div", { class: "hint missing-note", id: "missing-note" });
  const replaceButton = el("button", { class: "link-button", type: "button", id: "use-template", hidden: true, text: "Replace my text with the template" });
  const subject = el("input", { class: "input", id: "draft-subject", "aria-label": "Subject" });
  const text = el("textarea", { class: "input draft-body", id: "draft-body", rows: 7, "aria-label": "Draft" });
  // The user's own note of what happened, beside a draft's Log button. The draft is
  // logged as the touch's message, apart from it: templates quote the note ("last time
  // we talked about …"), and a call's script or an email's words are not what was
  // talked about. Made once, like the draft, so another channel keeps what was typed.
  const said = el("input", { class: "input", id: "draft-note", "aria-label": "Your note",
    maxlength: maxLength(vocab, "notes"), placeholder: "Your note: what was said, what comes next (optional)" });
  if (kept?.said) said.value = kept.said;
  const error = el("div", { class: "field-error", id: "compose-error", role: "alert" });
  const keep = () => unsaved.set(draftKey, {
    state: { channel: state.channel, reasonId: state.reasonId, templateId: state.templateId, dirty: state.dirty },
    subject: subject.value, text: text.value, card: $card?.value, said: said.value,
  });
  const forget = () => unsaved.delete(draftKey);
  // Kept once the user has typed: their own draft, or only the note beside it (then the
  // draft stays the template's, merged again as the reason or template changes).
  const keepIfTyped = () => { if (state.dirty || said.value) keep(); };
  let $card = null;
  said.addEventListener("input", keep);
  text.addEventListener("input", () => { state.dirty = true; keep(); onTextChanged(); });
  subject.addEventListener("input", () => { state.dirty = true; keep(); });
  replaceButton.addEventListener("click", () => { state.dirty = false; forget(); remerge(); });
  templateSelect.addEventListener("change", () => {
    state.templateId = templateSelect.value ? Number(templateSelect.value) : null;
    keepIfTyped();
    remerge();
  });

  let mergeSeq = 0;
  async function remerge() {
    error.textContent = "";
    // Every call takes a number, so an answer overtaken by a later choice is dropped.
    const seq = ++mergeSeq;
    if (!state.templateId) {
      clear(preview, el("span", { class: "muted", text: detail.note?.body && state.dirty
        ? "Your saved draft is below. Pick a template to start again from it."
        : "No template: write it your way below." }));
      missingNote.textContent = "";
      replaceButton.hidden = true;
      onTextChanged();
      return;
    }
    try {
      const composed = await api.compose(state.templateId, p.id, state.reasonId);
      if (seq !== mergeSeq) return;
      renderSegments(preview, composed.subject.segments.length && state.channel === "email"
        ? [{ kind: "text", text: "Subject: " }, ...composed.subject.segments, { kind: "text", text: "\n\n" }, ...composed.body.segments]
        : composed.body.segments);
      const missing = [...new Set([...composed.subject.missing, ...composed.body.missing])];
      missingNote.textContent = missingAdvice(missing, p.name, vocab);
      replaceButton.hidden = !state.dirty;
      if (!state.dirty) {
        subject.value = composed.subject.text;
        text.value = composed.body.text;
        onTextChanged();
      }
    } catch (err) {
      if (seq === mergeSeq) error.textContent = err.message;
    }
  }

  let onTextChanged = () => {};

  function renderBody() {
    const templates = ctx.templates.filter((t) => t.channel === state.channel);
    clear(templateSelect, el("option", { value: "", text: "No template" }),
      ...templates.map((t) => el("option", { value: String(t.id), text: t.name })));
    if (state.templateId === null && templates.length) state.templateId = templates[0].id;
    templateSelect.value = state.templateId ? String(state.templateId) : "";
    if (!state.dirty) { subject.value = ""; text.value = ""; }
    if (kept) { subject.value = kept.subject; text.value = kept.text; }
    text.rows = 7;
    text.classList.remove("note-body");
    const top = el("div", { class: "compose-row" },
      el("label", { class: "field grow" }, el("span", { text: "Template" }), templateSelect));
    clear(body, top, preview, missingNote);
    if (state.channel === NOTE) renderNoteComposer(); else renderDraft();
    append(body, error);
    kept = null;
    remerge();
  }

  // ---------- Any channel but a note: hand it to an app, copy it, log it ----------

  function renderDraft() {
    onTextChanged = () => {};
    // A call nobody answered reached no one: it is logged as a call with no message
    // left, which is not a touchpoint (seed 004), rather than a call with no response.
    const outcomes = state.channel === "call"
      ? [{ value: NO_MESSAGE, label: "No answer, no message left" }, ...vocab.outcomes.filter((o) => o.value !== "no_response")]
      : vocab.outcomes;
    const outcome = el("select", { class: "select select-compact", id: "draft-outcome", "aria-label": "Outcome" },
      outcomes.map((o) => el("option", { value: o.value, text: o.label })));
    const logButton = el("button", { class: "btn btn-primary", type: "button", id: "draft-log", title: "Log this touch (Ctrl+Enter)", text: "Log touch" });
    // One touch per press: a second Ctrl+Enter or click while it saves does nothing.
    const log = oneAtATime(async () => {
      error.textContent = "";
      const message = [state.channel === "email" && subject.value.trim() ? `Subject: ${subject.value.trim()}` : "", text.value.trim()]
        .filter(Boolean).join("\n\n");
      // Forgotten before logging: the pane is drawn again once the touch is saved, and
      // a draft still kept would come back as unsaved text, one key from a second log.
      const wasKept = unsaved.has(draftKey);
      forget();
      try {
        const unanswered = outcome.value === NO_MESSAGE;
        await ctx.actions.onLog({
          prospect_id: p.id,
          channel: unanswered ? NO_MESSAGE : state.channel,
          outcome: unanswered ? "no_response" : outcome.value,
          note: said.value, message, inbound: false, reason_id: state.reasonId,
        });
      } catch (err) {
        if (wasKept) keep();
        error.textContent = err.message;
      }
    }, (busy) => { logButton.disabled = busy; });
    logButton.addEventListener("click", () => log());
    const openLabel = OPEN_LABEL[state.channel];
    append(body,
      state.channel === "email" ? el("label", { class: "field" }, el("span", { text: "Subject" }), subject) : null,
      el("label", { class: "field" }, el("span", {}, "Your words ", replaceButton), text),
      said,
      el("div", { class: "compose-actions" },
        openLabel ? el("button", { class: "btn", type: "button", id: "draft-open", text: openLabel, onclick: async () => {
          error.textContent = "";
          try {
            await api.openDraft(p.id, state.channel, subject.value, text.value);
          } catch (err) {
            error.textContent = err.message;
          }
        } }) : null,
        el("button", { class: "btn", type: "button", id: "draft-copy", text: "Copy", onclick: () => copy(state.channel === "email" && subject.value ? `${subject.value}\n\n${text.value}` : text.value).catch(showError) }),
        el("span", { class: "spacer" }),
        outcome,
        logButton),
      el("div", { class: "hint", text: "Nothing is sent from here: your own app opens with the draft. Ctrl+Enter logs the touch." }));
    card.onkeydown = (e) => {
      if (isSubmitChord(e)) { e.preventDefault(); if (!e.repeat) log(); }
    };
  }

  // ---------- Handwritten note ----------

  function renderNoteComposer() {
    const note = detail.note;
    const cardSelect = el("select", { class: "select", id: "note-card", "aria-label": "Card" },
      vocab.cards.map((c) => el("option", { value: c.id, text: c.label })));
    cardSelect.value = kept?.card ?? note?.card ?? vocab.cards[0].id;
    $card = cardSelect;
    if (note?.body && !kept) text.value = note.body;
    text.rows = entry(vocab.cards, cardSelect.value)?.lines ?? 12;
    text.classList.add("note-body");
    const fitLine = el("div", { class: "fit", id: "note-fit", "aria-live": "polite" });
    const sheet = el("div", { class: "note-sheet", id: "note-sheet", "aria-hidden": "true" });
    const street = p.address_lines;
    const envelope = [p.name, p.company, ...street].filter(Boolean);
    const hasAddress = p.mailable;
    const stateLabel = note ? label(vocab.note_states, note.state) : "Not started";

    let fitSeq = 0;
    let fits = true;
    onTextChanged = async () => {
      const seq = ++fitSeq;
      try {
        const fit = await api.noteFit(text.value, cardSelect.value);
        if (seq !== fitSeq) return;
        fits = fit.fits;
        fitLine.textContent = fit.summary;
        fitLine.classList.toggle("over", !fit.fits);
        text.setAttribute("aria-invalid", String(!fit.fits));
        const c = entry(vocab.cards, cardSelect.value);
        sheet.style.setProperty("--lines", String(c.lines));
        sheet.style.aspectRatio = `${c.width_in} / ${c.height_in}`;
        clear(sheet, ...fit.lines.map((l, i) => el("div", { class: i < c.lines ? "sheet-line" : "sheet-line over", text: l || "\u00a0" })));
      } catch (err) {
        fitLine.textContent = err.message;
      }
    };
    cardSelect.addEventListener("change", () => { keepIfTyped(); onTextChanged(); });
    // The count and the card's lines for whatever is in the box now (a saved draft).
    queueMicrotask(() => onTextChanged());

    // quiet: save without refreshing the pane, for a step that refreshes once at its end
    // (a refresh mid-way would drop the step's own error into a pane no longer shown).
    const save = async ({ quiet = false } = {}) => {
      error.textContent = "";
      if (!fits) {
        error.textContent = fitLine.textContent;
        text.focus();
        return null;
      }
      try {
        const saved = await api.saveNote({ prospect_id: p.id, card: cardSelect.value, body: text.value, reason_id: state.reasonId });
        forget();
        if (!quiet) await ctx.actions.onNoteChanged("Note saved · it's on your notes to write");
        return saved;
      } catch (err) {
        error.textContent = err.message;
        if (err.field === "body") text.focus();
        return null;
      }
    };
    // Saving, marking written, mailing: one at a time, so a double press never mails twice.
    const once = oneAtATime((run) => run());
    const step = async (fn, message) => {
      error.textContent = "";
      const saved = await save({ quiet: true });
      if (!saved) return;
      try {
        await fn(saved.id);
        await ctx.actions.onNoteChanged(message);
      } catch (err) {
        error.textContent = err.message;
      }
    };

    append(body,
      el("div", { class: "note-grid" },
        el("div", { class: "note-write" },
          el("label", { class: "field" }, el("span", { text: "Card" }), cardSelect),
          el("label", { class: "field" }, el("span", {}, "The note ", replaceButton), text),
          fitLine),
        el("div", { class: "note-side" },
          sheet,
          el("div", { class: hasAddress ? "note-address" : "note-address missing", id: "note-address" },
            el("div", { class: "hint", text: "Envelope" }),
            hasAddress
              ? envelope.map((l) => el("div", { text: l }))
              : [el("div", { text: street.length ? `${p.name}'s address needs a street and a town or postcode.` : `No mailing address for ${p.name}.` }),
                el("button", { class: "link-button", type: "button", text: street.length ? "Complete it" : "Add one", onclick: ctx.actions.onEdit })]))),
      el("div", { class: "compose-actions" },
        el("span", { class: `pill note-state note-${note?.state ?? "none"}`, id: "note-state", text: stateLabel }),
        el("span", { class: "spacer" }),
        note ? el("button", { class: "btn btn-small btn-ghost", type: "button", id: "note-discard", title: "Take this note off Notes to write", text: "Discard",
          onclick: async (e) => {
            // Two clicks, as for deleting a prospect: a draft is work.
            const button = e.currentTarget;
            if (!button.dataset.armed) {
              button.dataset.armed = "true";
              button.textContent = "Click again to discard";
              setTimeout(() => { delete button.dataset.armed; button.textContent = "Discard"; }, 4000);
              return;
            }
            try {
              forget();
              await api.discardNote(note.id);
              await ctx.actions.onNoteChanged("Note discarded");
            } catch (err) {
              error.textContent = err.message;
            }
          } }) : null,
        note ? null : el("button", { class: "btn btn-small btn-ghost", type: "button", id: "note-queue", title: "Put it on Notes to write and come back to it", text: "Queue for later",
          onclick: async () => {
            try {
              await api.queueNote(p.id);
              await ctx.actions.onNoteChanged("Queued on Notes to write");
            } catch (err) {
              error.textContent = err.message;
            }
          } }),
        el("button", { class: "btn btn-small", type: "button", id: "note-save", title: "Save the draft (Ctrl+Enter)", text: "Save draft", onclick: () => once(save) }),
        el("button", { class: "btn btn-small", type: "button", id: "note-written", text: note?.state === "written" ? "Not written yet" : "Mark written",
          onclick: () => once(() => step((id) => api.setNoteWritten(id, note?.state !== "written"), note?.state === "written" ? "Back to drafted" : "Marked written")) }),
        el("button", { class: "btn btn-small btn-primary", type: "button", id: "note-mailed", title: "It's in the post: logs the touch", text: "Mailed",
          onclick: () => once(() => step((id) => api.mailNote(id), "Mailed · touch logged")) })),
      el("div", { class: "hint", text: "Write it by hand from the lines shown. Print a batch from Notes to write. Mailing it logs the touch." }));
    card.onkeydown = (e) => {
      if (isSubmitChord(e)) { e.preventDefault(); if (!e.repeat) once(save); }
    };
  }

  renderReasons();
  renderBody();
  api.suggestReasons(p.id).then((s) => { state.suggestions = s; renderReasons(); }).catch(() => {});
  return card;
}

/** Merged output as the preview shows it: values marked, missing fields flagged. All text. */
export function renderSegments(root, segments) {
  clear(root);
  for (const s of segments) {
    if (s.kind === "text") append(root, s.text);
    else if (s.kind === "value") append(root, el("mark", { class: "merge-value", title: s.field, text: s.text }));
    else append(root, el("mark", { class: "merge-missing", title: `No ${s.label.toLowerCase()} on file`, text: s.label }));
  }
}

/** Says what is missing and where each kind of value comes from. */
function missingAdvice(missing, name, vocab) {
  const mine = ["my_name", "my_company", "signature"];
  const reason = ["reason", "reason_detail", "reason_link"];
  const list = (fields) => fields.map((m) => label(vocab.merge_fields, m).toLowerCase()).join(", ");
  const theirs = missing.filter((m) => !mine.includes(m) && !reason.includes(m));
  const parts = [];
  if (theirs.length) parts.push(`Not on file for ${name}: ${list(theirs)}. Fill it in below, or add it to their record.`);
  if (missing.some((m) => reason.includes(m))) parts.push(`No ${list(missing.filter((m) => reason.includes(m)))} yet: pick a reason above.`);
  if (missing.some((m) => mine.includes(m))) parts.push(`Add ${list(missing.filter((m) => mine.includes(m)))} in Settings.`);
  return parts.join(" ");
}

/** Copies a draft and says so. */
async function copy(value) {
  await copyText(value);
  toast("Copied");
}
