/**
 * When each session's health changes next, kept so the soonest is found in
 * O(1): one timer for all sessions instead of one per row. A binary min-heap
 * with lazy deletion: `set` pushes, and an entry whose deadline was replaced
 * or deleted is skipped when it reaches the top. The heap is rebuilt when
 * stale entries outnumber live ones, so it stays O(sessions).
 */
export interface DeadlineHeap {
  /** Sets (or replaces) `key`'s deadline; `Infinity` deletes it. */
  set(key: string, at: number): void;
  delete(key: string): void;
  clear(): void;
  /** The soonest deadline, or `Infinity`. */
  peek(): number;
  /** Removes and returns every key whose deadline is at or before `now`. */
  takeDue(now: number): string[];
  /** How many keys have a deadline. */
  readonly size: number;
}

export function createDeadlineHeap(): DeadlineHeap {
  const deadlines = new Map<string, number>();
  let times: number[] = [];
  let keys: string[] = [];

  function swap(a: number, b: number): void {
    const time = times[a] as number;
    times[a] = times[b] as number;
    times[b] = time;
    const key = keys[a] as string;
    keys[a] = keys[b] as string;
    keys[b] = key;
  }

  function siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >>> 1;
      if ((times[parent] as number) <= (times[child] as number)) return;
      swap(parent, child);
      child = parent;
    }
  }

  function siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < times.length && (times[left] as number) < (times[smallest] as number)) {
        smallest = left;
      }
      if (right < times.length && (times[right] as number) < (times[smallest] as number)) {
        smallest = right;
      }
      if (smallest === parent) return;
      swap(parent, smallest);
      parent = smallest;
    }
  }

  function push(key: string, at: number): void {
    times.push(at);
    keys.push(key);
    siftUp(times.length - 1);
  }

  function popTop(): void {
    const lastTime = times.pop() as number;
    const lastKey = keys.pop() as string;
    if (times.length === 0) return;
    times[0] = lastTime;
    keys[0] = lastKey;
    siftDown(0);
  }

  /** Drops stale entries from the top, so `times[0]` is live (or the heap is empty). */
  function settle(): void {
    while (times.length > 0 && deadlines.get(keys[0] as string) !== times[0]) popTop();
  }

  function rebuild(): void {
    times = [];
    keys = [];
    for (const [key, at] of deadlines) {
      times.push(at);
      keys.push(key);
    }
    for (let index = (times.length >>> 1) - 1; index >= 0; index -= 1) siftDown(index);
  }

  return {
    set(key, at) {
      if (!Number.isFinite(at)) {
        deadlines.delete(key);
        return;
      }
      if (deadlines.get(key) === at) return;
      deadlines.set(key, at);
      push(key, at);
      if (times.length > 2 * deadlines.size + 1024) rebuild();
    },
    delete(key) {
      deadlines.delete(key);
    },
    clear() {
      deadlines.clear();
      times = [];
      keys = [];
    },
    peek() {
      settle();
      return times[0] ?? Infinity;
    },
    takeDue(now) {
      const due: string[] = [];
      settle();
      while (times.length > 0 && (times[0] as number) <= now) {
        const key = keys[0] as string;
        due.push(key);
        deadlines.delete(key);
        popTop();
        settle();
      }
      return due;
    },
    get size() {
      return deadlines.size;
    },
  };
}
