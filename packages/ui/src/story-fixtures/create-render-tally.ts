/** Render counts by id, for the measurement stories (fed by `RenderProbeProvider`). */
export interface RenderTally {
  record(id: string): void;
  reset(): void;
  /** Renders of the list body (`'list'`). */
  listRenders(): number;
  /** Renders per row key, rows that did not render left out. */
  rowRenders(): Record<string, number>;
  subscribe(listener: () => void): () => void;
  /** Changes whenever a count does, for `useSyncExternalStore`. */
  version(): number;
}

export function createRenderTally(): RenderTally {
  let counts = new Map<string, number>();
  let version = 0;
  let notifyQueued = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    // Probes report from effects, in React's commit: tell the display afterwards.
    if (notifyQueued) return;
    notifyQueued = true;
    queueMicrotask(() => {
      notifyQueued = false;
      version += 1;
      for (const listener of listeners) listener();
    });
  };
  return {
    record(id) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      notify();
    },
    reset() {
      counts = new Map();
      notify();
    },
    listRenders: () => counts.get('list') ?? 0,
    rowRenders: () =>
      Object.fromEntries(
        [...counts].filter(([id]) => id !== 'list').sort(([a], [b]) => a.localeCompare(b)),
      ),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}
