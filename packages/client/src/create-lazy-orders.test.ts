import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionComparators } from '@session-heartbeat/core';
import { createLazyOrders } from './create-lazy-orders';
import type { SessionEntry } from './session-entry';
import type { OrderChange } from './sorted-order';

afterEach(() => {
  vi.restoreAllMocks();
});

function entry(sessionKey: string, health: SessionEntry['health'], lastActivityAt: number) {
  return { sessionKey, health, lastActivityAt } as SessionEntry;
}

/** A tiny table: entries by key, and the batches it applies. */
function setup() {
  const entries = new Map<string, SessionEntry>();
  const orders = createLazyOrders(
    (key) => entries.get(key),
    () => entries.values(),
    () => entries.size,
  );
  function apply(next: SessionEntry[], removed: string[] = []): void {
    const changes = new Map<string, OrderChange>();
    for (const value of next) {
      changes.set(value.sessionKey, { before: entries.get(value.sessionKey), after: value });
      entries.set(value.sessionKey, value);
    }
    for (const key of removed) {
      changes.set(key, { before: entries.get(key), after: undefined });
      entries.delete(key);
    }
    orders.changed(changes);
  }
  return { orders, apply, entries };
}

describe('createLazyOrders', () => {
  it('sorts an order only when it is read, applying every batch since', () => {
    const { orders, apply } = setup();
    const byActivity = vi.spyOn(sessionComparators, 'lastActivity');
    apply([entry('a', 'idle', 1), entry('b', 'waiting', 2), entry('c', 'active', 3)]);
    apply([entry('a', 'stalled', 4)], ['c']);
    const view = orders.view();
    expect(view.severity).toEqual(['a', 'b']);
    expect(byActivity).not.toHaveBeenCalled();
    expect(view.lastActivity).toEqual(['a', 'b']);
    expect(byActivity).toHaveBeenCalled();
  });

  it('keeps an order’s array while it holds, and moves what changed since it was read', () => {
    const { orders, apply } = setup();
    apply([entry('a', 'idle', 1), entry('b', 'waiting', 2)]);
    const first = orders.view().severity;
    expect(first).toEqual(['b', 'a']);
    apply([entry('a', 'idle', 1)]); // a periodic beat: same sort values
    expect(orders.view().severity).toBe(first);
    apply([entry('a', 'active', 5)]);
    apply([entry('a', 'waiting', 6)]); // two batches, one read
    expect(orders.view().severity).toEqual(['a', 'b']);
  });

  it('sorts afresh an order left unread while many sessions changed, and keeps its array if it holds', () => {
    const { orders, apply } = setup();
    const many = Array.from({ length: 200 }, (_, index) => entry(`s${index}`, 'idle', index));
    apply(many);
    const first = orders.view().lastActivity;
    apply(many.map((value) => entry(value.sessionKey, 'active', value.lastActivityAt))); // same activity order
    apply(many.slice(0, 100).map((value) => entry(value.sessionKey, 'idle', value.lastActivityAt)));
    expect(orders.view().lastActivity).toBe(first);
    apply([entry('s0', 'idle', 1000)]);
    expect(orders.view().lastActivity[0]).toBe('s0');
  });

  it('forgets a session that came and went while its order was not read', () => {
    const { orders, apply } = setup();
    apply([entry('a', 'idle', 1)]);
    expect(orders.view().key).toEqual(['a']);
    apply([entry('b', 'idle', 2)]);
    apply([], ['b']);
    const byKey = vi.spyOn(sessionComparators, 'key');
    expect(orders.view().key).toEqual(['a']);
    expect(byKey).not.toHaveBeenCalled();
  });
});
