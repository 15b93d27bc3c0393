// An edit that met a newer version (a touch logged from a notification while the form
// was open): the newer values are kept, and what the user changed goes on top of them,
// field by field. Where both changed the same field, the newer value stays and the
// field is named, so the user can decide; nothing is overwritten silently either way.

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * base: the values the form opened with; mine: what it holds now; theirs: the newer
 * stored values. Returns {values, changed, conflicts}: the values to show again, the
 * fields that changed meanwhile, and those both sides changed differently (they show
 * theirs).
 */
export function mergeEdits(base, mine, theirs) {
  const values = { ...theirs };
  const changed = Object.keys(theirs).filter((key) => !same(theirs[key], base[key]));
  const conflicts = [];
  for (const key of Object.keys(mine)) {
    if (same(mine[key], base[key])) continue;
    if (!same(theirs[key], base[key]) && !same(theirs[key], mine[key])) conflicts.push(key);
    else values[key] = mine[key];
  }
  return { values, changed, conflicts };
}
