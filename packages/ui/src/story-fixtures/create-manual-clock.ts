interface Timer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/** A clock and timers that move only when told: stories and tests cross thresholds without waiting. */
export interface ManualClock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(handle: unknown): void;
  /** Moves time forward, running every timer that falls due, in order, at its own time. */
  advance(ms: number): void;
  /** Moves time forward to `at` (never back). */
  advanceTo(at: number): void;
}

export function createManualClock(start: number): ManualClock {
  let current = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  function advanceTo(target: number): void {
    for (;;) {
      let soonest: Timer | undefined;
      for (const timer of timers.values()) {
        if (timer.dueAt <= target && (soonest === undefined || timer.dueAt < soonest.dueAt)) {
          soonest = timer;
        }
      }
      if (soonest === undefined) break;
      timers.delete(soonest.id);
      current = Math.max(current, soonest.dueAt);
      soonest.callback();
    }
    current = Math.max(current, target);
  }

  return {
    now: () => current,
    setTimeout(callback, delayMs) {
      const id = nextId;
      nextId += 1;
      timers.set(id, { id, dueAt: current + Math.max(0, delayMs), callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') timers.delete(handle);
    },
    advance: (ms) => advanceTo(current + ms),
    advanceTo,
  };
}
