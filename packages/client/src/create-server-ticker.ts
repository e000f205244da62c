import type { HeartbeatEnvironment, TimerHandle } from './environment';

/**
 * One ticking clock for every elapsed-time text on a page: subscribers ask
 * for a granularity ("seconds"), and a single timer wakes at the next
 * boundary of any of them. No subscriber, no timer; and no timer in a
 * hidden page, where nobody reads the text: it catches up at once when the
 * page is shown again (`visibilityChanged`), before the next paint.
 */
export interface ServerTicker {
  /** `serverNow`, rounded down to a multiple of `granularityMs`. */
  read(granularityMs: number): number;
  /** Calls `listener` when `read(granularityMs)` moves on; returns an unsubscribe. */
  subscribe(granularityMs: number, listener: () => void): () => void;
}

export function createServerTicker(
  serverNow: () => number,
  environment: Pick<HeartbeatEnvironment, 'setTimeout' | 'clearTimeout' | 'isHidden'>,
): ServerTicker & { /** Call on `visibilitychange`. */ visibilityChanged(): void } {
  const groups = new Map<number, { listeners: Set<() => void>; value: number }>();
  let timer: { handle: TimerHandle; at: number } | undefined;

  const read = (granularityMs: number): number =>
    Math.floor(serverNow() / granularityMs) * granularityMs;

  function schedule(): void {
    const now = serverNow();
    let at = Infinity;
    if (!environment.isHidden()) {
      for (const granularity of groups.keys()) {
        at = Math.min(at, (Math.floor(now / granularity) + 1) * granularity);
      }
    }
    if (timer !== undefined && timer.at === at) return;
    if (timer !== undefined) environment.clearTimeout(timer.handle);
    timer = undefined;
    if (!Number.isFinite(at)) return;
    timer = { at, handle: environment.setTimeout(tick, at - now) };
  }

  function tick(): void {
    timer = undefined;
    for (const [granularity, group] of groups) {
      const value = read(granularity);
      if (value === group.value) continue;
      group.value = value;
      for (const listener of [...group.listeners]) listener();
    }
    schedule();
  }

  return {
    read,
    subscribe(granularityMs, listener) {
      const granularity = Math.max(1, granularityMs);
      let group = groups.get(granularity);
      if (group === undefined) {
        group = { listeners: new Set(), value: read(granularity) };
        groups.set(granularity, group);
      }
      group.listeners.add(listener);
      schedule();
      return () => {
        group.listeners.delete(listener);
        if (group.listeners.size === 0) groups.delete(granularity);
        schedule();
      };
    },
    visibilityChanged() {
      if (environment.isHidden()) schedule();
      else tick();
    },
  };
}
