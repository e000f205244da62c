import type { SortableSession } from '@session-heartbeat/core';

export type SessionComparator = (a: SortableSession, b: SortableSession) => number;

/** One session's sort values before and after a batch (`undefined`: absent). */
export interface OrderChange {
  before: SortableSession | undefined;
  after: SortableSession | undefined;
}

/** Above this many moves, one filter-and-merge pass beats moving keys one by one. */
const SPLICE_LIMIT = 64;

/** Every key, sorted from scratch: on a snapshot or a comparator change. */
export function sortKeys(
  sessions: Iterable<SortableSession>,
  compare: SessionComparator,
): string[] {
  return Array.from(sessions)
    .sort(compare)
    .map((session) => session.sessionKey);
}

/** The first index (from `start` on) whose session does not sort before `target`. */
function lowerBound(
  order: readonly string[],
  target: SortableSession,
  valueOf: (key: string) => SortableSession | undefined,
  compare: SessionComparator,
  start = 0,
): number {
  let low = start;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const value = valueOf(order[middle] as string);
    if (value !== undefined && compare(value, target) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Whether two key lists hold the same keys in the same order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * The order after a batch of changes, kept incrementally: only the keys whose
 * sort values changed are moved (binary search out, binary search in), so a
 * batch of k changes over n sessions costs O(k log n + n) at most, never a
 * full sort. Returns `order` itself when the order did not change, so a list
 * that renders it re-renders only when it must.
 *
 * `current` reads a session's sort values after the batch.
 */
export function updateOrder(
  order: readonly string[],
  changes: ReadonlyMap<string, OrderChange>,
  current: (key: string) => SortableSession | undefined,
  compare: SessionComparator,
): readonly string[] {
  const leaving: SortableSession[] = [];
  const arriving: SortableSession[] = [];
  for (const { before, after } of changes.values()) {
    if (before !== undefined && after !== undefined && compare(before, after) === 0) continue;
    if (before !== undefined) leaving.push(before);
    if (after !== undefined) arriving.push(after);
  }
  if (leaving.length === 0 && arriving.length === 0) return order;

  const next =
    leaving.length + arriving.length <= SPLICE_LIMIT
      ? moveOneByOne(order, changes, leaving, arriving, current, compare)
      : filterAndMerge(order, leaving, arriving, current, compare);
  return sameKeys(order, next) ? order : next;
}

function moveOneByOne(
  order: readonly string[],
  changes: ReadonlyMap<string, OrderChange>,
  leaving: SortableSession[],
  arriving: SortableSession[],
  current: (key: string) => SortableSession | undefined,
  compare: SessionComparator,
): string[] {
  const next = order.slice();
  // While keys leave, the ones still to leave sit where their old values put them.
  const before = (key: string): SortableSession | undefined => {
    const change = changes.get(key);
    return change === undefined ? current(key) : (change.before ?? change.after);
  };
  for (const session of leaving) {
    let index = lowerBound(next, session, before, compare);
    if (next[index] !== session.sessionKey) index = next.indexOf(session.sessionKey);
    if (index >= 0) next.splice(index, 1);
  }
  for (const session of arriving) {
    next.splice(lowerBound(next, session, current, compare), 0, session.sessionKey);
  }
  return next;
}

/**
 * Drops the leaving keys in one pass, then places each arriving session by
 * binary search among the staying ones: the sort values of O(k log n)
 * sessions are read, not those of all n, and the rest is copying.
 */
function filterAndMerge(
  order: readonly string[],
  leaving: SortableSession[],
  arriving: SortableSession[],
  current: (key: string) => SortableSession | undefined,
  compare: SessionComparator,
): string[] {
  const leavingKeys = new Set(leaving.map((session) => session.sessionKey));
  const staying = leavingKeys.size === 0 ? order : order.filter((key) => !leavingKeys.has(key));
  arriving.sort(compare);
  const next: string[] = [];
  let from = 0;
  for (const session of arriving) {
    const at = lowerBound(staying, session, current, compare, from);
    for (let index = from; index < at; index += 1) next.push(staying[index] as string);
    next.push(session.sessionKey);
    from = at;
  }
  for (let index = from; index < staying.length; index += 1) next.push(staying[index] as string);
  return next;
}
