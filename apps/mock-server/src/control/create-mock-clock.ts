/** The largest single step the control API accepts: a day. */
export const MAX_CLOCK_ADVANCE_MS = 86_400_000;

/**
 * The mock server's clock: the real one plus a skew that only moves forward.
 * Tests advance it (with the browser's clock, in lockstep) so that time
 * passes on the server too: a stall the dashboard shows is then one the
 * server's own heartbeats say.
 */
export interface MockClock {
  /** Now on the server, in epoch ms: `Date.now()` plus the skew. */
  now(): number;
  /** How far ahead of the real clock this one runs, in ms. */
  readonly skewMs: number;
  /** Moves the clock forward by `ms` (an integer from 0 to a day). */
  advance(ms: number): void;
}

export function createMockClock(realNow: () => number = () => Date.now()): MockClock {
  let skewMs = 0;
  return {
    now: () => realNow() + skewMs,
    get skewMs() {
      return skewMs;
    },
    advance(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_CLOCK_ADVANCE_MS) {
        throw new RangeError(
          `advanceMs must be an integer from 0 to ${MAX_CLOCK_ADVANCE_MS}, got ${JSON.stringify(ms)}`,
        );
      }
      skewMs += ms;
    },
  };
}
