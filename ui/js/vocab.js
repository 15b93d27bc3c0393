// The core's vocabulary (app_info): statuses, channels, outcomes, note states, card
// sizes, merge fields, each value with its label. Labels are looked up here and only
// here; the core defines them (model.rs).

/**
 * The label of `value` in one of the vocabulary's lists: closed sets by `value`, merge
 * fields by `name`, cards by `id`. A value the list does not know shows as itself; no
 * value shows as nothing (never "null").
 */
export function label(choices, value) {
  return entry(choices, value)?.label ?? value ?? "";
}

/**
 * The core's limit `name` (vocabulary.limits) as a one-line input's `maxlength`. Only
 * one-line inputs get one: there a cut is plain to see, while the end of a long pasted
 * text cut off would go unnoticed; long texts are left to the core, whose message says
 * the limit.
 */
export function maxLength(vocab, name) {
  return vocab.limits?.[name];
}

/** The entry for `value` in one of the vocabulary's lists (keyed as for label), if any. */
export function entry(choices, value) {
  return choices.find((c) => (c.value ?? c.name ?? c.id) === value);
}
