// Unit tests of the Insights view's pure helpers and the charts' axis, run with
// `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { filterFor, minutes, tableText, tableTsv } from "../js/reports.js";
import { niceScale } from "../js/charts.js";

test("a period ends today and counts its days inclusively", () => {
  const today = new Date(2026, 10, 24, 15, 0);
  assert.deepEqual(filterFor({ period: "4w", tag: "" }, today), { from: "2026-10-28", to: "2026-11-24", tag: null });
  assert.deepEqual(filterFor({ period: "12w", tag: "north" }, today), { from: "2026-09-02", to: "2026-11-24", tag: "north" });
  assert.deepEqual(filterFor({ period: "custom", from: "2026-01-01", to: "2026-02-01", tag: "" }, today),
    { from: "2026-01-01", to: "2026-02-01", tag: null });
  // An unknown period falls back to the default twelve weeks.
  assert.equal(filterFor({ period: "??" }, today).from, "2026-09-02");
});

test("minutes read as people say them", () => {
  assert.equal(minutes(null), "—");
  assert.equal(minutes(3.4), "3 min");
  assert.equal(minutes(90), "1.5 h");
  assert.equal(minutes(3 * 1440), "3 d");
});

test("a table's clickable counts become plain numbers in its CSV", () => {
  const text = tableText({
    columns: ["Week of", "Late"],
    rows: [["2026-11-16", { n: 1234, cell: "late:2026-11-16", title: "Late" }], ["2026-11-23", { n: 0 }]],
  });
  assert.deepEqual(text.rows, [["2026-11-16", "1234"], ["2026-11-23", "0"]]);
});

test("a table copies as tab-separated lines, header first, one line per row", () => {
  const tsv = tableTsv(tableText({
    columns: ["Channel", "Attempts"],
    rows: [["Email\tnote", { n: 12 }], ["Call\r\nback", 3]],
  }));
  assert.equal(tsv, "Channel\tAttempts\nEmail note\t12\nCall back\t3\n");
});

test("a count axis steps in whole numbers; a time axis may not", () => {
  assert.deepEqual(niceScale(1), { top: 1, step: 1 });
  assert.deepEqual(niceScale(2), { top: 2, step: 1 });
  assert.deepEqual(niceScale(37), { top: 40, step: 10 });
  assert.deepEqual(niceScale(0), { top: 1, step: 1 });
  assert.deepEqual(niceScale(1, false), { top: 1, step: 0.25 });
});
