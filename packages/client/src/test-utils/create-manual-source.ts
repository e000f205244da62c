import type { ConnectionStatus } from '../connection-status';
import type { HeartbeatSink, HeartbeatSource, HeartbeatSourceContext } from '../heartbeat-source';
import {
  DEFAULT_INTERVAL_MS,
  type ReceivedHeartbeat,
  type ServerFrame,
} from '@session-heartbeat/core';

/** A status as a test writes it: `since` may be left out (now). */
export type StatusInput = ConnectionStatus extends infer Status
  ? Status extends ConnectionStatus
    ? Omit<Status, 'since'> & { since?: number }
    : never
  : never;

/** A source the test drives by hand, frame by frame. */
export interface ManualSource extends HeartbeatSource {
  readonly connected: boolean;
  /** How many times the client connected, and asked for a resync. */
  readonly connects: number;
  readonly resyncs: number;
  /** The server's clock as the frames stamp it. @default Date.now() */
  serverTime: () => number;
  status(status: StatusInput): void;
  frame(frame: ServerFrame): void;
  /** `live`, then a snapshot of `heartbeats`. */
  snapshot(heartbeats: ReceivedHeartbeat[], options?: { epoch?: string; interval?: number }): void;
  heartbeats(...heartbeats: ReceivedHeartbeat[]): void;
  removed(sessionKey: string): void;
  ping(): void;
  /** Delivers a problem, as a source does for a frame that failed validation. */
  problem(reason: string): void;
}

export function createManualSource(): ManualSource {
  let connection: { sink: HeartbeatSink; context: HeartbeatSourceContext } | undefined;
  let connects = 0;
  let resyncs = 0;

  function current() {
    if (connection === undefined) throw new Error('the client is not connected');
    return connection;
  }

  const source: ManualSource = {
    serverTime: () => Date.now(),
    connect(sink, context) {
      connects += 1;
      const mine = { sink, context };
      connection = mine;
      return () => {
        if (connection === mine) connection = undefined;
      };
    },
    resync() {
      resyncs += 1;
    },
    get connected() {
      return connection !== undefined;
    },
    get connects() {
      return connects;
    },
    get resyncs() {
      return resyncs;
    },
    status(status) {
      const { sink, context } = current();
      sink.status({ since: context.serverNow(), ...status } as ConnectionStatus);
    },
    frame(frame) {
      const { sink, context } = current();
      sink.frame(frame, context.environment.now());
    },
    snapshot(heartbeats, { epoch = 'epoch-1', interval = DEFAULT_INTERVAL_MS } = {}) {
      source.frame({
        type: 'snapshot',
        serverTime: source.serverTime(),
        epoch,
        interval,
        heartbeats,
      });
      source.status({ kind: 'live' });
    },
    heartbeats(...heartbeats) {
      source.frame({ type: 'heartbeats', serverTime: source.serverTime(), heartbeats });
    },
    removed(sessionKey) {
      source.frame({ type: 'removed', serverTime: source.serverTime(), sessionKey });
    },
    ping() {
      source.frame({ type: 'ping', serverTime: source.serverTime() });
    },
    problem(reason) {
      current().sink.problem({ dropped: 'frame', reason });
    },
  };
  return source;
}
