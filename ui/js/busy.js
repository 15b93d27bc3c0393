// A save runs once: a second press of its key or button while the first is still on its
// way (a double Ctrl+Enter, a digit pressed twice, a key held down) does nothing, so a
// touch or a prospect is never written twice.

/**
 * Wraps `fn` (which may return a promise) so that a call made while an earlier one has
 * not finished does nothing and resolves to undefined. `onBusy(running)` is told when it
 * starts and stops (to disable a button). The wrapper's `busy()` says whether it runs.
 */
export function oneAtATime(fn, onBusy = () => {}) {
  let running = false;
  const guarded = async (...args) => {
    if (running) return undefined;
    running = true;
    onBusy(true);
    try {
      return await fn(...args);
    } finally {
      running = false;
      onBusy(false);
    }
  };
  guarded.busy = () => running;
  return guarded;
}
