import type { HoldTimers } from './create-idle-release';

/** The part of a zustand store a paced selection reads. */
export interface SelectableStore<S> {
  getState(): S;
  subscribe(listener: () => void): () => void;
}

export interface PacedSelection<T> {
  /** What to show now (for `useSyncExternalStore`). */
  getSnapshot(): T;
  subscribe(onChange: () => void): () => void;
}

export interface PacedSelectionOptions<S> {
  /** At most one change shown per this many ms; 0 shows every change. */
  intervalMs: number;
  /** Changes that show at once, whatever the pace (e.g. the snapshot's last slice landing). */
  isUrgent?: (state: S) => unknown;
  timers: HoldTimers;
}

/**
 * A store selection that changes at most once per `intervalMs`: a change
 * after a quiet spell shows at once (leading edge), and the changes that
 * follow within the interval show together at its end, as the newest answer
 * (trailing edge). Nothing is lost, only batched: the answer shown is never
 * older than one interval. What `isUrgent` reads changing shows at once.
 *
 * The list's order at fleet scale is why: at thousands of heartbeats a
 * second, "newest activity first" is a different set of rows every frame,
 * which nobody can read and which costs a render of every row each time.
 */
export function createPacedSelection<S, T>(
  store: SelectableStore<S>,
  select: (state: S) => T,
  { intervalMs, isUrgent, timers }: PacedSelectionOptions<S>,
): PacedSelection<T> {
  let shown = select(store.getState());
  let urgentSeen = isUrgent?.(store.getState());
  /** The open interval's timer; `undefined` when no interval is open. */
  let windowTimer: unknown;
  let stale = false;
  const listeners = new Set<() => void>();
  let unsubscribe: (() => void) | undefined;

  function show(next: T): void {
    shown = next;
    for (const listener of listeners) listener();
  }
  function closeWindow(): void {
    if (windowTimer !== undefined) timers.clearTimeout(windowTimer);
    windowTimer = undefined;
    stale = false;
  }
  function openWindow(): void {
    windowTimer = timers.setTimeout(() => {
      windowTimer = undefined;
      if (!stale) return;
      stale = false;
      const next = select(store.getState());
      if (next === shown) return;
      show(next);
      openWindow();
    }, intervalMs);
  }
  function onStoreChange(): void {
    const state = store.getState();
    const urgent = isUrgent?.(state);
    const urgentChanged = urgent !== urgentSeen;
    urgentSeen = urgent;
    // Within the interval the answer waits: not even worked out (a sorted
    // order is built on demand, and that is the cost this saves).
    if (windowTimer !== undefined && !urgentChanged) {
      stale = true;
      return;
    }
    const next = select(state);
    if (next === shown) return;
    closeWindow();
    show(next);
    if (intervalMs > 0) openWindow();
  }

  return {
    getSnapshot: () => shown,
    subscribe(onChange) {
      listeners.add(onChange);
      if (unsubscribe === undefined) {
        unsubscribe = store.subscribe(onStoreChange);
        // Changes while nobody listened show now.
        onStoreChange();
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size > 0 || unsubscribe === undefined) return;
        unsubscribe();
        unsubscribe = undefined;
        closeWindow();
      };
    },
  };
}
