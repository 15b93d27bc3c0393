// The print dialog's sheet, laid out as the core lays out the PDF (print.rs): the same
// label sheets, and an address fitted to its label the same way (largest size that fits,
// down to a floor, then wrapped, then smaller still; never cut). Pure, so node tests it.

/** Labels per page: Avery 5160 on Letter (3 × 10), L7160 on A4 (3 × 7), as in print.rs. */
export const LABELS_PER_SHEET = { letter: 30, a4: 21 };

/** The notes in pages of labels for `paper`. */
export function labelSheets(notes, paper) {
  const per = LABELS_PER_SHEET[paper] ?? LABELS_PER_SHEET.letter;
  const out = [];
  for (let i = 0; i < notes.length; i += per) out.push(notes.slice(i, i + per));
  return out;
}

/** A label's address: up to 9pt, shrinking to 6.5pt before a line wraps (print.rs's figures). */
export const LABEL_TEXT = { max: 9, floor: 6.5, smallest: 2, step: 0.25 };

/**
 * The size (pt) to set a block at, and whether its lines wrap: the largest size from
 * `max` down to `floor` at which `fits(size, false)`; below that, wrapped, the largest
 * from `floor` down to `smallest` at which `fits(size, true)`. `fits` measures the block
 * as drawn. If nothing fits, the smallest size, wrapped (drawn whole, never cut).
 */
export function fitSize(fits, { max, floor, smallest, step } = LABEL_TEXT) {
  const sizes = (from, to) => {
    const out = [];
    for (let i = 0; from - i * step >= to - 1e-9; i++) out.push(Math.round((from - i * step) * 100) / 100);
    return out;
  };
  for (const size of sizes(max, floor)) if (fits(size, false)) return { size, wrap: false };
  for (const size of sizes(floor, smallest)) if (fits(size, true)) return { size, wrap: true };
  return { size: smallest, wrap: true };
}
