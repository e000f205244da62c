/** One entry of a {@link DueHeap}: a key and the instant it is due. */
export interface DueEntry {
  key: string;
  dueAt: number;
}

interface HeapSlot extends DueEntry {
  /** Breaks ties between equal `dueAt` in insertion order, so runs are deterministic. */
  order: number;
  index: number;
}

/**
 * A binary min-heap of keys ordered by due time, with a position index so a
 * key can be moved or removed in O(log n). It is what lets one timer serve
 * every session: the scheduler only ever arms a timer for `peek()`.
 */
export class DueHeap {
  #slots: HeapSlot[] = [];
  #byKey = new Map<string, HeapSlot>();
  #nextOrder = 0;

  get size(): number {
    return this.#slots.length;
  }

  /** Inserts `key`, or moves it if it is already queued. */
  set(key: string, dueAt: number): void {
    const existing = this.#byKey.get(key);
    if (existing) {
      const earlier = dueAt < existing.dueAt;
      existing.dueAt = dueAt;
      existing.order = this.#nextOrder++;
      if (earlier) this.#siftUp(existing.index);
      else this.#siftDown(existing.index);
      return;
    }
    const slot: HeapSlot = { key, dueAt, order: this.#nextOrder++, index: this.#slots.length };
    this.#slots.push(slot);
    this.#byKey.set(key, slot);
    this.#siftUp(slot.index);
  }

  delete(key: string): boolean {
    const slot = this.#byKey.get(key);
    if (!slot) return false;
    this.#byKey.delete(key);
    const last = this.#slots.pop();
    if (last && last !== slot) {
      this.#slots[slot.index] = last;
      last.index = slot.index;
      this.#siftDown(last.index);
      this.#siftUp(last.index);
    }
    return true;
  }

  peek(): DueEntry | undefined {
    const top = this.#slots[0];
    return top && { key: top.key, dueAt: top.dueAt };
  }

  pop(): DueEntry | undefined {
    const top = this.#slots[0];
    if (!top) return undefined;
    this.delete(top.key);
    return { key: top.key, dueAt: top.dueAt };
  }

  /**
   * Moves every entry by `deltaMs`, keeping their order: for deadlines kept
   * on a wall clock that was stepped (they still fall due after the same
   * wait).
   */
  shift(deltaMs: number): void {
    for (const slot of this.#slots) slot.dueAt += deltaMs;
  }

  clear(): void {
    this.#slots = [];
    this.#byKey.clear();
  }

  /** Whether the slot at `i` must come before the slot at `j` (false when either is missing). */
  #less(i: number, j: number): boolean {
    const a = this.#slots[i];
    const b = this.#slots[j];
    if (!a || !b) return false;
    // Stryker disable next-line EqualityOperator: two slots never share an order
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);
  }

  #swap(i: number, j: number): void {
    const a = this.#slots[i];
    const b = this.#slots[j];
    // Stryker disable next-line ConditionalExpression,LogicalOperator: both indices always hold a slot; this only narrows the type
    if (!a || !b) return;
    this.#slots[i] = b;
    this.#slots[j] = a;
    b.index = i;
    a.index = j;
  }

  #siftUp(index: number): void {
    let child = index;
    // Stryker disable next-line EqualityOperator: at the root, the parent index is -1, which is never less
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.#less(child, parent)) return;
      this.#swap(child, parent);
      child = parent;
    }
  }

  #siftDown(index: number): void {
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let smallest = parent;
      if (this.#less(left, smallest)) smallest = left;
      if (this.#less(right, smallest)) smallest = right;
      if (smallest === parent) return;
      this.#swap(parent, smallest);
      parent = smallest;
    }
  }
}
