// The shortcut table's key names, run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";

const { keyName, SHORTCUTS, isSubmitChord, outcomeDigit } = await import("../js/keys.js");

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

test("with Caps Lock on, a letter is still the key the user meant", () => {
  // Caps Lock turns j into "J" without Shift: still the next prospect, not nothing.
  for (const letter of ["j", "k", "n", "l", "s", "p", "x"]) {
    assert.equal(keyName(press(letter.toUpperCase())), letter, `Caps Lock ${letter}`);
  }
  // Shift+S is skip whatever Caps Lock says (with it on, Shift gives a lower-case "s").
  assert.equal(keyName(press("s", { shiftKey: true })), "S");
  assert.equal(keyName(press("S", { shiftKey: true })), "S");
  // Snooze with Caps Lock on is snooze, not skip.
  const action = (e) => SHORTCUTS.find((s) => s.keys.includes(keyName(e)))?.action;
  assert.equal(action(press("S")), "snooze");
  assert.equal(action(press("S", { shiftKey: true })), "skip");
  assert.equal(action(press("J")), "next");
  // Keys that are not letters are left as they are.
  assert.equal(keyName(press("?", { shiftKey: true })), "?");
  assert.equal(keyName(press("/")), "/");
  assert.equal(keyName(press("Escape")), "Escape");
  assert.equal(keyName(press("ArrowDown", { shiftKey: true })), "ArrowDown");
  assert.equal(keyName(press("Z", { ctrlKey: true })), "Ctrl+Z", "Caps Lock does not make Ctrl+Z a redo");
});

test("Ctrl+Enter is the save chord; Enter alone or with Alt is not", () => {
  assert.equal(isSubmitChord(press("Enter", { ctrlKey: true })), true);
  assert.equal(isSubmitChord(press("Enter", { metaKey: true })), true);
  assert.equal(isSubmitChord(press("Enter")), false);
  assert.equal(isSubmitChord(press("Enter", { ctrlKey: true, altKey: true })), false);
  assert.equal(isSubmitChord(press("e", { ctrlKey: true })), false);
});

test("a digit picks an outcome from 1 up to how many there are, without modifiers", () => {
  assert.equal(outcomeDigit(press("1"), 8), 1);
  assert.equal(outcomeDigit(press("8"), 8), 8);
  assert.equal(outcomeDigit(press("9"), 8), 0);
  assert.equal(outcomeDigit(press("0"), 8), 0);
  assert.equal(outcomeDigit(press("12"), 8), 0);
  assert.equal(outcomeDigit(press("a"), 8), 0);
  assert.equal(outcomeDigit(press("3", { ctrlKey: true }), 8), 0);
  assert.equal(outcomeDigit(press("3", { altKey: true }), 8), 0);
});
