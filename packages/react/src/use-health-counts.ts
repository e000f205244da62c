import type { SessionHealth } from '@session-heartbeat/core';
import { useHeartbeatState } from './use-heartbeat-state';

/** How many sessions have each health; re-renders only when a count changes. */
export function useHealthCounts(): Readonly<Record<SessionHealth, number>> {
  return useHeartbeatState((state) => state.counts, 'useHealthCounts');
}
