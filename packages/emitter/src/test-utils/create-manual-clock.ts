import type { EmitterTimers } from '../emitter-timers';

interface ArmedTimer {
  dueAt: number;
  callback: () => void;
}

/**
 * A clock and timers that move only when told: tests, stories and scenario
 * replays cross thresholds without waiting, and replay exactly.
 */
export interface ManualClock extends EmitterTimers {
  now(): number;
  /** The same timers, for options shaped `{ now, timers }`. */
  readonly timers: EmitterTimers;
  /** Moves time forward, running every timer that falls due, in order, at its own time. */
  advance(ms: number): void;
  /** Moves time forward to `at` (never back). */
  advanceTo(at: number): void;
  /** Timers armed and not yet run. */
  pending(): number;
}

/** @param start the clock's first reading, epoch ms @default 1_800_000_000_000 */
export function createManualClock(start = 1_800_000_000_000): ManualClock {
  let current = start;
  let nextId = 1;
  const armed = new Map<number, ArmedTimer>();

  function advanceTo(target: number): void {
    for (;;) {
      let dueId: number | undefined;
      let due: ArmedTimer | undefined;
      for (const [id, timer] of armed) {
        if (timer.dueAt <= target && (due === undefined || timer.dueAt < due.dueAt)) {
          dueId = id;
          due = timer;
        }
      }
      if (dueId === undefined || due === undefined) break;
      armed.delete(dueId);
      current = Math.max(current, due.dueAt);
      due.callback();
    }
    current = Math.max(current, target);
  }

  const timers: EmitterTimers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      armed.set(id, { dueAt: current + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      if (typeof handle === 'number') armed.delete(handle);
    },
  };

  return {
    now: () => current,
    timers,
    setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout,
    advance: (ms) => advanceTo(current + ms),
    advanceTo,
    pending: () => armed.size,
  };
}
