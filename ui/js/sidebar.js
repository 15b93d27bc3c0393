// The sidebar and the list pane's header: the views (Today, Upcoming, …) with their
// counts, the status, stage and tag filters, search and sort; which list is shown, its
// count and its empty state. Changing the view or the query lands here.

import * as api from "./api.js";
import { el, clear, append, $ } from "./dom.js";
import * as fmt from "./format.js";
import { label } from "./vocab.js";
import { showError } from "./toast.js";
import { emptyState } from "./views/list.js";
import { QUEUE_PAGE } from "./views/queue.js";
import { state, lists, VIEWS, QUEUES, viewLabel } from "./state.js";

/** Insights is loaded the first time it is opened: nothing of it is on the first frame. */
let insights = null;

/** What the list pane's empty states offer to do: {newProspect(), importContacts(),
 * addSamples()}. */
let actions = { newProspect: () => {}, importContacts: () => {}, addSamples: () => {} };

/** The search box's pending query: the pause's timer, and the last search started. */
let searchTimer;
let searching = Promise.resolve();

function search(text) {
  searching = setQuery({ text });
  return searching;
}

/**
 * Runs the search box's query now if it is still waiting out the pause, and resolves
 * once the list shows the results for what the box holds (Enter opens the first of them).
 */
export function flushSearch() {
  clearTimeout(searchTimer);
  const text = $("#search").value;
  return text === state.query.text ? searching : search(text);
}

/** Wires search, sort and the stage filter; `given` is what empty states offer to do. */
export function initSidebar(given) {
  actions = given;
  const stage = $("#stage-filter");
  append(stage, el("option", { value: "", text: "Any stage" }),
    ...state.vocab.stages.map((s) => el("option", { value: s.value, text: s.label })));
  stage.addEventListener("change", () => setQuery({ stage: stage.value || null }));

  $("#sort").addEventListener("change", (e) => setQuery({ sort: e.target.value }));

  $("#search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    // A short pause coalesces bursts of typing into one query; each is a few ms anyway.
    searchTimer = setTimeout(() => search(e.target.value), 60);
  });
}

export function renderSidebar() {
  // The view buttons are built once and then only updated: counts change while the user
  // may be clicking, and a button rebuilt under the pointer would swallow the click.
  const nav = $("#view-nav");
  if (!nav.children.length) {
    append(nav, ...VIEWS.map((v) => el("li", {},
      el("button", { class: "filter", type: "button", dataset: { view: v.id }, onclick: () => setView(v.id) },
        el("span", { class: "filter-label", text: viewLabel(v) }),
        el("span", { class: "filter-count" })))));
  }
  $("#insights-button").setAttribute("aria-pressed", String(state.insights));
  for (const v of VIEWS) {
    const button = nav.querySelector(`[data-view="${v.id}"]`);
    button.setAttribute("aria-pressed", String(state.view === v.id && !state.insights));
    button.querySelector(".filter-count").textContent =
      fmt.number(v.id === "all" ? state.overview.total : state.counts[v.id] ?? 0);
  }
  const ov = state.overview;
  const item = (value, text, n) => el("li", {},
    el("button", {
      class: "filter", type: "button", "aria-pressed": String(state.query.status === value),
      dataset: { status: value ?? "all" }, onclick: () => setQuery({ status: value }),
    }, el("span", { class: "filter-label", text }), el("span", { class: "filter-count", text: fmt.number(n) })));
  clear($("#status-filters"),
    item(null, "Any status", ov.total),
    ...ov.by_status.map(([status, n]) => item(status, label(state.vocab.statuses, status), n)));

  const tags = clear($("#tag-filters"));
  for (const [tag, n] of ov.tags) {
    const pressed = state.query.tag?.toLowerCase() === tag.toLowerCase();
    append(tags, el("li", {}, el("button", {
      class: "tag", type: "button", "aria-pressed": String(pressed), title: `#${tag}`,
      onclick: () => setQuery({ tag: pressed ? null : tag }),
    }, el("span", { text: `#${tag}` }), el("span", { class: "tag-count", text: String(n) }))));
  }
  $("#tags-empty").hidden = ov.tags.length > 0;
  $("#samples-banner").hidden = !ov.samples;
}

/**
 * Reloads the queue being shown, then the other queues' counts for the sidebar. Resolves
 * once the shown queue is drawn; the counts follow (the database serves one request at a
 * time, so the list the user is looking at goes first).
 */
export async function refreshQueues({ keepSelection = false } = {}) {
  const shown = QUEUES.includes(state.view) ? state.view : "today";
  // What is on screen is asked for first: the requests take turns at the database.
  // The notes themselves only when they are on screen; otherwise their count.
  const notesShown = state.view === "notes"
    ? api.notesToWrite().then((items) => {
      state.counts.notes = items.length;
      lists.notes.show(items, { keepSelection });
    })
    : null;
  const queueAsked = api.queue(shown, shown === state.view ? QUEUE_PAGE : 1);
  const notes = notesShown ?? api.notesToWriteCount().then((n) => { state.counts.notes = n; });
  await notesShown;
  const queue = await queueAsked;
  state.counts[shown] = queue.total;
  if (shown === state.view) lists.queue.show(queue, { keepSelection });
  const backOn = queue.back_on;
  $("#away-banner").hidden = !backOn;
  if (backOn) {
    $("#away-banner").textContent = `You're away until ${fmt.date(`${backOn}T12:00:00`)}. Nothing is lost: what comes due meanwhile will be waiting, as overdue, when you're back.`;
  }
  const others = QUEUES.filter((n) => n !== shown);
  Promise.all([notes, ...others.map((n) => api.queue(n, 1).then((q) => { state.counts[n] = q.total; }))])
    .then(() => renderSidebar())
    .catch(showError);
}

/** Shows Insights over the list and the pane; any view in the sidebar leaves it.
 * `openPerson(id)` shows a prospect named in one of its lists. */
export async function openInsights(openPerson) {
  insights ??= await import("./views/insights.js");
  state.insights = true;
  showView();
  renderSidebar();
  return insights.showInsights(openPerson);
}

export function setView(view) {
  state.view = view;
  state.insights = false;
  if (view !== "all" && $("#search").value) {
    $("#search").value = "";
    state.query.text = "";
    lists.prospects.reset().catch(showError);
  }
  showView();
  renderSidebar();
  refreshQueues().then(() => { renderSidebar(); renderCounts(); }).catch(showError);
}

export function showView() {
  const all = state.view === "all";
  $("#app").classList.toggle("app-insights", state.insights);
  $("#insights").hidden = !state.insights;
  $("#prospect-filters").hidden = !all;
  $("#stage-section").hidden = !all;
  $("#tags-section").hidden = !all;
  $("#sort-label").hidden = !all;
  $("#list").hidden = !all || lists.prospects.total === 0;
  $("#queue").hidden = all || state.view === "notes" || lists.queue.total === 0;
  $("#notes").hidden = state.view !== "notes";
  renderCounts();
}

export function renderCounts() {
  if (state.view !== "all") return renderQueueCounts();
  const total = lists.prospects.total;
  const filtered = state.query.text || state.query.status || state.query.stage || state.query.tag;
  $("#list-count").textContent = filtered
    ? `${fmt.count(total, "match", "matches")} of ${fmt.number(state.overview.total)}`
    : fmt.count(total, "prospect");
  const empty = $("#list-empty");
  empty.hidden = total > 0;
  $("#list").hidden = total === 0;
  if (total > 0) return;
  if (state.overview.total === 0) {
    emptyState(empty, {
      title: "No prospects yet",
      body: "Add the first person you're following up with (press N), bring in your contacts, or look around with a few sample prospects first.",
      action: el("div", { class: "empty-actions" },
        el("button", { class: "btn btn-primary", type: "button", text: "Add a prospect", onclick: () => actions.newProspect() }),
        el("button", { class: "btn", type: "button", id: "empty-import", text: "Import contacts\u2026", onclick: () => actions.importContacts() }),
        el("button", { class: "btn", type: "button", id: "empty-samples", text: "Try sample prospects", onclick: () => actions.addSamples() })),
    });
  } else {
    emptyState(empty, {
      title: "No one matches",
      body: state.query.text ? `Nothing found for \u201c${state.query.text}\u201d with these filters.` : "No prospects match these filters.",
      action: el("button", { class: "btn", type: "button", text: "Clear search and filters", onclick: clearQuery }),
    });
  }
}

function renderQueueCounts() {
  const view = VIEWS.find((v) => v.id === state.view);
  const total = state.counts[state.view] ?? 0;
  $("#list-count").textContent = `${viewLabel(view)} · ${fmt.count(total, state.view === "notes" ? "note" : "follow-up")}`;
  const empty = $("#list-empty");
  empty.hidden = total > 0;
  if (state.view === "notes") {
    // The print bar stays: it says what to do when there is nothing to print.
    $("#notes").hidden = false;
    if (total === 0) {
      emptyState(empty, { title: "No notes to write", body: "When a handwritten note comes due, or you start one from a prospect (W, then pick Handwritten note), it appears here." });
    }
    return;
  }
  $("#queue").hidden = total === 0;
  if (total > 0) return;
  const messages = {
    today: ["You're all caught up", "Nothing is due today. Log touches as they happen and the next ones will appear here."],
    upcoming: [`Nothing in the next ${state.vocab.horizon_days} days`, "Add prospects or log touches and their next follow-ups will show here."],
    one_hit: ["No one-hit wonders", "Everyone you tried once has had a follow-up. Nearly half of sellers stop after one attempt — not you."],
    stalled: ["Nothing stalled", "Everyone in active pursuit was touched within the last two weeks."],
  };
  const [title, body] = messages[state.view];
  emptyState(empty, { title, body, action: el("button", { class: "btn", type: "button", text: "See all prospects", onclick: () => setView("all") }) });
}

export async function setQuery(changes) {
  if (state.view !== "all") {
    state.view = "all";
    showView();
  }
  Object.assign(state.query, changes);
  if ("status" in changes || "tag" in changes) renderSidebar();
  try {
    await lists.prospects.reset();
  } catch (err) {
    showError(err);
  }
  renderCounts();
}

export function clearQuery() {
  $("#search").value = "";
  $("#stage-filter").value = "";
  setQuery({ text: "", status: null, stage: null, tag: null });
}
