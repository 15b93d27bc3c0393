// What the window shows right now: the query, the view, the open prospect, the lists.
// Plain data and the two questions every part asks of it; no rendering here.

export const state = {
  vocab: null,
  query: { text: "", status: null, stage: null, tag: null, sort: "name" },
  overview: null,
  open: null,      // the ProspectDetail shown in the pane, if any
  pane: null,      // its controls (see views/detail.js), while it is shown
  mode: "none",    // "none" | "detail" | "form"
  view: "today",   // "today" | "upcoming" | "notes" | "one_hit" | "stalled" | "all"
  insights: false, // the Insights view covers the list and the pane (the view stays as it was)
  counts: {},      // queue totals for the sidebar
  plans: [],
  templates: [],
  /** Resolves once the plans and templates a prospect's pane needs are loaded. */
  paneDataLoaded: Promise.resolve(),
};

/** The sidebar's views, in order. Labels are functions where they carry the core's
 * figures (how far ahead Upcoming looks), which arrive with the vocabulary. */
export const VIEWS = [
  { id: "today", label: "Today" },
  { id: "upcoming", label: () => `Upcoming (${state.vocab.horizon_days} days)` },
  { id: "notes", label: "Notes to write" },
  { id: "one_hit", label: "One-hit wonders" },
  { id: "stalled", label: "Stalled" },
  { id: "all", label: "All prospects" },
];

/** The follow-up queues the core computes (everything in the sidebar but All and Notes). */
export const QUEUES = ["today", "upcoming", "one_hit", "stalled"];

/** The three lists, made at start-up (main.js): prospects, a queue, notes to write. */
export const lists = { prospects: null, queue: null, notes: null };

/** Whichever list the keyboard drives: the prospect list, the notes, or a queue. */
export function activeList() {
  return state.view === "all" ? lists.prospects : state.view === "notes" ? lists.notes : lists.queue;
}

/** Puts the focus back on the list being shown. */
export function focusList() {
  (state.view === "all" ? lists.prospects.viewport : activeList().root).focus();
}

/** A view's label, for views whose label is worked out from the vocabulary. */
export function viewLabel(view) {
  return typeof view.label === "function" ? view.label() : view.label;
}
