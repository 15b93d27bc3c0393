// The print dialog's sheet, laid out as the core lays out the PDF (print.rs): the same
// label sheets, and an address fitted to its label the same way (largest size that fits,
// down to a floor, then wrapped, then smaller still; never cut). Pure, so node tests it.

/**
 * The label sheet for `paper` from the vocabulary (print.rs's figures, in points: the
 * PDF's sheet is laid out from the same ones).
 */
export function labelSheet(vocab, paper) {
  return vocab.label_sheets.find((s) => s.paper === paper) ?? vocab.label_sheets[0];
}

/** The notes in pages of a sheet's labels. */
export function labelSheets(notes, sheet) {
  const per = sheet.cols * sheet.rows;
  const out = [];
  for (let i = 0; i < notes.length; i += per) out.push(notes.slice(i, i + per));
  return out;
}

/**
 * The sheet's layout as CSS custom properties (app.css's `.print-labels` reads them), in
 * points, with the text's sizes, leading and insets.
 */
export function labelProperties(sheet, text) {
  const pt = (n) => `${n}pt`;
  return {
    "--label-cols": String(sheet.cols),
    "--label-w": pt(sheet.width),
    "--label-h": pt(sheet.height),
    "--label-col-gap": pt(sheet.col_pitch - sheet.width),
    "--label-row-gap": pt(sheet.row_pitch - sheet.height),
    "--label-top": pt(sheet.top),
    "--label-left": pt(sheet.left),
    "--label-inset-x": pt(text.inset_x),
    "--label-inset-y": pt(text.inset_y),
    "--label-size": pt(text.max),
    "--label-leading": String(text.leading),
    "--label-tight": String(text.tight),
  };
}

/**
 * The size (pt) to set a block at, and whether its lines wrap: the largest size from
 * `max` down to `floor` at which `fits(size, false)`; below that, wrapped, the largest
 * from `floor` down to `smallest` at which `fits(size, true)`. `fits` measures the block
 * as drawn. If nothing fits, the smallest size, wrapped (drawn whole, never cut). The
 * sizes are the vocabulary's `label_text` (print.rs's).
 */
export function fitSize(fits, { max, floor, smallest, step }) {
  const sizes = (from, to) => {
    const out = [];
    for (let i = 0; from - i * step >= to - 1e-9; i++) out.push(Math.round((from - i * step) * 100) / 100);
    return out;
  };
  for (const size of sizes(max, floor)) if (fits(size, false)) return { size, wrap: false };
  for (const size of sizes(floor, smallest)) if (fits(size, true)) return { size, wrap: true };
  return { size: smallest, wrap: true };
}
