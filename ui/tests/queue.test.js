// The queue's page: a queue longer than a page says so, never ends quietly. Run with
// `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

import { FakeNode, installFakeDom } from "./support/fake_dom.js";

installFakeDom();
const { QueueList, moreNote } = await import("../js/views/queue.js");

const item = (id) => ({
  prospect: { id, name: `Person ${id}`, company: "", touchpoints: 1 },
  due: { at: "2026-11-24T15:00:00Z", channel: "call", purpose: "Call", explanation: "", urgent: false },
  group: "Overdue",
});
const items = (n) => Array.from({ length: n }, (_, i) => item(i + 1));

test("a queue with more beyond its page says how many", () => {
  assert.equal(moreNote({ items: items(3), total: 1234, more: 1231 }),
    "And 1,231 more: as you work through these, they move up.");
});

test("a queue that fits, or one short of its total for other reasons, says nothing", () => {
  assert.equal(moreNote({ items: items(3), total: 3, more: 0 }), null);
  // A paused prospect is counted in the total but has nothing due: not a second page.
  assert.equal(moreNote({ items: items(2), total: 3, more: 0 }), null);
});

test("the rendered queue ends with the note when it is cut", () => {
  const root = new FakeNode("div");
  const list = new QueueList(root, { labels: { channel: (c) => c } });
  list.show({ items: items(100), total: 250, more: 150 });
  const last = root.children.at(-1);
  assert.equal(last.id, "queue-more");
  assert.match(last.textContent, /^And 150 more/);
  list.show({ items: items(5), total: 5, more: 0 });
  assert.notEqual(root.children.at(-1).id, "queue-more");
});
