import type { ReceivedHeartbeat } from '@session-heartbeat/core';
import { useHeartbeatState } from './use-heartbeat-state';

/** The last heartbeat of one session, or `undefined`; re-renders for this session only. */
export function useSessionHeartbeat(sessionKey: string): ReceivedHeartbeat | undefined {
  return useHeartbeatState(
    (state) => state.sessions.get(sessionKey)?.heartbeat,
    'useSessionHeartbeat',
  );
}
