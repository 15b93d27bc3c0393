// What the user can do, by name: the keyboard table (keys.js) dispatches to these, and
// the buttons for the same things call the same functions. Each checks that it makes
// sense now (no dialog open, a prospect shown) and returns false when it does not, so a
// key can do its ordinary work instead.

import * as api from "./api.js";
import { $ } from "./dom.js";
import * as fmt from "./format.js";
import { toast, actionToast, showError } from "./toast.js";
import { anyOpen, closeTop } from "./dialog.js";
import { toggleHelp } from "./keys.js";
import { state, activeList, focusList } from "./state.js";
import { setView, setQuery, flushSearch, refreshQueues, openInsights } from "./sidebar.js";
import { openProspect, newProspect, editProspect, backToDetail, refreshAfterWrite, refreshAfterRestore, showReasons, showNoSelection, dismissQuestion } from "./pane.js";
import { undoLast } from "./undo.js";
import { openSettings } from "./views/settings.js";
import { openPlans } from "./views/plans.js";
import { openTemplates } from "./views/templates.js";
import { openTrash } from "./views/trash.js";
import { openAbout } from "./views/about.js";
import { startImport } from "./views/importer.js";
import { openExport } from "./views/exporter.js";
import { importedMessage } from "./transfer.js";

/**
 * Opens the import dialog on the file at `path`: what the file chooser picked, or a file
 * dropped on the window (shell.js). Once imported, the lists and counts are read again
 * and the toast offers to show the new prospects (by the import's tag).
 */
export function importPath(path) {
  return startImport(path, state.vocab, async (report) => {
    const showThem = report.tag && report.new > 0
      ? () => {
        $("#search").value = "";
        $("#stage-filter").value = "";
        setQuery({ text: "", status: null, stage: null, tag: report.tag });
      }
      : null;
    if (showThem) actionToast(importedMessage(report), "Show them", showThem, { id: "show-imported" });
    else toast(importedMessage(report));
    await refreshAfterWrite(state.open?.prospect.id ?? null);
  });
}

/** A prospect's pane is shown and nothing covers it (a dialog, Insights): its controls
 *  are there to use. */
const paneReady = () => !anyOpen() && !state.insights && state.mode === "detail" && state.pane !== null;

/** Opens the list's selected row, or its first when none is. */
function openSelected() {
  const list = activeList();
  if (list.selected < 0 && list.total > 0) list.select(0);
  list.open();
}

export const actions = {
  search() {
    if (anyOpen()) return;
    $("#search").focus();
    $("#search").select();
  },
  next(e) {
    if (anyOpen() || state.mode === "form" || state.insights) return false;
    activeList().move(1);
    if (e?.target.id !== "search") focusList();
  },
  prev(e) {
    if (anyOpen() || state.mode === "form" || state.insights) return false;
    activeList().move(-1);
    if (e?.target.id !== "search") focusList();
  },
  open(e) {
    if (anyOpen() || state.insights || e?.target.tagName === "BUTTON" || e?.target.tagName === "A") return false;
    // From the search box: what was typed may still be waiting out the search's pause;
    // search for it now, then open the first of its results, not of the last ones.
    if (e?.target.id === "search") {
      flushSearch().then(openSelected).catch(showError);
      return;
    }
    openSelected();
  },
  new() {
    if (anyOpen()) return;
    // The form goes in the prospect pane, which Insights covers: back to the list first.
    if (state.insights) setView(state.view);
    newProspect();
  },
  edit() {
    if (!paneReady()) return false;
    editProspect();
  },
  write() {
    if (!paneReady()) return false;
    state.pane.write();
  },
  log() {
    if (!paneReady()) return false;
    state.pane.log();
  },
  snooze() {
    if (!paneReady()) return false;
    state.pane.snooze.open();
  },
  skip() {
    if (!paneReady()) return false;
    state.pane.skip.open();
  },
  pause() {
    if (!paneReady()) return false;
    state.pane.pause();
  },
  nextStep() {
    if (!paneReady()) return false;
    state.pane.nextStep.open();
  },
  today() {
    if (!anyOpen()) setView("today");
  },
  all() {
    if (!anyOpen()) setView("all");
  },
  insights() {
    if (anyOpen()) return;
    openInsights((id) => {
      setView("all");
      openProspect(id).catch(showError);
    }).catch(showError);
  },
  /**
   * Backs out of whatever is in front: a dialog, the stop-before-five question (answered
   * no), the snooze menu or the skip or next-step form, the form, the search, Insights.
   */
  escape(e) {
    if (closeTop()) return;
    if (dismissQuestion()) return;
    const part = state.mode === "detail" && state.pane && !state.insights
      ? [state.pane.snooze, state.pane.skip, state.pane.nextStep].find((p) => p.isOpen())
      : null;
    if (part) {
      part.close();
      return focusList();
    }
    if (state.mode === "form") return backToDetail();
    if (e?.target.id === "search") {
      if (e.target.value) {
        e.target.value = "";
        setQuery({ text: "" });
      } else {
        focusList();
      }
      return;
    }
    if (state.insights) {
      setView(state.view);
      return focusList();
    }
    if ($("#detail").contains(document.activeElement)) return focusList();
    return false;
  },
  help() {
    toggleHelp();
  },
  settings() {
    return openSettings(state.vocab, async (count) => {
      toast(`Settings saved · ${fmt.count(count, "prospect")} rescheduled`);
      await refreshAfterWrite(state.open?.prospect.id ?? null);
    });
  },
  plans() {
    return openPlans(state.vocab, async () => {
      state.plans = await api.listPlans();
      await refreshAfterWrite(state.open?.prospect.id ?? null);
    });
  },
  templates() {
    return openTemplates(state.vocab, async () => {
      state.templates = await api.listTemplates();
      if (state.mode === "detail") backToDetail();
    });
  },
  reasons() {
    return showReasons();
  },
  /** Ctrl+Z: brings back the last thing deleted (a dialog's own undo, too). */
  undo() {
    return undoLast();
  },
  /** Ctrl+I: a contacts file from the file chooser, previewed before anything is written. */
  importContacts() {
    if (anyOpen()) return false;
    api.chooseImportFile().then((path) => (path ? importPath(path) : null)).catch(showError);
  },
  /** Ctrl+E: everyone, the list as filtered, or a tag, to CSV, vCard or a dossier. */
  exportProspects() {
    if (anyOpen()) return false;
    openExport(state.vocab, { query: state.query, tags: state.overview?.tags ?? [] });
  },
  /** About: version, folders, a diagnostic report. */
  about() {
    if (anyOpen()) return false;
    return openAbout();
  },
  /** Recently deleted: everything removed in the last 30 days, to restore. */
  trash() {
    if (anyOpen()) return false;
    return openTrash(state.vocab, refreshAfterRestore);
  },
  /** The sample prospects, from an empty book's "Try the samples". */
  async addSamples() {
    if (anyOpen()) return false;
    try {
      await api.addSamples();
    } catch (err) {
      return showError(err);
    }
    await showSamples();
  },
  /** The samples banner's one click: every sample goes (to Recently deleted). */
  async removeSamples() {
    let removed;
    try {
      removed = await api.removeSamples();
    } catch (err) {
      return showError(err);
    }
    toast(`Removed ${fmt.count(removed, "sample prospect")}. They are in Recently deleted for 30 days.`);
    const openId = state.open?.prospect.id ?? null;
    const stillHere = openId !== null && !state.open.prospect.tags.includes(state.vocab.sample_tag);
    await refreshAfterWrite(stillHere ? openId : null);
    if (!stillHere) showNoSelection();
  },
};

/**
 * Where the first run (views/welcome.js) leaves the user: with the samples added, on
 * Today with the first follow-up open; asked to import, in the import flow.
 */
export function afterWelcome(how) {
  if (how === "samples") return showSamples();
  if (how === "import") return actions.importContacts();
}

async function showSamples() {
  await refreshAfterWrite(null);
  setView("today");
  await refreshQueues();
  focusList();
  actions.open();
}
