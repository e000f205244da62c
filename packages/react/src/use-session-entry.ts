import type { SessionEntry } from '@session-heartbeat/client';
import { useHeartbeatState } from './use-heartbeat-state';

/**
 * One session as the store holds it (heartbeat, verdict, arrival time), or
 * `undefined`. Re-renders only when this session changes: one heartbeat
 * re-renders one row.
 */
export function useSessionEntry(sessionKey: string): SessionEntry | undefined {
  return useHeartbeatState((state) => state.sessions.get(sessionKey), 'useSessionEntry');
}
