import { DueHeap } from '@session-heartbeat/core';

/**
 * When each session's health changes next, kept so the soonest is found in
 * O(1): one timer for all sessions instead of one per row. The emitter's
 * scheduler keeps its sessions' next beats in the same `DueHeap`.
 */
export interface DeadlineHeap {
  /** Sets (or replaces) `key`'s deadline; `Infinity` deletes it. */
  set(key: string, at: number): void;
  delete(key: string): void;
  /** The soonest deadline, or `Infinity`. */
  peek(): number;
  /** Removes and returns every key whose deadline is at or before `now`. */
  takeDue(now: number): string[];
  /** How many keys have a deadline. */
  readonly size: number;
}

export function createDeadlineHeap(): DeadlineHeap {
  const heap = new DueHeap();
  return {
    set(key, at) {
      if (Number.isFinite(at)) heap.set(key, at);
      else heap.delete(key);
    },
    delete(key) {
      heap.delete(key);
    },
    peek() {
      return heap.peek()?.dueAt ?? Infinity;
    },
    takeDue(now) {
      const due: string[] = [];
      for (let top = heap.peek(); top !== undefined && top.dueAt <= now; top = heap.peek()) {
        heap.pop();
        due.push(top.key);
      }
      return due;
    },
    get size() {
      return heap.size;
    },
  };
}
