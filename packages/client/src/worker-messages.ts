import type { ServerFrame, SnapshotFrame } from '@session-heartbeat/core';
import type { BackoffOptions } from './compute-backoff';
import type { ConnectionStatus } from './connection-status';
import type { TransportMode } from './create-network-source';
import type { SourceProblem } from './heartbeat-source';

/**
 * What the page tells the heartbeat worker to connect to: the network
 * options that survive a structured clone (no WebSocket, fetch or
 * environment of the page's own: a client given those connects in the page).
 */
export interface WorkerConnectOptions {
  baseUrls: readonly string[];
  token?: string | undefined;
  transport: TransportMode;
  backoff?: BackoffOptions | undefined;
  fallbackAfterFailures?: number | undefined;
  upgradeIntervalMs?: number | undefined;
  /** Whether the page believes it has a network (a worker hears no `online` events of its own). */
  online: boolean;
}

/** Page → worker. */
export type ToWorker =
  | { kind: 'connect'; options: WorkerConnectOptions }
  | { kind: 'resync' }
  | { kind: 'online'; online: boolean }
  | { kind: 'stop' };

/**
 * Worker → page. Times are never sent as instants: the page's clock may not
 * be the worker's (a test's fake clock runs in the page only). A frame says
 * how long ago the worker received it (`ageMs`); a status says when it was
 * posted (`at`, the worker's clock), so the page moves its times onto the
 * server's clock as the page estimates it.
 *
 * A snapshot comes in parts (`snapshot`, then `parts - 1` × `part`), each
 * its own message: the page takes each part in a task of its own, so a big
 * snapshot is never one long structured-clone task on the main thread.
 */
export type FromWorker =
  | { kind: 'frame'; frame: Exclude<ServerFrame, SnapshotFrame>; ageMs: number }
  | {
      kind: 'snapshot';
      frame: SnapshotFrame;
      parts: number;
      ageMs: number;
      /** How long before it was received its request left (HTTP). */
      sentAgoMs?: number | undefined;
      /** When the worker received it, on the worker's clock: for diagnostics (the bench). */
      receivedAt: number;
    }
  | { kind: 'part'; heartbeats: SnapshotFrame['heartbeats'] }
  | { kind: 'status'; status: ConnectionStatus; at: number }
  | { kind: 'problem'; problem: SourceProblem };

/** Heartbeats per snapshot part: a part's clone takes a millisecond or two to read. */
export const SNAPSHOT_PART_SIZE = 1000;

/** The end of a message port the worker side uses (a worker's global scope, or a `MessagePort`). */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
}
