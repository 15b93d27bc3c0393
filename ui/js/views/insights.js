// Insights: is my follow-up working? The core computes every number (store/reports.rs,
// crate::reports); this draws each report as a chart that answers one question in its
// title, with a table of the same numbers, CSV and PNG export, and every number that
// names people clickable (it lists them). A second tab is the weekly review.

import * as api from "../api.js";
import { el, clear, append, $ } from "../dom.js";
import { barChart, heatMap, toPng } from "../charts.js";
import { number } from "../format.js";
import { dialog } from "../dialog.js";
import { label } from "../vocab.js";
import { state } from "../state.js";
import { toast, showError } from "../toast.js";
import { PERIODS, filterFor, minutes, one, tableText, tableTsv } from "../reports.js";
import { copyText } from "../clipboard.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** What is shown: the period, the tag, the tab, which reports show their table. */
const view = { period: "12w", from: "", to: "", tag: "", tab: "reports", tables: new Set() };
let openPerson = () => {};
let shownFilter = null;
/** What the shown tab was drawn from (the insights, or the review). */
let shownData = null;
let drawn = 0;

const people = dialog({ id: "report-people", title: "People" });

// ---- small formatting helpers (numbers only; names are always text content) ----

const pct = (x) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);
const num = (n) => (n === null || n === undefined ? "—" : number(Number(n)));

/** A Monday's date as "9 Mar". */
const week = (iso) => new Date(`${iso}T12:00:00`).toLocaleDateString(undefined, { day: "numeric", month: "short" });

/** A clickable number: lists the people it counted. */
function count(n, cell, title, review = false) {
  if (!cell || !n) return el("span", { class: "num", text: num(n) });
  return el("button", {
    type: "button", class: "num-link", text: num(n), title: `Show ${title.toLowerCase()}`,
    dataset: { cell }, onclick: () => showPeople(cell, title, review),
  });
}

// ---- the reports: each answers one question, as a chart and as a table ----

const REPORTS = [
  {
    id: "to_result",
    title: "How many touches does it take to get a meeting?",
    file: "touches-to-a-result",
    headline: (d) => {
      const r = d.to_result;
      return [
        el("span", {}, "First meetings: ", count(r.meetings_total, null), " · median ", el("strong", { text: one(r.meetings_median) }), " touches"),
        el("span", {}, `Within the usual ${r.seeds[0]}–${r.seeds[1]}: `, el("strong", { text: num(r.meetings_in_range) })),
        el("span", {}, "Won: ", el("strong", { text: num(r.won_total) }), " · median ", el("strong", { text: one(r.won_median) })),
      ];
    },
    chart: (d) => barChart({
      categories: d.to_result.meetings.map((b) => b.label),
      series: [
        { name: "First meeting", values: d.to_result.meetings.map((b) => b.count), cls: "s1" },
        { name: "Won", values: d.to_result.won.map((b) => b.count), cls: "s2" },
      ],
      band: [d.to_result.seeds[0] - 1, d.to_result.seeds[1] - 1],
      bandLabel: `most meetings: ${d.to_result.seeds[0]}–${d.to_result.seeds[1]} touches`,
      onBar: (k, i) => {
        const b = (k === 0 ? d.to_result.meetings : d.to_result.won)[i];
        showPeople(b.cell, `${k === 0 ? "First meeting" : "Won"} after ${b.label} touches`);
      },
      label: "Touchpoints before a first meeting and before a won deal",
    }),
    legend: [["s1", "First meeting"], ["s2", "Won"], ["band", "The usual 8–12"]],
    table: (d) => ({
      columns: ["Touches", "First meetings", "Won"],
      rows: d.to_result.meetings.map((b, i) => [b.label,
        { n: b.count, cell: b.cell, title: `First meeting after ${b.label} touches` },
        { n: d.to_result.won[i].count, cell: d.to_result.won[i].cell, title: `Won after ${b.label} touches` }]),
    }),
  },
  {
    id: "persistence",
    title: "Do I give up too soon?",
    file: "persistence",
    headline: (d) => {
      const p = d.persistence;
      return [
        el("span", {}, "One-hit wonders: ", el("strong", { text: pct(p.one_hit_rate) }),
          " (", count(p.one_hit, "one_hit", "One-hit wonders"), ` of ${num(p.tried)}) · most sellers: ${pct(p.seeds_one_hit)}`),
        el("span", {}, "Stopped before 5 touches: ", count(p.stopped_early, "stopped_early", "Stopped before 5 touches")),
      ];
    },
    chart: (d) => barChart({
      categories: d.persistence.quiet.map((b) => b.label),
      series: [{ name: "Prospects who never answered", values: d.persistence.quiet.map((b) => b.count), cls: "s3" }],
      onBar: (_, i) => showPeople(d.persistence.quiet[i].cell, `Never answered after ${d.persistence.quiet[i].label} attempts`),
      label: "Attempts made on prospects who never answered",
    }),
    legend: [["s3", "Never answered, by attempts made"]],
    table: (d) => ({
      columns: ["Attempts", "Prospects who never answered"],
      rows: d.persistence.quiet.map((b) => [b.label, { n: b.count, cell: b.cell, title: `Never answered after ${b.label} attempts` }]),
    }),
  },
  {
    id: "speed",
    title: "How fast do I answer web leads?",
    file: "speed-to-lead",
    headline: (d) => {
      const s = d.speed;
      return [
        el("span", {}, "Median ", el("strong", { text: minutes(s.median_minutes) }), ` · within ${s.minutes} minutes: `, el("strong", { text: pct(s.within_share) })),
        el("span", {}, "Leads: ", el("strong", { text: num(s.leads) }), " · answered late: ", count(s.late, "leads_late", "Leads answered late"),
          " · still waiting: ", count(s.waiting, "leads_waiting", "Leads still waiting")),
      ];
    },
    chart: (d) => barChart({
      categories: d.speed.weeks.map((w) => week(w.week)),
      series: [{ name: "Median minutes to first touch", values: d.speed.weeks.map((w) => w.median_minutes ?? 0), cls: "s1" }],
      threshold: { value: d.speed.minutes, label: `${d.speed.minutes} minutes` },
      format: (v) => minutes(v),
      integer: false,
      label: "Median minutes from a web lead's arrival to the first touch, by week",
    }),
    legend: [["s1", "Median time to first touch"], ["threshold", "5 minutes"]],
    table: (d) => ({
      columns: ["Week of", "Leads", "Median to first touch", "Within 5 minutes"],
      rows: d.speed.weeks.map((w) => [w.week, { n: w.leads }, minutes(w.median_minutes), pct(w.within_share)]),
    }),
  },
  {
    id: "blocks",
    title: "Do I keep my follow-up blocks?",
    file: "blocks-kept",
    headline: (d) => {
      const sum = (k) => d.blocks.reduce((n, w) => n + w[k], 0);
      const due = sum("on_time") + sum("late") + sum("overdue");
      return [
        el("span", {}, "Done the day they were due: ", el("strong", { text: pct(due ? sum("on_time") / due : null) }), ` of ${num(due)}`),
        el("span", {}, "Late: ", el("strong", { text: num(sum("late")) }), " · still overdue: ", el("strong", { text: num(sum("overdue")) })),
      ];
    },
    chart: (d) => barChart({
      categories: d.blocks.map((w) => week(w.week)),
      stacked: true,
      series: [
        { name: "On their day", values: d.blocks.map((w) => w.on_time), cls: "good" },
        { name: "Late", values: d.blocks.map((w) => w.late), cls: "warn" },
        { name: "Still overdue", values: d.blocks.map((w) => w.overdue), cls: "bad" },
      ],
      onBar: (k, i) => {
        const w = d.blocks[i];
        if (k === 1) showPeople(`late:${w.week}`, `Done late, week of ${week(w.week)}`);
        if (k === 2) showPeople(`overdue:${w.week}`, `Still overdue, week of ${week(w.week)}`);
      },
      label: "Follow-ups due each week: done on their day, late, or still overdue",
    }),
    legend: [["good", "On their day"], ["warn", "Late"], ["bad", "Still overdue"]],
    table: (d) => ({
      columns: ["Week of", "On their day", "Late", "Still overdue"],
      rows: d.blocks.map((w) => [w.week, { n: w.on_time },
        { n: w.late, cell: `late:${w.week}`, title: `Done late, week of ${week(w.week)}` },
        { n: w.overdue, cell: `overdue:${w.week}`, title: `Still overdue, week of ${week(w.week)}` }]),
    }),
  },
  {
    id: "connects",
    title: "Which channels and hours get answers?",
    file: "what-connects",
    headline: (d) => {
      const c = d.connects;
      const best = [...c.by_channel].filter((x) => x.attempts >= 5).sort((a, b) => b.rate - a.rate)[0];
      return [
        el("span", {}, "Answered: ", el("strong", { text: pct(c.rate) }), ` of ${num(c.attempts)} attempts`),
        best ? el("span", {}, "Best channel: ", el("strong", { text: label(state.vocab.channels, best.channel) }), ` (${pct(best.rate)})`) : null,
      ];
    },
    chart: (d) => connectsChart(d.connects),
    legend: [["heat", "Share answered (darker is more)"]],
    table: (d) => ({
      columns: ["Channel", "Attempts", "Answered", "Rate"],
      rows: d.connects.by_channel.map((c) => [label(state.vocab.channels, c.channel), { n: c.attempts }, { n: c.connects }, pct(c.rate)]),
    }),
  },
  {
    id: "pipeline",
    title: "Is my pipeline moving?",
    file: "pipeline",
    headline: (d) => {
      const last = d.pipeline.weeks.at(-1);
      if (!last) return [];
      const stage = (s) => last.by_stage[state.vocab.stages.findIndex((x) => x.value === s)];
      return [
        el("span", {}, "In conversation or further: ", el("strong", { text: num(stage("conversation") + stage("meeting") + stage("proposal")) })),
        el("span", {}, "Stalled now: ", count(last.stalled, "stalled", "Stalled prospects")),
      ];
    },
    chart: (d) => barChart({
      categories: d.pipeline.weeks.map((w) => week(w.week)),
      stacked: true,
      series: state.vocab.stages.map((s, i) => ({ name: s.label, values: d.pipeline.weeks.map((w) => w.by_stage[i]), cls: `st${i}` })),
      onBar: (k) => showPeople(`stage:${state.vocab.stages[k].value}`, `Stage: ${state.vocab.stages[k].label} (now)`),
      label: "Prospects by stage at the end of each week",
    }),
    legend: () => state.vocab.stages.map((s, i) => [`st${i}`, s.label]),
    table: (d) => ({
      columns: ["Week of", ...state.vocab.stages.map((s) => s.label), ...state.vocab.statuses.map((s) => s.label), "Stalled"],
      rows: d.pipeline.weeks.map((w, wi) => {
        const last = wi === d.pipeline.weeks.length - 1;
        const link = (n, cell, title) => (last ? { n, cell, title } : { n });
        return [w.week,
          ...w.by_stage.map((n, i) => link(n, `stage:${state.vocab.stages[i].value}`, `Stage: ${state.vocab.stages[i].label}`)),
          ...w.by_status.map((n, i) => link(n, `status:${state.vocab.statuses[i].value}`, `Status: ${state.vocab.statuses[i].label}`)),
          link(w.stalled, "stalled", "Stalled prospects")];
      }),
    }),
  },
];

/** By channel (bars of the answer rate) beside the weekday × hour heat map. */
function connectsChart(c) {
  const hours = c.heat.map((h) => h.hour);
  // At least the working day, so a handful of touches still reads as a week's grid.
  const lo = Math.min(8, ...hours);
  const hi = Math.max(17, ...hours);
  const cols = [];
  for (let h = lo; h <= hi; h++) cols.push(String(h).padStart(2, "0"));
  const at = new Map(c.heat.map((h) => [`${h.weekday}:${h.hour}`, h]));
  const map = heatMap({
    rows: WEEKDAYS,
    cols,
    cell: (r, col) => {
      const h = at.get(`${r}:${lo + col}`);
      if (!h) return { value: null };
      const rate = h.connects / h.attempts;
      return { value: rate, text: pct(rate), title: `${WEEKDAYS[r]} ${cols[col]}:00 · ${h.connects} of ${h.attempts} answered` };
    },
    label: "Share of attempts answered, by weekday and hour",
  });
  const channels = barChart({
    categories: c.by_channel.map((x) => label(state.vocab.channels, x.channel)),
    series: [{ name: "Answered", values: c.by_channel.map((x) => Math.round((x.rate ?? 0) * 100)), cls: "s1" }],
    format: (v) => `${v}%`,
    label: "Share of attempts answered, by channel",
  });
  return el("div", { class: "chart-pair" }, channels, map);
}

// ---- drawing ----

/** Builds the view the first time, then loads it (sidebar.js shows and hides it).
 * `showPerson(id)` opens a prospect picked from one of its lists. */
export async function showInsights(showPerson) {
  openPerson = showPerson;
  const root = $("#insights");
  if (!root.children.length) buildFrame(root);
  else {
    // Last time's charts are not drawn again while the new numbers come: drawing them
    // would only slow the numbers down.
    const body = $("#insights-body");
    clear(body);
    delete body.dataset.ready;
  }
  await reload();
}

function buildFrame(root) {
  const period = el("select", { id: "insights-period", class: "select select-compact", "aria-label": "Period" },
    PERIODS.map((p) => el("option", { value: p.id, text: p.label, selected: p.id === view.period })));
  const from = el("input", { id: "insights-from", class: "input input-compact", type: "date", "aria-label": "From" });
  const to = el("input", { id: "insights-to", class: "input input-compact", type: "date", "aria-label": "To" });
  const custom = el("span", { class: "insights-dates", hidden: true }, from, el("span", { text: "to" }), to);
  const tag = el("select", { id: "insights-tag", class: "select select-compact", "aria-label": "Tag" });
  const tabs = el("div", { class: "seg", role: "tablist" },
    ["reports", "review"].map((t) => el("button", {
      type: "button", role: "tab", class: "seg-button", id: `insights-tab-${t}`, "aria-selected": String(view.tab === t),
      text: t === "reports" ? "Reports" : "Weekly review", onclick: () => { view.tab = t; reload(); },
    })));
  period.addEventListener("change", () => {
    view.period = period.value;
    custom.hidden = period.value !== "custom";
    if (period.value === "custom") {
      const f = filterFor({ ...view, period: "12w" });
      from.value = view.from || f.from;
      to.value = view.to || f.to;
    }
    view.from = from.value;
    view.to = to.value;
    reload();
  });
  for (const input of [from, to]) {
    input.addEventListener("change", () => { view.from = from.value; view.to = to.value; reload(); });
  }
  tag.addEventListener("change", () => { view.tag = tag.value; reload(); });
  append(root,
    el("header", { class: "insights-header" },
      el("h1", { class: "insights-title", text: "Insights" }),
      tabs,
      el("div", { class: "insights-controls" }, period, custom, tag)),
    el("p", { id: "insights-error", class: "field-error", role: "alert", hidden: true }),
    el("div", { id: "insights-body", class: "insights-body" }));
}

function fillTags() {
  const tag = $("#insights-tag");
  const tags = state.overview?.tags ?? [];
  clear(tag, el("option", { value: "", text: "Every tag" }),
    tags.map(([t]) => el("option", { value: t, text: `#${t}`, selected: t === view.tag })));
}

async function reload() {
  fillTags();
  for (const t of ["reports", "review"]) $(`#insights-tab-${t}`).setAttribute("aria-selected", String(view.tab === t));
  // The review's weeks are fixed (this one and the four before); only the tag applies.
  $("#insights-period").disabled = view.tab === "review";
  const body = $("#insights-body");
  const error = $("#insights-error");
  const ticket = ++drawn;
  const filter = filterFor(view);
  try {
    const review = view.tab === "review";
    const data = await (review ? api.weeklyReview(filter.tag) : api.insights(filter));
    if (ticket !== drawn) return;
    shownFilter = filter;
    shownData = data;
    error.hidden = true;
    clear(body, review
      ? drawReview(data)
      : el("div", { class: "insights-grid" }, REPORTS.map((r) => card(r, data))));
    body.dataset.ready = String(ticket);
  } catch (err) {
    if (ticket !== drawn) return;
    error.textContent = err.message ?? String(err);
    error.hidden = false;
  }
}

function card(report, data) {
  const showTable = view.tables.has(report.id);
  const figure = el("div", { class: "card-figure" }, showTable ? table(report.table(data)) : report.chart(data));
  const legend = (typeof report.legend === "function" ? report.legend() : report.legend) ?? [];
  const toggle = small(showTable ? "Chart" : "Table", showTable ? "Show the chart" : "Show the numbers as a table", () => {
    if (view.tables.has(report.id)) view.tables.delete(report.id); else view.tables.add(report.id);
    node.replaceWith(card(report, data));
  });
  const node = el("section", { class: "report-card", id: `report-${report.id}`, "aria-labelledby": `report-${report.id}-title` },
    el("header", { class: "report-head" },
      el("h2", { class: "report-title", id: `report-${report.id}-title`, text: report.title }),
      el("div", { class: "report-actions" }, toggle, numberButtons(report, data),
        small("PNG", "Save the chart as an image", () => saveAs(report, "png", data)))),
    el("div", { class: "report-headline" }, report.headline(data)),
    figure,
    showTable ? null : el("ul", { class: "chart-legend" }, legend.map(([cls, text]) =>
      el("li", {}, el("span", { class: `swatch swatch-${cls}` }), text))));
  return node;
}

/** A report's own small button. */
function small(text, title, onclick) {
  return el("button", { type: "button", class: "btn btn-small btn-ghost", text, title, onclick });
}

/** What every report's numbers offer: Copy (header first, as rows and columns a
 * spreadsheet pastes) and CSV. */
function numberButtons(report, data) {
  return [
    small("Copy", "Copy the numbers (they paste into a spreadsheet as a table)",
      () => copyText(tableTsv(tableText(report.table(data)))).then(() => toast("Copied the table")).catch(showError)),
    small("CSV", "Save the numbers as CSV", () => saveAs(report, "csv", data)),
  ];
}

/** A table: `rows` of cells, each text or {n, cell, title} (a clickable count). */
function table({ columns, rows }) {
  return el("table", { class: "report-table" },
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", text: c })))),
    el("tbody", {}, rows.map((r) => el("tr", {}, r.map((v, i) => el(i ? "td" : "th", i ? {} : { scope: "row" },
      typeof v === "object" && v !== null ? count(v.n, v.cell, v.title) : String(v)))))));
}

/** The weekly review as a report: its table is the week-by-week one. */
const reviewReport = { id: "review", file: "weekly-review", table: reviewTable };

function reviewTable(review) {
  const rows = [
    ["Attempts", "attempts"], ["Touchpoints", "touchpoints"], ["Answered", "connects"],
    ["Meetings set", "meetings"], ["Won", "won"], ["New prospects", "new_prospects"],
    ["Web leads", "leads"], ["Median time to a lead", "lead_median_minutes", minutes],
    ["Follow-ups done on their day", "on_time"], ["Follow-ups done late", "late"],
  ];
  const columns = ["", ...review.weeks.map((w, i) => (i === 0 ? "This week" : `Week of ${week(w.week)}`))];
  return {
    columns,
    rows: rows.map(([name, key, f]) => [name, ...review.weeks.map((w) => (f ? f(w[key]) : { n: w[key] }))]),
  };
}

function drawReview(review) {
  const next = review.next;
  return el("div", { class: "review" },
    el("section", { class: "review-next", id: "review-next" },
      el("h2", { class: "report-title", text: "The one thing to do next" }),
      el("p", { class: "review-next-text", text: next.text }),
      next.cell ? el("button", {
        type: "button", class: "btn btn-primary", id: "review-show", text: `Show them (${num(next.count)})`,
        onclick: () => showPeople(next.cell, next.text, true),
      }) : null),
    el("section", { class: "report-card review-card" },
      el("header", { class: "report-head" },
        el("h2", { class: "report-title", text: "This week beside the four before it" }),
        el("div", { class: "report-actions" }, numberButtons(reviewReport, review))),
      table(reviewTable(review))));
}

async function showPeople(cell, title, review = false) {
  if (!shownFilter) return;
  const found = await people.load(() => api.reportPeople(shownFilter, review, cell));
  if (!found) return;
  const list = el("ul", { class: "people-list", id: "people-list" }, found.rows.map((p) => el("li", {},
    el("button", { type: "button", class: "person", onclick: () => { people.close(); openPerson(p.id); } },
      el("span", { class: "person-name", text: p.name }),
      el("span", { class: "person-sub", text: [p.company, p.title].filter(Boolean).join(" · ") })))));
  people.open(
    el("p", { class: "people-title", text: title }),
    found.rows.length ? list : el("p", { class: "muted", text: "Nobody, for this period and tag." }),
    found.total > found.rows.length ? el("p", { class: "hint", text: `The first ${num(found.rows.length)} of ${num(found.total)}, by name.` }) : null);
  list.querySelector("button")?.focus();
}

/** Asks where to save a report (`kind`: "csv" or "png"), then saves it there. */
async function saveAs(report, kind, data) {
  try {
    const path = await api.chooseReportFile(report.file, kind);
    if (path) await save(report, kind, data, path);
  } catch (err) {
    showError(err);
  }
}

/**
 * Saves a report shown now (by id, or "review") as CSV or PNG at `path`: what the
 * chooser's answer goes to (and the end-to-end tests, which can't drive a chooser).
 */
export async function saveReport(id, kind, path) {
  const report = id === "review" ? reviewReport : REPORTS.find((r) => r.id === id);
  if (!report || !shownData) throw new Error("That report is not shown.");
  await save(report, kind, shownData, path);
}

async function save(report, kind, data, path) {
  if (kind === "csv") {
    const { columns, rows } = tableText(report.table(data));
    await api.saveReportCsv(path, columns.map((c) => c || "Figure"), rows);
    toast("Saved the table as CSV");
    return;
  }
  const node = $(`#report-${report.id}`);
  const chart = node?.querySelector(".card-figure svg");
  if (!chart) {
    toast("Show the chart to save it as an image");
    return;
  }
  const bytes = await toPng(chart, getComputedStyle(node).backgroundColor);
  await api.saveReportPng(path, Array.from(bytes));
  toast("Saved the chart as PNG");
}
