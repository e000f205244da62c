import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDeadlineHeap } from './deadline-heap';

describe('createDeadlineHeap', () => {
  it('gives the soonest deadline and takes what is due, once', () => {
    const heap = createDeadlineHeap();
    heap.set('a', 300);
    heap.set('b', 100);
    heap.set('c', 200);
    expect(heap.peek()).toBe(100);
    expect(heap.takeDue(200).sort()).toEqual(['b', 'c']);
    expect(heap.takeDue(200)).toEqual([]);
    expect(heap.peek()).toBe(300);
  });

  it('replaces and deletes deadlines (Infinity deletes)', () => {
    const heap = createDeadlineHeap();
    heap.set('a', 100);
    heap.set('a', 500);
    heap.set('b', 50);
    heap.set('b', Infinity);
    expect(heap.peek()).toBe(500);
    heap.delete('a');
    expect(heap.peek()).toBe(Infinity);
    expect(heap.size).toBe(0);
  });

  it('stays bounded however often deadlines move', () => {
    const heap = createDeadlineHeap();
    for (let round = 0; round < 200; round += 1) {
      for (let key = 0; key < 100; key += 1) heap.set(`k${key}`, round * 1000 + key);
    }
    expect(heap.size).toBe(100);
    expect(heap.peek()).toBe(199_000);
    expect(heap.takeDue(199_049)).toHaveLength(50);
  });

  it('agrees with a plain map under any sequence of operations', () => {
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        key: fc.integer({ min: 0, max: 9 }),
        at: fc.integer({ min: 0, max: 100 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('take' as const), now: fc.integer({ min: 0, max: 100 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const heap = createDeadlineHeap();
        const model = new Map<string, number>();
        for (const op of operations) {
          if (op.kind === 'set') {
            heap.set(`k${op.key}`, op.at);
            model.set(`k${op.key}`, op.at);
          } else if (op.kind === 'delete') {
            heap.delete(`k${op.key}`);
            model.delete(`k${op.key}`);
          } else {
            const due = [...model].filter(([, at]) => at <= op.now).map(([key]) => key);
            for (const key of due) model.delete(key);
            expect(heap.takeDue(op.now).sort()).toEqual(due.sort());
          }
          expect(heap.peek()).toBe(Math.min(Infinity, ...model.values()));
        }
      }),
    );
  });
});
