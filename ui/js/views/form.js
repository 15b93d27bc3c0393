// The prospect form, for a new prospect and for editing one. The core validates
// everything; this form only shapes the input and shows the core's verdict beside the
// field it names.

import { el, clear } from "../dom.js";
import { maxLength } from "../vocab.js";
import { oneAtATime } from "../busy.js";
import { isSubmitChord } from "../keys.js";

const lines = (text) => text.split(/\n|,(?=\s*\S+@)|;/).map((s) => s.trim()).filter(Boolean);

/** What the form holds for a prospect (null: a new one), in the shape it sends. */
export function formValues(prospect) {
  const p = prospect ?? {
    name: "", company: "", title: "", emails: [], phones: [], linkedin: "", website: "",
    address: { street: "", city: "", region: "", postal_code: "", country: "" },
    source: "other", stage: "new", status: "active", status_reason: "", tags: [], notes: "",
    time_zone: "", preferred_channel: null, preferred_days: [], preferred_time: null,
  };
  return {
    name: p.name, company: p.company, title: p.title, emails: p.emails, phones: p.phones,
    linkedin: p.linkedin, website: p.website, address: { ...p.address },
    source: p.source, stage: p.stage, status: p.status, status_reason: p.status_reason,
    tags: p.tags, notes: p.notes, time_zone: p.time_zone,
    preferred_channel: p.preferred_channel ?? null, preferred_days: p.preferred_days,
    preferred_time: p.preferred_time ? p.preferred_time.slice(0, 5) : "",
  };
}

/** The form's fields by name, as a person reads them (for saying which changed). */
export const FIELD_LABELS = {
  name: "Name", company: "Company", title: "Title", emails: "Email addresses", phones: "Phone numbers",
  linkedin: "LinkedIn", website: "Website", address: "Mailing address", source: "Source", stage: "Stage",
  status: "Status", status_reason: "Reason", tags: "Tags", notes: "Notes", time_zone: "Time zone",
  preferred_channel: "Preferred channel", preferred_days: "Preferred days", preferred_time: "Preferred time",
};

/**
 * @param root      the detail pane
 * @param prospect  the prospect to edit, or null for a new one
 * @param vocab     the core's vocabulary
 * @param actions   {onSave(input) -> Promise, onCancel()}
 * @param shown     {values, notice}: values to show instead of the prospect's (see
 *                  formValues), and a notice above the form (text lines)
 */
export function renderForm(root, prospect, vocab, actions, { values = null, notice = null } = {}) {
  const v = values ?? formValues(prospect);
  const input = (name, value, extra = {}) => el("input", { class: "input", name, id: `f-${name}`, value: value ?? "", autocomplete: "off", ...extra });
  const short = { maxlength: maxLength(vocab, "short_text") };
  const select = (name, choices, value, blank) => {
    const s = el("select", { class: "select", name, id: `f-${name}` },
      blank ? el("option", { value: "", text: blank }) : null,
      choices.map((c) => el("option", { value: c.value, text: c.label })));
    s.value = value ?? "";
    return s;
  };
  const textarea = (name, value, rows, placeholder) => el("textarea", { class: "input", name, id: `f-${name}`, rows, placeholder, value: value ?? "" });

  const f = {
    name: input("name", v.name, { required: true, placeholder: "Jenny Lee", ...short }),
    company: input("company", v.company, { placeholder: "Acme Dental", ...short }),
    title: input("title", v.title, { placeholder: "Office manager", ...short }),
    emails: textarea("emails", v.emails.join("\n"), 2, "One per line"),
    phones: textarea("phones", v.phones.join("\n"), 2, "One per line"),
    linkedin: input("linkedin", v.linkedin, { placeholder: "linkedin.com/in/…", maxlength: maxLength(vocab, "url") }),
    website: input("website", v.website, { placeholder: "acme.com", maxlength: maxLength(vocab, "url") }),
    street: textarea("street", v.address.street, 2, "Street and number"),
    city: input("city", v.address.city, short),
    region: input("region", v.address.region, { placeholder: "State / region", ...short }),
    postal_code: input("postal_code", v.address.postal_code, { maxlength: maxLength(vocab, "postal_code") }),
    country: input("country", v.address.country, short),
    source: select("source", vocab.sources, v.source),
    stage: select("stage", vocab.stages, v.stage),
    status: select("status", vocab.statuses, v.status),
    status_reason: input("status_reason", v.status_reason, { placeholder: "Why? (who took it over, what they said)", maxlength: maxLength(vocab, "status_reason") }),
    tags: input("tags", v.tags.join(", "), { placeholder: "dental, chicago, warm" }),
    notes: textarea("notes", v.notes, 4, "Anything worth remembering: family, interests, what they care about"),
    time_zone: input("time_zone", v.time_zone, { list: "zones", placeholder: "Same as yours", maxlength: maxLength(vocab, "time_zone") }),
    preferred_channel: select("preferred_channel", vocab.channels, v.preferred_channel, "No preference"),
    preferred_time: input("preferred_time", v.preferred_time, { type: "time" }),
  };
  const days = vocab.weekdays.map((d) => el("input", { type: "checkbox", value: d.value, checked: v.preferred_days.includes(d.value) }));
  const zones = el("datalist", { id: "zones" }, (Intl.supportedValuesOf?.("timeZone") ?? []).map((z) => el("option", { value: z })));

  const errors = {};
  const row = (label, control, key, span = false) => {
    errors[key] = el("div", { class: "field-error", role: "alert" });
    return el("label", { class: span ? "field span-2" : "field" }, el("span", { text: label }), control, errors[key]);
  };
  const reasonRow = row("Reason", f.status_reason, "status_reason", true);
  const syncReason = () => { reasonRow.hidden = !vocab.stopping_statuses.includes(f.status.value) && !f.status_reason.value; };
  f.status.addEventListener("change", syncReason);
  syncReason();

  const save = el("button", { class: "btn btn-primary", type: "submit", id: "save-prospect", text: prospect ? "Save changes" : "Add prospect" });
  const form = el("form", { class: "detail", id: "prospect-form", novalidate: true },
    el("div", { class: "detail-head" },
      el("div", { class: "detail-title" },
        el("h1", { class: "detail-name", text: prospect ? `Edit ${prospect.name}` : "New prospect" }),
        el("div", { class: "detail-sub", text: "Only a name is required. Ctrl+Enter saves, Esc cancels." }))),
    notice ? el("div", { class: "banner form-notice", id: "form-notice", role: "alert" },
      notice.map((line) => el("p", { text: line }))) : null,
    el("section", { class: "card" }, el("h2", { class: "card-title", text: "Who" }),
      el("div", { class: "form-grid" },
        row("Name", f.name, "name", true), row("Company", f.company, "company"), row("Title", f.title, "title"),
        row("Email addresses", f.emails, "emails"), row("Phone numbers", f.phones, "phones"),
        row("LinkedIn", f.linkedin, "linkedin"), row("Website", f.website, "website"))),
    el("section", { class: "card" }, el("h2", { class: "card-title", text: "Where things stand" }),
      el("div", { class: "form-grid" },
        row("Status", f.status, "status"), row("Stage", f.stage, "stage"),
        reasonRow, row("Source", f.source, "source"), row("Tags", f.tags, "tags"),
        row("Notes", f.notes, "notes", true))),
    el("section", { class: "card" }, el("h2", { class: "card-title", text: "Reaching them" }),
      el("div", { class: "form-grid" },
        row("Preferred channel", f.preferred_channel, "preferred_channel"),
        row("Preferred time", f.preferred_time, "preferred_time"),
        el("div", { class: "field span-2" }, el("span", { text: "Preferred days" }),
          el("div", { class: "days" }, days.map((box, i) => el("label", { class: "day" }, box, vocab.weekdays[i].label.slice(0, 3))))),
        row("Time zone", f.time_zone, "time_zone", true), zones,
        row("Street (for handwritten notes)", f.street, "address", true),
        row("City", f.city, "city"), row("State / region", f.region, "region"),
        row("Postal code", f.postal_code, "postal_code"), row("Country", f.country, "country"))),
    el("div", { class: "form-actions" },
      el("button", { class: "btn", type: "button", id: "cancel-prospect", text: "Cancel", onclick: actions.onCancel }),
      save));

  const collect = () => ({
    name: f.name.value, company: f.company.value, title: f.title.value,
    emails: lines(f.emails.value), phones: lines(f.phones.value),
    linkedin: f.linkedin.value, website: f.website.value,
    address: { street: f.street.value, city: f.city.value, region: f.region.value, postal_code: f.postal_code.value, country: f.country.value },
    source: f.source.value, stage: f.stage.value, status: f.status.value, status_reason: f.status_reason.value,
    tags: f.tags.value.split(",").map((t) => t.trim()).filter(Boolean),
    notes: f.notes.value, time_zone: f.time_zone.value,
    preferred_channel: f.preferred_channel.value || null,
    preferred_days: days.filter((d) => d.checked).map((d) => d.value),
    preferred_time: f.preferred_time.value,
  });

  // One save per press: a second Ctrl+Enter while the first is saving does nothing
  // (requestSubmit() submits even with the button disabled), so no one is added twice.
  const submit = oneAtATime(async () => {
    for (const node of Object.values(errors)) node.textContent = "";
    form.querySelectorAll("[aria-invalid]").forEach((n) => n.removeAttribute("aria-invalid"));
    try {
      await actions.onSave(collect());
    } catch (err) {
      // The core names the field at fault; show the message right there and go to it.
      const key = err.field ?? "name";
      const slot = errors[key] ?? errors.name;
      slot.textContent = err.message;
      const control = key === "address" ? f.street : f[key];
      if (control) {
        control.setAttribute("aria-invalid", "true");
        control.focus();
      }
      if (key === "status_reason") reasonRow.hidden = false;
    }
  }, (busy) => { save.disabled = busy; });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  form.addEventListener("keydown", (e) => {
    if (!isSubmitChord(e)) return;
    e.preventDefault();
    if (!e.repeat) form.requestSubmit();
  });

  clear(root, form);
  // With a notice, the top of the form stays in view so it is read first.
  f.name.focus({ preventScroll: Boolean(notice) });
  if (notice) root.scrollTop = 0;
}
