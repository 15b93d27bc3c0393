// Start-up: read the vocabulary and the overview, make the lists, wire the top bar's
// buttons and the keyboard to the same actions, load the first view, then tell the
// shell the window is painted. The parts: state.js (what is shown), sidebar.js (views,
// filters, counts), pane.js (a prospect, the form), actions.js (what keys and buttons
// do), shell.js (reminders, tray), dialog.js and views/.

import * as api from "./api.js";
import { $ } from "./dom.js";
import { label } from "./vocab.js";
import { showError, toast } from "./toast.js";
import { installShortcuts } from "./keys.js";
import { ProspectList } from "./views/list.js";
import { QueueList } from "./views/queue.js";
import { NotesList } from "./views/notes.js";
import { state, lists } from "./state.js";
import { initSidebar, renderSidebar, renderCounts, showView, refreshQueues } from "./sidebar.js";
import { showProspectSoon, openProspect, showNoSelection } from "./pane.js";
import { actions, afterWelcome } from "./actions.js";
import { openWelcome } from "./views/welcome.js";
import { listenToShell } from "./shell.js";
import { offerRestore, takeRestoredMessage } from "./views/backups.js";

/** The top bar's buttons, each the same action as its key. */
const BUTTONS = {
  "#new-prospect": actions.new,
  "#settings-button": actions.settings,
  "#plans-button": actions.plans,
  "#templates-button": actions.templates,
  "#reasons-button": actions.reasons,
  "#help-button": actions.help,
  "#trash-button": actions.trash,
  "#import-button": actions.importContacts,
  "#export-button": actions.exportProspects,
  "#about-button": actions.about,
  "#insights-button": actions.insights,
  "#remove-samples": actions.removeSamples,
};

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
  $("#readonly-banner").hidden = !info.read_only;
  initSidebar({ newProspect: actions.new, importContacts: actions.importContacts, addSamples: actions.addSamples });
  for (const [selector, action] of Object.entries(BUTTONS)) {
    $(selector).addEventListener("click", () => action());
  }

  lists.prospects = new ProspectList($("#list"), $("#list-spacer"), {
    fetchPage: (offset, limit) => api.listProspects({ ...state.query, offset, limit }),
    labels: { status: (v) => label(state.vocab.statuses, v) },
    onSelect: (row) => showProspectSoon(row.id),
    onOpen: (row) => openProspect(row.id),
    onTotal: () => renderCounts(),
    onError: showError,
  });
  lists.queue = new QueueList($("#queue"), {
    labels: { channel: (v) => label(state.vocab.channels, v) },
    onSelect: (item) => showProspectSoon(item.prospect.id),
    onOpen: (item) => openProspect(item.prospect.id),
  });
  lists.notes = new NotesList($("#notes"), {
    vocab: state.vocab,
    onSelect: (item) => showProspectSoon(item.prospect.id),
    onOpen: (item) => openProspect(item.prospect.id).then(() => state.pane?.write()),
    onError: showError,
  });
  installShortcuts(actions);
  // Only a prospect's pane needs these (plan menu, templates): asked for once the first
  // page is painted, so they never hold it up. A pane opened sooner waits for them.
  let firstPainted;
  state.paneDataLoaded = new Promise((resolve) => { firstPainted = resolve; })
    .then(() => Promise.all([
      api.listPlans().then((plans) => { state.plans = plans; }),
      api.listTemplates().then((templates) => { state.templates = templates; }),
    ]))
    .catch(showError);
  // A new user has nothing due: start them on the prospect list.
  if (state.overview.total === 0) state.view = "all";
  // The view on screen first; the prospect list (under All) holds up the first page only
  // when it is the one shown, and otherwise arrives behind it.
  const queues = refreshQueues();
  const list = lists.prospects.reset().catch(showError);
  try {
    await Promise.all([queues, state.view === "all" ? list : null]);
  } catch (err) {
    showError(err);
  }
  renderSidebar();
  renderCounts();
  showView();
  // The user may already have pressed N while the lists loaded.
  showNoSelection();
  // Tell the shell the first page is painted (used to measure launch time).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    firstPainted();
    api.uiReady().catch(() => {});
  }));
  await Promise.all([listenToShell(), state.paneDataLoaded, list]);
  // After a restore the window reloads: say what was restored and where the old data is.
  const restored = takeRestoredMessage();
  if (restored) toast(restored, { long: true });
  // A new book: walk the user through setting up (views/welcome.js), once.
  if (state.overview.welcome && !info.read_only) await openWelcome(state.vocab, afterWelcome);
  document.body.dataset.ready = "true";
}

/** Titles of the start-up failures that are not a problem with the data itself. */
const FATAL_TITLES = {
  folder_in_use: "This data folder is already open",
};

function fatal(err, info) {
  $("#fatal").hidden = false;
  if (FATAL_TITLES[err?.code]) $("#fatal-title").textContent = FATAL_TITLES[err.code];
  $("#fatal-message").textContent = err?.message ?? String(err);
  $("#fatal-dir").textContent = info?.data_dir ?? "unknown";
  offerRestore($("#fatal-restore"), err).finally(() => { document.body.dataset.fatal = "true"; });
}

// A bug in the UI should say so, not fail silently.
window.addEventListener("error", (e) => showError({ message: `Unexpected error: ${e.message}` }));
window.addEventListener("unhandledrejection", (e) => showError({ message: e.reason?.message ?? String(e.reason) }));

boot();
