// Import and export in words (ui/js/transfer.js), run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  fileKind, reportCounts, errorLine, spreadSentence, canImport, importOptions, importedMessage,
  progressText, exportFileName,
} from "../js/transfer.js";

const vocab = {
  import_formats: [{ value: "google_csv", label: "Google Contacts CSV" }, { value: "csv", label: "CSV" }],
};
const report = (r) => ({ new: 0, matching: 0, with_changes: 0, merged: 0, errors: [], error_count: 0, spread: null, tag: "", ...r });

test("a file is named by its format and encoding; a plain CSV also by its separator", () => {
  assert.equal(fileKind({ format: "google_csv", encoding: "UTF-8", known: true, delimiter: "," }, vocab), "Google Contacts CSV · UTF-8");
  assert.equal(fileKind({ format: "csv", encoding: "windows-1252", known: false, delimiter: ";" }, vocab),
    "CSV · windows-1252 · separated by semicolons");
});

test("the preview's figures say what is new, already here and unusable", () => {
  assert.deepEqual(reportCounts(report({ new: 3, error_count: 1 })),
    { fresh: "3 new", matching: "0 already here", errors: "1 with errors" });
  assert.equal(reportCounts(report({ matching: 4, with_changes: 1 })).matching, "4 already here (1 with something new)");
});

test("errors name the line of a CSV and the card of a vCard", () => {
  assert.equal(errorLine({ place: { kind: "line", number: 12 }, reason: "No name." }), "Line 12: No name.");
  assert.equal(errorLine({ place: { kind: "card", number: 3 }, reason: "No name." }), "Card 3: No name.");
});

test("the spread is said with its days; one day or none is said plainly", () => {
  const spread = { per_day: 20, prospects: 50, days: 3, first: "2026-11-23", last: "2026-11-25" };
  assert.equal(spreadSentence(spread, "en-GB"), "First contacts spread 20 a day over 3 working days, Mon 23 Nov – Wed 25 Nov");
  assert.equal(spreadSentence({ ...spread, prospects: 3, days: 1, last: "2026-11-23" }, "en-GB"), "First contacts: 3 prospects on Mon 23 Nov");
  assert.equal(spreadSentence(null, "en-GB"), null);
  assert.equal(spreadSentence({ ...spread, prospects: 0 }, "en-GB"), null);
});

test("there is something to import when someone is new, or a merge adds to someone", () => {
  assert.equal(canImport(null, "skip"), false);
  assert.equal(canImport(report({ new: 1 }), "skip"), true);
  assert.equal(canImport(report({ matching: 2, with_changes: 1 }), "skip"), false);
  assert.equal(canImport(report({ matching: 2, with_changes: 1 }), "merge"), true);
  assert.equal(canImport(report({ matching: 2, with_changes: 0 }), "merge"), false);
});

test("options go to the core trimmed, with a whole positive number a day", () => {
  assert.deepEqual(importOptions({ source: "event", tag: "  fair ", onMatch: "merge", perDay: "7.4" }),
    { source: "event", tag: "fair", on_match: "merge", per_day: 7 });
  assert.equal(importOptions({ source: "other", tag: "", onMatch: "skip", perDay: "" }).per_day, 1);
  assert.equal(importOptions({ source: "other", tag: "", onMatch: "skip", perDay: "-3" }).per_day, 1);
});

test("the import's toast says how many, and the tag that finds them", () => {
  assert.equal(importedMessage(report({ new: 3, tag: "google 2026-11-24" })), "Imported 3 new prospects (tag “google 2026-11-24”).");
  assert.equal(importedMessage(report({ new: 0, merged: 2, tag: "x" })), "Imported 0 new prospects. Added to 2 prospects already here.");
});

test("progress counts contacts and the share of the file read", () => {
  assert.equal(progressText({ records: 1200, bytes: 400, total: 1000 }), `${(1200).toLocaleString()} contacts read · 40%`);
  assert.equal(progressText({ records: 1, bytes: 0, total: 0 }), "1 contact read");
});

test("an export's file name says what and who, and is safe to save", () => {
  assert.equal(exportFileName("vcard4", "everyone", "2026-11-24"), "followthrough-prospects-2026-11-24");
  assert.equal(exportFileName("touches_csv", "tagged West/Coast", "2026-11-24"), "followthrough-touches-tagged-west-coast-2026-11-24");
  assert.equal(exportFileName("dossier", "Ada Lovelace", "2026-11-24"), "followthrough-dossier-ada-lovelace-2026-11-24");
});
