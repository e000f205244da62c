import type { HealthVerdict } from '@session-heartbeat/core';
import { useHeartbeatState } from './use-heartbeat-state';

const NO_HEARTBEAT_YET: HealthVerdict = Object.freeze({
  health: 'unknown',
  because: 'no_heartbeat_yet',
});

/**
 * One session's health and its reason (`{ health: 'stalled', because:
 * 'no_progress', forMs, thresholdMs }`); `unknown` / `no_heartbeat_yet` for a
 * key the client has not heard of. Changes when the health crosses a
 * threshold, with no new heartbeat needed.
 */
export function useSessionHealth(sessionKey: string): HealthVerdict {
  return useHeartbeatState(
    (state) => state.sessions.get(sessionKey)?.verdict ?? NO_HEARTBEAT_YET,
    'useSessionHealth',
  );
}
