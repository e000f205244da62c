import type { HeartbeatClient } from '@session-heartbeat/client';

export interface ElementClientOptions {
  /**
   * Called before a restart goes to the server; `false` means the host took
   * care of it (it called `preventDefault()` on `session-restart`).
   */
  beforeRestart: (sessionKey: string) => boolean;
}

/**
 * The view of a shared client that one element's React tree gets. Starting
 * and stopping belong to the registry (the last element to leave stops the
 * connection), so `start` and `stop` do nothing here — `HeartbeatProvider`
 * calls them on mount and unmount. A restart first asks the element (which
 * dispatches `session-restart`).
 */
export function createElementClient(
  client: HeartbeatClient,
  { beforeRestart }: ElementClientOptions,
): HeartbeatClient {
  function restartMutationOptions(): ReturnType<HeartbeatClient['restartMutationOptions']> {
    const options = client.restartMutationOptions();
    const { mutationFn } = options;
    return {
      ...options,
      mutationFn: (sessionKey, context) => {
        if (!beforeRestart(sessionKey)) return Promise.resolve();
        return mutationFn === undefined
          ? client.restartSession(sessionKey)
          : mutationFn(sessionKey, context);
      },
    };
  }

  return {
    store: client.store,
    queryClient: client.queryClient,
    ticker: client.ticker,
    start() {
      // The registry started it (HeartbeatProvider calls this on mount).
    },
    stop() {
      // The registry stops it when the last element lets go.
    },
    serverNow: () => client.serverNow(),
    setThresholds: (thresholds) => client.setThresholds(thresholds),
    setTransport: (transport) => client.setTransport(transport),
    reconnect: () => client.reconnect(),
    flush: () => client.flush(),
    fetchSession: (sessionKey) => client.fetchSession(sessionKey),
    restartSession: (sessionKey) =>
      beforeRestart(sessionKey) ? client.restartSession(sessionKey) : Promise.resolve(),
    restartMutationOptions,
  };
}
