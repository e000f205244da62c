import { useHeartbeatState, type HeartbeatState } from '@session-heartbeat/react';
import { useMemo, useState } from 'react';

/** Fleet: the gateways the aggregator cannot hear, and how many sessions that hides. */
export interface SourceOutage {
  /** Ids of the unreachable sources, sorted. */
  sources: readonly string[];
  /** Sessions the client shows as `unknown` because their source is unreachable. */
  sessions: number;
}

const NO_SOURCES: readonly string[] = [];

function unreachableIds(state: HeartbeatState): readonly string[] {
  return state.sources.some((source) => source.status === 'unreachable')
    ? state.sources.filter((source) => source.status === 'unreachable').map((source) => source.id)
    : NO_SOURCES;
}

/**
 * How many sessions are unknown for their source (one pass over the sessions,
 * once per change of the table, and none while every source is live: the
 * usual case, and the only one without a fleet).
 */
function createHiddenSessionsSelector(): (state: HeartbeatState) => number {
  let seen: HeartbeatState['sessions'] | undefined;
  let count = 0;
  return (state) => {
    if (!state.sources.some((source) => source.status === 'unreachable')) return 0;
    if (state.sessions === seen) return count;
    seen = state.sessions;
    count = 0;
    for (const entry of state.sessions.values()) {
      if (entry.verdict.because === 'source_unreachable') count += 1;
    }
    return count;
  };
}

const joinIds = (state: HeartbeatState): string => unreachableIds(state).join('\n');

/**
 * Fleet: which sources are unreachable and how many sessions they hide, so
 * the counts bar and the announcements speak of one gateway ("1 source
 * unreachable (1,000 sessions)") instead of its sessions one by one.
 */
export function useSourceOutage(): SourceOutage {
  // Selected as a string (a primitive) so a new `sources` array with the same
  // outage renders nothing.
  const ids = useHeartbeatState(joinIds, 'useSourceOutage');
  const [hiddenSessions] = useState(createHiddenSessionsSelector);
  const sessions = useHeartbeatState(hiddenSessions, 'useSourceOutage');
  return useMemo(
    () => ({ sources: ids === '' ? NO_SOURCES : ids.split('\n'), sessions }),
    [ids, sessions],
  );
}
