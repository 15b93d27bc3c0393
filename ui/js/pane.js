// The right-hand pane: a prospect's detail, the prospect form, or the welcome. Every
// write made from it goes to the core, then everything on screen is read back
// (refreshAfterWrite).

import * as api from "./api.js";
import { el, append, $ } from "./dom.js";
import * as fmt from "./format.js";
import { label } from "./vocab.js";
import { toast, showError, dismissUndo } from "./toast.js";
import { renderDetail, renderNoSelection } from "./views/detail.js";
import { renderForm, formValues, FIELD_LABELS } from "./views/form.js";
import { openReasons } from "./views/reasons.js";
import { openHandOff } from "./views/exporter.js";
import { mergeEdits } from "./edits.js";
import { offerUndo } from "./undo.js";
import { state, lists, focusList } from "./state.js";
import { refreshQueues, renderSidebar, renderCounts } from "./sidebar.js";

let showTimer;
/** Selection moves fast under j/k; load the detail once the key settles. */
export function showProspectSoon(id) {
  clearTimeout(showTimer);
  if (state.mode === "form") return;
  showTimer = setTimeout(() => {
    // Already on screen (and not on the way out): re-rendering would only cost the user
    // their focus.
    if (state.mode === "form" || detailShown(id)) return;
    showProspect(id);
  }, 40);
}

// Every request for the pane takes a number, so an answer overtaken by a later request
// (the user moved on while it loaded) is dropped; `showing` is the prospect asked for last.
let showSeq = 0;
let showing = null;

/** `carry`: keep what the user has typed in the pane's own forms, when it is this
 *  prospect's pane being drawn again (see `refreshFromOutside`). */
async function showProspect(id, { carry = false } = {}) {
  const seq = ++showSeq;
  showing = id;
  try {
    const [detail] = await Promise.all([api.getProspect(id), state.paneDataLoaded]);
    if (seq !== showSeq) return;
    // The user opened a form while this loaded: the form wins.
    if (state.mode === "form") return;
    const typed = carry && state.mode === "detail" && state.open?.prospect.id === id ? typedInPane() : null;
    state.open = detail;
    drawDetail();
    if (typed) putBack(typed);
  } catch (err) {
    if (seq === showSeq) showError(err);
  }
}

/** Whether the pane shows prospect `id`'s detail and stays on them (not a form, and no one
 *  else on the way). */
const detailShown = (id) => state.mode === "detail" && state.open?.prospect.id === id && showing === id;

function drawDetail() {
  state.mode = "detail";
  dismissQuestion(`detail:${state.open.prospect.id}`);
  state.pane = renderDetail($("#detail"), state.open, state.vocab, detailActions, state.plans, writing());
}

/** What the user has put in the pane's own forms (the log form, the skip and next-step
 *  forms): each field's value or tick, which of the two forms is open, and where the
 *  focus and caret are. Write it keeps its drafts itself. */
function typedInPane() {
  const fields = [...document.querySelectorAll("#log-form [id], #skip-form [id], #next-step-form [id]")]
    .filter((f) => f.tagName === "INPUT" || f.tagName === "TEXTAREA" || f.tagName === "SELECT");
  const active = document.activeElement;
  const focused = active?.id && $("#detail").contains(active) ? active : null;
  return {
    fields: fields.map((f) => ({ id: f.id, value: f.value, checked: f.checked })),
    skip: state.pane?.skip.isOpen() ?? false,
    nextStep: state.pane?.nextStep.isOpen() ?? false,
    focus: focused && { id: focused.id, start: focused.selectionStart, end: focused.selectionEnd },
  };
}

/** Puts `typedInPane`'s record back into the pane just drawn. */
function putBack(typed) {
  if (typed.skip) state.pane.skip.open();
  if (typed.nextStep) state.pane.nextStep.open();
  for (const { id, value, checked } of typed.fields) {
    const field = document.getElementById(id);
    if (!field) continue;
    field.value = value;
    if (field.type === "checkbox") field.checked = checked;
    // What follows a choice (the log form's hint) follows it again.
    if (field.tagName === "SELECT" || field.type === "checkbox") field.dispatchEvent(new Event("change"));
  }
  const field = typed.focus && document.getElementById(typed.focus.id);
  if (!field) return;
  field.focus();
  // Only text fields have a caret (the others answer null, and refuse one).
  if (typeof typed.focus.start === "number") field.setSelectionRange(typed.focus.start, typed.focus.end);
}

function drawNoSelection() {
  state.mode = "none";
  state.pane = null;
  dismissQuestion();
  renderNoSelection($("#detail"), state.overview.total > 0);
}

export async function openProspect(id) {
  clearTimeout(showTimer);
  if (!detailShown(id)) await showProspect(id);
  $("#detail").focus();
}

const detailActions = {
  onEdit: () => editProspect(),
  onDelete: () => confirmDelete(),
  onHandOff: () => openHandOff(state.open.prospect, state.vocab),
  onLogTouch: async (input) => {
    const touch = await logTouch(input);
    await refreshAfterSave(input.prospect_id);
    // The user may have moved on to someone else while it saved: then the pane is
    // theirs, and only the log is confirmed.
    const here = detailShown(input.prospect_id);
    const channel = label(state.vocab.channels, touch.channel).toLowerCase();
    if (!here) return toast(`Logged ${channel}`);
    // Say at once what happens next: the engine has already moved the schedule.
    const due = state.open.due;
    const next = due ? `next: ${fmt.dateTime(due.at)} (${label(state.vocab.channels, due.channel).toLowerCase()})` : "nothing more is due";
    toast(`Logged ${channel} · ${next}`);
    if (["replied", "conversation", "meeting_set"].includes(touch.outcome)) {
      // Seed 002: set the next step before the call ends.
      state.pane?.nextStep.open();
      toast("They engaged: set the next step while it's fresh");
    } else if (state.view !== "all") {
      focusList();
    } else {
      state.pane?.focusNote();
    }
  },
  onSnooze: (to) => controlWrite(() => api.snooze(state.open.prospect.id, to), to ? "Snoozed" : "Awake"),
  onSkip: (reason) => controlWrite(() => api.skip(state.open.prospect.id, reason), "Skipped until tomorrow", true),
  onPause: (paused) => controlWrite(() => api.setPaused(state.open.prospect.id, paused), paused ? "Paused" : "Resumed"),
  onNextStep: (step) => controlWrite(() => api.setNextStep(state.open.prospect.id, step), step ? "Next step set" : "Next step cleared", true),
  onPlan: (planId) => controlWrite(() => api.assignPlan(state.open.prospect.id, planId), "Plan changed"),
  onDeleteTouch: async (id) => {
    try {
      const item = await api.deleteTouch(id);
      await refreshAfterWrite(state.open.prospect.id);
      offerUndo(item, (restored) => refreshAfterWrite(restored.prospect_id, { show: true }), `Removed ${item.label}`);
    } catch (err) {
      showError(err);
    }
  },
};

/** Logs a touch; an outcome that stops follow-up before five touches is asked about
 *  first, as a status change in the form is (the core asks, the user decides). */
async function logTouch(input) {
  try {
    return await api.logTouch(input);
  } catch (err) {
    if (err.code !== "confirm") throw err;
    if (!(await confirmInline(err.message, `detail:${input.prospect_id}`))) throw { code: "declined", message: "Not logged: follow-up goes on." };
    return api.logTouch({ ...input, confirm_stop: true });
  }
}

/** What the "Write it" card needs from the app. */
function writing() {
  return {
    vocab: state.vocab,
    templates: state.templates,
    actions: {
      onLog: detailActions.onLogTouch,
      onNoteChanged: async (message) => {
        toast(message);
        await refreshAfterSave(state.open?.prospect.id ?? null);
        $("#compose")?.scrollIntoView({ block: "nearest" });
      },
      onOpenReasons: () => showReasons(),
      onEdit: () => editProspect(),
    },
  };
}

/** The reasons library; what it changes shows at once in the open prospect's card. */
export function showReasons() {
  return openReasons(state.vocab, () => refreshAfterWrite(state.open?.prospect.id ?? null));
}

/** Snooze, pause, next step, plan: write, then refresh everything from the core. */
async function controlWrite(write, message, rethrow = false) {
  const id = state.open.prospect.id;
  try {
    await write();
  } catch (err) {
    if (rethrow) throw err;
    return showError(err);
  }
  toast(message);
  await refreshAfterSave(id);
}

/**
 * After a write: the lists and the sidebar counts, all from the core, and the pane on
 * prospect `openId` if it still shows them (the user may have moved on meanwhile), or
 * whatever it shows with `show` (a new or restored prospect, opened).
 */
export async function refreshAfterWrite(openId, { show = false, carry = false } = {}) {
  const redraw = openId !== null && (show || showing === openId);
  const [overview] = await Promise.all([
    api.overview(),
    lists.prospects.reset({ keepSelection: true }),
    refreshQueues({ keepSelection: true }),
    redraw ? showProspect(openId, { carry }) : Promise.resolve(),
  ]);
  state.overview = overview;
  renderSidebar();
  renderCounts();
}

/**
 * The data changed away from the window (the command line, a notification's snooze):
 * the lists and the open prospect follow at once, and what the user was typing in the
 * pane stays, with the focus: a redraw that dropped it would also turn the rest of their
 * typing into shortcuts.
 */
export function refreshFromOutside() {
  return refreshAfterWrite(state.open?.prospect.id ?? null, { carry: true });
}

/**
 * The refresh after a write that went through. Its failure is not the write's: it is
 * said in the error toast, never in the form, which would invite saving it again.
 */
async function refreshAfterSave(openId, options) {
  try {
    await refreshAfterWrite(openId, options);
  } catch (err) {
    showError({ message: `Saved, but the window could not be brought up to date: ${err?.message ?? String(err)}` });
  }
}

export function newProspect() {
  dismissUndo();
  dismissQuestion();
  state.mode = "form";
  state.pane = null;
  renderForm($("#detail"), null, state.vocab, {
    onSave: async (input) => {
      const created = await api.createProspect(input);
      toast(`Added ${created.name}`);
      state.mode = "detail";
      await refreshAfterSave(created.id, { show: true });
      // Saved: the form goes even when the new prospect could not be shown.
      if (!detailShown(created.id)) return backToDetail();
      if (state.view === "all") lists.prospects.selectId(created.id);
      focusList();
    },
    onCancel: backToDetail,
  });
}

/**
 * The edit form for the open prospect. It saves against the version it was opened on:
 * if the prospect changed meanwhile (a touch logged from a notification, a snooze), the
 * core refuses, and the form opens again on the newer values with the user's own
 * changes on top (`shown`: what to show instead, and why).
 */
export function editProspect(shown = {}) {
  if (!state.open) return;
  const p = state.open.prospect;
  dismissUndo();
  dismissQuestion();
  state.mode = "form";
  state.pane = null;
  renderForm($("#detail"), p, state.vocab, {
    onSave: async (input) => {
      const save = (extra) => api.updateProspect(p.id, { ...input, version: p.version, ...extra });
      try {
        try {
          await save();
        } catch (err) {
          // Stopping before five touches: the core asks; the user decides.
          if (err.code !== "confirm" || !(await confirmInline(err.message, "form"))) throw err;
          await save({ confirm_stop: true });
        }
      } catch (err) {
        if (err.code === "conflict") return reopenNewer(p, input, err);
        throw err;
      }
      toast("Saved");
      state.mode = "detail";
      await refreshAfterSave(p.id);
      if (!detailShown(p.id)) backToDetail();
    },
    onCancel: backToDetail,
  }, shown);
}

/** The form again, on the prospect as it is now, with the user's edits on top. */
async function reopenNewer(opened, input, err) {
  const detail = await api.getProspect(opened.id);
  state.open = detail;
  const { values, changed, conflicts } = mergeEdits(formValues(opened), input, formValues(detail.prospect));
  const what = changed.length ? ` (${changed.map((key) => FIELD_LABELS[key]).join(", ")})` : "";
  const notice = [`${err.message} The form now shows the newer values${what}, with your changes on top: check them and save again.`];
  for (const key of conflicts) {
    const yours = [input[key]].flat().map((v) => (typeof v === "object" && v ? Object.values(v).filter(Boolean).join(", ") : v)).join(", ");
    notice.push(`${FIELD_LABELS[key]} changed there too, so it shows the newer value. Yours was: ${yours || "(empty)"}`);
  }
  toast(`${detail.prospect.name} changed while you were editing: newer values loaded`);
  editProspect({ values, notice });
}

/** Leaves the form: back to the prospect that was open, or the welcome. */
export function backToDetail() {
  if (state.open) drawDetail();
  else drawNoSelection();
  focusList();
}

/** The welcome, when no prospect is open (at start-up). */
export function showNoSelection() {
  if (state.mode === "none") drawNoSelection();
}

let deleteArmed = null;
/** Two clicks within four seconds: no modal, and no accidental deletes. */
async function confirmDelete() {
  const p = state.open?.prospect;
  if (!p) return;
  if (deleteArmed !== p.id) {
    deleteArmed = p.id;
    toast(`Click Delete again to delete ${p.name} and their timeline`);
    setTimeout(() => { if (deleteArmed === p.id) deleteArmed = null; }, 4000);
    return;
  }
  deleteArmed = null;
  try {
    const item = await api.deleteProspect(p.id);
    state.open = null;
    state.mode = "none";
    state.pane = null;
    await refreshAfterWrite(null);
    drawNoSelection();
    offerUndo(item, refreshAfterRestore, `Deleted ${p.name} and their timeline`);
  } catch (err) {
    showError(err);
  }
}

/** After a restore (an undo, Recently deleted): what it brought back, on screen. A
 *  prospect is opened; a touch shows on its prospect; plans and templates are reloaded
 *  for the pane's menus. */
export async function refreshAfterRestore(restored) {
  if (restored.kind === "plan") state.plans = await api.listPlans();
  if (restored.kind === "template") state.templates = await api.listTemplates();
  if (restored.prospect_id) await refreshAfterWrite(restored.prospect_id, { show: true });
  else await refreshAfterWrite(state.open?.prospect.id ?? null);
  if (restored.kind === "prospect" && state.view === "all") lists.prospects.selectId(restored.prospect_id);
}

/** The yes/no bar on screen, if any: {where, answer(yes)}. */
let question = null;

/**
 * A yes/no question in a toast-sized bar, asked for what the pane shows (`where`:
 * "detail:<id>" or "form"). Resolves true on Yes (or Y, the focus in the bar), false on
 * Keep going, N or Escape. One at a time: a new question, or the pane moving on to
 * anything else, answers the one on screen "no", so no old question can be clicked later.
 */
function confirmInline(message, where) {
  dismissQuestion();
  return new Promise((resolve) => {
    const bar = el("div", { class: "confirm-bar", role: "alertdialog", "aria-label": message });
    const asked = {
      where,
      answer: (yes) => {
        if (question !== asked) return;
        question = null;
        // The focus was on the bar: back to the list, so the keys go on working.
        const focused = bar.contains(document.activeElement);
        bar.remove();
        if (focused) focusList();
        resolve(yes);
      },
    };
    question = asked;
    append(bar, el("span", { text: message }),
      el("button", { class: "btn btn-danger", type: "button", id: "confirm-yes", text: "Yes, stop", onclick: () => asked.answer(true) }),
      el("button", { class: "btn", type: "button", id: "confirm-no", text: "Keep going", onclick: () => asked.answer(false) }));
    bar.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === "y") asked.answer(true);
      else if (key === "n" || key === "escape") asked.answer(false);
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    append($("#toasts"), bar);
    bar.querySelector("#confirm-yes").focus();
  });
}

/**
 * Answers the question on screen "no" (Escape, or the pane moving on), unless it was
 * asked for `keep` (the pane redrawn on the same prospect). True when one was answered.
 */
export function dismissQuestion(keep = null) {
  if (!question || question.where === keep) return false;
  question.answer(false);
  return true;
}
