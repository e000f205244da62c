import { isRunningState, type SessionHealth, type SessionSortKey } from '@session-heartbeat/core';
import type { HeartbeatState } from './heartbeat-store';
import type { SessionEntry } from './session-entry';
import { sameKeys } from './sorted-order';

/** Which sessions a list shows: all, those in a turn, or those of one health. */
export type SessionFilter = 'all' | 'running' | SessionHealth;

export interface SessionKeysQuery {
  /** @default 'severity' */
  sortBy?: SessionSortKey | undefined;
  /**
   * `running`: in a turn (`awaiting_model`, `streaming`, `tool_exec`, `tool_wait`).
   * @default 'all'
   */
  filter?: SessionFilter | undefined;
  /**
   * Case-insensitive substring of the session key (heartbeats carry no label).
   * @default ''
   */
  search?: string | undefined;
}

function matchesFilter(entry: SessionEntry | undefined, filter: SessionFilter): boolean {
  if (entry === undefined) return false;
  if (filter === 'all') return true;
  if (filter === 'running') return isRunningState(entry.heartbeat.state);
  return entry.health === filter;
}

/**
 * A selector of the visible keys, in order: the store's own array when
 * nothing is filtered (incrementally sorted, so O(1) here), else one O(n)
 * pass per change of the store, cached; none for a health no session has. Its answer keeps its reference while
 * the visible order holds, so a list re-renders only when the order changes.
 * Create one per list (it holds that list's cache).
 */
export function createSessionKeysSelector({
  sortBy = 'severity',
  filter = 'all',
  search = '',
}: SessionKeysQuery = {}): (state: HeartbeatState) => readonly string[] {
  const needle = search.trim().toLowerCase();
  const lowerKeys = new Map<string, string>();
  let seenOrder: readonly string[] | undefined;
  let seenSessions: HeartbeatState['sessions'] | undefined;
  let result: readonly string[] = [];

  const matchesSearch = (key: string): boolean => {
    if (needle === '') return true;
    let lower = lowerKeys.get(key);
    if (lower === undefined) {
      lower = key.toLowerCase();
      lowerKeys.set(key, lower);
    }
    return lower.includes(needle);
  };

  return (state) => {
    if (filter === 'all' && needle === '') return state.order[sortBy];
    // No session has that health (the usual answer for `stalled`): no need to
    // look at each, nor to bring the order up to date.
    if (filter !== 'all' && filter !== 'running' && state.counts[filter] === 0) {
      seenOrder = undefined;
      if (result.length > 0) result = [];
      return result;
    }
    const order = state.order[sortBy];
    // A search alone depends on the keys only; a filter, on the entries too.
    if (order === seenOrder && (filter === 'all' || state.sessions === seenSessions)) return result;
    seenOrder = order;
    seenSessions = state.sessions;
    if (lowerKeys.size > 2 * order.length + 1024) lowerKeys.clear();
    const next = order.filter(
      (key) => matchesSearch(key) && matchesFilter(state.sessions.get(key), filter),
    );
    if (!sameKeys(next, result)) result = next;
    return result;
  };
}
