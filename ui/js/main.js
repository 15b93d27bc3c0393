// The app's controller: holds the query and what is open, wires views to the API, and
// maps shortcuts to actions. Views render from data; nothing here builds HTML strings.

import * as api from "./api.js";
import { el, clear, $ } from "./dom.js";
import * as fmt from "./format.js";
import { toast, showError } from "./toast.js";
import { installShortcuts, SHORTCUTS, keyLabel } from "./keys.js";
import { ProspectList, emptyState } from "./views/list.js";
import { renderDetail, renderNoSelection } from "./views/detail.js";
import { renderForm } from "./views/form.js";

const state = {
  vocab: null,
  query: { text: "", status: null, stage: null, tag: null, sort: "name" },
  overview: null,
  open: null,      // the ProspectDetail shown in the pane, if any
  mode: "none",    // "none" | "detail" | "form"
};

let list;

async function boot() {
  let info;
  try {
    info = await api.appInfo();
    state.vocab = info.vocabulary;
    state.overview = await api.overview();
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
  installShortcuts(shortcutHandlers);
  try {
    await list.reset();
  } catch (err) {
    showError(err);
  }
  renderSidebar();
  renderCounts();
  renderNoSelection($("#detail"), state.overview.total > 0);
  // Tell the shell the first page is painted (used to measure launch time).
  requestAnimationFrame(() => requestAnimationFrame(() => api.uiReady().catch(() => {})));
}

function fatal(err, info) {
  $("#fatal").hidden = false;
  $("#fatal-message").textContent = err?.message ?? String(err);
  $("#fatal-dir").textContent = info?.data_dir ?? "unknown";
}

const label = (choices, value) => choices.find((c) => c.value === value)?.label ?? value;

// ---------- Sidebar, search, sort ----------

function buildStaticControls() {
  const stage = $("#stage-filter");
  stage.append(el("option", { value: "", text: "Any stage" }),
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
  $("#help-button").addEventListener("click", () => toggleHelp(true));
  $("#help").addEventListener("click", (e) => {
    if (e.target === e.currentTarget || e.target.closest("[data-close]")) toggleHelp(false);
  });
  $("#shortcut-list").append(...SHORTCUTS.flatMap((s) => [
    el("dt", {}, s.keys.map((k) => el("kbd", { text: keyLabel(k) }))),
    el("dd", { text: s.help }),
  ]));
}

function renderSidebar() {
  const ov = state.overview;
  const item = (value, text, n) => el("li", {},
    el("button", {
      class: "filter", type: "button", "aria-pressed": String(state.query.status === value),
      dataset: { status: value ?? "all" }, onclick: () => setQuery({ status: value }),
    }, el("span", { class: "filter-label", text }), el("span", { class: "filter-count", text: n.toLocaleString() })));
  clear($("#status-filters")).append(
    item(null, "All prospects", ov.total),
    ...ov.by_status.map(([status, n]) => item(status, label(state.vocab.statuses, status), n)));

  const tags = clear($("#tag-filters"));
  for (const [tag, n] of ov.tags) {
    const pressed = state.query.tag?.toLowerCase() === tag.toLowerCase();
    tags.append(el("li", {}, el("button", {
      class: "tag", type: "button", "aria-pressed": String(pressed), title: `#${tag}`,
      onclick: () => setQuery({ tag: pressed ? null : tag }),
    }, el("span", { text: `#${tag}` }), el("span", { class: "tag-count", text: String(n) }))));
  }
  $("#tags-empty").hidden = ov.tags.length > 0;
}

function renderCounts() {
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

async function setQuery(changes) {
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
  showTimer = setTimeout(() => showProspect(id), 40);
}

async function showProspect(id) {
  try {
    const detail = await api.getProspect(id);
    state.open = detail;
    state.mode = "detail";
    renderDetail($("#detail"), detail, state.vocab, detailActions);
  } catch (err) {
    showError(err);
  }
}

async function openProspect(id) {
  if (state.open?.prospect.id !== id || state.mode !== "detail") await showProspect(id);
  $("#detail").focus();
}

const detailActions = {
  onEdit: () => editProspect(),
  onDelete: () => confirmDelete(),
  onLogTouch: async (input) => {
    const touch = await api.logTouch(input);
    toast(`Logged: ${label(state.vocab.channels, touch.channel)}`);
    await refreshAfterWrite(input.prospect_id);
    $("#touch-note")?.focus();
  },
  onDeleteTouch: async (id) => {
    try {
      await api.deleteTouch(id);
      await refreshAfterWrite(state.open.prospect.id);
    } catch (err) {
      showError(err);
    }
  },
};

/** After a write: the detail, the list rows and the sidebar counts, all from the core. */
async function refreshAfterWrite(openId) {
  const [overview] = await Promise.all([
    api.overview(),
    list.reset({ keepSelection: true }),
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
      list.selectId(created.id);
      $("#list").focus();
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
      await api.updateProspect(p.id, input);
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
    renderDetail($("#detail"), state.open, state.vocab, detailActions);
  } else {
    state.mode = "none";
    renderNoSelection($("#detail"), state.overview.total > 0);
  }
  $("#list").focus();
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

// ---------- Keyboard ----------

function toggleHelp(show) {
  $("#help").hidden = !show;
  if (show) $("#help [data-close]").focus();
}

const helpOpen = () => !$("#help").hidden;

const shortcutHandlers = {
  search: () => {
    if (helpOpen()) return;
    $("#search").focus();
    $("#search").select();
  },
  next: (e) => {
    if (helpOpen() || state.mode === "form") return false;
    list.move(1);
    if (e.target.id !== "search") $("#list").focus();
  },
  prev: (e) => {
    if (helpOpen() || state.mode === "form") return false;
    list.move(-1);
    if (e.target.id !== "search") $("#list").focus();
  },
  open: (e) => {
    if (helpOpen() || e.target.tagName === "BUTTON" || e.target.tagName === "A") return false;
    if (list.selected < 0 && list.total > 0) list.select(0);
    list.open();
  },
  new: () => { if (!helpOpen()) newProspect(); },
  edit: () => { if (!helpOpen() && state.mode === "detail") editProspect(); },
  log: () => {
    if (helpOpen() || state.mode !== "detail") return;
    $("#touch-channel")?.focus();
  },
  escape: (e) => {
    if (helpOpen()) return toggleHelp(false);
    if (state.mode === "form") return backToDetail();
    if (e.target.id === "search") {
      if (e.target.value) {
        e.target.value = "";
        setQuery({ text: "" });
      } else {
        $("#list").focus();
      }
      return;
    }
    if ($("#detail").contains(document.activeElement)) return $("#list").focus();
    return false;
  },
  help: () => toggleHelp(!helpOpen()),
};

boot();
