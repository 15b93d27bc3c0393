// Building DOM from data. Text is only ever set with textContent (never innerHTML), so
// nothing a user typed can become markup.
//
// Children go in through append() here, never the DOM's own append/prepend/
// replaceChildren: those print a null as the word "null", and `cond ? node : null` is
// how optional parts are written everywhere (ui/tests/rules.test.js checks this).

/**
 * el("div", {class: "row", dataset: {id: 3}, onclick: fn}, child, "text", ...)
 * Children as in append().
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "value") node.value = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  return append(node, ...children);
}

/** The children as nodes: arrays flattened; null, undefined and false left out; the rest as text. */
function nodes(children) {
  const out = [];
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    out.push(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return out;
}

/** Adds children at the end of `node`; returns `node`. */
export function append(node, ...children) {
  node.append(...nodes(children));
  return node;
}

/** Adds children at the start of `node`; returns `node`. */
export function prepend(node, ...children) {
  node.prepend(...nodes(children));
  return node;
}

/** Replaces everything in `node` with `children` (none: empties it); returns `node`. */
export function clear(node, ...children) {
  node.replaceChildren(...nodes(children));
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element: attributes set as given (numbers as text), `text` as its text content,
 * `on…` as listeners; children as `el` takes them. Charts are built only with this. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  return append(node, ...children);
}
