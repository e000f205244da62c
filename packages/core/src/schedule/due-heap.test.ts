import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DueHeap, type DueEntry } from './due-heap';

type HeapOp =
  | { op: 'set'; key: number; dueAt: number }
  | { op: 'delete'; key: number }
  | { op: 'pop' }
  | { op: 'peek' };

// Few keys and few instants, so moves, deletes and ties are common; sets
// weigh more, so the heap grows deep enough (a wrong parent index only shows
// from the third level on).
const heapOp: fc.Arbitrary<HeapOp> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      key: fc.integer({ min: 0, max: 30 }),
      dueAt: fc.integer({ min: 0, max: 50 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('delete' as const),
      key: fc.integer({ min: 0, max: 30 }),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('pop' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('peek' as const) }), weight: 1 },
);

/** The heap's contract as a sorted array: by due time, ties in the order they were last set. */
interface ModelEntry extends DueEntry {
  order: number;
}

function sortModel(model: ModelEntry[]): void {
  model.sort((a, b) => a.dueAt - b.dueAt || a.order - b.order);
}

function head(model: readonly ModelEntry[]): DueEntry | undefined {
  const first = model[0];
  return first && { key: first.key, dueAt: first.dueAt };
}

describe('DueHeap', () => {
  // The scheduler arms its one timer for peek(): a wrong peek after any
  // operation is a beat sent late or a stall flagged late, even if a full
  // drain would come out sorted in the end.
  it('the next due key (peek) is right after every set, delete, pop and peek', () => {
    fc.assert(
      fc.property(fc.array(heapOp, { maxLength: 200, size: 'max' }), (ops) => {
        const heap = new DueHeap();
        const model: ModelEntry[] = [];
        let order = 0;
        for (const step of ops) {
          switch (step.op) {
            case 'set': {
              const key = `k${step.key}`;
              const at = model.findIndex((entry) => entry.key === key);
              if (at !== -1) model.splice(at, 1);
              model.push({ key, dueAt: step.dueAt, order: order++ });
              sortModel(model);
              heap.set(key, step.dueAt);
              break;
            }
            case 'delete': {
              const key = `k${step.key}`;
              const at = model.findIndex((entry) => entry.key === key);
              if (at !== -1) model.splice(at, 1);
              expect(heap.delete(key)).toBe(at !== -1);
              break;
            }
            case 'pop': {
              const expected = head(model);
              model.shift();
              expect(heap.pop()).toEqual(expected);
              break;
            }
            case 'peek':
              break;
            default:
              return step satisfies never;
          }
          expect(heap.peek()).toEqual(head(model));
          expect(heap.size).toBe(model.length);
        }
        const drained: DueEntry[] = [];
        for (let entry = heap.pop(); entry; entry = heap.pop()) drained.push(entry);
        expect(drained).toEqual(model.map(({ key, dueAt }) => ({ key, dueAt })));
      }),
      {
        numRuns: 200,
        // Always tried first: eight sets that a parent index off by one
        // (`child >> 1`) leaves with the wrong key on top.
        examples: [
          [
            [
              { op: 'set', key: 0, dueAt: 0 },
              { op: 'set', key: 1, dueAt: 0 },
              { op: 'set', key: 3, dueAt: 0 },
              { op: 'set', key: 4, dueAt: 1 },
              { op: 'set', key: 0, dueAt: 1 },
              { op: 'set', key: 2, dueAt: 0 },
              { op: 'set', key: 3, dueAt: 0 },
              { op: 'set', key: 5, dueAt: 0 },
            ],
          ],
        ],
      },
    );
  });

  it('a key set later than the current head does not displace it', () => {
    const heap = new DueHeap();
    heap.set('a', 10);
    heap.set('b', 20);
    heap.set('c', 5);
    heap.set('c', 30); // moved later: a is next again
    expect(heap.peek()).toEqual({ key: 'a', dueAt: 10 });
    heap.clear();
    expect(heap.peek()).toBeUndefined();
    expect(heap.size).toBe(0);
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
