// dom.js against a stand-in for the few DOM calls it makes. Run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

import { installFakeDom } from "./support/fake_dom.js";

installFakeDom();
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
