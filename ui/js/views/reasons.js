// The reasons library: something worth saying on a touch — industry news, a price
// change, a new product, market data, a useful article. Each suits some tags (or
// everyone) and may expire; the prospect's pane suggests the ones that fit.

import * as api from "../api.js";
import { el, clear } from "../dom.js";
import { dialog } from "../dialog.js";
import * as fmt from "../format.js";
import { maxLength } from "../vocab.js";
import { offerUndo } from "../undo.js";

// Not "reasons": that id is the Write it card's list of suggestions.
const box = dialog({ id: "reasons-dialog", title: "Reasons to get in touch" });

export async function openReasons(vocab, onChanged) {
  let reasons = await box.load(() => api.listReasons());
  if (!reasons) return;
  const side = el("div", { class: "plan-list" });
  const main = el("div", { class: "plan-main" });
  box.open(el("div", { class: "plans" }, side, main));
  // The local date, as the core counts expiry.
  const today = fmt.localInputValue().slice(0, 10);
  const blank = { id: 0, title: "", detail: "", link: "", dated: today, expires_on: null, tags: [] };

  const renderList = (selectId) => {
    clear(side,
      el("ul", { class: "filter-list" }, reasons.map((r) => {
        const expired = r.expires_on && r.expires_on < today;
        return el("li", {}, el("button", {
          class: expired ? "filter expired" : "filter", type: "button", "aria-pressed": String(r.id === selectId), dataset: { reason: r.id },
          onclick: () => renderList(r.id),
        }, el("span", { class: "filter-label", text: r.title }),
        el("span", { class: "filter-count", text: expired ? "expired" : r.tags.length ? r.tags.map((t) => `#${t}`).join(" ") : "everyone" })));
      })),
      el("button", { class: "btn btn-small", type: "button", id: "new-reason", text: "+ New reason", onclick: () => renderEditor(blank) }));
    const r = reasons.find((x) => x.id === selectId);
    renderEditor(r ?? (reasons.length ? reasons[0] : blank));
  };

  const renderEditor = (r) => {
    const title = el("input", { class: "input", id: "reason-title", value: r.title, placeholder: "e.g. Delta Dental fees change on 1 March", maxlength: maxLength(vocab, "reason_title") });
    const detail = el("textarea", { class: "input", id: "reason-detail", rows: 4, value: r.detail, placeholder: "What it means for them, in a sentence or two" });
    const link = el("input", { class: "input", id: "reason-link", value: r.link, placeholder: "https://\u2026 (optional)", maxlength: maxLength(vocab, "url") });
    const dated = el("input", { class: "input", type: "date", id: "reason-dated", value: r.dated ?? "" });
    const expires = el("input", { class: "input", type: "date", id: "reason-expires", value: r.expires_on ?? "" });
    const tags = el("input", { class: "input", id: "reason-tags", value: r.tags.join(", "), placeholder: "dental, roofing (empty: suits everyone)" });
    const error = el("div", { class: "field-error", id: "reason-error", role: "alert" });
    const fields = { title, detail, link, dated, expires_on: expires, reason_tags: tags };

    const save = async () => {
      error.textContent = "";
      for (const n of Object.values(fields)) n.removeAttribute("aria-invalid");
      try {
        const saved = await api.saveReason({
          id: r.id, title: title.value, detail: detail.value, link: link.value,
          dated: dated.value || null, expires_on: expires.value || null,
          tags: tags.value.split(",").map((t) => t.trim()).filter(Boolean),
        });
        reasons = await api.listReasons();
        await onChanged();
        renderList(saved.id);
      } catch (err) {
        error.textContent = err.message;
        const target = fields[err.field];
        if (target) {
          target.setAttribute("aria-invalid", "true");
          target.focus();
        }
      }
    };
    const remove = async () => {
      try {
        const item = await api.deleteReason(r.id);
        reasons = await api.listReasons();
        await onChanged();
        renderList(reasons[0]?.id);
        offerUndo(item, async (restored) => {
          reasons = await api.listReasons();
          await onChanged();
          if (box.isOpen()) renderList(restored.id);
        });
      } catch (err) {
        error.textContent = err.message;
      }
    };
    const field = (text, control, cls = "field") => el("label", { class: cls }, el("span", { text }), control);
    clear(main,
      el("div", { class: "form-grid" },
        field("Title", title, "field span-2"),
        field("Detail", detail, "field span-2"),
        field("Link", link, "field span-2"),
        field("Dated", dated), field("Expires (not suggested after)", expires),
        field("Suits these tags or industries", tags, "field span-2")),
      r.id && r.dated ? el("p", { class: "hint", text: `From ${fmt.date(`${r.dated}T12:00:00`)}.` }) : null,
      error,
      el("div", { class: "form-actions" },
        r.id ? el("button", { class: "btn btn-ghost btn-danger", type: "button", id: "delete-reason", text: "Delete", onclick: remove }) : null,
        el("button", { class: "btn btn-primary", type: "button", id: "save-reason", text: "Save reason", onclick: save })));
    title.focus();
  };

  renderList(reasons[0]?.id);
}
