// The detail pane: who the prospect is, how far along the follow-up is, a quick form to
// log a touch, and the timeline of every touch, newest first.

import { el, clear, append } from "../dom.js";
import * as fmt from "../format.js";
import { label, maxLength } from "../vocab.js";
import { composeCard } from "./compose.js";
import { oneAtATime } from "../busy.js";
import { isSubmitChord, outcomeDigit } from "../keys.js";
import { toast } from "../toast.js";

const CHANNEL_GLYPH = {
  call: "☎", voicemail: "◉", call_no_message: "☏", email: "✉", text: "✎",
  handwritten_note: "✍", linkedin: "in", social: "#", in_person: "◎", gift: "✦",
};

/**
 * Renders a prospect into `root`.
 * actions: {onEdit(), onDelete(), onHandOff(), onLogTouch(input) -> Promise, onDeleteTouch(id),
 *           onSnooze(until|null), onPause(bool), onNextStep(step|null) -> Promise, onPlan(id|null)}
 * plans: every plan, for the plan menu.
 * writing: what the "Write it" card needs (see compose.js).
 * Returns the pane's controls, which its buttons use and the keyboard's actions too:
 * {snooze, skip, nextStep: {open(), toggle(), close(), isOpen()}, pause(), write(),
 *  log(), focusNote()}.
 */
export function renderDetail(root, detail, vocab, actions, plans, writing) {
  const p = detail.prospect;
  const sub = [p.title, p.company].filter(Boolean).join(" · ");

  const head = el("div", { class: "detail-head" },
    el("div", { class: "avatar", "aria-hidden": "true", text: fmt.initials(p.name) }),
    el("div", { class: "detail-title" },
      el("h1", { class: "detail-name", id: "detail-name", text: p.name }),
      sub ? el("div", { class: "detail-sub", text: sub }) : null,
      el("div", { class: "detail-chips" },
        el("span", { class: `pill pill-${p.status}`, text: label(vocab.statuses, p.status) }),
        el("span", { class: "pill", title: "Stage", text: `Stage: ${label(vocab.stages, p.stage)}` }),
        ...p.tags.map((t) => el("span", { class: "pill", text: `#${t}` })))),
    el("div", { class: "detail-actions" },
      el("button", { class: "btn", type: "button", id: "edit-prospect", title: "Edit (E)", onclick: actions.onEdit, text: "Edit" }),
      el("button", { class: "btn btn-ghost", type: "button", id: "hand-off", title: "Export this prospect with their history, for a colleague or to print", onclick: actions.onHandOff, text: "Hand off\u2026" }),
      el("button", { class: "btn btn-ghost btn-danger", type: "button", id: "delete-prospect", title: "Delete this prospect (you can undo it)", onclick: actions.onDelete, text: "Delete" })));

  const stats = el("section", { class: "card", "aria-label": "Follow-up progress" },
    el("div", { class: "stats" },
      stat("Touchpoints", String(p.stats.touchpoints), "touchpoints", progress(p.stats.touchpoints)),
      stat("Attempts", String(p.stats.attempts), "attempts",
        el("div", { class: "progress-note", text: "includes calls with no message" })),
      stat("Last touch", p.stats.last_touch_at ? fmt.relative(p.stats.last_touch_at) : "Never", "last-touch",
        p.stats.last_touch_at ? el("div", { class: "progress-note", text: fmt.date(p.stats.last_touch_at) }) : null, true),
      stat("Next due", p.next_due_at ? fmt.relative(p.next_due_at) : "—", "next-due",
        p.next_due_at ? el("div", { class: "progress-note", text: fmt.dateTime(p.next_due_at) }) : null, true)));

  const { card: next, controls } = nextUp(detail, vocab, actions, plans);
  // Nothing is written to someone whose follow-up has stopped (the core refuses to
  // mail their note too); a draft made before stays with them for if that changes.
  const stopped = vocab.stopping_statuses.includes(p.status);
  const compose = stopped ? null : composeCard(detail, writing);
  const { card: log, channel, note } = logForm(p, detail.due, vocab, actions);
  const facts = factList(p, vocab);
  const reasonOf = new Map(detail.reasons_given.map((r) => [r.touch_id, r.title]));
  // Touches and skips, newest first: the whole story of the follow-up.
  const events = [
    ...detail.touches.map((t) => ({ at: t.at, node: () => touchItem(t, vocab, actions, reasonOf.get(t.id)) })),
    ...detail.skips.map((s) => ({ at: s.at, node: () => skipItem(s) })),
  ].sort((a, b) => new Date(b.at) - new Date(a.at));
  const timeline = el("section", { class: "card", "aria-label": "Timeline" },
    el("h2", { class: "card-title", text: `Timeline · ${fmt.count(detail.touches.length, "touch", "touches")}` }),
    events.length
      ? el("ol", { class: "timeline", id: "timeline" }, events.map((e) => e.node()))
      : el("p", { class: "muted", id: "timeline", text: "No touches yet. Log the first one above: it takes 8 to 12 to get a meeting, so start now." }));

  clear(root, el("article", { class: "detail", dataset: { id: p.id } }, head, stats, next, compose, log, timeline, facts));
  return {
    ...controls,
    /** The Write it card, scrolled to, with the draft in focus. */
    write: () => {
      if (!compose) return toast(`${label(vocab.statuses, p.status)}: follow-up has stopped, so there is nothing to write.`);
      compose.scrollIntoView({ block: "nearest" });
      (compose.querySelector("#draft-body") ?? compose.querySelector("#compose-template"))?.focus();
    },
    /** The log form's channel, where a digit logs the touch with that outcome. */
    log: () => channel.focus(),
    focusNote: () => note.focus(),
  };
}

/**
 * A part of the pane shown on demand (the snooze menu, the skip and next-step forms):
 * its button toggles it, its key opens it; opened, the focus goes into it.
 */
function reveal(node, focusTarget) {
  const open = () => {
    node.hidden = false;
    focusTarget().focus();
  };
  return {
    open,
    toggle: () => (node.hidden ? open() : (node.hidden = true)),
    close: () => { node.hidden = true; },
    isOpen: () => !node.hidden,
  };
}

function stat(labelText, value, id, extra, small = false) {
  return el("div", { class: "stat" },
    el("div", { class: "stat-label", text: labelText }),
    el("div", { class: small ? "stat-value small" : "stat-value", id: `stat-${id}`, text: value }),
    extra);
}

/** Twelve segments toward the 8–12 touchpoints a first meeting takes (seed 004), with the
 *  first five (the minimum, seed 002) marked. */
function progress(n) {
  const bar = el("div", { class: "progress", title: "Toward 5 (the minimum) and 12 (a first meeting)" });
  for (let i = 1; i <= 12; i++) append(bar, el("i", { class: i <= n ? "on" : "" }));
  const note = n >= 12 ? "12+ — keep going" : n >= 5 ? `${12 - n} more to reach 12` : `${5 - n} more to reach 5`;
  return [bar, el("div", { class: "progress-note", text: note })];
}


/** Where the cadence stands: the next due touch and why, and the controls that move it
 *  ({card, controls}). */
function nextUp(detail, vocab, actions, plans) {
  const p = detail.prospect;
  const due = detail.due;
  const card = el("section", { class: "card next-up", id: "next-up", "aria-label": "Next up" });
  const title = el("h2", { class: "card-title", text: "Next up" });
  if (due) {
    const overdue = new Date(due.at).getTime() < Date.now();
    append(card, title,
      el("div", { class: "next-when" },
        el("span", { class: overdue ? "next-time overdue" : "next-time", id: "next-due-at", text: fmt.dateTime(due.at) }),
        el("span", { class: "muted", text: ` · ${fmt.relative(due.at)}` }),
        el("span", { class: due.urgent ? "pill pill-do_not_contact" : "pill pill-active", text: label(vocab.due_kinds, due.kind) })),
      el("div", { class: "next-purpose", text: `${label(vocab.channels, due.channel)}: ${due.purpose}` }),
      el("div", { class: "next-why", id: "next-why", text: due.explanation }));
  } else {
    const why = p.paused ? "Paused: nothing is due until you resume."
      : vocab.stopping_statuses.includes(p.status) ? `${label(vocab.statuses, p.status)}: follow-up has stopped.`
      : "The plan has no further steps.";
    append(card, title, el("div", { class: "next-why", id: "next-why", text: why }));
  }

  // Snooze, pause, next step: buttons here, keys s / p / x in the shortcut table.
  const inputAt = el("input", { class: "input", type: "datetime-local", id: "next-step-at", value: fmt.localInputValue(defaultNextStep()) });
  const inputNote = el("input", { class: "input", id: "next-step-note", placeholder: "What you agreed, e.g. \u201cdemo with the partners\u201d", maxlength: maxLength(vocab, "next_step") });
  const stepError = el("div", { class: "field-error", role: "alert" });
  const stepForm = el("form", { class: "next-step-form", id: "next-step-form", hidden: true, novalidate: true },
    el("label", { class: "field" }, el("span", { text: "Next step on" }), inputAt),
    el("label", { class: "field" }, el("span", { text: "What" }), inputNote),
    el("div", { class: "next-step-actions" },
      el("button", { class: "btn btn-primary", type: "submit", text: "Set next step" }),
      p.next_step ? el("button", { class: "btn btn-ghost", type: "button", text: "Clear it", onclick: () => actions.onNextStep(null) }) : null),
    stepError);
  stepForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    stepError.textContent = "";
    const at = new Date(inputAt.value);
    if (Number.isNaN(at.getTime())) {
      stepError.textContent = "Pick a date and time.";
      return;
    }
    try {
      await actions.onNextStep({ at: at.toISOString(), note: inputNote.value });
    } catch (err) {
      stepError.textContent = err.message;
    }
  });

  const skipReason = el("input", { class: "input", id: "skip-reason", placeholder: "Why not today? e.g. \u201cat a conference until Friday\u201d", maxlength: maxLength(vocab, "short_note") });
  const skipError = el("div", { class: "field-error", role: "alert" });
  const skipForm = el("form", { class: "skip-form", id: "skip-form", hidden: true, novalidate: true },
    el("label", { class: "field" }, el("span", { text: "Skip today's touch" }), skipReason),
    el("button", { class: "btn", type: "submit", text: "Skip until tomorrow" }), skipError);
  skipForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    skipError.textContent = "";
    try {
      await actions.onSkip(skipReason.value);
    } catch (err) {
      skipError.textContent = err.message;
      skipReason.focus();
    }
  });

  // Each choice is a button and the second key of the snooze shortcut (D: the date). The
  // core works out the instant in the user's own week (its days, its zone).
  const snoozeChoices = [
    { text: "1 hour", key: "h", to: "hour" },
    { text: "Tomorrow", key: "t", to: "tomorrow" },
    { text: "Next week", key: "w", to: "next_week" },
  ];
  const snoozeUntil = (choice) => actions.onSnooze(choice.to);
  const snoozeDate = el("input", { class: "input input-date", type: "date", id: "snooze-date", "aria-label": "Snooze until a date",
    onchange: (e) => e.target.value && actions.onSnooze({ day: e.target.value }) });
  const snoozeMenu = el("div", { class: "snooze-menu", id: "snooze-menu", hidden: true },
    el("span", { class: "hint", text: "Snooze until" }),
    snoozeChoices.map((c) => el("button", { class: "btn btn-small", type: "button", dataset: { key: c.key },
      title: `${c.text} (${c.key.toUpperCase()})`, text: c.text, onclick: () => snoozeUntil(c) })),
    snoozeDate,
    p.snoozed_until ? el("button", { class: "btn btn-small btn-ghost", type: "button", id: "snooze-wake", text: "Wake now", onclick: () => actions.onSnooze(null) }) : null);

  const controls = {
    snooze: reveal(snoozeMenu, () => snoozeMenu.querySelector("button")),
    skip: reveal(skipForm, () => skipReason),
    nextStep: reveal(stepForm, () => inputNote),
    pause: () => actions.onPause(!p.paused),
  };

  // Second key of the snooze shortcut: H, T, W pick a time, D goes to the date.
  snoozeMenu.addEventListener("keydown", (e) => {
    const key = e.key.toLowerCase();
    const choice = snoozeChoices.find((c) => c.key === key);
    if (choice) snoozeUntil(choice);
    else if (key === "d") snoozeDate.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  });

  append(card, el("div", { class: "next-actions" },
    el("button", { class: "btn btn-small", type: "button", id: "snooze-button", title: "Snooze (S)", text: "Snooze",
      onclick: controls.snooze.toggle }),
    el("button", { class: "btn btn-small", type: "button", id: "pause-button", title: p.paused ? "Resume (P)" : "Pause (P)",
      text: p.paused ? "Resume" : "Pause", onclick: controls.pause }),
    el("button", { class: "btn btn-small", type: "button", id: "skip-button", title: "Skip with a reason (Shift+S)", text: "Skip",
      onclick: controls.skip.toggle }),
    el("button", { class: "btn btn-small", type: "button", id: "next-step-button", title: "Set the next step (X)",
      text: p.next_step ? "Change next step" : "Set next step", onclick: controls.nextStep.toggle }),
    planMenu(detail, plans, actions)),
    snoozeMenu, skipForm, stepForm);

  if (detail.preview.length > 1) {
    append(card, el("ol", { class: "preview", "aria-label": "The next touches if each is done on time" },
      detail.preview.map((d) => el("li", {},
        el("span", { class: "preview-date", text: fmt.date(d.at) }),
        el("span", { class: "preview-channel", text: label(vocab.channels, d.channel) }),
        el("span", { class: "preview-purpose", text: d.purpose })))));
  }
  return { card, controls };
}

function planMenu(detail, plans, actions) {
  const select = el("select", { class: "select select-compact", id: "plan-select", "aria-label": "Cadence plan" },
    el("option", { value: "", text: `Plan: default (${detail.plan.chosen ? "by status" : detail.plan.name})` }),
    plans.map((pl) => el("option", { value: String(pl.id), text: `Plan: ${pl.name}` })));
  select.value = detail.plan.chosen ? String(detail.plan.id) : "";
  select.addEventListener("change", () => actions.onPlan(select.value ? Number(select.value) : null));
  return select;
}

/** The next step's form starts a week ahead at 10:00. */
function defaultNextStep() {
  const d = new Date();
  d.setDate(d.getDate() + 7);
  d.setHours(10, 0, 0, 0);
  return d;
}

function logForm(p, due, vocab, actions) {
  const channel = el("select", { class: "select", id: "touch-channel", name: "channel" },
    vocab.channels.map((c) => el("option", { value: c.value, text: c.label })));
  // Start from what the engine suggests; else the prospect's preference.
  if (due) channel.value = due.channel;
  else if (p.preferred_channel) channel.value = p.preferred_channel;
  const outcome = el("select", { class: "select", id: "touch-outcome", name: "outcome" },
    vocab.outcomes.map((c) => el("option", { value: c.value, text: c.label })));
  const shownWhen = fmt.localInputValue();
  const when = el("input", { class: "input", type: "datetime-local", id: "touch-at", name: "at", value: shownWhen });
  const note = el("textarea", { class: "input", id: "touch-note", name: "note", rows: 2, placeholder: "What was said, what you sent, what's next" });
  const inbound = el("input", { type: "checkbox", id: "touch-inbound" });
  const error = el("div", { class: "field-error span-all", id: "touch-error", role: "alert" });
  const submit = el("button", { class: "btn btn-primary", type: "submit", id: "touch-submit", text: "Log touch" });
  const hint = el("div", { class: "hint", id: "touch-hint" });
  const updateHint = () => {
    hint.textContent = (inbound.checked
      ? "From them, so not a touchpoint."
      : vocab.counting_channels.includes(channel.value)
        ? "Counts as a touchpoint."
        : "An attempt, not a touchpoint (nothing was received).") +
      " From Channel, press 1–8 to log at once with that outcome.";
  };
  channel.addEventListener("change", updateHint);
  inbound.addEventListener("change", updateHint);
  updateHint();

  const form = el("form", { class: "log-form", id: "log-form", novalidate: true },
    field("Channel", channel), field("Outcome", outcome), field("When", when),
    el("div", { class: "span-all" }, note),
    el("div", { class: "span-all log-form-footer" },
      el("label", { class: "day", title: "They called or wrote to you: a reply is due within 24 hours, unless you talked (a conversation, a meeting set)" }, inbound, "They reached out"),
      hint, submit), error);
  // One touch per press: the button, Enter, a digit and Ctrl+Enter all submit, and a
  // second submit while the first is saving does nothing (requestSubmit() submits even
  // with the button disabled).
  const logIt = oneAtATime(async () => {
    error.textContent = "";
    when.removeAttribute("aria-invalid");
    const at = fmt.touchTime(when.value, shownWhen);
    if (Number.isNaN(at.getTime())) {
      error.textContent = "Pick a date and time for the touch.";
      when.setAttribute("aria-invalid", "true");
      return;
    }
    try {
      await actions.onLogTouch({ prospect_id: p.id, channel: channel.value, outcome: outcome.value, at: at.toISOString(), note: note.value, inbound: inbound.checked });
    } catch (err) {
      error.textContent = err.message;
      if (err.field === "at") when.setAttribute("aria-invalid", "true");
    }
  }, (busy) => { submit.disabled = busy; });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    logIt();
  });
  // Two keystrokes from anywhere: L focuses Channel, then a digit picks the outcome
  // (in the order of the Outcome menu) and logs. A digit held down logs once.
  channel.addEventListener("keydown", (e) => {
    const n = outcomeDigit(e, vocab.outcomes.length);
    if (!n) return;
    e.preventDefault();
    if (e.repeat || logIt.busy()) return;
    outcome.value = vocab.outcomes[n - 1].value;
    logIt();
  });
  // Ctrl/Cmd+Enter logs from inside the note.
  note.addEventListener("keydown", (e) => {
    if (!isSubmitChord(e)) return;
    e.preventDefault();
    if (!e.repeat) logIt();
  });
  const card = el("section", { class: "card", "aria-label": "Log a touch" },
    el("h2", { class: "card-title", text: "Log a touch" }), form,
    el("ol", { class: "outcome-keys", "aria-hidden": "true" },
      vocab.outcomes.map((o, i) => el("li", {}, el("kbd", { text: String(i + 1) }), o.label))));
  return { card, channel, note };
}

function field(text, control) {
  return el("label", { class: "field" }, el("span", { text }), control);
}

function touchItem(t, vocab, actions, reason) {
  // Only what they received is a touchpoint: a message from them is marked as theirs, a
  // call that reached nobody as not counted.
  const mark = t.inbound ? "from them" : t.counts ? null : "not counted";
  return el("li", { class: t.counts || t.inbound ? "touch" : "touch not-counted", dataset: { id: t.id } },
    el("div", { class: "touch-dot", "aria-hidden": "true", text: CHANNEL_GLYPH[t.channel] ?? "•" }),
    el("div", {},
      el("div", { class: "touch-head" },
        el("span", { class: "touch-channel", text: label(vocab.channels, t.channel) }),
        el("span", { class: "pill", text: label(vocab.outcomes, t.outcome) }),
        mark ? el("span", { class: "pill", text: mark }) : null,
        el("time", { class: "touch-when", datetime: t.at, title: fmt.dateTime(t.at), text: `${fmt.dateTime(t.at)} · ${fmt.relative(t.at)}` })),
      reason ? el("div", { class: "touch-reason", text: `Reason: ${reason}` }) : null,
      t.note ? el("div", { class: "touch-note", text: t.note }) : null,
      // What was sent (written in the app): folded, the note is what the user reads back.
      t.message ? el("details", { class: "touch-message" },
        el("summary", { text: "Message" }),
        el("div", { class: "touch-message-text", text: t.message })) : null),
    el("button", {
      class: "btn btn-ghost btn-small touch-remove", type: "button", title: "Remove this touch",
      "aria-label": "Remove this touch", text: "Remove", onclick: () => actions.onDeleteTouch(t.id),
    }));
}

function skipItem(s) {
  return el("li", { class: "touch not-counted skip" },
    el("div", { class: "touch-dot", "aria-hidden": "true", text: "↷" }),
    el("div", {},
      el("div", { class: "touch-head" },
        el("span", { class: "touch-channel", text: "Skipped" }),
        el("time", { class: "touch-when", datetime: s.at, text: `${fmt.dateTime(s.at)} · ${fmt.relative(s.at)}` })),
      el("div", { class: "touch-note", text: s.reason })),
    el("span"));
}

function factList(p, vocab) {
  const rows = [];
  const add = (term, value) => rows.push(el("dt", { text: term }), value ? el("dd", { text: value }) : el("dd", { class: "muted", text: "—" }));
  add("Email", p.emails.join("\n"));
  add("Phone", p.phones.join("\n"));
  add("LinkedIn", p.linkedin);
  add("Website", p.website);
  add("Mailing address", p.address_lines.join("\n"));
  add("Source", label(vocab.sources, p.source));
  add("Time zone", p.time_zone || "Same as yours");
  const prefs = [
    p.preferred_channel ? label(vocab.channels, p.preferred_channel) : "",
    p.preferred_days.map((d) => label(vocab.weekdays, d)).join(", "),
    p.preferred_time ? `around ${p.preferred_time.slice(0, 5)}` : "",
  ].filter(Boolean).join(" · ");
  add("Prefers", prefs);
  if (p.status_reason) add("Status reason", p.status_reason);
  add("Notes", p.notes);
  add("Added", fmt.dateTime(p.created_at));
  return el("section", { class: "card", "aria-label": "Details" },
    el("h2", { class: "card-title", text: "Details" }), el("dl", { class: "facts" }, rows));
}

export function renderNoSelection(root, hasProspects) {
  const step = (key, text) => el("li", {}, el("kbd", { text: key }), el("span", { text }));
  clear(root, el("div", { class: "empty-state" },
    el("img", { class: "empty-art", src: "img/logo.svg", alt: "" }),
    el("h2", { text: hasProspects ? "Pick someone to follow up with" : "Welcome to Follow Through" }),
    el("p", {
      text: hasProspects
        ? "Select a prospect to see their timeline and log a touch."
        : "It takes 8 to 12 touches to get a first meeting. Keep every one of them here.",
    }),
    el("ol", { class: "steps" },
      hasProspects ? null : step("N", "Add the people you're pursuing"),
      step("/", "Find anyone by name, company, tag or note"),
      step("L", "Log each touch: call, voicemail, email, note…"),
      step("?", "See every keyboard shortcut"))));
}
