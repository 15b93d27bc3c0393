// The print dialog's label sheets and address fitting. Run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { labelSheets, fitSize, LABEL_TEXT } from "../js/print.js";

test("labels go in pages of a sheet's labels: 30 on Letter, 21 on A4", () => {
  const notes = Array.from({ length: 45 }, (_, i) => i);
  assert.deepEqual(labelSheets(notes, "letter").map((p) => p.length), [30, 15]);
  assert.deepEqual(labelSheets(notes, "a4").map((p) => p.length), [21, 21, 3]);
  assert.deepEqual(labelSheets([], "a4"), []);
});

// A label 171pt wide and 60pt tall, text 0.6em a character, lines 1.25 apart.
const label = (lines) => (size, wrap) => {
  const per = Math.floor(171 / (0.6 * size));
  const count = wrap ? lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / per)), 0) : lines.length;
  const wide = !wrap && lines.some((l) => l.length > per);
  return !wide && count * size * 1.25 <= 60;
};

test("a short address keeps its size", () => {
  assert.deepEqual(fitSize(label(["Zoë Ångström", "1 Main St", "Portland, OR 97201"])), { size: 9, wrap: false });
});

test("a long line shrinks the address, not cut, and only wraps below the floor", () => {
  const long = "1600 Pennsylvania Avenue NW, Suite 1200"; // 39 characters: 9pt is too big
  const fit = fitSize(label(["Dana Whitfield", long]));
  assert.equal(fit.wrap, false);
  assert.ok(fit.size < 9 && fit.size >= LABEL_TEXT.floor, `${fit.size}`);
  assert.ok(label(["x", long])(fit.size, false));
  assert.ok(!label(["x", long])(fit.size + LABEL_TEXT.step, false), "the largest size that fits");

  const longer = "The Very Long Named Regional Association of Independent Orthodontic Practitioners";
  const wrapped = fitSize(label(["Dana Whitfield", longer]));
  assert.equal(wrapped.wrap, true);
  assert.ok(wrapped.size <= LABEL_TEXT.floor);
});

test("six lines fit the label's height", () => {
  const six = ["Dr. Alexandra Okonkwo", "Harbor Dental", "18 Harbor Way", "Building C", "Portland, OR 97201", "USA"];
  const fit = fitSize(label(six));
  assert.equal(fit.wrap, false);
  assert.ok(6 * fit.size * 1.25 <= 60 && fit.size >= LABEL_TEXT.floor, `${fit.size}`);
});

test("what never fits is drawn at the smallest size, whole", () => {
  assert.deepEqual(fitSize(() => false), { size: LABEL_TEXT.smallest, wrap: true });
});
