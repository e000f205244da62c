/**
 * The timer functions the emitter uses. Injected so that tests drive time
 * with fake timers or a manual clock, and so that a browser story can run the
 * emitter as it is. The handle is opaque: whatever `setTimeout` returned.
 */
export interface EmitterTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The platform's timers, looked up at call time (not captured at import) so
 * that fake timers installed after this module loaded still apply.
 */
export const defaultTimers: EmitterTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};

/**
 * Lets a Node timer not keep the process alive: the host's server does that.
 * Duck-typed so that the emitter stays free of Node imports.
 */
export function unrefTimer(handle: unknown): void {
  if (typeof handle === 'object' && handle !== null && 'unref' in handle) {
    const { unref } = handle as { unref?: unknown };
    if (typeof unref === 'function') unref.call(handle);
  }
}

/** The platform clock, read at call time for the same reason as {@link defaultTimers}. */
export const defaultNow = (): number => Date.now();
