// Backups: Settings' Backups tab (back up now, the list, restore one or a file) and the
// error screen's offer to restore the newest good backup. The core checks every file
// before it restores it and keeps the data it replaces; after a restore the window
// reloads, so every list is read again from the restored data.

import * as api from "../api.js";
import { el, clear } from "../dom.js";
import { dialog } from "../dialog.js";
import { label } from "../vocab.js";
import * as fmt from "../format.js";

/** Said once the window has reloaded on restored data (see `sayRestored`). */
const RESTORED_KEY = "followthrough.restored";

const ask = dialog({ id: "restore-confirm", title: "Restore a backup?", wide: false });

/** What a database holds, in words: "12 prospects and 40 touches". */
const holds = (c) => `${fmt.count(c.prospects, "prospect")} and ${fmt.count(c.touches, "touch", "touches")}`;

/**
 * The Backups tab's contents: filled (and refilled) by `load()`. `vocab` labels why each
 * backup was taken.
 */
export function backupsPanel(vocab) {
  const status = el("p", { class: "backup-status", id: "backup-status", role: "status" });
  const folder = el("code", { class: "backup-folder", id: "backup-folder" });
  const rows = el("tbody", { id: "backup-rows" });
  const empty = el("p", { class: "muted backup-empty", hidden: true,
    text: "No backups yet. The first is made half a minute after Follow Through starts, then one every day." });
  const say = (text, { error = false } = {}) => {
    status.textContent = text;
    status.classList.toggle("field-error", error);
  };
  const backUp = el("button", { class: "btn btn-primary", type: "button", id: "backup-now", text: "Back up now" });
  const fromFile = el("button", { class: "btn", type: "button", id: "restore-file", text: "Restore from a file\u2026" });

  const load = async () => {
    let listed;
    try {
      listed = await api.listBackups();
    } catch (err) {
      return say(err.message, { error: true });
    }
    folder.textContent = listed.folder;
    folder.title = listed.folder;
    empty.hidden = listed.backups.length > 0;
    clear(rows, ...listed.backups.map((b) => backupRow(b, vocab, () => confirmRestore({
      what: `the backup from ${fmt.dateTime(b.at)}`,
      contents: b.contents,
      restore: () => api.restoreBackup(b.file),
    }))));
  };

  backUp.addEventListener("click", async () => {
    backUp.disabled = true;
    say("Backing up\u2026");
    try {
      const made = await api.backupNow();
      await load();
      say(`Backed up and checked: ${holds(made.contents)}.`);
    } catch (err) {
      say(err.message, { error: true });
    } finally {
      backUp.disabled = false;
    }
  });

  fromFile.addEventListener("click", async () => {
    say("");
    try {
      const path = await api.chooseBackupFile();
      if (!path) return;
      const contents = await api.inspectBackupFile(path);
      confirmRestore({ what: `the file \u201c${baseName(path)}\u201d`, contents, restore: () => api.restoreFile(path) });
    } catch (err) {
      say(err.message, { error: true });
    }
  });

  const node = el("section", { class: "backups", "aria-label": "Backups" },
    el("p", { class: "backup-intro",
      text: "Follow Through backs up your data every day, and before every upgrade and every restore. "
        + "Each backup is checked once written. It keeps one a day for the last 7 days, one a week for 4 weeks and one a month for a year." }),
    el("p", { class: "backup-where muted" }, "Kept in ", folder),
    el("div", { class: "backup-actions" }, backUp, fromFile, status),
    el("table", { class: "backup-table" },
      el("thead", {}, el("tr", {},
        el("th", { text: "When" }), el("th", { text: "Why" }),
        el("th", { class: "num", text: "Prospects" }), el("th", { class: "num", text: "Touches" }),
        el("th", { class: "num", text: "Size" }), el("th", { "aria-label": "Actions" }))),
      rows),
    empty);
  return { node, load, focus: () => backUp.focus() };
}

function backupRow(b, vocab, onRestore) {
  const c = b.contents;
  return el("tr", { dataset: { file: b.file } },
    el("td", {}, el("div", { class: "backup-when", text: fmt.dateTime(b.at) }),
      el("div", { class: "muted backup-ago", text: fmt.relative(b.at) })),
    el("td", { text: label(vocab.backup_kinds, b.kind) }),
    el("td", { class: "num", text: c ? fmt.number(c.prospects) : "\u2014" }),
    el("td", { class: "num", text: c ? fmt.number(c.touches) : "\u2014" }),
    el("td", { class: "num", text: fmt.size(b.size) }),
    el("td", { class: "backup-restore" }, c
      ? el("button", { class: "btn btn-small", type: "button", text: "Restore\u2026", "aria-label": `Restore the backup from ${fmt.dateTime(b.at)}`, onclick: onRestore })
      : el("span", { class: "warn-text", text: "Unreadable" })));
}

const KEEPS_A_BACKUP = "Your current data is backed up first: it stays in the list as \u201cBefore a restore\u201d, so you can go back to it.";

/**
 * Asks before replacing the data, saying what happens; on Yes, restores and reloads the
 * window. A refusal (the core says why) shows in the question, which stays open.
 */
function confirmRestore({ what, contents, restore, keeps = KEEPS_A_BACKUP }) {
  const go = el("button", { class: "btn btn-danger", type: "button", id: "restore-yes", text: "Replace my data" });
  const error = el("p", { class: "field-error", role: "alert" });
  go.addEventListener("click", async () => {
    go.disabled = true;
    error.textContent = "";
    try {
      sayRestored(await restore(), what);
    } catch (err) {
      go.disabled = false;
      error.textContent = err.message;
    }
  });
  ask.open(el("div", { class: "restore-confirm" },
    el("p", { text: `Everything Follow Through holds now will be replaced by ${what}, which holds ${holds(contents)}.` }),
    el("p", { text: keeps }),
    el("p", { class: "muted", text: "Follow Through then reloads on the restored data." }),
    error,
    el("div", { class: "form-actions" },
      el("button", { class: "btn", type: "button", "data-close": true, text: "Cancel" }),
      go)));
  ask.focusClose();
}

/** Keeps what to say about the restore over the reload, then reloads. */
function sayRestored(restored, what) {
  const kept = restored.kept;
  const where = kept.kind === "backup"
    ? `Your data from before is kept as the backup of ${fmt.dateTime(kept.backup.at)} (\u201cBefore a restore\u201d).`
    : kept.kind === "file"
      ? `The file that could not be opened is kept as \u201c${kept.file}\u201d in the data folder.`
      : "";
  sessionStorage.setItem(RESTORED_KEY, `Restored ${what}: ${holds(restored.contents)}. ${where}`.trim());
  location.reload();
}

/** The message a restore left for after the reload, once; null when there is none. */
export function takeRestoredMessage() {
  const message = sessionStorage.getItem(RESTORED_KEY);
  sessionStorage.removeItem(RESTORED_KEY);
  return message;
}

/**
 * On the error screen (the database did not open): offers the newest backup that can be
 * read, unless the data is from a newer version (updating the app is the answer then).
 */
export async function offerRestore(container, err) {
  // A newer version's data is not ours to replace; a folder another app holds is not
  // ours at all.
  if (err?.code === "newer_database" || err?.code === "folder_in_use") return;
  let listed;
  try {
    listed = await api.listBackups();
  } catch {
    return;
  }
  const newest = listed.backups.find((b) => b.contents);
  if (!newest) return;
  const button = el("button", { class: "btn btn-primary", type: "button", id: "restore-newest", text: "Restore the newest backup\u2026" });
  button.addEventListener("click", () => confirmRestore({
    what: `the newest good backup (from ${fmt.dateTime(newest.at)})`,
    contents: newest.contents,
    restore: () => api.restoreNewestBackup(),
    keeps: "The file that does not open is set aside in the data folder, not deleted.",
  }));
  clear(container,
    el("h2", { text: "Restore a backup" }),
    el("p", { text: `The newest backup, from ${fmt.dateTime(newest.at)} (${fmt.relative(newest.at)}), holds ${holds(newest.contents)}. ` +
      "Restoring it sets the file that does not open aside: nothing is deleted." }),
    button);
  container.hidden = false;
}

function baseName(path) {
  return path.split(/[\\/]/).pop();
}
