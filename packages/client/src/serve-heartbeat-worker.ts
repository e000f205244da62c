import { QueryClient } from '@tanstack/query-core';
import type { SnapshotFrame } from '@session-heartbeat/core';
import { createNetworkSources } from './create-failover-source';
import { createBrowserEnvironment, type HeartbeatEnvironment } from './environment';
import type { HeartbeatSink } from './heartbeat-source';
import type { WebSocketConstructor } from './open-heartbeat-socket';
import {
  SNAPSHOT_PART_SIZE,
  type FromWorker,
  type WorkerConnectOptions,
  type WorkerScope,
} from './worker-messages';

/** What a test gives the worker instead of the runtime's own (Node has no global WebSocket). */
export interface HeartbeatWorkerOverrides {
  WebSocket?: WebSocketConstructor | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  environment?: HeartbeatEnvironment | undefined;
}

/** Posts a snapshot in parts of `SNAPSHOT_PART_SIZE` heartbeats (see `FromWorker`). */
function postSnapshot(
  scope: WorkerScope,
  frame: SnapshotFrame,
  times: { receivedAt: number; now: number; sentAt: number | undefined },
): void {
  const { heartbeats } = frame;
  const parts = Math.max(1, Math.ceil(heartbeats.length / SNAPSHOT_PART_SIZE));
  scope.postMessage({
    kind: 'snapshot',
    frame: { ...frame, heartbeats: heartbeats.slice(0, SNAPSHOT_PART_SIZE) },
    parts,
    ageMs: times.now - times.receivedAt,
    sentAgoMs: times.sentAt === undefined ? undefined : times.receivedAt - times.sentAt,
    receivedAt: times.receivedAt,
  });
  for (let start = SNAPSHOT_PART_SIZE; start < heartbeats.length; start += SNAPSHOT_PART_SIZE) {
    scope.postMessage({
      kind: 'part',
      heartbeats: heartbeats.slice(start, start + SNAPSHOT_PART_SIZE),
    });
  }
}

/**
 * The heartbeat worker's side (`@session-heartbeat/client/worker` runs it on
 * its global scope): the contract's network transport (`createNetworkSources`
 * with its WebSocket, polling fallback, backoff and failover), with the
 * parsing and validation of every frame, off the page's main thread. It
 * posts what it hears as `FromWorker` messages; the page's
 * `createWorkerSource` hands them to the client. Returns a function that
 * stops it (a worker that is terminated stops anyway).
 */
export function serveHeartbeatWorker(
  scope: WorkerScope,
  overrides: HeartbeatWorkerOverrides = {},
): () => void {
  const base = overrides.environment ?? createBrowserEnvironment();
  let online = true;
  const onlineListeners = new Set<() => void>();
  // A worker hears no `online`/`offline` of the page: the page says.
  const environment: HeartbeatEnvironment = {
    ...base,
    isOnline: () => online,
    onOnlineChange(listener) {
      onlineListeners.add(listener);
      return () => onlineListeners.delete(listener);
    },
  };
  let connection: { resync(): void; stop(): void } | undefined;

  function connect(options: WorkerConnectOptions): void {
    connection?.stop();
    online = options.online;
    const source = createNetworkSources(options.baseUrls, {
      queryClient: new QueryClient(),
      token: options.token,
      transport: options.transport,
      backoff: options.backoff,
      fallbackAfterFailures: options.fallbackAfterFailures,
      upgradeIntervalMs: options.upgradeIntervalMs,
      WebSocket: overrides.WebSocket,
      fetch: overrides.fetch,
    });
    const post = (message: FromWorker): void => scope.postMessage(message);
    const sink: HeartbeatSink = {
      frame(frame, receivedAt, sentAt) {
        const now = environment.now();
        if (frame.type === 'snapshot') postSnapshot(scope, frame, { receivedAt, now, sentAt });
        else post({ kind: 'frame', frame, ageMs: now - receivedAt });
      },
      status: (status) => post({ kind: 'status', status, at: environment.now() }),
      problem: (problem) => post({ kind: 'problem', problem }),
    };
    // The page moves a status's times onto the server's clock (`at`): here they are the worker's.
    const stop = source.connect(sink, { environment, serverNow: () => environment.now() });
    connection = { resync: () => source.resync?.(), stop };
  }

  let served = true;
  scope.addEventListener('message', ({ data }) => {
    if (!served) return;
    switch (data.kind) {
      case 'connect':
        return connect(data.options);
      case 'resync':
        return connection?.resync();
      case 'online':
        if (online === data.online) return;
        online = data.online;
        for (const listener of [...onlineListeners]) listener();
        return;
      case 'stop':
        connection?.stop();
        connection = undefined;
        return;
    }
  });
  return () => {
    served = false;
    connection?.stop();
    connection = undefined;
  };
}
