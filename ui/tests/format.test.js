// Unit tests of the UI's pure helpers, run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { relative, initials, count, localInputValue, isDate, size, touchTime } from "../js/format.js";
import { label, maxLength } from "../js/vocab.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const ago = (ms) => new Date(now - ms).toISOString();

test("relative times read the way people speak", () => {
  assert.equal(relative(ago(10e3), now), "just now");
  assert.equal(relative(ago(5 * 60e3), now), "5 minutes ago");
  assert.equal(relative(ago(3 * 3600e3), now), "3 hours ago");
  assert.equal(relative(ago(24 * 3600e3), now), "yesterday");
  assert.equal(relative(ago(21 * 24 * 3600e3), now), "3 weeks ago");
  assert.equal(relative(new Date(now + 2 * 24 * 3600e3).toISOString(), now), "in 2 days");
  assert.equal(relative(null, now), "");
});

test("initials come from the first and last word, skipping symbols", () => {
  assert.equal(initials("Jenny Lee"), "JL");
  assert.equal(initials("jenny de la Cruz"), "JC");
  assert.equal(initials("Madonna"), "M");
  assert.equal(initials("<img src=x>"), "S");
  assert.equal(initials("   "), "?");
});

test("counts pluralise", () => {
  assert.equal(count(1, "touch", "touches"), "1 touch");
  assert.equal(count(2, "touch", "touches"), "2 touches");
  assert.equal(count(0, "prospect"), "0 prospects");
});

test("datetime-local values are local wall-clock time", () => {
  const d = new Date(2026, 0, 5, 9, 7);
  assert.equal(localInputValue(d), "2026-01-05T09:07");
});


test("labels come from the vocabulary, whatever the list is keyed by", () => {
  const channels = [{ value: "call", label: "Call" }, { value: "email", label: "Email" }];
  assert.equal(label(channels, "email"), "Email");
  assert.equal(label(channels, "pigeon"), "pigeon");
  assert.equal(label(channels, null), "");
  assert.equal(label([{ name: "first_name", label: "First name" }], "first_name"), "First name");
  assert.equal(label([{ id: "a2", label: "Folded A2" }], "a2"), "Folded A2");
});

test("a date is a day that exists", () => {
  assert.ok(isDate("2026-12-25"));
  assert.ok(isDate("2028-02-29"));
  assert.ok(!isDate("2026-02-29"));
  assert.ok(!isDate("2026-13-01"));
  assert.ok(!isDate("2026-12-25 "));
  assert.ok(!isDate("25/12/2026"));
});

test("one-line inputs take their maxlength from the core's limits", () => {
  const vocab = { limits: { short_text: 200 } };
  assert.equal(maxLength(vocab, "short_text"), 200);
  // A limit the core doesn't send sets none (el() leaves undefined out).
  assert.equal(maxLength(vocab, "nope"), undefined);
  assert.equal(maxLength({}, "short_text"), undefined);
});

test("file sizes use decimal units, one decimal at most", () => {
  const n = (x) => x.toLocaleString(undefined, { maximumFractionDigits: 1 });
  assert.match(size(0), new RegExp(`^${n(0)}\\s?byte`));
  assert.match(size(999), new RegExp(`^${n(999)}\\s?byte`));
  assert.match(size(126976), new RegExp(`^${n(127)}\\s?kB$`));
  assert.match(size(12_400_000), new RegExp(`^${n(12.4)}\\s?MB$`));
  assert.match(size(2_000_000_000), new RegExp(`^${n(2)}\\s?GB$`));
});

test("a touch logged with the form's own time happened now, to the second", () => {
  const now = new Date(2026, 10, 24, 9, 31, 42);
  const shown = "2026-11-24T09:31";
  assert.equal(touchTime(shown, shown, now), now);
  assert.equal(touchTime("", shown, now), now);
  // A time the user set is taken as set.
  assert.equal(touchTime("2026-11-23T16:05", shown, now).getTime(), new Date(2026, 10, 23, 16, 5).getTime());
});
