import type { EmitterTimers } from '@session-heartbeat/emitter';

export interface ManualClock {
  now: () => number;
  timers: EmitterTimers;
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
}

/** A clock and timers that move only when told. */
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
        let due: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of armed)
          if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (due === undefined) break;
        armed.delete(due[0]);
        current = due[1].at;
        due[1].callback();
      }
      current = end;
    },
  };
}
