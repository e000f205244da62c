import type { HeartbeatState, HeartbeatStore } from './heartbeat-store';

/**
 * The store as a page shows it: the same state, but a change made while the
 * page is hidden is told to listeners once, when the page is shown again.
 * A tab in the background then renders nothing (nobody sees it), while
 * `client.store` keeps telling every change to what must not wait: the
 * page's title, notifications, a host's own subscribers.
 */
export interface HeartbeatView {
  getState(): HeartbeatState;
  /** Like the store's, without the state: listeners read `getState()` (as `useSyncExternalStore` does). */
  subscribe(listener: () => void): () => void;
}

export function createHeartbeatView(
  store: HeartbeatStore,
  isHidden: () => boolean,
): HeartbeatView & { /** Call on `visibilitychange`. */ visibilityChanged(): void } {
  const listeners = new Set<() => void>();
  let unsubscribe: (() => void) | undefined;
  let held = false;

  function tell(): void {
    held = false;
    for (const listener of [...listeners]) listener();
  }

  function changed(): void {
    if (isHidden()) held = true;
    else tell();
  }

  return {
    getState: () => store.getState(),
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= store.subscribe(changed);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        unsubscribe?.();
        unsubscribe = undefined;
        held = false;
      };
    },
    visibilityChanged() {
      if (held && !isHidden()) tell();
    },
  };
}
