// Settings, in three tabs. Follow-up: the working week, the follow-up blocks, holidays,
// the longest gap allowed in active pursuit (the core validates and then reschedules
// everyone), you, and this computer. Calendar: views/calendar.js. Backups:
// views/backups.js.

import * as api from "../api.js";
import { el } from "../dom.js";
import { dialog } from "../dialog.js";
import { maxLength } from "../vocab.js";
import { isDate } from "../format.js";
import { backupsPanel } from "./backups.js";
import { calendarPanel } from "./calendar.js";
import { weekFields, field } from "./week.js";

const box = dialog({ id: "settings", title: "Settings" });

/** Opens Settings on the tab named `tab` ("followup", "calendar" or "backups"). */
export async function openSettings(vocab, onSaved, tab = "followup") {
  const loaded = await box.load(() => Promise.all([api.getSettings(), api.getPrefs(), api.getProfile()]));
  if (!loaded) return;
  const [settings, prefs, profile] = loaded;
  const w = settings.week;
  const week = weekFields(vocab, w, "s");
  const holidays = el("textarea", { class: "input", id: "s-holidays", rows: 3, value: w.holidays.join("\n"), placeholder: "2026-12-25" });
  const gap = el("input", { class: "input", type: "number", id: "s-gap", min: 1, max: 90, value: String(settings.max_gap_days) });
  const thursday = el("input", { type: "checkbox", id: "s-thursday", checked: settings.thursday_first_contact });
  const keepInTray = el("input", { type: "checkbox", id: "s-tray", checked: prefs.keep_in_tray });
  const atLogin = el("input", { type: "checkbox", id: "s-login", checked: prefs.start_at_login });
  const backOn = el("input", { class: "input", type: "date", id: "s-back-on", value: settings.back_on ?? "" });
  const myName = el("input", { class: "input", id: "s-my-name", value: profile.my_name, placeholder: "Sam Rivera", maxlength: maxLength(vocab, "short_text") });
  const myCompany = el("input", { class: "input", id: "s-my-company", value: profile.my_company, maxlength: maxLength(vocab, "short_text") });
  const signature = el("textarea", { class: "input", id: "s-signature", rows: 3, value: profile.signature, placeholder: "Sam Rivera\nBrightline Supply \u00b7 312 555 0100" });
  const returnAddress = el("textarea", { class: "input", id: "s-return", rows: 3, value: profile.return_address, placeholder: "2 Side St\nPortland, OR 97201" });
  const error = el("div", { class: "field-error", id: "s-error", role: "alert" });

  const form = el("form", { class: "settings-form", novalidate: true },
    el("div", { class: "form-grid" },
      ...week.nodes.zone,
      field("Longest gap in active pursuit (days)", gap, "Seed wisdom: never more than two weeks."),
      week.nodes.days, week.nodes.start, week.nodes.end, el("div", { class: "span-2" }, week.nodes.blocks),
      el("div", { class: "span-2" }, field("Holidays", holidays, "One date per line (YYYY-MM-DD). Nothing comes due on these days.")),
      field("Away until (vacation)", backOn, "Back on this date. Nothing is lost meanwhile: it waits as overdue."),
      el("label", { class: "day thursday" }, thursday, "Prefer Thursday for a first contact"),
      el("h3", { class: "span-2 form-section", text: "You, in templates and on envelopes" }),
      field("Your name", myName), field("Your company", myCompany),
      field("Signature", signature), field("Return address", returnAddress, "Printed on envelopes, under your name."),
      el("div", { class: "field span-2" }, el("span", { text: "On this computer" }),
        el("div", { class: "days" },
          el("label", { class: "day" }, keepInTray, "Keep running in the tray when the window is closed (reminders keep coming)"),
          el("label", { class: "day" }, atLogin, "Start Follow Through when I log in")))),
    error,
    el("div", { class: "form-actions" },
      el("button", { class: "btn", type: "button", "data-close": true, text: "Cancel" }),
      el("button", { class: "btn btn-primary", type: "submit", id: "s-save", text: "Save and reschedule" })));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const workWeek = week.read(error);
    if (!workWeek) return;
    const dates = holidays.value.split(/\s+/).filter(Boolean);
    // A day that doesn't exist would not reach the core at all: say so here.
    const badDate = dates.find((d) => !isDate(d));
    if (badDate) {
      error.textContent = `\u201c${badDate}\u201d is not a date like 2026-12-25.`;
      return holidays.focus();
    }
    const next = {
      week: { ...workWeek, holidays: dates },
      max_gap_days: Number(gap.value),
      thursday_first_contact: thursday.checked,
      back_on: backOn.value || null,
    };
    try {
      // The profile first: it is the part most likely to be refused (too long).
      await api.saveProfile({ my_name: myName.value, my_company: myCompany.value, signature: signature.value, return_address: returnAddress.value });
      const count = await api.saveSettings(next);
      await api.savePrefs({ keep_in_tray: keepInTray.checked, start_at_login: atLogin.checked });
      box.close();
      await onSaved(count);
    } catch (err) {
      error.textContent = err.message;
    }
  });
  const backups = backupsPanel(vocab);
  const calendar = calendarPanel(vocab);
  const view = tabs([
    { id: "followup", label: "Follow-up", node: form, show: () => week.zone.focus() },
    { id: "calendar", label: "Calendar", node: calendar.node, show: () => calendar.load().then(calendar.focus) },
    { id: "backups", label: "Backups", node: backups.node, show: () => backups.load().then(backups.focus) },
  ]);
  box.open(view.root);
  view.select(tab);
}

/** A tab bar over `panels` ({id, label, node, show}); `select(id)` shows one. */
function tabs(panels) {
  const select = (id) => {
    for (const p of panels) {
      p.tab.setAttribute("aria-selected", String(p.id === id));
      p.tab.tabIndex = p.id === id ? 0 : -1;
      p.node.hidden = p.id !== id;
    }
    panels.find((p) => p.id === id)?.show();
  };
  const bar = el("div", { class: "tabs", role: "tablist" }, panels.map((p) => {
    p.node.id ||= `panel-${p.id}`;
    p.tab = el("button", { class: "tab", type: "button", role: "tab", id: `tab-${p.id}`, "aria-controls": p.node.id,
      text: p.label, onclick: () => select(p.id) });
    p.node.setAttribute("role", "tabpanel");
    p.node.setAttribute("aria-labelledby", `tab-${p.id}`);
    return p.tab;
  }));
  // Left and right move between the tabs, as in any tab bar.
  bar.addEventListener("keydown", (e) => {
    const at = panels.findIndex((p) => p.tab === document.activeElement);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (at < 0 || !step) return;
    const next = panels[(at + step + panels.length) % panels.length];
    select(next.id);
    next.tab.focus();
  });
  return { root: el("div", { class: "tabbed" }, bar, panels.map((p) => p.node)), select };
}
