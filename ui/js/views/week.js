// The working week as a form: time zone, working days, hours and the follow-up blocks.
// Settings and the first-run screen both show it; the core checks it again on save.

import { el } from "../dom.js";

const hhmm = (t) => t.slice(0, 5);

/** A labelled field: the label text, its control, and an optional hint under it. */
export const field = (text, control, hint) => el("label", { class: "field" },
  el("span", { text }), control, hint ? el("span", { class: "hint", text: hint }) : null);

/**
 * The controls for `week` (the stored settings' week), with ids prefixed by `prefix` and
 * `hints` ({zone, blocks}) under those fields. Returns {zone, nodes: {zone, days, start,
 * end, blocks}, read(error)}: `read` gives the week's new values without holidays, or
 * null after saying in `error` what to fix and putting the focus there.
 */
export function weekFields(vocab, week, prefix, hints = {}) {
  const zone = el("input", { class: "input", id: `${prefix}-zone`, list: `${prefix}-zones`, value: week.zone, autocomplete: "off" });
  const zones = el("datalist", { id: `${prefix}-zones` }, (Intl.supportedValuesOf?.("timeZone") ?? []).map((z) => el("option", { value: z })));
  const days = vocab.weekdays.map((d) => el("input", { type: "checkbox", value: d.value, checked: week.workdays.includes(d.value) }));
  const start = el("input", { class: "input", type: "time", id: `${prefix}-start`, value: hhmm(week.day_start) });
  const end = el("input", { class: "input", type: "time", id: `${prefix}-end`, value: hhmm(week.day_end) });
  const blocks = el("input", { class: "input", id: `${prefix}-blocks`, value: week.blocks.map(hhmm).join(", "), placeholder: "09:30, 14:00" });
  const nodes = {
    zone: [field("Your time zone", zone, hints.zone), zones],
    days: el("div", { class: "field span-2" }, el("span", { text: "Working days" }),
      el("div", { class: "days", id: `${prefix}-days` }, days.map((box, i) => el("label", { class: "day" }, box, vocab.weekdays[i].label.slice(0, 3))))),
    start: field("Working day starts", start),
    end: field("Working day ends", end),
    blocks: field("Follow-up blocks", blocks, hints.blocks ?? "Times of day when follow-ups come due, e.g. 09:30, 14:00. Twice a day works."),
  };
  const read = (error) => {
    const fail = (message, control) => {
      error.textContent = message;
      control.focus();
      return null;
    };
    const times = blocks.value.split(/[,\s]+/).filter(Boolean);
    const badTime = times.find((t) => !/^\d{1,2}:\d{2}$/.test(t));
    if (badTime) return fail(`\u201c${badTime}\u201d is not a time like 09:30.`, blocks);
    if (!isZone(zone.value.trim())) return fail(`\u201c${zone.value}\u201d is not a time zone. Pick one from the list, e.g. America/Chicago.`, zone);
    if (!start.value || !end.value) return fail("Set when your working day starts and ends.", start);
    return {
      zone: zone.value.trim(),
      workdays: days.filter((d) => d.checked).map((d) => d.value),
      day_start: `${start.value}:00`,
      day_end: `${end.value}:00`,
      blocks: times.map((t) => `${t.padStart(5, "0")}:00`).sort(),
    };
  };
  return { zone, nodes, read };
}

/** Whether the platform knows this IANA zone name (it throws on unknown ones). */
function isZone(name) {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}
