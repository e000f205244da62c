import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SESSION_HEALTHS,
  sessionComparators,
  type SessionHealth,
  type SortableSession,
} from '@session-heartbeat/core';
import { sortKeys, updateOrder, type OrderChange } from './sorted-order';

function session(
  sessionKey: string,
  health: SessionHealth,
  lastActivityAt: number,
): SortableSession {
  return { sessionKey, health, lastActivityAt };
}

const sessionArbitrary = (key: string) =>
  fc
    .record({
      health: fc.constantFrom(...SESSION_HEALTHS),
      lastActivityAt: fc.integer({ min: 0, max: 20 }), // few values: many ties
    })
    .map(({ health, lastActivityAt }) => session(key, health, lastActivityAt));

/** Sessions by key, each present or absent (null). */
type SessionStates = Record<string, SortableSession | null>;

const states = (keys: readonly string[]) =>
  fc.record(Object.fromEntries(keys.map((key) => [key, fc.option(sessionArbitrary(key))])));

function present(record: SessionStates): Map<string, SortableSession> {
  return new Map(
    Object.values(record)
      .filter((value) => value !== null)
      .map((value) => [value.sessionKey, value]),
  );
}

/** Updating the order of `beforeState` with what changed gives the full sort of `afterState`. */
function expectUpdateEqualsFullSort(
  keys: readonly string[],
  beforeState: SessionStates,
  afterState: SessionStates,
  sortBy: keyof typeof sessionComparators,
): void {
  const compare = sessionComparators[sortBy];
  const before = present(beforeState);
  const after = present(afterState);
  const changes = new Map<string, OrderChange>();
  for (const key of keys) {
    if (before.get(key) !== after.get(key)) {
      changes.set(key, { before: before.get(key), after: after.get(key) });
    }
  }
  const order = sortKeys(before.values(), compare);
  const next = updateOrder(order, changes, (key) => after.get(key), compare);
  expect(next).toEqual(sortKeys(after.values(), compare));
}

describe('updateOrder', () => {
  it('moves only what changed and keeps the reference when the order holds', () => {
    const compare = sessionComparators.severity;
    const before = new Map([
      ['a', session('a', 'active', 10)],
      ['b', session('b', 'waiting', 5)],
      ['c', session('c', 'idle', 1)],
    ]);
    const order = sortKeys(before.values(), compare);
    expect(order).toEqual(['b', 'a', 'c']);

    // A periodic beat: same sort values, new object.
    const same = new Map<string, OrderChange>([
      ['a', { before: before.get('a'), after: session('a', 'active', 10) }],
    ]);
    expect(updateOrder(order, same, (key) => before.get(key), compare)).toBe(order);

    // A change of values that does not change the order.
    const after = new Map(before).set('a', session('a', 'active', 11));
    const quiet = new Map<string, OrderChange>([
      ['a', { before: before.get('a'), after: after.get('a') }],
    ]);
    expect(updateOrder(order, quiet, (key) => after.get(key), compare)).toBe(order);

    // 'c' stalls: to the top.
    const stalled = new Map(before).set('c', session('c', 'stalled', 1));
    const moved = new Map<string, OrderChange>([
      ['c', { before: before.get('c'), after: stalled.get('c') }],
    ]);
    expect(updateOrder(order, moved, (key) => stalled.get(key), compare)).toEqual(['c', 'b', 'a']);
  });

  it('equals a full sort after any batch of changes, additions and removals', () => {
    const keys = Array.from({ length: 40 }, (_, index) => `agent:${index}`);
    fc.assert(
      fc.property(
        states(keys),
        states(keys),
        fc.constantFrom('severity', 'lastActivity', 'key') as fc.Arbitrary<
          keyof typeof sessionComparators
        >,
        (beforeState, afterState, sortBy) =>
          expectUpdateEqualsFullSort(keys, beforeState, afterState, sortBy),
      ),
      { numRuns: 300 },
    );
  });

  it('equals a full sort after any large batch (placed by binary search among the staying)', () => {
    const keys = Array.from({ length: 150 }, (_, index) => `agent:${index}`);
    fc.assert(
      fc.property(
        states(keys),
        states(keys),
        fc.constantFrom('severity', 'lastActivity') as fc.Arbitrary<
          keyof typeof sessionComparators
        >,
        (beforeState, afterState, sortBy) =>
          expectUpdateEqualsFullSort(keys, beforeState, afterState, sortBy),
      ),
      { numRuns: 100 },
    );
  });

  it('handles a large batch (filter and merge) like a small one', () => {
    const compare = sessionComparators.lastActivity;
    const before = new Map<string, SortableSession>();
    for (let index = 0; index < 2000; index += 1) {
      before.set(`s${index}`, session(`s${index}`, 'idle', index));
    }
    const after = new Map(before);
    const changes = new Map<string, OrderChange>();
    for (let index = 0; index < 2000; index += 7) {
      const next = session(`s${index}`, 'active', 5000 - index);
      after.set(`s${index}`, next);
      changes.set(`s${index}`, { before: before.get(`s${index}`), after: next });
    }
    const order = sortKeys(before.values(), compare);
    expect(updateOrder(order, changes, (key) => after.get(key), compare)).toEqual(
      sortKeys(after.values(), compare),
    );
  });
});
