import type { HealthStretch } from '@session-heartbeat/client';
import { useHeartbeatState } from './use-heartbeat-state';

const NO_HISTORY: readonly HealthStretch[] = Object.freeze([]);

/**
 * One session's recent stretches (state and health, oldest first; the last
 * 10 minutes by default), for a timeline. Re-renders when this session's
 * history grows.
 */
export function useSessionHistory(sessionKey: string): readonly HealthStretch[] {
  return useHeartbeatState(
    (state) => state.histories.get(sessionKey) ?? NO_HISTORY,
    'useSessionHistory',
  );
}
