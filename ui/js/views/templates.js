// The templates dialog: every template by channel, the starter set among them. Edit,
// clone or add; merge fields go in from the palette. The core checks each save and
// points at the fault (an unknown field, unbalanced braces), which is selected here.

import * as api from "../api.js";
import { el, clear, append } from "../dom.js";
import { dialog } from "../dialog.js";
import { label, maxLength } from "../vocab.js";
import { offerUndo } from "../undo.js";

const box = dialog({ id: "templates", title: "Templates" });

export async function openTemplates(vocab, onChanged) {
  let templates = await box.load(() => api.listTemplates());
  if (!templates) return;
  const side = el("div", { class: "plan-list template-list" });
  const main = el("div", { class: "plan-main" });
  box.open(el("div", { class: "plans" }, side, main));

  const renderList = (selectId) => {
    clear(side);
    const channels = [...new Set(templates.map((t) => t.channel))];
    for (const ch of channels) {
      append(side, el("div", { class: "side-heading", text: label(vocab.channels, ch) }),
        el("ul", { class: "filter-list" }, templates.filter((t) => t.channel === ch).map((t) => el("li", {},
          el("button", {
            class: "filter", type: "button", "aria-pressed": String(t.id === selectId), dataset: { template: t.id },
            onclick: () => renderList(t.id),
          }, el("span", { class: "filter-label", text: t.name }), el("span", { class: "filter-count", text: t.starter ? "starter" : "" }))))));
    }
    append(side, el("button", { class: "btn btn-small", type: "button", id: "new-template", text: "+ New template",
      onclick: () => renderEditor({ id: 0, name: "", channel: "email", subject: "", body: "", starter: false }) }));
    const t = templates.find((x) => x.id === selectId) ?? templates[0];
    if (t) renderEditor(t);
    else clear(main, el("p", { class: "muted", text: "No templates yet: add one." }));
  };

  const renderEditor = (t) => {
    const name = el("input", { class: "input", id: "template-name", value: t.name, placeholder: "e.g. Price change, by email", maxlength: maxLength(vocab, "name") });
    const channel = el("select", { class: "select", id: "template-channel" },
      vocab.channels.filter((c) => c.value !== "call_no_message").map((c) => el("option", { value: c.value, text: c.label })));
    channel.value = t.channel;
    const subject = el("input", { class: "input", id: "template-subject", value: t.subject, placeholder: "{{ reason }}: what it means for {{ company }}", maxlength: maxLength(vocab, "subject") });
    const text = el("textarea", { class: "input template-body", id: "template-body", rows: 12, value: t.body });
    const subjectField = el("label", { class: "field" }, el("span", { text: "Subject" }), subject);
    const error = el("div", { class: "field-error", id: "template-error", role: "alert" });
    let lastFocus = text;
    subject.addEventListener("focus", () => { lastFocus = subject; });
    text.addEventListener("focus", () => { lastFocus = text; });
    const showSubject = () => { subjectField.hidden = channel.value !== "email"; };
    channel.addEventListener("change", showSubject);
    showSubject();

    const insert = (field) => {
      const target = lastFocus.hidden ? text : lastFocus;
      const token = `{{ ${field} }}`;
      const start = target.selectionStart ?? target.value.length;
      target.setRangeText(token, start, target.selectionEnd ?? start, "end");
      target.focus();
    };
    const palette = el("div", { class: "palette", "aria-label": "Merge fields" },
      el("span", { class: "hint", text: "Insert:" }),
      vocab.merge_fields.map((f) => el("button", { class: "chip", type: "button", title: `{{ ${f.name} }} \u2014 e.g. ${f.example}`, text: f.label, onclick: () => insert(f.name) })));

    const save = async (asNew) => {
      error.textContent = "";
      for (const n of [name, subject, text]) n.removeAttribute("aria-invalid");
      try {
        const saved = await api.saveTemplate({
          id: asNew ? 0 : t.id, name: asNew ? `${name.value} (copy)` : name.value,
          channel: channel.value, subject: subject.value, body: text.value,
        });
        templates = await api.listTemplates();
        await onChanged();
        renderList(saved.id);
      } catch (err) {
        error.textContent = err.message;
        const target = { name, subject, body: text }[err.field];
        if (target) {
          target.setAttribute("aria-invalid", "true");
          target.focus();
          // Select the part at fault: the unknown field, or where the braces break.
          if (err.span) target.setSelectionRange(err.span[0], err.span[1]);
        }
      }
    };
    const remove = async () => {
      try {
        const item = await api.deleteTemplate(t.id);
        templates = await api.listTemplates();
        await onChanged();
        renderList(templates[0]?.id);
        offerUndo(item, async (restored) => {
          templates = await api.listTemplates();
          await onChanged();
          if (box.isOpen()) renderList(restored.id);
        });
      } catch (err) {
        error.textContent = err.message;
      }
    };

    clear(main,
      el("div", { class: "form-grid" },
        el("label", { class: "field" }, el("span", { text: "Name" }), name),
        el("label", { class: "field" }, el("span", { text: "Channel" }), channel),
        el("div", { class: "span-2" }, subjectField),
        el("label", { class: "field span-2" }, el("span", { text: "Text" }), text),
        el("div", { class: "span-2" }, palette)),
      el("p", { class: "hint", text: "Short, personal, with a reason and a clear next step. Fields a prospect has no value for are flagged when you write, never left blank. {% if company %}\u2026{% endif %} writes a part only when there is a value." }),
      error,
      el("div", { class: "form-actions" },
        t.id ? el("button", { class: "btn btn-ghost btn-danger", type: "button", id: "delete-template", text: "Delete", onclick: remove }) : null,
        t.id ? el("button", { class: "btn", type: "button", id: "clone-template", text: "Clone", onclick: () => save(true) }) : null,
        el("button", { class: "btn btn-primary", type: "button", id: "save-template", text: "Save template", onclick: () => save(false) })));
    name.focus();
  };

  renderList(templates[0]?.id);
}
