import type { SessionHealth } from '../health/classify-health';
import type { ReceivedHeartbeat } from '../protocol/types';

/** What the comparators read of a session. */
export interface SortableSession {
  sessionKey: string;
  health: SessionHealth;
  /** See `lastActivityAt`. */
  lastActivityAt: number;
}

export type SessionSortKey = 'severity' | 'lastActivity' | 'key';

/** Most urgent first: what needs a person comes to the top. */
const SEVERITY_RANK: Record<SessionHealth, number> = {
  unresponsive: 0,
  stalled: 1,
  waiting: 2,
  active: 3,
  idle: 4,
  unknown: 5,
};

export function severityRank(health: SessionHealth): number {
  return SEVERITY_RANK[health];
}

/**
 * The last time something happened in a session: its last transition, token
 * or progress. Periodic beats are not activity.
 */
export function lastActivityAt(
  heartbeat: Pick<ReceivedHeartbeat, 'stateSince' | 'lastTokenAt' | 'lastProgressAt'>,
): number {
  return Math.max(
    heartbeat.stateSince,
    heartbeat.lastTokenAt ?? -Infinity,
    heartbeat.lastProgressAt ?? -Infinity,
  );
}

/** By key, in code-unit order, so the order is the same in every locale. */
export function compareByKey(a: SortableSession, b: SortableSession): number {
  if (a.sessionKey === b.sessionKey) return 0;
  return a.sessionKey < b.sessionKey ? -1 : 1;
}

/** Most recent activity first, then key. */
export function compareByLastActivity(a: SortableSession, b: SortableSession): number {
  return b.lastActivityAt - a.lastActivityAt || compareByKey(a, b);
}

/** Severity (unresponsive, stalled, waiting, active, idle, unknown), then most recent activity, then key. */
export function compareBySeverity(a: SortableSession, b: SortableSession): number {
  return SEVERITY_RANK[a.health] - SEVERITY_RANK[b.health] || compareByLastActivity(a, b);
}

export const sessionComparators: Record<
  SessionSortKey,
  (a: SortableSession, b: SortableSession) => number
> = {
  severity: compareBySeverity,
  lastActivity: compareByLastActivity,
  key: compareByKey,
};
