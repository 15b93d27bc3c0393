// A follow-up queue (Today, Upcoming, One-hit wonders, Stalled): due items under their
// group headings, each with why it is due and what to do. A queue is asked for a page of
// `QUEUE_PAGE`, rendered whole; the prospect list is the virtual one. A longer queue says
// how many more wait behind the page rather than end quietly.

import { el, clear, append } from "../dom.js";
import * as fmt from "../format.js";

/** The most items a queue shows at once: a morning's work, and the page the Today
 *  benchmark measures (each item is the engine's answer, worked out as it is asked). */
export const QUEUE_PAGE = 100;

/** "And 150 more: …" when more wait beyond the page `queue` is. */
export function moreNote(queue) {
  if (!queue.more) return null;
  return `And ${fmt.number(queue.more)} more: as you work through these, they move up.`;
}

export class QueueList {
  /** opts: {labels: {channel(v)}, onSelect(item), onOpen(item)} */
  constructor(root, opts) {
    this.root = root;
    this.opts = opts;
    this.items = [];
    this.selected = -1;
    root.addEventListener("click", (e) => {
      const node = e.target.closest(".due-item");
      if (node) this.select(Number(node.dataset.index));
    });
    root.addEventListener("dblclick", (e) => {
      if (e.target.closest(".due-item")) this.open();
    });
  }

  get total() {
    return this.items.length;
  }

  show(queue, { keepSelection = false } = {}) {
    const selectedId = keepSelection ? this.selectedRow()?.prospect.id : undefined;
    this.items = queue.items;
    this.more = moreNote(queue);
    this.selected = -1;
    if (selectedId !== undefined) {
      this.selected = this.items.findIndex((i) => i.prospect.id === selectedId);
    }
    this.render();
  }

  render() {
    const root = clear(this.root);
    let group = null;
    let list = null;
    this.items.forEach((item, index) => {
      if (item.group !== group) {
        group = item.group;
        const count = this.items.filter((i) => i.group === group).length;
        append(root, el("h3", { class: item.group === "Inbound" || item.group === "Overdue" ? "due-group due-group-hot" : "due-group" },
          el("span", { text: group }), el("span", { class: "due-group-count", text: String(count) })));
        list = el("ul", { class: "due-list" });
        append(root, list);
      }
      append(list, this.renderItem(item, index));
    });
    if (this.more) append(root, el("p", { class: "queue-more", id: "queue-more", text: this.more }));
  }

  renderItem(item, index) {
    const p = item.prospect;
    const d = item.due;
    const when = d.at ? fmt.relative(d.at) : "";
    const node = el("li", {
      class: d.urgent ? "due-item urgent" : "due-item",
      role: "option",
      "aria-selected": String(index === this.selected),
      dataset: { index, id: p.id },
    },
      el("div", { class: "due-top" },
        el("span", { class: "due-name", text: p.name }),
        el("span", { class: "due-when", title: fmt.dateTime(d.at), text: when })),
      el("div", { class: "due-top" },
        el("span", { class: "due-sub", text: [p.company, this.opts.labels.channel(d.channel)].filter(Boolean).join(" · ") }),
        // Progress toward the minimum (5, seed 002) and a first meeting (12, seed 004).
        el("span", { class: "due-progress", title: `${p.touchpoints} touchpoints so far`,
          text: `${Math.min(p.touchpoints, 5)}/5 · ${p.touchpoints}/12` })),
      el("div", { class: "due-purpose", text: d.purpose }),
      el("div", { class: "due-why", text: d.explanation }));
    return node;
  }

  selectedRow() {
    return this.items[this.selected];
  }

  select(index) {
    if (!this.items.length) return;
    this.selected = Math.max(0, Math.min(this.items.length - 1, index));
    for (const node of this.root.querySelectorAll(".due-item")) {
      node.setAttribute("aria-selected", String(Number(node.dataset.index) === this.selected));
    }
    const node = this.root.querySelector(`.due-item[data-index="${this.selected}"]`);
    node?.scrollIntoView({ block: "nearest" });
    this.opts.onSelect(this.items[this.selected]);
  }

  move(delta) {
    this.select(this.selected < 0 ? 0 : this.selected + delta);
  }

  open() {
    const item = this.selectedRow();
    if (item) this.opts.onOpen(item);
  }
}
