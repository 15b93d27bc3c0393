// The prospect list. Only the rows in view exist in the DOM, and only the pages in view
// are fetched from the core, so 100,000 prospects scroll as smoothly as ten.

import { el, clear, append } from "../dom.js";
import * as fmt from "../format.js";

const PAGE = 100;      // rows per request; matches the core's default page
const OVERSCAN = 8;    // rows rendered beyond each edge, so fast scrolling shows no gaps
// Pages kept once fetched: those around the view (scrolling back a little is instant)
// and the selected row's. Scrolling through 100,000 rows would otherwise hold every
// one of them in the window's memory.
const KEPT_PAGES = 12;
// Row elements kept for the rows scrolled in next: a screenful and more.
const SPARE_ROWS = 64;

export class ProspectList {
  /**
   * @param {HTMLElement} viewport  the scrolling element
   * @param {HTMLElement} spacer    a child sized to the full list height
   * @param {object} opts {fetchPage(offset, limit) -> Promise<page>, labels, onSelect(row), onOpen(row), onTotal(n)}
   */
  constructor(viewport, spacer, opts) {
    this.viewport = viewport;
    this.spacer = spacer;
    this.opts = opts;
    this.rowHeight = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--row-h")) || 60;
    this.total = 0;
    this.pages = new Map();      // page index -> rows, at most KEPT_PAGES of them (see evict)
    this.pending = new Map();    // page index -> promise
    this.generation = 0;         // bumps on every reset; late answers from old queries are dropped
    this.selected = -1;
    this.nodes = new Map();      // row index -> element currently shown
    this.spare = [];             // row elements scrolled out, for the next rows in (see rowNode)
    viewport.addEventListener("scroll", () => this.render(), { passive: true });
    new ResizeObserver(() => this.render()).observe(viewport);
    viewport.addEventListener("click", (e) => {
      const node = e.target.closest(".row");
      if (node) this.select(Number(node.dataset.index));
    });
    viewport.addEventListener("dblclick", (e) => {
      const node = e.target.closest(".row");
      if (node) this.open();
    });
  }

  /** Starts over for a new query. Resolves once the first page is on screen. */
  async reset({ keepSelection = false } = {}) {
    const selectedId = keepSelection ? this.selectedRow()?.id : undefined;
    this.generation += 1;
    this.pages.clear();
    this.pending.clear();
    if (!keepSelection) {
      this.selected = -1;
      this.viewport.scrollTop = 0;
    }
    const firstPage = Math.floor(Math.max(0, keepSelection ? this.selected : 0) / PAGE);
    await this.load(0);
    if (firstPage !== 0) await this.load(firstPage);
    if (keepSelection && selectedId !== undefined) {
      // Keep the same person selected if they are still where we saw them; otherwise
      // keep the position, which is what the eye expects after an edit.
      const row = this.rowAt(this.selected);
      if (!row || row.id !== selectedId) this.selected = Math.min(this.selected, this.total - 1);
    }
    this.render();
  }

  async load(pageIndex) {
    if (this.pages.has(pageIndex)) return;
    if (this.pending.has(pageIndex)) return this.pending.get(pageIndex);
    const generation = this.generation;
    const promise = this.opts
      .fetchPage(pageIndex * PAGE, PAGE)
      .then((page) => {
        if (generation !== this.generation) return;
        this.pages.set(pageIndex, page.rows);
        if (page.total !== this.total) {
          this.total = page.total;
          this.opts.onTotal(page.total);
        }
        this.render();
      })
      .finally(() => {
        if (generation === this.generation) this.pending.delete(pageIndex);
      });
    this.pending.set(pageIndex, promise);
    return promise;
  }

  rowAt(index) {
    return this.pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  }

  selectedRow() {
    return this.selected >= 0 ? this.rowAt(this.selected) : undefined;
  }

  render() {
    this.spacer.style.height = `${this.total * this.rowHeight}px`;
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - OVERSCAN);
    const last = Math.min(this.total - 1, Math.ceil((top + height) / this.rowHeight) + OVERSCAN);

    const [firstPage, lastPage] = [Math.floor(first / PAGE), Math.floor(Math.max(last, 0) / PAGE)];
    for (let p = firstPage; p <= lastPage; p++) {
      if (this.total > 0 && !this.pages.has(p)) this.load(p).catch(this.opts.onError);
    }
    this.evict(firstPage, lastPage);
    for (const [index, node] of this.nodes) {
      if (index < first || index > last) {
        node.remove();
        this.nodes.delete(index);
        if (this.spare.length < SPARE_ROWS) this.spare.push(node);
      }
    }
    for (let i = first; i <= last; i++) {
      const row = this.rowAt(i);
      const key = row ? `${row.id}:${row.touchpoints}:${row.last_touch_at}:${row.name}:${row.title}:${row.company}:${row.status}` : "loading";
      let node = this.nodes.get(i);
      if (!node) {
        node = this.spare.pop() ?? rowNode();
        append(this.viewport, node);
        this.nodes.set(i, node);
      }
      if (node.dataset.index !== String(i) || node.dataset.key !== key) this.fillRow(node, i, row, key);
      node.setAttribute("aria-selected", String(i === this.selected));
    }
  }

  /** Forgets the pages farthest from the view, past KEPT_PAGES; never a page in view or
   *  the selected row's. A forgotten page is fetched again if it comes back into view. */
  evict(firstPage, lastPage) {
    if (this.pages.size <= KEPT_PAGES) return;
    const selectedPage = this.selected >= 0 ? Math.floor(this.selected / PAGE) : -1;
    const distance = (p) => (p < firstPage ? firstPage - p : p > lastPage ? p - lastPage : 0);
    const farthestFirst = [...this.pages.keys()]
      .filter((p) => distance(p) > 0 && p !== selectedPage)
      .sort((a, b) => distance(b) - distance(a));
    for (const p of farthestFirst) {
      if (this.pages.size <= KEPT_PAGES) break;
      this.pages.delete(p);
    }
  }

  /** Shows row `index` (`row` if its page is here, else a placeholder) in `node`. */
  fillRow(node, index, row, key) {
    const { name, sub, meta, touches, pill, when } = node.parts;
    node.className = row ? "row" : "row placeholder";
    node.dataset.index = index;
    node.dataset.key = key;
    node.style.transform = `translateY(${index * this.rowHeight}px)`;
    meta.hidden = !row;
    if (!row) {
      delete node.dataset.id;
      name.textContent = "";
      sub.textContent = "";
      return;
    }
    node.dataset.id = row.id;
    name.textContent = row.name;
    sub.textContent = [row.title, row.company].filter(Boolean).join(" · ") || "\u00a0";
    // Active pursuit is the norm; only the exceptions earn a badge.
    const active = row.status === "active";
    touches.hidden = !active;
    pill.hidden = active;
    if (active) touches.textContent = fmt.count(row.touchpoints, "touchpoint");
    else {
      pill.className = `pill pill-${row.status}`;
      pill.textContent = this.opts.labels.status(row.status);
    }
    when.textContent = row.last_touch_at ? `touched ${fmt.relative(row.last_touch_at)}` : "not touched yet";
  }

  select(index, { scroll = true } = {}) {
    if (this.total === 0) return;
    this.selected = Math.max(0, Math.min(this.total - 1, index));
    if (scroll) this.scrollIntoView(this.selected);
    this.render();
    const row = this.rowAt(this.selected);
    if (row) this.opts.onSelect(row);
    else this.load(Math.floor(this.selected / PAGE)).then(() => {
      const loaded = this.rowAt(this.selected);
      if (loaded) this.opts.onSelect(loaded);
    }).catch(this.opts.onError);
  }

  move(delta) {
    this.select(this.selected < 0 ? 0 : this.selected + delta);
  }

  open() {
    const row = this.selectedRow();
    if (row) this.opts.onOpen(row);
  }

  scrollIntoView(index) {
    const top = index * this.rowHeight;
    const bottom = top + this.rowHeight;
    const view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (bottom > view.scrollTop + view.clientHeight) view.scrollTop = bottom - view.clientHeight;
  }

  /** Selects the row with this id if it is loaded (e.g. right after creating it). */
  selectId(id) {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return this.select(p * PAGE + i), true;
    }
    return false;
  }
}

/** A row's elements, filled in by `fillRow` and used again for other rows as the list
 *  scrolls: scrolling 100,000 rows makes a screenful of them, not 100,000. */
function rowNode() {
  const parts = {
    name: el("div", { class: "row-name" }),
    sub: el("div", { class: "row-sub" }),
    touches: el("div", { class: "row-touches" }),
    pill: el("span", { class: "pill" }),
    when: el("div"),
  };
  parts.meta = el("div", { class: "row-meta" }, parts.touches, parts.pill, parts.when);
  const node = el("div", { class: "row", role: "option" }, el("div", { class: "row-main" }, parts.name, parts.sub), parts.meta);
  node.parts = parts;
  return node;
}

export function emptyState(container, { title, body, action }) {
  clear(container,
    el("img", { class: "empty-art", src: "img/logo.svg", alt: "" }),
    el("h2", { text: title }),
    el("p", { text: body }),
    action ?? null,
  );
}
