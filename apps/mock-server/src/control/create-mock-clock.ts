/** The largest single step the control API accepts: a day. */
export const MAX_CLOCK_ADVANCE_MS = 86_400_000;

/**
 * The mock server's clock: the real one plus a skew. Tests advance it (with
 * the browser's clock, in lockstep) so that time passes on the server too: a
 * stall the dashboard shows is then one the server's own heartbeats say. The
 * fault suite also steps it, either way, as NTP would.
 */
export interface MockClock {
  /** Now on the server, in epoch ms: `Date.now()` plus the skew. */
  now(): number;
  /** How far ahead of the real clock this one runs, in ms. */
  readonly skewMs: number;
  /** Moves the clock forward by `ms` (an integer from 0 to a day): time passes. */
  advance(ms: number): void;
  /**
   * Steps the clock by `ms` either way (an integer within a day), as an NTP
   * correction does: the reading jumps, no time passes.
   */
  step(ms: number): void;
}

function assertWithinDay(name: string, ms: number, min: number): void {
  if (!Number.isSafeInteger(ms) || ms < min || ms > MAX_CLOCK_ADVANCE_MS) {
    throw new RangeError(
      `${name} must be an integer from ${min} to ${MAX_CLOCK_ADVANCE_MS}, got ${JSON.stringify(ms)}`,
    );
  }
}

export function createMockClock(realNow: () => number = () => Date.now()): MockClock {
  let skewMs = 0;
  return {
    now: () => realNow() + skewMs,
    get skewMs() {
      return skewMs;
    },
    advance(ms) {
      assertWithinDay('advanceMs', ms, 0);
      skewMs += ms;
    },
    step(ms) {
      assertWithinDay('stepMs', ms, -MAX_CLOCK_ADVANCE_MS);
      skewMs += ms;
    },
  };
}
