// The app's controller: holds the query and what is open, wires views to the API, and
// maps shortcuts to actions. Views render from data; nothing here builds HTML strings.

import * as api from "./api.js";
import { el, clear, append, $ } from "./dom.js";
import * as fmt from "./format.js";
import { label } from "./vocab.js";
import { toast, showError } from "./toast.js";
import { installShortcuts, SHORTCUTS, keyLabel } from "./keys.js";
import { ProspectList, emptyState } from "./views/list.js";
import { renderDetail, renderNoSelection } from "./views/detail.js";
import { renderForm } from "./views/form.js";
import { QueueList } from "./views/queue.js";
import { openSettings } from "./views/settings.js";
import { openPlans } from "./views/plans.js";
import { openTemplates } from "./views/templates.js";
import { openReasons } from "./views/reasons.js";
import { NotesList } from "./views/notes.js";

const state = {
  vocab: null,
  query: { text: "", status: null, stage: null, tag: null, sort: "name" },
  overview: null,
  open: null,      // the ProspectDetail shown in the pane, if any
  mode: "none",    // "none" | "detail" | "form"
  view: "today",   // "today" | "upcoming" | "notes" | "one_hit" | "stalled" | "all"
  counts: {},      // queue totals for the sidebar
  plans: [],
  templates: [],
};

/** The dialogs; Escape closes whichever is open. */
const OVERLAYS = ["#settings", "#plans", "#templates", "#reasons-dialog"];

const VIEWS = [
  { id: "today", label: "Today" },
  { id: "upcoming", label: "Upcoming (7 days)" },
  { id: "notes", label: "Notes to write" },
  { id: "one_hit", label: "One-hit wonders" },
  { id: "stalled", label: "Stalled" },
  { id: "all", label: "All prospects" },
];

let list;
let queueList;
let notesList;
let paneDataLoaded = Promise.resolve();
/** Whichever list the keyboard drives: the prospect list, the notes, or a queue. */
const activeList = () => (state.view === "all" ? list : state.view === "notes" ? notesList : queueList);
/** The follow-up queues the core computes (everything in the sidebar but All and Notes). */
const QUEUES = ["today", "upcoming", "one_hit", "stalled"];

async function boot() {
  let info;
  try {
    // Independent: ask for both at once (each IPC round trip costs a few ms at start-up).
    const [appInfo, overview] = await Promise.allSettled([api.appInfo(), api.overview()]);
    if (appInfo.status === "rejected") throw appInfo.reason;
    info = appInfo.value;
    state.vocab = info.vocabulary;
    if (overview.status === "rejected") throw overview.reason;
    state.overview = overview.value;
  } catch (err) {
    return fatal(err, info);
  }
  $("#app").hidden = false;
  $("#data-location").textContent = `Data: ${info.data_dir}`;
  $("#data-location").title = info.data_dir;
  buildStaticControls();

  list = new ProspectList($("#list"), $("#list-spacer"), {
    fetchPage: (offset, limit) => api.listProspects({ ...state.query, offset, limit }),
    labels: { status: (v) => label(state.vocab.statuses, v) },
    onSelect: (row) => showProspectSoon(row.id),
    onOpen: (row) => openProspect(row.id),
    onTotal: () => renderCounts(),
    onError: showError,
  });
  queueList = new QueueList($("#queue"), {
    labels: { channel: (v) => label(state.vocab.channels, v) },
    onSelect: (item) => showProspectSoon(item.prospect.id),
    onOpen: (item) => openProspect(item.prospect.id),
  });
  notesList = new NotesList($("#notes"), {
    vocab: state.vocab,
    onSelect: (item) => showProspectSoon(item.prospect.id),
    onOpen: (item) => openProspect(item.prospect.id).then(() => $("#draft-body")?.focus()),
    onError: showError,
  });
  installShortcuts(shortcutHandlers);
  // Only a prospect's pane needs these (plan menu, templates); they load beside the lists.
  paneDataLoaded = Promise.all([
    api.listPlans().then((plans) => { state.plans = plans; }),
    api.listTemplates().then((templates) => { state.templates = templates; }),
  ]).catch(showError);
  // A new user has nothing due: start them on the prospect list.
  if (state.overview.total === 0) state.view = "all";
  try {
    await Promise.all([list.reset(), refreshQueues()]);
  } catch (err) {
    showError(err);
  }
  renderSidebar();
  renderCounts();
  showView();
  // The user may already have pressed N while the lists loaded.
  if (state.mode === "none") renderNoSelection($("#detail"), state.overview.total > 0);
  // Tell the shell the first page is painted (used to measure launch time).
  requestAnimationFrame(() => requestAnimationFrame(() => api.uiReady().catch(() => {})));
  await Promise.all([listenToShell(), paneDataLoaded]);
  document.body.dataset.ready = "true";
}

function fatal(err, info) {
  $("#fatal").hidden = false;
  $("#fatal-message").textContent = err?.message ?? String(err);
  $("#fatal-dir").textContent = info?.data_dir ?? "unknown";
}

// ---------- Sidebar, search, sort ----------

function buildStaticControls() {
  const stage = $("#stage-filter");
  append(stage, el("option", { value: "", text: "Any stage" }),
    ...state.vocab.stages.map((s) => el("option", { value: s.value, text: s.label })));
  stage.addEventListener("change", () => setQuery({ stage: stage.value || null }));

  $("#sort").addEventListener("change", (e) => setQuery({ sort: e.target.value }));

  let timer;
  $("#search").addEventListener("input", (e) => {
    clearTimeout(timer);
    // A short pause coalesces bursts of typing into one query; each is a few ms anyway.
    timer = setTimeout(() => setQuery({ text: e.target.value }), 60);
  });

  $("#new-prospect").addEventListener("click", () => newProspect());
  $("#settings-button").addEventListener("click", () => openSettings($("#settings"), $("#settings-body"), state.vocab, afterSettings));
  $("#plans-button").addEventListener("click", () => openPlans($("#plans"), $("#plans-body"), state.vocab, afterPlans));
  $("#templates-button").addEventListener("click", () => openTemplates($("#templates"), $("#templates-body"), state.vocab, afterTemplates));
  $("#reasons-button").addEventListener("click", () => showReasons());
  for (const id of OVERLAYS) {
    $(id).addEventListener("click", (e) => {
      if (e.target === e.currentTarget || e.target.closest("[data-close]")) $(id).hidden = true;
    });
  }
  $("#help-button").addEventListener("click", () => toggleHelp(true));
  $("#help").addEventListener("click", (e) => {
    if (e.target === e.currentTarget || e.target.closest("[data-close]")) toggleHelp(false);
  });
  append($("#shortcut-list"), ...SHORTCUTS.flatMap((s) => [
    el("dt", {}, s.keys.map((k) => el("kbd", { text: keyLabel(k) }))),
    el("dd", { text: s.help }),
  ]));
}

function renderSidebar() {
  // The view buttons are built once and then only updated: counts change while the user
  // may be clicking, and a button rebuilt under the pointer would swallow the click.
  const nav = $("#view-nav");
  if (!nav.children.length) {
    append(nav, ...VIEWS.map((v) => el("li", {},
      el("button", { class: "filter", type: "button", dataset: { view: v.id }, onclick: () => setView(v.id) },
        el("span", { class: "filter-label", text: v.label }),
        el("span", { class: "filter-count" })))));
  }
  for (const v of VIEWS) {
    const button = nav.querySelector(`[data-view="${v.id}"]`);
    button.setAttribute("aria-pressed", String(state.view === v.id));
    button.querySelector(".filter-count").textContent =
      (v.id === "all" ? state.overview.total : state.counts[v.id] ?? 0).toLocaleString();
  }
  const ov = state.overview;
  const item = (value, text, n) => el("li", {},
    el("button", {
      class: "filter", type: "button", "aria-pressed": String(state.query.status === value),
      dataset: { status: value ?? "all" }, onclick: () => setQuery({ status: value }),
    }, el("span", { class: "filter-label", text }), el("span", { class: "filter-count", text: n.toLocaleString() })));
  clear($("#status-filters"),
    item(null, "Any status", ov.total),
    ...ov.by_status.map(([status, n]) => item(status, label(state.vocab.statuses, status), n)));

  const tags = clear($("#tag-filters"));
  for (const [tag, n] of ov.tags) {
    const pressed = state.query.tag?.toLowerCase() === tag.toLowerCase();
    append(tags, el("li", {}, el("button", {
      class: "tag", type: "button", "aria-pressed": String(pressed), title: `#${tag}`,
      onclick: () => setQuery({ tag: pressed ? null : tag }),
    }, el("span", { text: `#${tag}` }), el("span", { class: "tag-count", text: String(n) }))));
  }
  $("#tags-empty").hidden = ov.tags.length > 0;
}

/**
 * Reloads the queue being shown, then the other queues' counts for the sidebar. Resolves
 * once the shown queue is drawn; the counts follow (the database serves one request at a
 * time, so the list the user is looking at goes first).
 */
async function refreshQueues({ keepSelection = false } = {}) {
  const names = QUEUES;
  const shown = names.includes(state.view) ? state.view : "today";
  const notes = api.notesToWrite().then((items) => {
    state.counts.notes = items.length;
    if (state.view === "notes") notesList.show(items, { keepSelection });
  });
  if (state.view === "notes") await notes;
  const queue = await api.queue(shown, shown === state.view ? 100 : 1);
  state.counts[shown] = queue.total;
  if (shown === state.view) queueList.show(queue, { keepSelection });
  const backOn = queue.back_on;
  $("#away-banner").hidden = !backOn;
  if (backOn) {
    $("#away-banner").textContent = `You're away until ${fmt.date(`${backOn}T12:00:00`)}. Nothing is lost: what comes due meanwhile will be waiting, as overdue, when you're back.`;
  }
  const others = names.filter((n) => n !== shown);
  Promise.all([notes, ...others.map((n) => api.queue(n, 1).then((q) => { state.counts[n] = q.total; }))])
    .then(() => renderSidebar())
    .catch(showError);
}

function setView(view) {
  state.view = view;
  if (view !== "all" && $("#search").value) {
    $("#search").value = "";
    state.query.text = "";
    list.reset().catch(showError);
  }
  showView();
  renderSidebar();
  refreshQueues().then(() => { renderSidebar(); renderCounts(); }).catch(showError);
}

function showView() {
  const all = state.view === "all";
  $("#prospect-filters").hidden = !all;
  $("#stage-section").hidden = !all;
  $("#tags-section").hidden = !all;
  $("#sort-label").hidden = !all;
  $("#list").hidden = !all || list.total === 0;
  $("#queue").hidden = all || state.view === "notes" || queueList.total === 0;
  $("#notes").hidden = state.view !== "notes";
  renderCounts();
}

function renderCounts() {
  if (state.view !== "all") return renderQueueCounts();
  const total = list.total;
  const filtered = state.query.text || state.query.status || state.query.stage || state.query.tag;
  $("#list-count").textContent = filtered
    ? `${fmt.count(total, "match", "matches")} of ${state.overview.total.toLocaleString()}`
    : fmt.count(total, "prospect");
  const empty = $("#list-empty");
  empty.hidden = total > 0;
  $("#list").hidden = total === 0;
  if (total > 0) return;
  if (state.overview.total === 0) {
    emptyState(empty, {
      title: "No prospects yet",
      body: "Add the first person you're following up with. Press N or use the button.",
      action: el("button", { class: "btn btn-primary", type: "button", text: "Add a prospect", onclick: () => newProspect() }),
    });
  } else {
    emptyState(empty, {
      title: "No one matches",
      body: state.query.text ? `Nothing found for \u201c${state.query.text}\u201d with these filters.` : "No prospects match these filters.",
      action: el("button", { class: "btn", type: "button", text: "Clear search and filters", onclick: clearQuery }),
    });
  }
}

function renderQueueCounts() {
  const view = VIEWS.find((v) => v.id === state.view);
  const total = state.counts[state.view] ?? 0;
  $("#list-count").textContent = `${view.label} · ${fmt.count(total, state.view === "notes" ? "note" : "follow-up")}`;
  const empty = $("#list-empty");
  empty.hidden = total > 0;
  if (state.view === "notes") {
    // The print bar stays: it says what to do when there is nothing to print.
    $("#notes").hidden = false;
    if (total === 0) {
      emptyState(empty, { title: "No notes to write", body: "When a handwritten note comes due, or you start one from a prospect (W, then pick Handwritten note), it appears here." });
    }
    return;
  }
  $("#queue").hidden = total === 0;
  if (total > 0) return;
  const messages = {
    today: ["You're all caught up", "Nothing is due today. Log touches as they happen and the next ones will appear here."],
    upcoming: ["Nothing in the next 7 days", "Add prospects or log touches and their next follow-ups will show here."],
    one_hit: ["No one-hit wonders", "Everyone you tried once has had a follow-up. Nearly half of sellers stop after one attempt — not you."],
    stalled: ["Nothing stalled", "Everyone in active pursuit was touched within the last two weeks."],
  };
  const [title, body] = messages[state.view];
  emptyState(empty, { title, body, action: el("button", { class: "btn", type: "button", text: "See all prospects", onclick: () => setView("all") }) });
}

async function setQuery(changes) {
  if (state.view !== "all") {
    state.view = "all";
    showView();
  }
  Object.assign(state.query, changes);
  if ("status" in changes || "tag" in changes) renderSidebar();
  try {
    await list.reset();
  } catch (err) {
    showError(err);
  }
  renderCounts();
}

function clearQuery() {
  $("#search").value = "";
  $("#stage-filter").value = "";
  setQuery({ text: "", status: null, stage: null, tag: null });
}

// ---------- Detail pane ----------

let showTimer;
/** Selection moves fast under j/k; load the detail once the key settles. */
function showProspectSoon(id) {
  clearTimeout(showTimer);
  if (state.mode === "form") return;
  showTimer = setTimeout(() => {
    // Already on screen: re-rendering would only cost the user their focus.
    if (state.mode === "form" || (state.mode === "detail" && state.open?.prospect.id === id)) return;
    showProspect(id);
  }, 40);
}

async function showProspect(id) {
  try {
    const [detail] = await Promise.all([api.getProspect(id), paneDataLoaded]);
    // The user opened a form while this loaded: the form wins.
    if (state.mode === "form") return;
    state.open = detail;
    state.mode = "detail";
    renderDetail($("#detail"), detail, state.vocab, detailActions, state.plans, writing());
  } catch (err) {
    showError(err);
  }
}

async function openProspect(id) {
  clearTimeout(showTimer);
  if (state.open?.prospect.id !== id || state.mode !== "detail") await showProspect(id);
  $("#detail").focus();
}

const detailActions = {
  onEdit: () => editProspect(),
  onDelete: () => confirmDelete(),
  onLogTouch: async (input) => {
    const touch = await api.logTouch(input);
    await refreshAfterWrite(input.prospect_id);
    // Say at once what happens next: the engine has already moved the schedule.
    const due = state.open?.due;
    const next = due ? `next: ${fmt.dateTime(due.at)} (${label(state.vocab.channels, due.channel).toLowerCase()})` : "nothing more is due";
    toast(`Logged ${label(state.vocab.channels, touch.channel).toLowerCase()} · ${next}`);
    if (["replied", "conversation", "meeting_set"].includes(touch.outcome)) {
      // Seed 002: set the next step before the call ends.
      $("#next-step-form").hidden = false;
      $("#next-step-note").focus();
      toast("They engaged: set the next step while it's fresh");
    } else if (state.view !== "all") {
      focusList();
    } else {
      $("#touch-note")?.focus();
    }
  },
  onSnooze: (until) => controlWrite(() => api.snooze(state.open.prospect.id, until), until ? "Snoozed" : "Awake"),
  onSkip: (reason) => controlWrite(() => api.skip(state.open.prospect.id, reason), "Skipped until tomorrow", true),
  onPause: (paused) => controlWrite(() => api.setPaused(state.open.prospect.id, paused), paused ? "Paused" : "Resumed"),
  onNextStep: (step) => controlWrite(() => api.setNextStep(state.open.prospect.id, step), step ? "Next step set" : "Next step cleared", true),
  onPlan: (planId) => controlWrite(() => api.assignPlan(state.open.prospect.id, planId), "Plan changed"),
  onDeleteTouch: async (id) => {
    try {
      await api.deleteTouch(id);
      await refreshAfterWrite(state.open.prospect.id);
    } catch (err) {
      showError(err);
    }
  },
};

/** What the "Write it" card needs from the app. */
function writing() {
  return {
    vocab: state.vocab,
    templates: state.templates,
    actions: {
      onLog: detailActions.onLogTouch,
      onNoteChanged: async (message) => {
        toast(message);
        await refreshAfterWrite(state.open?.prospect.id ?? null);
        $("#compose")?.scrollIntoView({ block: "nearest" });
      },
      onOpenReasons: () => showReasons(),
      onEdit: () => editProspect(),
    },
  };
}

function showReasons() {
  openReasons($("#reasons-dialog"), $("#reasons-body"), () => refreshAfterWrite(state.open?.prospect.id ?? null));
}

/** Snooze, pause, next step, plan: write, then refresh everything from the core. */
async function controlWrite(write, message, rethrow = false) {
  try {
    await write();
    toast(message);
    await refreshAfterWrite(state.open.prospect.id);
  } catch (err) {
    if (rethrow) throw err;
    showError(err);
  }
}

/** After a write: the detail, the lists and the sidebar counts, all from the core. */
async function refreshAfterWrite(openId) {
  const [overview] = await Promise.all([
    api.overview(),
    list.reset({ keepSelection: true }),
    refreshQueues({ keepSelection: true }),
    openId ? showProspect(openId) : Promise.resolve(),
  ]);
  state.overview = overview;
  renderSidebar();
  renderCounts();
}

function newProspect() {
  state.mode = "form";
  renderForm($("#detail"), null, state.vocab, {
    onSave: async (input) => {
      const created = await api.createProspect(input);
      toast(`Added ${created.name}`);
      state.mode = "detail";
      await refreshAfterWrite(created.id);
      if (state.view === "all") list.selectId(created.id);
      focusList();
    },
    onCancel: backToDetail,
  });
}

function editProspect() {
  if (!state.open) return;
  const p = state.open.prospect;
  state.mode = "form";
  renderForm($("#detail"), p, state.vocab, {
    onSave: async (input) => {
      try {
        await api.updateProspect(p.id, input);
      } catch (err) {
        // Stopping before five touches: the core asks; the user decides.
        if (err.code !== "confirm" || !(await confirmInline(err.message))) throw err;
        await api.updateProspect(p.id, { ...input, confirm_stop: true });
      }
      toast("Saved");
      state.mode = "detail";
      await refreshAfterWrite(p.id);
    },
    onCancel: backToDetail,
  });
}

function backToDetail() {
  if (state.open) {
    state.mode = "detail";
    renderDetail($("#detail"), state.open, state.vocab, detailActions, state.plans, writing());
  } else {
    state.mode = "none";
    renderNoSelection($("#detail"), state.overview.total > 0);
  }
  focusList();
}

function focusList() {
  (state.view === "all" ? list.viewport : activeList().root).focus();
}

async function afterSettings(count) {
  toast(`Settings saved · ${fmt.count(count, "prospect")} rescheduled`);
  await refreshAfterWrite(state.open?.prospect.id ?? null);
}

async function afterTemplates() {
  state.templates = await api.listTemplates();
  if (state.mode === "detail") backToDetail();
}

async function afterPlans() {
  state.plans = await api.listPlans();
  await refreshAfterWrite(state.open?.prospect.id ?? null);
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
    await api.deleteProspect(p.id);
    toast(`Deleted ${p.name}`);
    state.open = null;
    state.mode = "none";
    await refreshAfterWrite(null);
    renderNoSelection($("#detail"), state.overview.total > 0);
  } catch (err) {
    showError(err);
  }
}

// ---------- Reminders, notification clicks, the tray ----------

let saidUnavailable = false;

function showReminderStatus(status) {
  const banner = $("#notify-banner");
  // No notification server (or one that hangs): list what the reminder would have said,
  // here, and say once why.
  if (status.desktop_available === false && status.last) {
    banner.hidden = false;
    banner.textContent = `${status.last.summary}: ${status.last.body}. Desktop notifications aren't available on this system, so reminders show here.`;
    if (!saidUnavailable) {
      saidUnavailable = true;
      toast("Desktop notifications are unavailable: reminders will show in the app", { error: true });
    }
  } else if (status.desktop_available) {
    banner.hidden = true;
  }
}

async function listenToShell() {
  await Promise.all([
    api.listen("reminders", (status) => {
      showReminderStatus(status);
      refreshQueues({ keepSelection: true }).then(() => { renderSidebar(); renderCounts(); }).catch(() => {});
    }),
    api.listen("open-followups", (prospectId) => {
      setView("today");
      if (prospectId) openProspect(prospectId);
    }),
    api.listen("open-today", () => setView("today")),
    api.listen("data-changed", () => refreshAfterWrite(state.open?.prospect.id ?? null).catch(showError)),
  ]);
  showReminderStatus(await api.reminderStatus());
}

// ---------- Keyboard ----------

function toggleHelp(show) {
  $("#help").hidden = !show;
  if (show) $("#help [data-close]").focus();
}

const helpOpen = () => !$("#help").hidden;
const overlayOpen = () => helpOpen() || OVERLAYS.some((id) => !$(id).hidden);

/** A yes/no question in a toast-sized bar; resolves true on Yes (or Y). */
function confirmInline(message) {
  return new Promise((resolve) => {
    const bar = el("div", { class: "confirm-bar", role: "alertdialog", "aria-label": message });
    const done = (answer) => { bar.remove(); resolve(answer); };
    append(bar, el("span", { text: message }),
      el("button", { class: "btn btn-danger", type: "button", id: "confirm-yes", text: "Yes, stop", onclick: () => done(true) }),
      el("button", { class: "btn", type: "button", text: "Keep going", onclick: () => done(false) }));
    append($("#toasts"), bar);
    bar.querySelector("#confirm-yes").focus();
  });
}

const shortcutHandlers = {
  search: () => {
    if (overlayOpen()) return;
    $("#search").focus();
    $("#search").select();
  },
  next: (e) => {
    if (overlayOpen() || state.mode === "form") return false;
    activeList().move(1);
    if (e.target.id !== "search") focusList();
  },
  prev: (e) => {
    if (overlayOpen() || state.mode === "form") return false;
    activeList().move(-1);
    if (e.target.id !== "search") focusList();
  },
  open: (e) => {
    if (overlayOpen() || e.target.tagName === "BUTTON" || e.target.tagName === "A") return false;
    const l = activeList();
    if (l.selected < 0 && l.total > 0) l.select(0);
    l.open();
  },
  snooze: () => {
    if (overlayOpen() || state.mode !== "detail") return false;
    const menu = $("#snooze-menu");
    menu.hidden = false;
    menu.querySelector("button").focus();
  },
  pause: () => {
    if (overlayOpen() || state.mode !== "detail") return false;
    $("#pause-button").click();
  },
  skip: () => {
    if (overlayOpen() || state.mode !== "detail") return false;
    $("#skip-form").hidden = false;
    $("#skip-reason").focus();
  },
  nextStep: () => {
    if (overlayOpen() || state.mode !== "detail") return false;
    $("#next-step-form").hidden = false;
    $("#next-step-note").focus();
  },
  today: () => { if (!overlayOpen()) setView("today"); },
  all: () => { if (!overlayOpen()) setView("all"); },
  new: () => { if (!overlayOpen()) newProspect(); },
  edit: () => { if (!overlayOpen() && state.mode === "detail") editProspect(); },
  write: () => {
    if (overlayOpen() || state.mode !== "detail") return false;
    const compose = $("#compose");
    compose?.scrollIntoView({ block: "nearest" });
    ($("#draft-body") ?? $("#compose-template"))?.focus();
  },
  log: () => {
    if (overlayOpen() || state.mode !== "detail") return;
    $("#touch-channel")?.focus();
  },
  escape: (e) => {
    if (helpOpen()) return toggleHelp(false);
    for (const id of OVERLAYS) {
      if (!$(id).hidden) return void ($(id).hidden = true);
    }
    const menu = $("#snooze-menu");
    if (menu && !menu.hidden) {
      menu.hidden = true;
      return focusList();
    }
    if (state.mode === "form") return backToDetail();
    if (e.target.id === "search") {
      if (e.target.value) {
        e.target.value = "";
        setQuery({ text: "" });
      } else {
        focusList();
      }
      return;
    }
    if ($("#detail").contains(document.activeElement)) return focusList();
    return false;
  },
  help: () => toggleHelp(!helpOpen()),
};

// A bug in the UI should say so, not fail silently.
window.addEventListener("error", (e) => showError({ message: `Unexpected error: ${e.message}` }));
window.addEventListener("unhandledrejection", (e) => showError({ message: e.reason?.message ?? String(e.reason) }));

boot();
