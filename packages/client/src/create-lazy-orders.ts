import { sessionComparators, type SessionSortKey } from '@session-heartbeat/core';
import type { SessionEntry } from './session-entry';
import { sameKeys, sortKeys, updateOrder, type OrderChange } from './sorted-order';

export type SessionOrders = Readonly<Record<SessionSortKey, readonly string[]>>;

/**
 * The session keys in each sort order, each brought up to date only when it
 * is read. A list shows one order at a time: keeping the others sorted on
 * every frame is work nobody sees (at 10,000 sessions it is most of a
 * frame's sorting). An order that is read keeps, per session changed since
 * its last read, the sort values the session had then, and applies them at
 * the next read (`updateOrder`). An order never read, or left unread while
 * a quarter of the sessions changed, holds nothing and is sorted afresh when
 * next read. An order that did not change keeps its array.
 */
export interface LazyOrders {
  /** Notes a batch's changes (`after` filled in). */
  changed(changes: ReadonlyMap<string, OrderChange>): void;
  /** A fresh view of the orders (a new object, so that a selector runs again), read lazily. */
  view(): SessionOrders;
}

const SORT_KEYS = Object.keys(sessionComparators) as SessionSortKey[];

/** Below this many sessions waiting, an unread order keeps following the changes. */
const MIN_FOLLOWED = 64;

interface OrderState {
  sorted: readonly string[];
  /** `undefined`: sort afresh at the next read. Else session → its entry at the last read. */
  waiting: Map<string, SessionEntry | undefined> | undefined;
}

export function createLazyOrders(
  current: (key: string) => SessionEntry | undefined,
  everyEntry: () => Iterable<SessionEntry>,
  sessionCount: () => number,
): LazyOrders {
  const orders = {} as Record<SessionSortKey, OrderState>;
  for (const sortKey of SORT_KEYS) orders[sortKey] = { sorted: [], waiting: undefined };

  function read(sortKey: SessionSortKey): readonly string[] {
    const order = orders[sortKey];
    const compare = sessionComparators[sortKey];
    if (order.waiting === undefined) {
      const sorted = sortKeys(everyEntry(), compare);
      if (!sameKeys(sorted, order.sorted)) order.sorted = sorted;
      order.waiting = new Map();
    } else if (order.waiting.size > 0) {
      const changes = new Map<string, OrderChange>();
      for (const [key, before] of order.waiting) changes.set(key, { before, after: current(key) });
      order.waiting.clear();
      order.sorted = updateOrder(order.sorted, changes, current, compare);
    }
    return order.sorted;
  }

  return {
    changed(changes) {
      const followed = Math.max(MIN_FOLLOWED, sessionCount() / 4);
      for (const sortKey of SORT_KEYS) {
        const order = orders[sortKey];
        const { waiting } = order;
        if (waiting === undefined) continue;
        for (const [key, { before, after }] of changes) {
          const known = waiting.has(key);
          const then = known ? waiting.get(key) : (before as SessionEntry | undefined);
          // Came and went unread: nothing to place or remove (and nothing to hold on to).
          if (then === undefined && after === undefined) waiting.delete(key);
          else if (!known) waiting.set(key, then);
          // So many moves wait that a fresh sort costs no more: stop following
          // (a snapshot of 10,000 sessions stops here, not after the 10,000th).
          if (waiting.size > followed) break;
        }
        if (waiting.size > followed) order.waiting = undefined;
      }
    },
    view() {
      const view = {} as Record<SessionSortKey, readonly string[]>;
      for (const sortKey of SORT_KEYS) {
        Object.defineProperty(view, sortKey, { enumerable: true, get: () => read(sortKey) });
      }
      return view;
    },
  };
}
