/** Timers, injected so tests drive them with a fake clock. */
export interface HoldTimers {
  setTimeout: (callback: () => void, delayMs: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const DEFAULT_HOLD_TIMERS: HoldTimers = {
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface IdleRelease {
  /** The person did something (pointer moved, key pressed): the wait starts over. */
  poke(): void;
  stop(): void;
}

/**
 * Calls `onIdle` once `idleMs` pass without a `poke()`: a held order lets go
 * by itself when the person stopped moving, so a resting pointer never hides
 * a new problem for long. One timer, restarted on each poke.
 */
export function createIdleRelease(
  idleMs: number,
  onIdle: () => void,
  timers: HoldTimers = DEFAULT_HOLD_TIMERS,
): IdleRelease {
  let handle: unknown;
  const stop = () => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
  };
  return {
    poke() {
      stop();
      handle = timers.setTimeout(() => {
        handle = undefined;
        onIdle();
      }, idleMs);
    },
    stop,
  };
}
