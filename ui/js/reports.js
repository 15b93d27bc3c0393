// The Insights view's pure helpers: the periods it offers and the filter each makes,
// minutes as a person says them, a report table as the text its CSV and the clipboard
// carry. Kept apart from the view so node's tests can load them without the window.

import { number } from "./format.js";

export const PERIODS = [
  { id: "4w", label: "Last 4 weeks", days: 28 },
  { id: "12w", label: "Last 12 weeks", days: 84 },
  { id: "26w", label: "Last 6 months", days: 182 },
  { id: "52w", label: "Last 12 months", days: 364 },
  { id: "custom", label: "Custom dates" },
];

/** A number to one decimal place, "—" for none. */
export const one = (x) => (x === null || x === undefined ? "—" : number(Math.round(x * 10) / 10));

/** Minutes in the unit a person would say them in. */
export function minutes(m) {
  if (m === null || m === undefined) return "—";
  if (m < 60) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${one(m / 60)} h`;
  return `${one(m / 1440)} d`;
}

const isoDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The filter the controls describe. */
export function filterFor({ period, from, to, tag }, today = new Date()) {
  const p = PERIODS.find((x) => x.id === period) ?? PERIODS[1];
  if (p.id === "custom") return { from, to, tag: tag || null };
  const start = new Date(today);
  start.setDate(start.getDate() - p.days + 1);
  return { from: isoDay(start), to: isoDay(today), tag: tag || null };
}

/** The table's cells as the text a CSV carries. */
export function tableText({ columns, rows }) {
  return {
    columns,
    rows: rows.map((r) => r.map((v) => (typeof v === "object" && v !== null ? String(v.n ?? 0) : String(v)))),
  };
}

/** A table's text as tab-separated lines with its header first: what a spreadsheet
 * takes from the clipboard as rows and columns. A tab or line break inside a cell would
 * start a new column or row, so each becomes a space. */
export function tableTsv({ columns, rows }) {
  const line = (cells) => cells.map((c) => c.replace(/[\t\r\n]+/g, " ")).join("\t");
  return [line(columns), ...rows.map(line)].join("\n") + "\n";
}
