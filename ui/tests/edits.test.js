import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeEdits } from "../js/edits.js";

const base = { name: "Jenny Lee", status: "active", notes: "", tags: ["dental"] };

test("the newer values are kept and the user's own changes go on top", () => {
  const mine = { ...base, notes: "Loves sailing", tags: ["dental", "warm"] };
  const theirs = { ...base, status: "do_not_contact" };
  assert.deepEqual(mergeEdits(base, mine, theirs), {
    values: { name: "Jenny Lee", status: "do_not_contact", notes: "Loves sailing", tags: ["dental", "warm"] },
    changed: ["status"],
    conflicts: [],
  });
});

test("a field both changed keeps the newer value and is named", () => {
  const mine = { ...base, status: "handed_off" };
  const theirs = { ...base, status: "do_not_contact" };
  assert.deepEqual(mergeEdits(base, mine, theirs), { values: theirs, changed: ["status"], conflicts: ["status"] });
});

test("the same change on both sides is no conflict", () => {
  const mine = { ...base, status: "nurture" };
  assert.deepEqual(mergeEdits(base, mine, mine), { values: mine, changed: ["status"], conflicts: [] });
});
