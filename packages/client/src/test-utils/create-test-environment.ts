import type { HeartbeatEnvironment, TimerHandle } from '../environment';

export interface TestEnvironmentOptions {
  /** Added to `Date.now()`: a client whose clock is wrong. @default 0 */
  clockOffsetMs?: number;
  /** The local clock, instead of `Date.now() + clockOffsetMs`. */
  now?: () => number;
  /** Whether the page has animation frames (a browser) or not (Node). @default true */
  animationFrames?: boolean;
  /** The jitter source; 0.5 means no jitter. @default () => 0.5 */
  random?: () => number;
}

/** A page under the test's control, on the global timers (fake or real). */
export interface TestEnvironment extends HeartbeatEnvironment {
  setHidden(hidden: boolean): void;
  setOnline(online: boolean): void;
  /** Fires the Page Lifecycle `resume` event. */
  resume(): void;
  /**
   * The machine sleeps (or the page is frozen): no timer or frame runs; what
   * comes due waits for `thaw`.
   */
  freeze(): void;
  /** Wakes up: what came due runs now, late, then the page gets `resume`. */
  thaw(): void;
  /** Animation frames requested so far (each runs ~16 ms later while visible). */
  readonly framesRequested: number;
}

/**
 * A fake page for the client: its clock is `Date.now()` (so `vi.useFakeTimers`
 * and `vi.setSystemTime` drive it) plus an offset; animation frames are 16 ms
 * timers that, as in a browser, do not run while the page is hidden.
 */
export function createTestEnvironment(options: TestEnvironmentOptions = {}): TestEnvironment {
  const { clockOffsetMs = 0, animationFrames = true, random = () => 0.5 } = options;
  const now = options.now ?? (() => Date.now() + clockOffsetMs);
  let hidden = false;
  let frozen = false;
  /** Callbacks that came due while frozen, in order. */
  const heldWhileFrozen: (() => void)[] = [];
  let online = true;
  let framesRequested = 0;
  const visibilityListeners = new Set<() => void>();
  const onlineListeners = new Set<() => void>();
  const resumeListeners = new Set<() => void>();
  /** Frames due while hidden wait here until the page is shown. */
  const heldFrames = new Set<() => void>();

  function listen(set: Set<() => void>, listener: () => void): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  const frames = animationFrames
    ? {
        requestAnimationFrame(callback: () => void): TimerHandle {
          framesRequested += 1;
          const frame = { callback, cancelled: false, timer: undefined as TimerHandle };
          const run = () => {
            if (frame.cancelled) return;
            if (hidden) heldFrames.add(callback);
            else callback();
          };
          frame.timer = setTimeout(() => (frozen ? heldWhileFrozen.push(run) : run()), 16);
          return frame;
        },
        cancelAnimationFrame(handle: TimerHandle): void {
          const frame = handle as {
            callback: () => void;
            cancelled: boolean;
            timer: ReturnType<typeof setTimeout>;
          };
          frame.cancelled = true;
          clearTimeout(frame.timer);
          heldFrames.delete(frame.callback);
        },
      }
    : {};

  return {
    now,
    setTimeout(callback, delayMs) {
      const timer = { cancelled: false, handle: undefined as unknown };
      timer.handle = setTimeout(() => {
        if (!frozen) return callback();
        heldWhileFrozen.push(() => {
          if (!timer.cancelled) callback();
        });
      }, delayMs);
      return timer;
    },
    clearTimeout(handle) {
      const timer = handle as { cancelled: boolean; handle: ReturnType<typeof setTimeout> };
      timer.cancelled = true;
      clearTimeout(timer.handle);
    },
    ...frames,
    isHidden: () => hidden,
    onVisibilityChange: (listener) => listen(visibilityListeners, listener),
    isOnline: () => online,
    onOnlineChange: (listener) => listen(onlineListeners, listener),
    onResume: (listener) => listen(resumeListeners, listener),
    random,
    setHidden(next) {
      if (next === hidden) return;
      hidden = next;
      for (const listener of [...visibilityListeners]) listener();
      if (!hidden) {
        const due = [...heldFrames];
        heldFrames.clear();
        for (const callback of due) callback();
      }
    },
    setOnline(next) {
      if (next === online) return;
      online = next;
      for (const listener of [...onlineListeners]) listener();
    },
    resume() {
      for (const listener of [...resumeListeners]) listener();
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const callback of heldWhileFrozen.splice(0)) callback();
      for (const listener of [...resumeListeners]) listener();
    },
    get framesRequested() {
      return framesRequested;
    },
  };
}
