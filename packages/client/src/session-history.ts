import {
  baseHealth,
  needsAttention,
  type ReceivedHeartbeat,
  type ReceivedStateChange,
  type SessionHealth,
} from '@session-heartbeat/core';
import type { SessionEntry } from './session-entry';

/**
 * One stretch of a session's life, from `since` (server clock) until the next
 * entry: a state, and the health it had (a stall shows as a stall, not as
 * waiting). A new entry starts on every transition and on every change of
 * health the session itself caused; the client losing its connection is not
 * the session's history and adds nothing.
 */
export interface HealthStretch {
  state: ReceivedHeartbeat['state'];
  since: number;
  health: SessionHealth;
  toolName?: string;
  model?: string;
  turnId?: string;
}

/** How much history the client keeps per session (for a timeline). */
export interface HistoryLimits {
  /**
   * Entries that ended longer ago than this are forgotten.
   * @default 600000 (10 minutes)
   */
  windowMs?: number;
  /**
   * At most this many entries per session; the oldest go first.
   * @default 50
   */
  maxEntries?: number;
}

export const DEFAULT_HISTORY_LIMITS: Readonly<Required<HistoryLimits>> = Object.freeze({
  windowMs: 600_000,
  maxEntries: 50,
});

function isCrossing(entry: SessionEntry): boolean {
  return needsAttention(entry.health);
}

/** When the entry's stretch began, never before the last one held. */
function stretchStart(entry: SessionEntry, last: HealthStretch | undefined): number {
  const { heartbeat, verdict } = entry;
  let since: number;
  if (last === undefined || last.state !== heartbeat.state || heartbeat.stateSince > last.since) {
    since = heartbeat.stateSince; // a transition
  } else if (
    isCrossing(entry) &&
    verdict.forMs !== undefined &&
    verdict.thresholdMs !== undefined
  ) {
    // A stall or a silence began when its limit was passed ("for more than":
    // the first ms after it, as in `healthDeadlines`), not when a timer noticed.
    since = entry.evaluatedAt - verdict.forMs + verdict.thresholdMs + 1;
  } else {
    // A recovery (or a new model) in the same state: when the news was made.
    const tokenAt = heartbeat.lastTokenAt;
    since = tokenAt !== undefined && tokenAt > last.since ? tokenAt : heartbeat.emittedAt;
  }
  return last === undefined ? since : Math.max(since, last.since);
}

/** Whether a history records `entry` at all: not what a client that lost its connection says. */
export function isRecorded(entry: SessionEntry): boolean {
  return entry.verdict.because !== 'disconnected';
}

/**
 * The stretch `entry` starts after `last` (the newest one held), or
 * `undefined` when nothing a history records changed: a periodic beat, or the
 * client losing its connection.
 */
export function nextStretch(
  last: HealthStretch | undefined,
  entry: SessionEntry,
): HealthStretch | undefined {
  if (!isRecorded(entry)) return undefined;
  const { heartbeat } = entry;
  if (
    last !== undefined &&
    last.state === heartbeat.state &&
    last.health === entry.health &&
    last.toolName === heartbeat.toolName &&
    last.model === heartbeat.model &&
    heartbeat.stateSince <= last.since
  ) {
    return undefined;
  }
  const change: HealthStretch = {
    state: heartbeat.state,
    since: stretchStart(entry, last),
    health: entry.health,
  };
  if (heartbeat.toolName !== undefined) change.toolName = heartbeat.toolName;
  if (heartbeat.model !== undefined) change.model = heartbeat.model;
  if (heartbeat.turnId !== undefined) change.turnId = heartbeat.turnId;
  return change;
}

/**
 * How many of the oldest stretches to drop from a history of `length`
 * (`sinceAt(i)`: when stretch `i` began): beyond `maxEntries`, and those whose
 * successor began before the window (they ended outside it; the one in force
 * at the window's start is kept, so a timeline starts full).
 */
export function stretchesToDrop(
  length: number,
  sinceAt: (index: number) => number,
  evaluatedAt: number,
  limits: Required<HistoryLimits>,
): number {
  const windowStart = evaluatedAt - limits.windowMs;
  let first = Math.max(0, length - Math.max(1, limits.maxEntries));
  while (first < length - 1 && sinceAt(first + 1) <= windowStart) first += 1;
  return first;
}

/**
 * The history after `entry`: the same array when nothing it records changed
 * (a periodic beat, a lost connection), else a new one with a stretch
 * appended and the stretches that ended before `entry.evaluatedAt − windowMs`
 * dropped. The client keeps its histories in a compact store
 * (`HistoryStore`) that answers exactly this.
 */
export function appendHistory(
  history: readonly HealthStretch[] | undefined,
  entry: SessionEntry,
  limits: Required<HistoryLimits>,
): readonly HealthStretch[] | undefined {
  const change = nextStretch(history?.at(-1), entry);
  if (change === undefined) return history;
  const next = history === undefined ? [change] : [...history, change];
  const first = stretchesToDrop(
    next.length,
    (index) => (next[index] as HealthStretch).since,
    entry.evaluatedAt,
    limits,
  );
  return first === 0 ? next : next.slice(first);
}

/**
 * A server's history (`GET …/history`, v1.1) as stretches: each change starts
 * one. No limit was watched then, so each has its state's own health
 * (working is active, waiting is waiting); a stall the client did not see is
 * not made up afterwards.
 */
export function stretchesFromChanges(
  changes: readonly ReceivedStateChange[],
): readonly HealthStretch[] {
  return changes.map((change) => {
    const stretch: HealthStretch = {
      state: change.state,
      since: change.at,
      health: change.state === 'unknown' ? 'unknown' : baseHealth(change.state),
    };
    if (change.toolName !== undefined) stretch.toolName = change.toolName;
    if (change.model !== undefined) stretch.model = change.model;
    if (change.turnId !== undefined) stretch.turnId = change.turnId;
    return stretch;
  });
}
