// About: the version and build date, the folders the app keeps things in (each opened in
// the file manager on request), and a diagnostic report to paste into a bug report.

import * as api from "../api.js";
import { el } from "../dom.js";
import { dialog } from "../dialog.js";
import { copyText } from "../clipboard.js";

const box = dialog({ id: "about", title: "About Follow Through", wide: false });

export async function openAbout() {
  const about = await box.load(() => api.aboutInfo());
  if (!about) return;
  const status = el("p", { class: "backup-status", id: "about-status", role: "status" });
  const say = (text, { error = false } = {}) => {
    status.textContent = text;
    status.classList.toggle("field-error", error);
  };
  const folder = (name, label, path) => el("div", { class: "about-folder" },
    el("div", { class: "about-folder-text" },
      el("div", { class: "about-folder-label", text: label }),
      el("code", { class: "backup-folder", id: `about-${name}`, text: path, title: path })),
    el("button", { class: "btn btn-small", type: "button", text: "Open", "aria-label": `Open the ${label.toLowerCase()}`,
      onclick: () => api.openFolder(name).catch((err) => say(err.message, { error: true })) }));
  const copy = el("button", { class: "btn", type: "button", id: "about-copy", text: "Copy diagnostic report" });
  copy.addEventListener("click", async () => {
    try {
      const report = await api.diagnosticReport();
      await copyText(report);
      say("Copied. It holds versions, settings and the log's last lines: no names, notes or addresses.");
    } catch (err) {
      say(err.message ?? "The report could not be copied.", { error: true });
    }
  });
  box.open(el("div", { class: "about" },
    el("div", { class: "about-head" },
      el("img", { src: "img/logo.svg", alt: "", width: 40, height: 40 }),
      el("div", {},
        el("div", { class: "about-name", text: "Follow Through" }),
        el("div", { class: "muted", id: "about-version", text: `Version ${about.version} \u00b7 built ${about.built}` }))),
    folder("data", "Data folder", about.data_dir),
    folder("backups", "Backups folder", about.backups_dir),
    folder("logs", "Log folder", about.log_dir),
    el("div", { class: "backup-actions" }, copy, status)));
  box.focusClose();
}
