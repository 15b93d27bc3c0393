// A stand-in for the few DOM calls the UI's modules make, for tests run by node (no
// browser): nodes keep their children, attributes and text, and nothing is drawn.

export class FakeNode {
  constructor(tag) { this.tag = tag; this.children = []; this.dataset = {}; }
  append(...c) { this.children.push(...c); }
  prepend(...c) { this.children.unshift(...c); }
  replaceChildren(...c) { this.children = c; }
  setAttribute(k, v) { this[k] = v; }
  addEventListener() {}
  get textContent() { return this.text ?? this.children.map((c) => c.textContent).join(""); }
  set textContent(t) { this.text = t; }
}

/** Makes `Node` and `document` the stand-ins; call before importing a UI module. */
export function installFakeDom() {
  globalThis.Node = FakeNode;
  globalThis.document = {
    createElement: (tag) => new FakeNode(tag),
    createTextNode: (t) => Object.assign(new FakeNode("#text"), { text: t }),
  };
}
