// Cadence plans: the built-in ones (read-only; clone to change) and the user's own.
// A plan is a list of steps: wait this long after the last touch, then this channel,
// for this purpose; optionally repeating from a step forever.

import * as api from "../api.js";
import { el, clear } from "../dom.js";
import { dialog } from "../dialog.js";
import { label, maxLength } from "../vocab.js";
import { offerUndo } from "../undo.js";

const box = dialog({ id: "plans", title: "Cadence plans" });

export async function openPlans(vocab, onChanged) {
  let plans = await box.load(() => api.listPlans());
  if (!plans) return;
  const side = el("ul", { class: "plan-list" });
  const main = el("div", { class: "plan-main" });
  box.open(el("div", { class: "plans" }, side, main));

  const reload = async (selectId) => {
    plans = await api.listPlans();
    await onChanged();
    renderList(selectId);
  };

  const renderList = (selectId) => {
    clear(side, ...plans.map((p) => el("li", {},
      el("button", {
        class: "filter", type: "button", "aria-pressed": String(p.id === selectId), dataset: { plan: p.id },
        onclick: () => { renderList(p.id); },
      }, el("span", { class: "filter-label", text: p.name }), el("span", { class: "filter-count", text: p.builtin ? "built-in" : "" })))),
      el("li", {}, el("button", { class: "btn btn-small", type: "button", id: "new-plan", text: "+ New plan",
        onclick: () => renderEditor({ id: 0, name: "", builtin: false, description: "", steps: [{ after_days: 7, after_hours: 0, business_days: false, channel: "call", purpose: "" }], repeat_from: 0 }) })));
    const plan = plans.find((p) => p.id === selectId) ?? plans[0];
    if (plan) (plan.builtin ? renderView : renderEditor)(plan);
  };

  const renderView = (plan) => {
    clear(main,
      el("h3", { class: "plan-name", text: plan.name }),
      el("p", { class: "muted", text: plan.description }),
      stepsTable(plan, vocab),
      el("div", { class: "form-actions" },
        el("button", { class: "btn", type: "button", id: "clone-plan", text: "Clone to edit",
          onclick: () => renderEditor({ ...structuredClone(plan), id: 0, builtin: false, name: `${plan.name} (my copy)` }) })));
  };

  const renderEditor = (plan) => {
    const name = el("input", { class: "input", id: "plan-name", value: plan.name, placeholder: "My cadence", maxlength: maxLength(vocab, "name") });
    const description = el("input", { class: "input", id: "plan-description", value: plan.description, maxlength: maxLength(vocab, "detail") });
    const steps = plan.steps.map((s) => ({ ...s }));
    const rows = el("tbody");
    const repeat = el("select", { class: "select", id: "plan-repeat" });
    const error = el("div", { class: "field-error", role: "alert" });
    let repeatFrom = plan.repeat_from ?? null;
    repeat.addEventListener("change", () => { repeatFrom = repeat.value === "" ? null : Number(repeat.value); });
    const drawSteps = () => {
      clear(rows, ...steps.map((s, i) => el("tr", {},
        el("td", { class: "muted", text: String(i + 1) }),
        el("td", {}, el("input", { class: "input input-num", type: "number", min: 0, max: 366, value: String(s.after_days), "aria-label": `Step ${i + 1} days`,
          oninput: (e) => { s.after_days = Number(e.target.value); } })),
        el("td", {}, channelSelect(s, i)),
        el("td", {}, el("input", { class: "input", value: s.purpose, placeholder: "Bring a reason: …", "aria-label": `Step ${i + 1} purpose`, maxlength: maxLength(vocab, "short_note"),
          oninput: (e) => { s.purpose = e.target.value; } })),
        el("td", {}, el("button", { class: "btn btn-ghost btn-small", type: "button", text: "Remove", disabled: steps.length === 1,
          onclick: () => { steps.splice(i, 1); drawSteps(); } })))));
      if (repeatFrom !== null && repeatFrom >= steps.length) repeatFrom = steps.length - 1;
      clear(repeat, el("option", { value: "", text: "Stop after the last step" }),
        ...steps.map((_, i) => el("option", { value: String(i), text: `Repeat from step ${i + 1} forever` })));
      repeat.value = repeatFrom === null ? "" : String(repeatFrom);
    };
    const channelSelect = (s, i) => {
      const c = el("select", { class: "select", "aria-label": `Step ${i + 1} channel`, onchange: (e) => { s.channel = e.target.value; } },
        vocab.channels.map((ch) => el("option", { value: ch.value, text: ch.label })));
      c.value = s.channel;
      return c;
    };
    drawSteps();
    const save = async () => {
      error.textContent = "";
      try {
        const saved = await api.savePlan({
          id: plan.id, name: name.value, builtin: false, description: description.value,
          steps: steps.map((s) => ({ ...s, after_days: Math.max(0, Math.round(s.after_days || 0)) })),
          repeat_from: repeatFrom,
        });
        await reload(saved.id);
      } catch (err) {
        error.textContent = err.message;
      }
    };
    clear(main,
      el("div", { class: "form-grid" },
        el("label", { class: "field" }, el("span", { text: "Name" }), name),
        el("label", { class: "field" }, el("span", { text: "Description" }), description)),
      el("table", { class: "steps-table" },
        el("thead", {}, el("tr", {}, el("th", { text: "#" }), el("th", { text: "Days after last touch" }), el("th", { text: "Channel" }), el("th", { text: "Purpose" }), el("th"))),
        rows),
      el("div", { class: "plan-tools" },
        el("button", { class: "btn btn-small", type: "button", id: "add-step", text: "+ Add step",
          onclick: () => { steps.push({ after_days: 30, after_hours: 0, business_days: false, channel: "call", purpose: "" }); drawSteps(); } }),
        repeat),
      error,
      el("div", { class: "form-actions" },
        plan.id ? el("button", { class: "btn btn-danger", type: "button", text: "Delete plan",
          onclick: async () => {
            try {
              const item = await api.deletePlan(plan.id);
              await reload(undefined);
              offerUndo(item, async (restored) => {
                if (box.isOpen()) await reload(restored.id);
                else await onChanged();
              });
            } catch (err) {
              error.textContent = err.message;
            }
          } }) : null,
        el("button", { class: "btn btn-primary", type: "button", id: "save-plan", text: "Save plan", onclick: save })));
    name.focus();
  };

  renderList(plans[0]?.id);
}

function stepsTable(plan, vocab) {
  return el("table", { class: "steps-table" },
    el("thead", {}, el("tr", {}, el("th", { text: "#" }), el("th", { text: "After" }), el("th", { text: "Channel" }), el("th", { text: "Purpose" }))),
    el("tbody", {}, plan.steps.map((s, i) => el("tr", { class: plan.repeat_from !== null && i >= plan.repeat_from ? "repeats" : "" },
      el("td", { class: "muted", text: String(i + 1) }),
      el("td", { text: after(s) }),
      el("td", { text: label(vocab.channels, s.channel) }),
      el("td", { text: s.purpose })))),
    plan.repeat_from !== null
      ? el("caption", { text: `Steps ${plan.repeat_from + 1}–${plan.steps.length} repeat forever.` })
      : el("caption", { text: "Ends after the last step." }));
}

function after(s) {
  if (s.after_days === 0 && s.after_hours === 0) return "At once";
  const parts = [];
  if (s.after_days) parts.push(`${s.after_days} ${s.business_days ? "business " : ""}day${s.after_days === 1 ? "" : "s"}`);
  if (s.after_hours) parts.push(`${s.after_hours} h`);
  return parts.join(" ");
}
