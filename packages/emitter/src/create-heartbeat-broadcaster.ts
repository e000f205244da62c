import type { HubEvent, HubListener, SessionHeartbeat } from '@session-heartbeat/core';

export interface HeartbeatBroadcaster {
  subscribe(listener: HubListener): () => void;
  heartbeat(heartbeat: SessionHeartbeat): void;
  heartbeats(heartbeats: readonly SessionHeartbeat[]): void;
  removed(sessionKey: string): void;
  /** Holds delivery while `run` executes, then delivers what it emitted as few events as possible. */
  batch<T>(run: () => T): T;
  readonly listenerCount: number;
}

/**
 * Delivers emissions to subscribers synchronously. One throwing listener is
 * reported and does not keep the others from hearing the event.
 */
export function createHeartbeatBroadcaster(
  onListenerError: (error: unknown) => void,
): HeartbeatBroadcaster {
  const listeners = new Set<HubListener>();
  let depth = 0;
  let held: HubEvent[] = [];

  function deliver(event: HubEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        onListenerError(error);
      }
    }
  }

  function push(event: HubEvent): void {
    if (listeners.size === 0) return;
    if (depth === 0) {
      deliver(event);
      return;
    }
    const last = held.at(-1);
    // Consecutive heartbeats merge into one batch; a removal keeps its place.
    if (event.type === 'heartbeats' && last?.type === 'heartbeats') {
      const merged = last.heartbeats as SessionHeartbeat[];
      for (const heartbeat of event.heartbeats) merged.push(heartbeat);
    } else {
      held.push(
        event.type === 'heartbeats' ? { ...event, heartbeats: [...event.heartbeats] } : event,
      );
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    heartbeat(heartbeat) {
      push({ type: 'heartbeats', heartbeats: [heartbeat] });
    },
    heartbeats(heartbeats) {
      if (heartbeats.length > 0) push({ type: 'heartbeats', heartbeats });
    },
    removed(sessionKey) {
      push({ type: 'removed', sessionKey });
    },
    batch(run) {
      depth += 1;
      try {
        return run();
      } finally {
        depth -= 1;
        if (depth === 0 && held.length > 0) {
          const events = held;
          held = [];
          events.forEach(deliver);
        }
      }
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}
