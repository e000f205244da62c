import { DueHeap } from '@session-heartbeat/core';
import { unrefTimer, type EmitterTimers } from './emitter-timers';

export interface PeriodicSchedulerOptions {
  now: () => number;
  timers: EmitterTimers;
  /**
   * The timer is armed `slackMs` before the earliest deadline, so a timer up
   * to `slackMs` late still meets it, and each firing also takes every key
   * due within `2 × slackMs` after the firing, so neighbours share one firing
   * (and one batch) instead of one each. A beat may thus go out up to
   * `2 × slackMs` early, never late.
   */
  slackMs: number;
  /** Called once per firing with every key that is due, in deadline order. */
  onDue: (keys: string[], firedAt: number) => void;
}

/** Deadlines for many keys served by one timer. */
export interface PeriodicScheduler {
  /** Sets (or moves) the instant by which `key` must be emitted again. */
  schedule(key: string, deadline: number): void;
  cancel(key: string): void;
  readonly size: number;
  /**
   * Fires now, without waiting for the timer, if any key is due: for a clock
   * that jumped forward (a test advancing the server's time), whose overdue
   * keys would otherwise wait for a timer armed on the old time.
   */
  runDue(): void;
  /** Stops the timer and forgets every key. */
  dispose(): void;
}

/**
 * One scheduler for all sessions: a heap keyed by deadline and a single
 * timer armed for the earliest one. Rescheduling a session after a
 * transition moves it later, which never re-arms the timer, so thousands of
 * transitions per second cost heap moves, not timer churn.
 */
export function createPeriodicScheduler(options: PeriodicSchedulerOptions): PeriodicScheduler {
  const { now, timers, slackMs, onDue } = options;
  const heap = new DueHeap();
  let handle: unknown;
  let armedAt: number | undefined;
  let firing = false;
  let disposed = false;
  /** The latest clock reading: one below it means the clock was stepped back. */
  let lastNow: number | undefined;

  /**
   * Reads the clock. After a step back (NTP, a restored VM) every deadline
   * moves back with it, so each session still beats an interval after its
   * last beat, not an hour later. A step forward moves nothing: that time
   * passed, and what it made overdue beats at once.
   */
  function read(): number {
    const at = now();
    if (lastNow !== undefined && at < lastNow) {
      heap.shift(at - lastNow);
      disarm();
    }
    lastNow = at;
    return at;
  }

  function disarm(): void {
    // Stryker disable next-line ConditionalExpression: clearing no timer is harmless; this only saves a call
    if (armedAt === undefined) return;
    timers.clearTimeout(handle);
    handle = undefined;
    armedAt = undefined;
  }

  function arm(): void {
    if (firing || disposed) return;
    const at = read();
    const top = heap.peek();
    if (!top) {
      disarm();
      return;
    }
    const fireAt = top.dueAt - slackMs;
    // An earlier timer is fine: it finds nothing due and re-arms.
    if ((armedAt ?? Infinity) <= fireAt) return;
    disarm();
    armedAt = fireAt;
    handle = timers.setTimeout(fire, Math.max(0, fireAt - at));
    unrefTimer(handle);
  }

  function fire(): void {
    handle = undefined;
    armedAt = undefined;
    const firedAt = read();
    const due: string[] = [];
    for (let top = heap.peek(); top && top.dueAt <= firedAt + 2 * slackMs; top = heap.peek()) {
      heap.pop();
      due.push(top.key);
    }
    firing = true;
    try {
      if (due.length > 0) onDue(due, firedAt);
    } finally {
      firing = false;
      arm();
    }
  }

  return {
    schedule(key, deadline) {
      if (disposed) return;
      read(); // the deadline was computed on the clock as it reads now
      heap.set(key, deadline);
      arm();
    },
    cancel(key) {
      if (heap.delete(key)) arm();
    },
    get size() {
      return heap.size;
    },
    runDue() {
      if (firing || disposed) return;
      const at = read();
      const top = heap.peek();
      if (!top || top.dueAt > at + 2 * slackMs) return;
      disarm();
      fire();
    },
    dispose() {
      disposed = true;
      disarm();
      heap.clear();
    },
  };
}
