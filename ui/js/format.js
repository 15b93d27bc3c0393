// Dates and words, formatted for people, in the user's own locale and zone.

const dateFmt = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", year: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, {
  weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit",
});
const relFmt = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
// One formatter for every number shown: `toLocaleString()` builds a new one on each
// call, which scrolling 100,000 rows did once per row.
const numberFmt = new Intl.NumberFormat();

/** A number with the locale's grouping: "12,345". */
export function number(n) {
  return numberFmt.format(n);
}

export function date(iso) {
  return iso ? dateFmt.format(new Date(iso)) : "";
}

export function dateTime(iso) {
  return iso ? dateTimeFmt.format(new Date(iso)) : "";
}

/** "3 days ago", "yesterday", "in 2 weeks": the way people talk about follow-ups. */
export function relative(iso, now = Date.now()) {
  if (!iso) return "";
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const minute = 60e3, hour = 60 * minute, day = 24 * hour;
  if (abs < minute) return "just now";
  if (abs < hour) return relFmt.format(Math.round(diff / minute), "minute");
  if (abs < day) return relFmt.format(Math.round(diff / hour), "hour");
  if (abs < 14 * day) return relFmt.format(Math.round(diff / day), "day");
  if (abs < 60 * day) return relFmt.format(Math.round(diff / (7 * day)), "week");
  if (abs < 730 * day) return relFmt.format(Math.round(diff / (30 * day)), "month");
  return relFmt.format(Math.round(diff / (365 * day)), "year");
}

export function count(n, one, many = one + "s") {
  return `${number(n)} ${n === 1 ? one : many}`;
}

const sizeFmt = (unit) => new Intl.NumberFormat(undefined, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 1 });
const SIZES = [["gigabyte", 1e9], ["megabyte", 1e6], ["kilobyte", 1e3]];

/** A file's size: "840 kB", "12.4 MB" (decimal units, as file managers show them). */
export function size(bytes) {
  const [unit, scale] = SIZES.find(([, s]) => bytes >= s) ?? ["byte", 1];
  return sizeFmt(unit).format(bytes / scale);
}

export function initials(name) {
  const parts = name.trim().split(/\s+/).filter((p) => /\p{L}|\p{N}/u.test(p[0] ?? ""));
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => p[0].toUpperCase()).join("").slice(0, 2) || "?";
}

/** A <input type="datetime-local"> value for a Date, in local time. */
export function localInputValue(d = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * When a touch being logged happened: the time the user set in the form, or — when they
 * left the time it was filled with (`shown`), or cleared it — this very instant. The
 * form's field has no seconds and is filled when the form appears, so taking it as is
 * would put a touch logged "now" up to minutes in the past: before a prospect created a
 * moment ago (then it would not count in their plan) or before the form was opened.
 */
export function touchTime(value, shown, now = new Date()) {
  return !value || value === shown ? now : new Date(value);
}

/** Whether `text` is a day that exists, written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
