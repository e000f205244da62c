import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueHeap } from './due-heap';

describe('DueHeap', () => {
  it('pops keys in due order, ties in insertion order, after any mix of sets and deletes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              op: fc.constant('set' as const),
              key: fc.integer({ min: 0, max: 30 }),
              dueAt: fc.integer({ min: 0, max: 50 }),
            }),
            fc.record({ op: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 30 }) }),
          ),
        ),
        (ops) => {
          const heap = new DueHeap();
          const model = new Map<string, { dueAt: number; order: number }>();
          let order = 0;
          for (const op of ops) {
            const key = `k${op.key}`;
            if (op.op === 'set') {
              heap.set(key, op.dueAt);
              model.set(key, { dueAt: op.dueAt, order: order++ });
            } else {
              expect(heap.delete(key)).toBe(model.delete(key));
            }
          }
          expect(heap.size).toBe(model.size);
          const expected = [...model.entries()]
            .sort(([, a], [, b]) => a.dueAt - b.dueAt || a.order - b.order)
            .map(([key, { dueAt }]) => ({ key, dueAt }));
          const popped = [];
          for (let entry = heap.pop(); entry; entry = heap.pop()) popped.push(entry);
          expect(popped).toEqual(expected);
        },
      ),
    );
  });
});

describe('DueHeap.shift', () => {
  it('moves every deadline by the same amount and keeps their order', () => {
    const heap = new DueHeap();
    heap.set('b', 2000);
    heap.set('a', 1000);
    heap.set('c', 3000);
    heap.shift(-3_600_000);
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([
      { key: 'a', dueAt: 1000 - 3_600_000 },
      { key: 'b', dueAt: 2000 - 3_600_000 },
      { key: 'c', dueAt: 3000 - 3_600_000 },
    ]);
  });
});
