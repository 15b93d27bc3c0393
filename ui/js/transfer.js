// Import and export in words: what a file is, what an import will do, how its first
// contacts are spread over the working days, and whether there is anything to import.
// Pure functions of the core's answers (no DOM, no IPC), so ui/tests can check them.

import { label } from "./vocab.js";
import { count, number } from "./format.js";

const DELIMITERS = { ",": "commas", ";": "semicolons", "\t": "tabs" };

/** What a file is, from `inspect_import`: "Google Contacts CSV · UTF-8 · 12.4 kB". */
export function fileKind(info, vocab) {
  const parts = [label(vocab.import_formats, info.format), info.encoding];
  // A plain CSV's separator is worth saying: a wrong guess is the first thing to check.
  if (!info.known && info.delimiter) parts.push(`separated by ${DELIMITERS[info.delimiter] ?? `\u201c${info.delimiter}\u201d`}`);
  return parts.filter(Boolean).join(" \u00b7 ");
}

/** The three figures of a preview, in words. */
export function reportCounts(r) {
  const changes = r.matching > 0 ? ` (${number(r.with_changes)} with something new)` : "";
  return {
    fresh: `${number(r.new)} new`,
    matching: `${number(r.matching)} already here${changes}`,
    errors: `${number(r.error_count)} with errors`,
  };
}

/** One row the import can't use: "Line 12: reason", "Card 3: reason". */
export function errorLine(e) {
  const place = e.place.kind === "card" ? "Card" : "Line";
  return `${place} ${number(e.place.number)}: ${e.reason}`;
}

const dayFmt = (locale) => new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short" });

/** A date the core sends as "2026-11-23", as a local calendar day ("Mon 23 Nov"). */
function day(iso, locale) {
  const [y, m, d] = iso.split("-").map(Number);
  return dayFmt(locale).format(new Date(y, m - 1, d)).replace(",", "");
}

/**
 * How the new prospects' first contacts are spread: "First contacts spread 20 a day over
 * 3 working days, Mon 23 Nov – Wed 25 Nov". Null when there is nothing to spread.
 */
export function spreadSentence(spread, locale) {
  if (!spread || spread.prospects === 0) return null;
  const first = day(spread.first, locale);
  if (spread.days <= 1) return `First contacts: ${count(spread.prospects, "prospect")} on ${first}`;
  return `First contacts spread ${number(spread.per_day)} a day over ${spread.days} working days, `
    + `${first} \u2013 ${day(spread.last, locale)}`;
}

/** Whether importing now would change anything: new people, or matches to merge into. */
export function canImport(report, onMatch) {
  if (!report) return false;
  return report.new > 0 || (onMatch === "merge" && report.with_changes > 0);
}

/** The import's options as the core takes them (`ImportOptions`). */
export function importOptions({ source, tag, onMatch, perDay }) {
  const n = Math.round(Number(perDay));
  return { source, tag: tag.trim(), on_match: onMatch, per_day: Number.isFinite(n) && n > 0 ? n : 1 };
}

/** What the import did, for its toast: "Imported 3 new prospects (tag …)." */
export function importedMessage(r) {
  const tag = r.tag && r.new > 0 ? ` (tag \u201c${r.tag}\u201d)` : "";
  const merged = r.merged > 0 ? ` Added to ${count(r.merged, "prospect")} already here.` : "";
  return `Imported ${count(r.new, "new prospect")}${tag}.${merged}`;
}

/** How far a long run has got: "1,200 contacts read · 40%". */
export function progressText(p) {
  const pct = p.total > 0 ? ` \u00b7 ${Math.min(100, Math.round((p.bytes / p.total) * 100))}%` : "";
  return `${count(p.records, "contact")} read${pct}`;
}

/** A file name to offer in the save dialog: "prospects-tagged-west-2026-11-24". */
export function exportFileName(kind, selectionWords, today) {
  const what = kind === "touches_csv" ? "touches" : kind.startsWith("dossier") ? "dossier" : "prospects";
  const slug = selectionWords.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return ["followthrough", what, slug === "everyone" ? "" : slug, today].filter(Boolean).join("-").slice(0, 100);
}
