import type { EmitterTimers } from '@session-heartbeat/emitter';

export interface ManualClock {
  now: () => number;
  timers: EmitterTimers;
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers armed and not yet run. */
  pending(): number;
}

/** A clock and timers that move only when told: replays are exact. */
export function createManualClock(start = 1_800_000_000_000): ManualClock {
  let current = start;
  let nextId = 1;
  const armed = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => current,
    timers: {
      setTimeout(callback, ms) {
        const id = nextId++;
        armed.set(id, { at: current + Math.max(0, ms), callback });
        return id;
      },
      clearTimeout(handle) {
        armed.delete(handle as number);
      },
    },
    advance(ms) {
      const end = current + ms;
      for (;;) {
        let dueId: number | undefined;
        let dueAt = Infinity;
        for (const [id, timer] of armed) {
          if (timer.at <= end && timer.at < dueAt) {
            dueId = id;
            dueAt = timer.at;
          }
        }
        if (dueId === undefined) break;
        const timer = armed.get(dueId);
        armed.delete(dueId);
        current = dueAt;
        timer?.callback();
      }
      current = end;
    },
    pending: () => armed.size,
  };
}
