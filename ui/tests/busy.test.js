// One save at a time (busy.js), run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { oneAtATime } from "../js/busy.js";

/** A save that finishes when the test says so. */
function slowSave() {
  const calls = [];
  let finish;
  const save = (value) => {
    calls.push(value);
    return new Promise((resolve) => { finish = () => resolve(`saved ${value}`); });
  };
  return { calls, save, finish: () => finish() };
}

test("a second call while the first is saving does nothing", async () => {
  const { calls, save, finish } = slowSave();
  const busy = [];
  const guarded = oneAtATime(save, (b) => busy.push(b));
  const first = guarded("a");
  assert.equal(guarded.busy(), true);
  assert.equal(await guarded("b"), undefined, "the second press is dropped");
  assert.deepEqual(calls, ["a"]);
  finish();
  assert.equal(await first, "saved a");
  assert.equal(guarded.busy(), false);
  assert.deepEqual(busy, [true, false], "told once when it starts and once when it stops");
  // Once it is done, the next press saves again.
  const again = guarded("c");
  finish();
  assert.equal(await again, "saved c");
  assert.deepEqual(calls, ["a", "c"]);
});

test("a failed save frees it for the next try, and its error reaches the caller", async () => {
  let fail = true;
  const guarded = oneAtATime(async () => {
    if (fail) throw new Error("refused");
    return "ok";
  });
  await assert.rejects(guarded(), /refused/);
  assert.equal(guarded.busy(), false);
  fail = false;
  assert.equal(await guarded(), "ok");
});

test("a save that is not a promise is guarded too", async () => {
  let n = 0;
  const guarded = oneAtATime(() => { n += 1; return n; });
  assert.equal(await guarded(), 1);
  assert.equal(await guarded(), 2);
});
