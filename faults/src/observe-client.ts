import type { Socket } from 'node:net';
import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatState,
  type HistoryLimits,
  type TransportMode,
  type WebSocketConstructor,
} from '@session-heartbeat/client';
import WebSocket from 'ws';
import { createFaultEnvironment, type FaultEnvironment } from './create-fault-environment';

/** What a client showed over a scenario, checked on every store update. */
export interface ClientRecord {
  /** Times a session that keeps beating turned `unresponsive` (each time counts). */
  falseAlarms: number;
  /** Which sessions, for the report. */
  falseAlarmKeys: Set<string>;
  /** Store updates where the client did not hear the server yet showed a session as anything but `unknown`. */
  dishonest: number;
  /** When (performance.now) it last stopped hearing the server, and started again. */
  deafAt: number | undefined;
  hearingAt: number | undefined;
}

export interface ObservedClient {
  client: HeartbeatClient;
  environment: FaultEnvironment;
  record: ClientRecord;
  state(): HeartbeatState;
  /** The client's raw TCP sockets (WebSocket connections), to freeze them as a frozen tab would. */
  sockets(): Socket[];
  /**
   * Resolves with when (performance.now) the state first satisfies
   * `predicate`, now or later; rejects after `timeoutMs` with what it was.
   */
  waitFor(predicate: (state: HeartbeatState) => boolean, timeoutMs: number): Promise<number>;
  /** The oldest heartbeat any session shows, in ms, on the client's estimate of the server's clock. */
  maxAgeMs(): number;
  stop(): void;
}

export interface ObserveOptions {
  baseUrl: string;
  /** Fleet: every aggregator's URL, `baseUrl` first; the client moves to the next when one is gone. */
  baseUrls?: readonly string[];
  token?: string;
  thresholds: ThresholdConfig;
  /** @default 'auto' (push, polling while push cannot be opened) */
  transport?: TransportMode;
  /** How much state history to keep per session. @default the client's (10 min, 50 changes) */
  history?: HistoryLimits;
  /** Whether a session keeps beating (an `unresponsive` one is then a false alarm). @default every session */
  isBeating?: (sessionKey: string) => boolean;
}

/** ws keeps its net.Socket private; a frozen tab is one whose socket is not read. */
function rawSocket(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket })._socket;
}

/**
 * A real client (`createHeartbeatClient`, WebSocket with polling fallback)
 * in this process, watched on every store update for what a person would
 * see: a beating session shown unresponsive, or anything but unknown while
 * the client cannot hear the server.
 */
export function observeClient(options: ObserveOptions): ObservedClient {
  const environment = createFaultEnvironment();
  const opened: WebSocket[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      opened.push(this);
    }
  }
  const client = createHeartbeatClient({
    baseUrl: options.baseUrl,
    ...(options.baseUrls === undefined ? {} : { baseUrls: options.baseUrls }),
    ...(options.token === undefined ? {} : { token: options.token }),
    thresholds: options.thresholds,
    ...(options.transport === undefined ? {} : { transport: options.transport }),
    ...(options.history === undefined ? {} : { history: options.history }),
    environment,
    WebSocket: RecordingWebSocket as unknown as WebSocketConstructor,
  });
  const isBeating = options.isBeating ?? (() => true);
  const record: ClientRecord = {
    falseAlarms: 0,
    falseAlarmKeys: new Set(),
    dishonest: 0,
    deafAt: undefined,
    hearingAt: undefined,
  };
  const unresponsiveNow = new Set<string>();
  let listening = false;

  function check(state: HeartbeatState): void {
    if (state.listening !== listening) {
      listening = state.listening;
      if (listening) record.hearingAt = performance.now();
      else record.deafAt = performance.now();
    }
    if (!state.listening) {
      if (state.counts.unknown !== state.sessions.size) record.dishonest += 1;
    }
    if (state.counts.unresponsive === 0) {
      unresponsiveNow.clear();
      return;
    }
    for (const [key, entry] of state.sessions) {
      if (entry.health !== 'unresponsive') {
        unresponsiveNow.delete(key);
      } else if (!unresponsiveNow.has(key)) {
        unresponsiveNow.add(key);
        if (isBeating(key)) {
          record.falseAlarms += 1;
          record.falseAlarmKeys.add(key);
        }
      }
    }
  }

  const unsubscribe = client.store.subscribe(check);
  client.start();

  return {
    client,
    environment,
    record,
    state: () => client.store.getState(),
    sockets: () =>
      opened.flatMap((ws) => {
        const socket = rawSocket(ws);
        return socket === undefined || socket.destroyed ? [] : [socket];
      }),
    waitFor(predicate, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (state: HeartbeatState): boolean => {
          if (!predicate(state)) return false;
          clearTimeout(timer);
          stop();
          resolve(performance.now());
          return true;
        };
        const stop = client.store.subscribe((state) => {
          done(state);
        });
        const timer = setTimeout(() => {
          stop();
          const state = client.store.getState();
          reject(
            new Error(
              `not reached in ${timeoutMs} ms: status ${state.status.kind}, listening ${state.listening}, ${state.sessions.size} sessions`,
            ),
          );
        }, timeoutMs);
        done(client.store.getState());
      });
    },
    maxAgeMs() {
      const now = client.serverNow();
      let oldest = 0;
      for (const entry of client.store.getState().sessions.values()) {
        oldest = Math.max(oldest, now - entry.heartbeat.emittedAt);
      }
      return oldest;
    },
    stop() {
      unsubscribe();
      client.stop();
      for (const ws of opened) ws.terminate();
    },
  };
}
