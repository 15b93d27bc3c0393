// The shortcut table's key names, run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

const { keyName, SHORTCUTS } = await import("../js/keys.js");

const press = (key, mods = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

test("a held Ctrl or Cmd names the chord; a plain key is itself", () => {
  assert.equal(keyName(press("z", { ctrlKey: true })), "Ctrl+Z");
  assert.equal(keyName(press("z", { metaKey: true })), "Ctrl+Z");
  assert.equal(keyName(press("Z", { ctrlKey: true, shiftKey: true })), "Ctrl+Shift+Z", "redo is not undo");
  assert.equal(keyName(press("Enter", { ctrlKey: true })), "Ctrl+Enter");
  assert.equal(keyName(press("S", { shiftKey: true })), "S");
  assert.equal(keyName(press("d")), "d");
});

test("undo and Recently deleted are in the table, so the help overlay lists them", () => {
  const find = (action) => SHORTCUTS.find((s) => s.action === action)?.keys;
  assert.deepEqual(find("undo"), ["Ctrl+Z"]);
  assert.deepEqual(find("trash"), ["d"]);
  const all = SHORTCUTS.flatMap((s) => s.keys);
  assert.equal(new Set(all).size, all.length, "no key does two things");
});
