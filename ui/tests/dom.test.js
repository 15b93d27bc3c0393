// dom.js against a stand-in for the few DOM calls it makes. Run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

class FakeNode {
  constructor(tag) { this.tag = tag; this.children = []; this.dataset = {}; }
  append(...c) { this.children.push(...c); }
  prepend(...c) { this.children.unshift(...c); }
  replaceChildren(...c) { this.children = c; }
  setAttribute(k, v) { this[k] = v; }
  addEventListener() {}
  get textContent() { return this.text ?? this.children.map((c) => c.textContent).join(""); }
  set textContent(t) { this.text = t; }
}
globalThis.Node = FakeNode;
globalThis.document = {
  createElement: (tag) => new FakeNode(tag),
  createTextNode: (t) => Object.assign(new FakeNode("#text"), { text: t }),
};
const { el, append, prepend, clear } = await import("../js/dom.js");

test("null, undefined and false children are left out, never printed", () => {
  const node = el("div", {}, null, "a", undefined, false, [null, "b", [false, "c"]], 0);
  assert.equal(node.textContent, "abc0");
  append(node, null, "d");
  prepend(node, undefined, "z");
  assert.equal(node.textContent, "zabc0d");
  assert.equal(clear(node, null, "only").textContent, "only");
  assert.equal(clear(node).children.length, 0);
});
