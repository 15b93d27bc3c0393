// Charts as plain SVG: bar charts (grouped or stacked, with an optional shaded band and
// a threshold line) and a heat map. Colours come from the app's tokens through CSS
// classes, so light and dark follow the theme; `toPng` inlines them for the image.
// Every label is text content: no user text is ever parsed as markup.

import { svg, append } from "./dom.js";
import { number } from "./format.js";

const W = 640;
const H = 240;
const PAD = { left: 44, right: 12, top: 14, bottom: 40 };

/** A round axis maximum at or above `max`, and its tick step (whole numbers when the
 * values are counts: no "0.25 prospects"). */
export function niceScale(max, integer = true) {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = steps.map((m) => m * power).find((s) => s >= rough);
  if (integer) step = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / step) * step, step };
}

/**
 * A bar chart. `categories`: the x labels; `series`: [{name, values, cls}]; `stacked`
 * stacks the series, otherwise they stand side by side. `band`: [first, last] category
 * indexes shaded with `bandLabel`; `threshold`: {value, label} drawn as a line.
 * `onBar(seriesIndex, categoryIndex)`: a click on a bar. `label`: the chart's summary
 * for screen readers (the table view has the numbers).
 */
export function barChart({ categories, series, stacked = false, band = null, bandLabel = "",
  threshold = null, onBar = null, label = "", format = number, integer = true }) {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const totals = categories.map((_, i) => stacked
    ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
    : Math.max(0, ...series.map((s) => s.values[i] ?? 0)));
  const { top, step } = niceScale(Math.max(...totals, threshold?.value ?? 0), integer);
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(categories.length, 1);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": label });

  if (band) {
    const [from, to] = band;
    append(root, svg("rect", {
      class: "chart-band", x: PAD.left + from * slot, y: PAD.top, width: (to - from + 1) * slot, height: plotH,
    }), svg("text", {
      class: "chart-band-label", x: PAD.left + (from + (to - from + 1) / 2) * slot, y: PAD.top + 11,
      "text-anchor": "middle", text: bandLabel,
    }));
  }
  for (let v = 0; v <= top + 1e-9; v += step) {
    append(root,
      svg("line", { class: "chart-grid", x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v) }),
      svg("text", { class: "chart-tick", x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", text: format(v) }));
  }
  const every = Math.ceil(categories.length / 16);
  categories.forEach((name, i) => {
    if (i % every) return;
    append(root, svg("text", {
      class: "chart-tick", x: PAD.left + (i + 0.5) * slot, y: H - PAD.bottom + 16, "text-anchor": "middle", text: name,
    }));
  });

  const gap = Math.min(6, slot * 0.2);
  // Few categories would make slabs, not bars: a bar is at most 48 wide, centred.
  const groupW = Math.min(slot - gap, 48 * (stacked ? 1 : series.length));
  const barW = stacked ? groupW : groupW / series.length;
  const inset = (slot - groupW) / 2;
  categories.forEach((name, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      const x = PAD.left + i * slot + inset + (stacked ? 0 : k * barW);
      const y0 = stacked ? y(base + v) : y(v);
      const h = stacked ? y(base) - y(base + v) : y(0) - y(v);
      base += stacked ? v : 0;
      const rect = svg("rect", {
        class: `chart-bar ${s.cls}${onBar ? " chart-clickable" : ""}`,
        x, y: y0, width: Math.max(barW - (stacked ? 0 : 1), 1), height: Math.max(h, 0.5),
        onclick: onBar ? () => onBar(k, i) : null,
      }, svg("title", { text: `${name} · ${s.name}: ${format(v)}` }));
      append(root, rect);
    });
  });
  if (threshold) {
    append(root,
      svg("line", { class: "chart-threshold", x1: PAD.left, x2: W - PAD.right, y1: y(threshold.value), y2: y(threshold.value) }),
      svg("text", { class: "chart-threshold-label", x: W - PAD.right, y: y(threshold.value) - 4, "text-anchor": "end", text: threshold.label }));
  }
  append(root, svg("line", { class: "chart-axis", x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0) }));
  return root;
}

/**
 * A heat map: `rows` × `cols` labels, `cell(r, c)` → {value: 0..1 or null, text, title}.
 * Cells without a value are left empty.
 */
export function heatMap({ rows, cols, cell, label = "" }) {
  const left = 40, topPad = 8, bottom = 24;
  const cw = (W - left - PAD.right) / cols.length;
  const ch = (H - topPad - bottom) / rows.length;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": label });
  rows.forEach((rowName, r) => {
    append(root, svg("text", { class: "chart-tick", x: left - 6, y: topPad + (r + 0.5) * ch + 4, "text-anchor": "end", text: rowName }));
    cols.forEach((_, c) => {
      const { value, text, title } = cell(r, c);
      const x = left + c * cw, yy = topPad + r * ch;
      if (value === null || value === undefined) {
        append(root, svg("rect", { class: "heat-empty", x: x + 1, y: yy + 1, width: cw - 2, height: ch - 2, rx: 3 }));
        return;
      }
      append(root, svg("rect", {
        class: "heat-cell", x: x + 1, y: yy + 1, width: cw - 2, height: ch - 2, rx: 3,
        "fill-opacity": (0.15 + 0.85 * value).toFixed(3),
      }, svg("title", { text: title })));
      if (cw > 22) {
        append(root, svg("text", {
          class: value > 0.55 ? "heat-text heat-text-strong" : "heat-text",
          x: x + cw / 2, y: yy + ch / 2 + 4, "text-anchor": "middle", text,
        }));
      }
    });
  });
  cols.forEach((name, c) => {
    append(root, svg("text", { class: "chart-tick", x: left + (c + 0.5) * cw, y: H - 8, "text-anchor": "middle", text: name }));
  });
  return root;
}

/** The SVG properties a chart's look depends on, copied inline for the image. */
const PAINT = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "opacity",
  "font-family", "font-size", "font-weight"];

/**
 * A chart as PNG bytes (twice its size for sharpness), on the theme's surface colour.
 * The SVG is copied with its computed colours inline (an image has no style sheet),
 * drawn on a canvas, and encoded there.
 */
export async function toPng(chart, background) {
  const copy = chart.cloneNode(true);
  const from = [chart, ...chart.querySelectorAll("*")];
  const to = [copy, ...copy.querySelectorAll("*")];
  from.forEach((node, i) => {
    const style = getComputedStyle(node);
    for (const p of PAINT) to[i].style.setProperty(p, style.getPropertyValue(p));
  });
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(W * 2));
  copy.setAttribute("height", String(H * 2));
  const text = new XMLSerializer().serializeToString(copy);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = W * 2;
    canvas.height = H * 2;
    const g = canvas.getContext("2d");
    g.fillStyle = background;
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The chart could not be drawn as an image."))), "image/png"));
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
