import type { ReceivedHeartbeat, SessionHeartbeat } from '../protocol/types';

/** A fixed instant for fixtures: 2026-01-01T00:00:00Z. */
export const T0 = Date.UTC(2026, 0, 1);

/**
 * A valid heartbeat for tests: an idle session at `T0`, with any field
 * overridden. `stateSince`, `startedAt` and `emittedAt` default to `at`.
 */
export function makeHeartbeat(
  overrides: Partial<SessionHeartbeat> & { at?: number } = {},
): SessionHeartbeat {
  const { at = T0, ...fields } = overrides;
  return {
    sessionKey: 'agent:main:main',
    state: 'idle',
    startedAt: at,
    stateSince: at,
    seq: 1,
    emittedAt: at,
    reason: 'transition',
    ...fields,
  };
}

/** The same, as a reader holds it (its state may be `'unknown'`). */
export function makeReceivedHeartbeat({
  at = T0,
  ...fields
}: Partial<ReceivedHeartbeat> & { at?: number } = {}): ReceivedHeartbeat {
  return { ...makeHeartbeat({ at }), ...fields };
}
