// The print dialog's label sheets and address fitting. Run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { labelSheet, labelSheets, labelProperties, fitSize } from "../js/print.js";

// As the core's vocabulary sends them (print.rs): Avery 5160 and L7160, in points.
const vocab = {
  label_sheets: [
    { paper: "letter", cols: 3, rows: 10, left: 13.5, top: 36, col_pitch: 198, row_pitch: 72, width: 189, height: 72 },
    { paper: "a4", cols: 3, rows: 7, left: 20.55, top: 42.94, col_pitch: 187.09, row_pitch: 108, width: 180, height: 108 },
  ],
  label_text: { inset_x: 8.64, inset_y: 5.76, max: 9, floor: 6.5, leading: 1.25, tight: 1.12, step: 0.25, smallest: 2 },
};
const LABEL_TEXT = vocab.label_text;

test("labels go in pages of a sheet's labels: 30 on Letter, 21 on A4", () => {
  const notes = Array.from({ length: 45 }, (_, i) => i);
  assert.deepEqual(labelSheets(notes, labelSheet(vocab, "letter")).map((p) => p.length), [30, 15]);
  assert.deepEqual(labelSheets(notes, labelSheet(vocab, "a4")).map((p) => p.length), [21, 21, 3]);
  assert.deepEqual(labelSheets([], labelSheet(vocab, "a4")), []);
  // A paper the vocabulary does not know gets the first sheet rather than none.
  assert.equal(labelSheet(vocab, "legal").paper, "letter");
});

test("the sheet's figures become the grid's properties, in points", () => {
  const p = labelProperties(labelSheet(vocab, "letter"), LABEL_TEXT);
  assert.equal(p["--label-cols"], "3");
  assert.equal(p["--label-w"], "189pt");
  assert.equal(p["--label-col-gap"], "9pt"); // ⅛ in between columns
  assert.equal(p["--label-row-gap"], "0pt");
  assert.equal(p["--label-top"], "36pt");
  assert.equal(p["--label-left"], "13.5pt");
  assert.equal(p["--label-size"], "9pt");
  assert.equal(p["--label-tight"], "1.12");
});

// A label 171pt wide and 60pt tall, text 0.6em a character, lines 1.25 apart.
const label = (lines) => (size, wrap) => {
  const per = Math.floor(171 / (0.6 * size));
  const count = wrap ? lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / per)), 0) : lines.length;
  const wide = !wrap && lines.some((l) => l.length > per);
  return !wide && count * size * 1.25 <= 60;
};

test("a short address keeps its size", () => {
  assert.deepEqual(fitSize(label(["Zoë Ångström", "1 Main St", "Portland, OR 97201"]), LABEL_TEXT), { size: 9, wrap: false });
});

test("a long line shrinks the address, not cut, and only wraps below the floor", () => {
  const long = "1600 Pennsylvania Avenue NW, Suite 1200"; // 39 characters: 9pt is too big
  const fit = fitSize(label(["Dana Whitfield", long]), LABEL_TEXT);
  assert.equal(fit.wrap, false);
  assert.ok(fit.size < 9 && fit.size >= LABEL_TEXT.floor, `${fit.size}`);
  assert.ok(label(["x", long])(fit.size, false));
  assert.ok(!label(["x", long])(fit.size + LABEL_TEXT.step, false), "the largest size that fits");

  const longer = "The Very Long Named Regional Association of Independent Orthodontic Practitioners";
  const wrapped = fitSize(label(["Dana Whitfield", longer]), LABEL_TEXT);
  assert.equal(wrapped.wrap, true);
  assert.ok(wrapped.size <= LABEL_TEXT.floor);
});

test("six lines fit the label's height", () => {
  const six = ["Dr. Alexandra Okonkwo", "Harbor Dental", "18 Harbor Way", "Building C", "Portland, OR 97201", "USA"];
  const fit = fitSize(label(six), LABEL_TEXT);
  assert.equal(fit.wrap, false);
  assert.ok(6 * fit.size * 1.25 <= 60 && fit.size >= LABEL_TEXT.floor, `${fit.size}`);
});

test("what never fits is drawn at the smallest size, whole", () => {
  assert.deepEqual(fitSize(() => false, LABEL_TEXT), { size: LABEL_TEXT.smallest, wrap: true });
});
