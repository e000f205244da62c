import { sessionComparators, type SessionSortKey } from '../sort/compare-sessions';
import type { SessionEntry } from './session-entry';
import { updateOrder, type OrderChange } from './sorted-order';

export type SessionOrders = Readonly<Record<SessionSortKey, readonly string[]>>;

/**
 * The session keys in each sort order, each brought up to date only when it
 * is read. A list shows one order at a time: keeping the others sorted on
 * every frame is work nobody sees (at 10,000 sessions it is most of a
 * frame's sorting). Per order, the sessions changed since it was last read
 * wait with the sort values they had then; reading applies them at once
 * (`updateOrder`). An order that did not change keeps its array.
 */
export interface LazyOrders {
  /** Notes a batch's changes (`after` filled in). */
  changed(changes: ReadonlyMap<string, OrderChange>): void;
  /** A fresh view of the orders (a new object, so that a selector runs again), read lazily. */
  view(): SessionOrders;
}

const SORT_KEYS = Object.keys(sessionComparators) as SessionSortKey[];

export function createLazyOrders(current: (key: string) => SessionEntry | undefined): LazyOrders {
  const sorted = {} as Record<SessionSortKey, readonly string[]>;
  /** Per order: session → its entry when the order was last brought up to date. */
  const waiting = {} as Record<SessionSortKey, Map<string, SessionEntry | undefined>>;
  for (const sortKey of SORT_KEYS) {
    sorted[sortKey] = [];
    waiting[sortKey] = new Map();
  }

  function read(sortKey: SessionSortKey): readonly string[] {
    const pending = waiting[sortKey];
    if (pending.size === 0) return sorted[sortKey];
    const changes = new Map<string, OrderChange>();
    for (const [key, before] of pending) changes.set(key, { before, after: current(key) });
    pending.clear();
    sorted[sortKey] = updateOrder(sorted[sortKey], changes, current, sessionComparators[sortKey]);
    return sorted[sortKey];
  }

  return {
    changed(changes) {
      for (const sortKey of SORT_KEYS) {
        const pending = waiting[sortKey];
        for (const [key, { before, after }] of changes) {
          const known = pending.has(key);
          const then = known ? pending.get(key) : (before as SessionEntry | undefined);
          // Came and went unread: nothing to place or remove (and nothing to hold on to).
          if (then === undefined && after === undefined) pending.delete(key);
          else if (!known) pending.set(key, then);
        }
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
