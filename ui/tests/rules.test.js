// The UI's house rules, checked in its source: each rule lives in one module, and the
// rest of the UI goes through it. Run with `node --test ui/tests/`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("../js/", import.meta.url).pathname;
const files = (dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".js") ? [join(dir, d.name)] : []));
const sources = files(root).map((path) => ({ name: relative(root, path), lines: readFileSync(path, "utf8").split("\n") }));

/** Lines of files other than `except` matching `pattern`, as "file:line: text". */
function offenders(pattern, except) {
  return sources.filter((s) => !except.includes(s.name)).flatMap((s) =>
    s.lines.flatMap((line, i) => (pattern.test(line.replace(/\/\/.*$/, "")) ? [`${s.name}:${i + 1}: ${line.trim()}`] : [])));
}

test("children go in through dom.js, which leaves out null (the DOM's own append prints it)", () => {
  assert.deepEqual(offenders(/\.(append|prepend|replaceChildren|before|after)\(/, ["dom.js"]), []);
});

test("text is set as text, never as markup", () => {
  assert.deepEqual(offenders(/\b(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write/, []), []);
});

test("api.js is the only caller of invoke", () => {
  assert.deepEqual(offenders(/\binvoke\b|__TAURI__/, ["api.js"]), []);
});

test("labels are looked up in vocab.js only", () => {
  assert.deepEqual(offenders(/\?\.label\b|\.label \?\?/, ["vocab.js"]), []);
});

test("keys and buttons call actions; nothing clicks a button to get something done", () => {
  assert.deepEqual(offenders(/\.click\(\)/, []), []);
});

test("dialogs are built, opened and closed by dialog.js", () => {
  assert.deepEqual(offenders(/"overlay"|role: "dialog"|dialog-body|\[data-close\]/, ["dialog.js"]), []);
  assert.doesNotMatch(readFileSync(new URL("../index.html", import.meta.url), "utf8"), /class="overlay"/);
});

test("every shortcut names an action that actions.js defines", () => {
  const keys = readFileSync(new URL("../js/keys.js", import.meta.url), "utf8");
  const actions = readFileSync(new URL("../js/actions.js", import.meta.url), "utf8");
  const named = [...keys.matchAll(/action: "(\w+)"/g)].map((m) => m[1]);
  const defined = new Set([...actions.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]));
  assert.ok(named.length > 10);
  assert.deepEqual(named.filter((n) => !defined.has(n)), []);
});
