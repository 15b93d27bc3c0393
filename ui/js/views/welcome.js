// The first run, in two short steps: the working week and who the user is (for
// templates), then how to start: their own contacts (the import flow), a few sample
// prospects, or an empty book. Skippable; the core remembers it was done with, so it is
// shown once; everything it asks is in Settings too.

import * as api from "../api.js";
import { el } from "../dom.js";
import { dialog } from "../dialog.js";
import { maxLength } from "../vocab.js";
import { showError } from "../toast.js";
import { weekFields, field } from "./week.js";

let finished = false;
let start = () => {};

// Closing it any way (×, Escape, a click outside) is skipping it: asked once, never again.
const box = dialog({ id: "welcome", title: "Welcome to Follow Through", onClose: () => finish("skip") });

/** Marks the first run done (once), then starts the user on `how`. */
async function finish(how) {
  if (finished) return;
  finished = true;
  box.close();
  try {
    await api.finishWelcome();
  } catch (err) {
    showError(err);
  }
  await start(how);
}

/**
 * Shows the first-run screen. `onStart(how)` runs once it is done with: "samples" (they
 * were added), "import" (open the import flow), "empty" or "skip".
 */
export function openWelcome(vocab, onStart) {
  start = onStart;
  return openSetup(vocab);
}

/** Step 1, with the settings and profile as stored now (Back shows what was saved). */
async function openSetup(vocab) {
  const loaded = await box.load(() => Promise.all([api.getSettings(), api.getProfile()]));
  if (!loaded) return;
  const [settings, profile] = loaded;
  box.open(setup(vocab, settings, profile));
  box.body.querySelector("#w-my-name").focus();
}

/** Step 1: the working week and the user's own details. */
function setup(vocab, settings, profile) {
  const week = weekFields(vocab, settings.week, "w", {
    zone: "Detected from this computer.",
    blocks: "When follow-ups come due. 09:30 and 14:00 suit most.",
  });
  const short = maxLength(vocab, "short_text");
  const myName = el("input", { class: "input", id: "w-my-name", value: profile.my_name, placeholder: "Sam Rivera", maxlength: short, autocomplete: "name" });
  const myCompany = el("input", { class: "input", id: "w-my-company", value: profile.my_company, placeholder: "Brightline Supply", maxlength: short, autocomplete: "organization" });
  const signature = el("textarea", { class: "input", id: "w-signature", rows: 2, value: profile.signature, placeholder: "Sam Rivera\nBrightline Supply \u00b7 312 555 0100" });
  const error = el("div", { class: "field-error", id: "w-error", role: "alert" });
  const form = el("form", { class: "settings-form welcome-form", novalidate: true },
    el("p", { class: "welcome-lede", text: "Two quick steps, and every follow-up comes due at the right time. All of it can be changed later in Settings." }),
    el("div", { class: "form-grid" },
      el("h3", { class: "span-2 form-section", text: "You, in templates and signatures" }),
      field("Your name", myName), field("Your company", myCompany),
      el("div", { class: "span-2" }, field("Signature", signature)),
      el("h3", { class: "span-2 form-section", text: "Your working week" }),
      week.nodes.days, week.nodes.start, week.nodes.end,
      week.nodes.blocks, ...week.nodes.zone),
    error,
    el("div", { class: "form-actions" },
      el("button", { class: "btn", type: "button", id: "welcome-skip", text: "Skip setup", onclick: () => finish("skip") }),
      el("button", { class: "btn btn-primary", type: "submit", id: "welcome-next", text: "Continue" })));

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.textContent = "";
    const workWeek = week.read(error);
    if (!workWeek) return;
    try {
      await api.saveProfile({ ...profile, my_name: myName.value, my_company: myCompany.value, signature: signature.value });
      await api.saveSettings({ ...settings, week: { ...settings.week, ...workWeek } });
    } catch (err) {
      error.textContent = err.message;
      return;
    }
    box.open(choose(vocab));
    box.body.querySelector("#welcome-import").focus();
  });
  return form;
}

/** Step 2: how to start. */
function choose(vocab) {
  const error = el("div", { class: "field-error", id: "w-start-error", role: "alert" });
  const choice = (id, title, text, onclick) => el("button", { class: "choice", type: "button", id, onclick },
    el("span", { class: "choice-title", text: title }), el("span", { class: "choice-text", text }));
  const samples = async () => {
    error.textContent = "";
    try {
      await api.addSamples();
    } catch (err) {
      error.textContent = err.message;
      return;
    }
    await finish("samples");
  };
  return el("div", { class: "welcome-start" },
    el("h3", { class: "form-section", text: "Who are you following up with?" }),
    el("div", { class: "choices" },
      choice("welcome-import", "Import your contacts",
        "A CSV from Google Contacts, Outlook or LinkedIn, or a vCard file. You see what comes in before anything is saved.",
        () => finish("import")),
      choice("welcome-samples", "Start with a few sample prospects",
        "Six made-up people at different points of a follow-up, so Today has something in it. Each is tagged #sample, and one click removes them all.",
        samples)),
    error,
    el("div", { class: "form-actions welcome-actions" },
      el("button", { class: "btn", type: "button", id: "welcome-back", text: "Back", onclick: () => openSetup(vocab) }),
      el("button", { class: "btn btn-ghost", type: "button", id: "welcome-empty", text: "Start with an empty book", onclick: () => finish("empty") })));
}
