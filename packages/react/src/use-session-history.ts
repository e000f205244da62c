import type { HealthStretch } from '@session-heartbeat/client';
import { useEffect } from 'react';
import { useClientFor } from './heartbeat-context';
import { useHeartbeatState } from './use-heartbeat-state';

const NO_HISTORY: readonly HealthStretch[] = Object.freeze([]);

/**
 * One session's recent stretches (state and health, oldest first; the last
 * 10 minutes by default), for a timeline. Re-renders when this session's
 * history grows. The first view of a session loads what the server recorded
 * before the client listened (v1.1 `GET …/history`, once per session), so
 * a timeline opened just now still shows what happened.
 */
export function useSessionHistory(sessionKey: string): readonly HealthStretch[] {
  const client = useClientFor('useSessionHistory');
  const known = useHeartbeatState((state) => state.sessions.has(sessionKey), 'useSessionHistory');
  useEffect(() => {
    if (!known) return;
    // A failed load leaves the history the client heard itself: still true, only shorter.
    client.loadHistory(sessionKey).catch(() => undefined);
  }, [client, sessionKey, known]);
  return useHeartbeatState(
    (state) => state.histories.get(sessionKey) ?? NO_HISTORY,
    'useSessionHistory',
  );
}
