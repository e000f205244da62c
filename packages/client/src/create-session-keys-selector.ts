import { isRunningState, type SessionHealth, type SessionSortKey } from '@session-heartbeat/core';
import type { HeartbeatState } from './heartbeat-store';
import type { SessionEntry } from './session-entry';
import { sameKeys } from './sorted-order';

/**
 * Which sessions a list shows: all, those in a turn, those of one health, or
 * those waiting on a person (`needs_approval`). `waiting` leaves approval
 * waits out: "the model is thinking" is not "someone must approve".
 */
export type SessionFilter = 'all' | 'running' | 'needs_approval' | SessionHealth;

/**
 * Whether a session waits on a person: a tool that needs approval
 * (`tool_wait`), still healthy (`waiting`). The one definition of "needs me"
 * the filter, the counts and the rows share.
 */
export function isApprovalWait({
  heartbeat,
  health,
}: Pick<SessionEntry, 'heartbeat' | 'health'>): boolean {
  return heartbeat.state === 'tool_wait' && health === 'waiting';
}

export interface SessionKeysQuery {
  /** @default 'severity' */
  sortBy?: SessionSortKey | undefined;
  /**
   * `running`: in a turn (`awaiting_model`, `streaming`, `tool_exec`, `tool_wait`);
   * `needs_approval`: see `isApprovalWait`.
   * @default 'all'
   */
  filter?: SessionFilter | undefined;
  /**
   * Case-insensitive substring of what `searchText` says of a session: by
   * default its key, label, model, tool, state and health.
   * @default ''
   */
  search?: string | undefined;
  /**
   * Fleet: only the sessions of this source (`heartbeat.source`).
   * @default undefined (every source)
   */
  source?: string | undefined;
  /**
   * The words a search looks in, per session; called once per new entry
   * (entries are immutable), so it may build a string. Keep its reference
   * stable (a module-level function): a new one is a new query.
   * @default key, label, model, tool, state and health
   */
  searchText?: ((entry: SessionEntry) => string) | undefined;
}

/** What a search looks in by default: the key, label, model, tool, state (`tool wait`) and health. */
export function defaultSearchText({ sessionKey, heartbeat, health }: SessionEntry): string {
  return [
    sessionKey,
    heartbeat.label ?? '',
    heartbeat.model ?? '',
    heartbeat.toolName ?? '',
    heartbeat.state.replaceAll('_', ' '),
    health,
  ].join('\n');
}

function matchesFilter(entry: SessionEntry, filter: SessionFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'running') return isRunningState(entry.heartbeat.state);
  if (filter === 'needs_approval') return isApprovalWait(entry);
  if (filter === 'waiting') return entry.health === 'waiting' && !isApprovalWait(entry);
  return entry.health === filter;
}

/**
 * How many sessions wait on a person (`isApprovalWait`): a selector with its
 * own cache, one pass per change of the table, none while nobody waits.
 * Create one per view.
 */
export function createApprovalCountSelector(): (state: HeartbeatState) => number {
  let seen: HeartbeatState['sessions'] | undefined;
  let count = 0;
  return (state) => {
    if (state.counts.waiting === 0) return 0;
    if (state.sessions === seen) return count;
    seen = state.sessions;
    count = 0;
    for (const entry of state.sessions.values()) if (isApprovalWait(entry)) count += 1;
    return count;
  };
}

/**
 * A selector of the visible keys, in order: the store's own array when
 * nothing is filtered (incrementally sorted, so O(1) here), else one O(n)
 * pass per change of the store, cached; none for a health no session has. Its
 * answer keeps its reference while the visible order holds, so a list
 * re-renders only when the order changes. Create one per list (it holds that
 * list's cache).
 */
export function createSessionKeysSelector({
  sortBy = 'severity',
  filter = 'all',
  search = '',
  source,
  searchText = defaultSearchText,
}: SessionKeysQuery = {}): (state: HeartbeatState) => readonly string[] {
  const needle = search.trim().toLowerCase();
  // One lower-cased text per entry object: a heartbeat makes a new entry, so
  // only the sessions that changed are described again.
  const texts = new WeakMap<SessionEntry, string>();
  let seenOrder: readonly string[] | undefined;
  let seenSessions: HeartbeatState['sessions'] | undefined;
  let result: readonly string[] = [];

  const matchesSearch = (entry: SessionEntry): boolean => {
    if (needle === '') return true;
    let text = texts.get(entry);
    if (text === undefined) {
      text = searchText(entry).toLowerCase();
      texts.set(entry, text);
    }
    return text.includes(needle);
  };

  return (state) => {
    if (filter === 'all' && needle === '' && source === undefined) return state.order[sortBy];
    // No session has that health (the usual answer for `stalled`): no need to
    // look at each, nor to bring the order up to date.
    const health = filter === 'needs_approval' ? 'waiting' : filter;
    if (health !== 'all' && health !== 'running' && state.counts[health] === 0) {
      seenOrder = undefined;
      if (result.length > 0) result = [];
      return result;
    }
    const order = state.order[sortBy];
    if (order === seenOrder && state.sessions === seenSessions) return result;
    seenOrder = order;
    seenSessions = state.sessions;
    const next = order.filter((key) => {
      const entry = state.sessions.get(key);
      return (
        entry !== undefined &&
        (source === undefined || entry.heartbeat.source === source) &&
        matchesFilter(entry, filter) &&
        matchesSearch(entry)
      );
    });
    if (!sameKeys(next, result)) result = next;
    return result;
  };
}
