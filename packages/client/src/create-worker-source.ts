import type { SnapshotFrame } from '@session-heartbeat/core';
import type { ConnectionStatus } from './connection-status';
import type { HeartbeatSink, HeartbeatSource, HeartbeatSourceContext } from './heartbeat-source';
import type { FromWorker, ToWorker, WorkerConnectOptions } from './worker-messages';

/** The part of a `Worker` the client uses (a `MessagePort` pair does in tests). */
export interface HeartbeatWorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { preventDefault?(): void }) => void): void;
  terminate(): void;
}

/**
 * Where the heartbeat worker comes from: the URL of
 * `@session-heartbeat/client/worker` as the host serves it (from its own
 * origin, so `script-src 'self'` allows it), or a function that makes one.
 */
export type HeartbeatWorkerOption = string | URL | (() => HeartbeatWorkerLike);

/** What the client's network connects to, as a worker is told it. */
export type WorkerTransportOptions = Omit<WorkerConnectOptions, 'online'>;

/** The client's `worker` option: made by `transportWorker`. */
export interface TransportWorker {
  /** The client's network source, heard through the worker (`inPage` where it cannot start). */
  wrap(inPage: HeartbeatSource, connect: WorkerTransportOptions): HeartbeatSource;
}

interface WorkerSourceOptions {
  worker: HeartbeatWorkerOption;
  /** What the worker connects to. */
  connect: WorkerTransportOptions;
}

function openWorker(option: HeartbeatWorkerOption): HeartbeatWorkerLike | undefined {
  if (typeof option === 'function') return option();
  const WorkerImpl = globalThis.Worker as typeof Worker | undefined;
  if (WorkerImpl === undefined) return undefined;
  return new WorkerImpl(option, { type: 'module', name: 'session-heartbeat' });
}

/** A status on another clock, moved onto the server's by `offsetMs`. */
function onServerClock(status: ConnectionStatus, offsetMs: number): ConnectionStatus {
  const moved = { ...status, since: status.since + offsetMs };
  if (moved.kind === 'reconnecting') moved.nextRetryAt += offsetMs;
  if (moved.kind === 'polling' && moved.nextUpgradeAt !== undefined) {
    moved.nextUpgradeAt += offsetMs;
  }
  return moved;
}

/**
 * The network transport in a dedicated Worker: the socket, the polling
 * fallback, `JSON.parse` and the validation of every frame run off the main
 * thread, which receives frames ready to apply (a snapshot in parts, each in
 * a task of its own). Commands (single fetches, history, actions) are plain
 * requests and stay in the page (`inPage`).
 *
 * Where there is no `Worker`, or the worker cannot start (a wrong URL, a
 * CSP that forbids it, a crash), the client connects in the page through
 * `inPage`, behind the same hooks.
 */
function createWorkerSource(
  inPage: HeartbeatSource,
  options: WorkerSourceOptions,
): HeartbeatSource {
  let active: { resync(): void } | undefined;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    let worker: HeartbeatWorkerLike | undefined;
    try {
      worker = openWorker(options.worker);
    } catch {
      worker = undefined;
    }
    if (worker === undefined) return inPage.connect(sink, context);
    let stopped = false;
    let inPageStop: (() => void) | undefined;
    let snapshot:
      | { frame: SnapshotFrame; remaining: number; receivedAt: number; sentAt: number | undefined }
      | undefined;

    const post = (message: ToWorker): void => worker?.postMessage(message);

    function receive(message: FromWorker): void {
      switch (message.kind) {
        case 'frame':
          return sink.frame(message.frame, env.now() - message.ageMs);
        case 'snapshot': {
          const receivedAt = env.now() - message.ageMs;
          snapshot = {
            frame: message.frame,
            remaining: message.parts - 1,
            receivedAt,
            sentAt: message.sentAgoMs === undefined ? undefined : receivedAt - message.sentAgoMs,
          };
          break;
        }
        case 'part':
          if (snapshot === undefined) return;
          for (const heartbeat of message.heartbeats) snapshot.frame.heartbeats.push(heartbeat);
          snapshot.remaining -= 1;
          break;
        case 'status':
          return sink.status(onServerClock(message.status, serverNow() - message.at));
        case 'problem':
          return sink.problem(message.problem);
      }
      if (snapshot?.remaining !== 0) return;
      const { frame, receivedAt, sentAt } = snapshot;
      snapshot = undefined;
      sink.frame(frame, receivedAt, sentAt);
    }

    /** The worker could not start or died: the page connects by itself from here on. */
    function inThePage(): void {
      worker?.terminate();
      worker = undefined;
      snapshot = undefined;
      if (stopped || inPageStop !== undefined) return;
      inPageStop = inPage.connect(sink, context);
    }

    worker.addEventListener('message', ({ data }) => {
      if (!stopped && worker !== undefined) receive(data as FromWorker);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      inThePage();
    });
    const unsubscribeOnline = env.onOnlineChange(() =>
      post({ kind: 'online', online: env.isOnline() }),
    );
    post({ kind: 'connect', options: { ...options.connect, online: env.isOnline() } });

    const connection = {
      resync() {
        if (inPageStop !== undefined) inPage.resync?.();
        else post({ kind: 'resync' });
      },
    };
    active = connection;
    return () => {
      stopped = true;
      if (active === connection) active = undefined;
      unsubscribeOnline();
      post({ kind: 'stop' });
      worker?.terminate();
      worker = undefined;
      inPageStop?.();
    };
  }

  return {
    connect,
    resync: () => active?.resync(),
    ...(inPage.fetchSession === undefined ? {} : { fetchSession: inPage.fetchSession }),
    ...(inPage.history === undefined ? {} : { history: inPage.history }),
    ...(inPage.act === undefined ? {} : { act: inPage.act }),
    ...(inPage.actions === undefined ? {} : { actions: inPage.actions }),
  };
}

/**
 * The client's `worker` option: hear the server from a dedicated Worker.
 * The socket, the polling fallback, `JSON.parse` and the validation of every
 * frame run off the main thread, and a first snapshot reaches the page in
 * parts of 1,000 sessions, each in a task of its own. Commands (single
 * fetches, history, actions) stay plain requests of the page.
 *
 * Where there is no `Worker`, or the worker cannot start (a wrong URL, a
 * CSP that forbids it, a crash), the client connects in the page, behind the
 * same hooks. The worker uses its own runtime's WebSocket and fetch; ones
 * given to the client serve that in-page connection only.
 *
 * @example
 * import workerUrl from '@session-heartbeat/client/worker?worker&url'; // Vite
 * createHeartbeatClient({ baseUrl, worker: transportWorker(workerUrl) });
 */
export function transportWorker(worker: HeartbeatWorkerOption): TransportWorker {
  return { wrap: (inPage, connect) => createWorkerSource(inPage, { worker, connect }) };
}
