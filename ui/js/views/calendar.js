// Calendar: Settings' Calendar tab. What the calendar of coming follow-ups holds (how
// many weeks, full details or only how many are due per block), the live file the app
// keeps up to date for a calendar app to subscribe to, and a one-off export.

import * as api from "../api.js";
import { el, append } from "../dom.js";
import { label } from "../vocab.js";
import { copyText } from "../clipboard.js";
import { number } from "../format.js";

const WEEKS = [1, 2, 4, 8, 12];

/** The Calendar tab's contents: filled (and refilled) by `load()`. */
export function calendarPanel(vocab) {
  const live = el("input", { type: "checkbox", id: "cal-live" });
  const weeks = el("select", { class: "select", id: "cal-weeks" },
    WEEKS.map((n) => el("option", { value: String(n), text: n === 1 ? "1 week" : `${n} weeks` })));
  const detail = (value, text, hint) => el("label", { class: "choice" },
    el("input", { type: "radio", name: "cal-details", value, id: `cal-${value}` }),
    el("span", {}, el("span", { class: "choice-label", text }), el("span", { class: "hint", text: hint })));
  const details = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": "cal-details-label" },
    detail("full", label(vocab.calendar_details, "full"), "Who, why, their phone and email, the agreed next step"),
    detail("private", label(vocab.calendar_details, "private"), "\u201cFollow-up (3)\u201d per block: no names, for a shared or synced calendar"));
  const path = el("code", { class: "backup-folder", id: "cal-path" });
  const copy = el("button", { class: "btn btn-small", type: "button", id: "cal-copy", text: "Copy path" });
  const save = el("button", { class: "btn btn-primary", type: "button", id: "cal-save", text: "Save" });
  const exportIt = el("button", { class: "btn", type: "button", id: "cal-export", text: "Export calendar\u2026" });
  const status = el("p", { class: "backup-status", id: "cal-status", role: "status" });
  const say = (text, { error = false } = {}) => {
    status.textContent = text;
    status.classList.toggle("field-error", error);
  };

  const prefs = () => ({
    live: live.checked,
    weeks: Number(weeks.value),
    details: details.querySelector("input:checked")?.value ?? "full",
  });
  const show = (settings) => {
    const p = settings.prefs;
    live.checked = p.live;
    if (!WEEKS.includes(p.weeks)) append(weeks, el("option", { value: String(p.weeks), text: `${p.weeks} weeks` }));
    weeks.value = String(p.weeks);
    for (const r of details.querySelectorAll("input")) r.checked = r.value === p.details;
    path.textContent = settings.path;
    path.title = settings.path;
  };

  const load = async () => {
    say("");
    try {
      show(await api.calendarSettings());
    } catch (err) {
      say(err.message, { error: true });
    }
  };

  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const saved = await api.saveCalendarPrefs(prefs());
      show(saved);
      if (saved.live_error) {
        say(`Saved, but the live calendar file could not be ${saved.prefs.live ? "written" : "removed"}: ${saved.live_error}`, { error: true });
      } else {
        say(saved.prefs.live ? "Saved. The live calendar is up to date and follows every change." : "Saved. No live calendar is kept.");
      }
    } catch (err) {
      say(err.message, { error: true });
    } finally {
      save.disabled = false;
    }
  });

  copy.addEventListener("click", async () => {
    try {
      await copyText(path.textContent);
      say("Path copied.");
    } catch {
      say("Select the path and copy it with Ctrl+C.", { error: true });
    }
  });

  exportIt.addEventListener("click", async () => {
    say("");
    try {
      const file = await api.chooseCalendarFile();
      if (!file) return;
      const events = await api.exportCalendar(prefs(), file);
      say(`Exported ${number(events)} ${events === 1 ? "event" : "events"}.`);
    } catch (err) {
      say(err.message, { error: true });
    }
  });

  const node = el("section", { class: "calendar-panel", "aria-label": "Calendar" },
    el("p", { class: "backup-intro",
      text: "Put your follow-ups where you already look: each one due in the coming weeks, your follow-up blocks as busy time, "
        + "and a reminder at the start of each." }),
    el("div", { class: "form-grid" },
      el("label", { class: "field" }, el("span", { text: "How far ahead" }), weeks),
      el("div", { class: "field" }, el("span", { id: "cal-details-label", text: "What it shows" }), details),
      el("div", { class: "field span-2" }, el("span", { text: "Live calendar" }),
        el("div", { class: "calendar-live" },
          el("label", { class: "day" }, live, "Keep a calendar file up to date with every change"),
          el("p", { class: "hint", text: "Subscribe to it once from your calendar app (Thunderbird, Evolution, GNOME Calendar, Outlook); it changes whenever your schedule does." }),
          el("p", { class: "backup-where muted" }, path, copy)))),
    el("div", { class: "backup-actions" }, save, exportIt, status));
  return { node, load, focus: () => weeks.focus() };
}

