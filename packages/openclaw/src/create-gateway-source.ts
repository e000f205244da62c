import { DEFAULT_INTERVAL_MS, parseSessionHeartbeatBody } from '@session-heartbeat/core';
import {
  computeBackoff,
  type BackoffOptions,
  type ConnectionStatus,
  type HeartbeatSink,
  type HeartbeatSource,
  type HeartbeatSourceContext,
  silenceLimitMs,
  usableInterval,
  type WebSocketConstructor,
} from '@session-heartbeat/client';
import { GATEWAY_BACKOFF } from './gateway-backoff';
import {
  SESSION_HEARTBEAT_EVENT,
  SessionHeartbeatMethods,
  type GatewayClientInfo,
} from './gateway-types';
import { openGatewaySocket, type GatewaySocket } from './open-gateway-socket';
import { readHeartbeatPayload } from './read-heartbeat-payload';

export interface GatewaySourceOptions {
  /** The gateway's socket, e.g. `ws://127.0.0.1:18789/` (the Control UI connects to the root). */
  url: string;
  /** Sent only inside the `connect` request's `auth`, never in the URL. @default undefined */
  token?: string | undefined;
  /** The gateway's password mode, sent like the token. @default undefined */
  password?: string | undefined;
  /** The WebSocket implementation (`ws` in Node). @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor | undefined;
  /**
   * How this client introduces itself; the gateway checks `id` and `mode`
   * against its own lists.
   * @default { id: 'webchat-ui', version: 'session-heartbeat', platform: 'web', mode: 'webchat' }
   */
  client?: GatewayClientInfo | undefined;
  /** @default 'operator' */
  role?: string | undefined;
  /** Reading heartbeats needs no more than read access. @default ['operator.read'] */
  scopes?: readonly string[] | undefined;
  /** Reconnect delays. @default { initialMs: 800, factor: 1.7, maxMs: 15000, jitter: 0 } */
  backoff?: BackoffOptions | undefined;
  /** From opening the socket to `hello-ok`, and for each request's answer. @default 10000 */
  timeoutMs?: number | undefined;
}

export const DEFAULT_GATEWAY_CLIENT: Readonly<GatewayClientInfo> = Object.freeze({
  id: 'webchat-ui',
  version: 'session-heartbeat',
  platform: 'web',
  mode: 'webchat',
});

interface Connection {
  socket: GatewaySocket;
  live: boolean;
  epoch: string | undefined;
  snapshotInFlight: boolean;
  watchdog: unknown;
}

/**
 * Reads heartbeats over the OpenClaw gateway's own socket: challenge,
 * `connect` (with the token), `session.heartbeat.snapshot`, then the
 * `session.heartbeat` events; every other event (the gateway's own
 * `heartbeat` included) is ignored. Reconnects like the Control UI (800 ms ×
 * 1.7, up to 15 s; never after the gateway refused the handshake), re-asks
 * for a snapshot when the gateway's event `seq` skips, and reconnects after
 * 2 × interval without a frame.
 *
 * @example
 * const client = createHeartbeatClient({
 *   source: createGatewaySource({ url: 'ws://127.0.0.1:18789/', token }),
 * });
 */
export function createGatewaySource(options: GatewaySourceOptions): HeartbeatSource {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let active:
    { resync(): void; request(method: string, params: unknown): Promise<unknown> } | undefined;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    const WebSocketImpl =
      options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    let stopped = false;
    let interval = DEFAULT_INTERVAL_MS;
    let failures = 0;
    let retryTimer: unknown;
    let connection: Connection | undefined;

    function stopConnection(): void {
      if (connection !== undefined) {
        if (connection.watchdog !== undefined) env.clearTimeout(connection.watchdog);
        connection.socket.close();
      }
      connection = undefined;
      if (retryTimer !== undefined) env.clearTimeout(retryTimer);
      retryTimer = undefined;
    }

    function begin(): void {
      stopConnection();
      failures = 0;
      if (!env.isOnline()) return sink.status({ kind: 'offline', since: serverNow() });
      sink.status({ kind: 'connecting', since: serverNow(), attempt: 1, transport: 'websocket' });
      open();
    }

    function failed(reason: string): void {
      stopConnection();
      if (stopped) return;
      failures += 1;
      const delay = computeBackoff(
        failures,
        { ...GATEWAY_BACKOFF, ...options.backoff },
        env.random,
      );
      const status: ConnectionStatus = {
        kind: 'reconnecting',
        since: serverNow(),
        attempt: failures,
        nextRetryAt: serverNow() + delay,
        reason,
      };
      sink.status(status);
      retryTimer = env.setTimeout(() => {
        retryTimer = undefined;
        open();
      }, delay);
    }

    function watch(current: Connection): void {
      if (current.watchdog !== undefined) env.clearTimeout(current.watchdog);
      current.watchdog = env.setTimeout(() => {
        current.watchdog = undefined;
        current.socket.drop('no session.heartbeat frame for 2 × interval');
      }, silenceLimitMs(interval));
    }

    function deliver(current: Connection, payload: unknown, asSnapshot: boolean): void {
      const read = readHeartbeatPayload(payload);
      if (!read.ok || (asSnapshot && read.frame.type !== 'snapshot')) {
        const reason = read.ok ? 'session.heartbeat.snapshot: not a snapshot' : read.reason;
        sink.problem({ dropped: 'frame', reason });
        if (asSnapshot) current.socket.drop(reason);
        return;
      }
      for (const reason of read.problems) sink.problem({ dropped: 'heartbeat', reason });
      const { frame } = read;
      if (frame.type === 'snapshot') {
        current.epoch = frame.epoch;
        interval = usableInterval(frame.interval);
      } else if (!current.live) {
        return; // the snapshot on its way includes it
      } else if (
        read.epoch !== undefined &&
        current.epoch !== undefined &&
        read.epoch !== current.epoch
      ) {
        requestSnapshot(current); // the emitter restarted under the gateway: start over
        return;
      }
      watch(current);
      sink.frame(frame, env.now());
      if (frame.type === 'snapshot' && !current.live) {
        current.live = true;
        failures = 0;
        sink.status({ kind: 'live', since: serverNow() });
      }
    }

    function requestSnapshot(current: Connection): void {
      if (current.snapshotInFlight) return;
      current.snapshotInFlight = true;
      current.socket.request(SessionHeartbeatMethods.snapshot, {}).then(
        (payload) => {
          current.snapshotInFlight = false;
          if (connection === current) deliver(current, payload, true);
        },
        (error: unknown) => {
          current.snapshotInFlight = false;
          if (connection !== current) return;
          const message = error instanceof Error ? error.message : 'failed';
          current.socket.drop(`${SessionHeartbeatMethods.snapshot}: ${message}`);
        },
      );
    }

    function open(): void {
      if (stopped) return;
      if (WebSocketImpl === undefined) return failed('no WebSocket implementation');
      // The handlers run later (socket events), once `current` exists.
      const socket = openGatewaySocket(
        {
          url: options.url,
          token: options.token,
          password: options.password,
          client: options.client ?? DEFAULT_GATEWAY_CLIENT,
          role: options.role ?? 'operator',
          scopes: options.scopes ?? ['operator.read'],
          WebSocket: WebSocketImpl,
          environment: env,
          timeoutMs,
        },
        {
          ready: () => requestSnapshot(current),
          event(frame) {
            if (frame.event === SESSION_HEARTBEAT_EVENT) deliver(current, frame.payload, false);
          },
          gap: () => requestSnapshot(current),
          end(end) {
            if (connection !== current) return;
            if (current.watchdog !== undefined) env.clearTimeout(current.watchdog);
            connection = undefined;
            if (end.refused) {
              sink.status({ kind: 'unauthorized', since: serverNow(), reason: end.reason });
              return;
            }
            failed(end.reason);
          },
        },
      );
      const current: Connection = {
        socket,
        live: false,
        epoch: undefined,
        snapshotInFlight: false,
        watchdog: undefined,
      };
      connection = current;
    }

    const unsubscribeOnline = env.onOnlineChange(() => {
      if (stopped) return;
      if (env.isOnline()) return begin();
      stopConnection();
      sink.status({ kind: 'offline', since: serverNow() });
    });

    const handle = {
      resync() {
        if (stopped) return;
        if (connection?.live === true) requestSnapshot(connection);
        else if (connection === undefined || retryTimer !== undefined) begin();
      },
      request(method: string, params: unknown): Promise<unknown> {
        if (connection === undefined)
          return Promise.reject(new Error('not connected to the gateway'));
        return connection.socket.request(method, params);
      },
    };
    active = handle;
    begin();
    return () => {
      stopped = true;
      if (active === handle) active = undefined;
      unsubscribeOnline();
      stopConnection();
    };
  }

  function request(method: string, params: unknown): Promise<unknown> {
    return active === undefined
      ? Promise.reject(new Error('not connected to the gateway'))
      : active.request(method, params);
  }

  return {
    connect,
    resync: () => active?.resync(),
    async fetchSession(sessionKey) {
      const read = parseSessionHeartbeatBody(
        await request(SessionHeartbeatMethods.session, { sessionKey }),
      );
      if (!read.ok) throw new Error(read.error);
      return read.value;
    },
    // The gateway's `session.heartbeat` methods restart; other actions are the host's own methods.
    actions: async () => ['restart'],
    async act(sessionKey, action) {
      if (action !== 'restart') throw new Error(`This gateway source cannot ${action} sessions.`);
      await request(SessionHeartbeatMethods.restart, { sessionKey });
    },
  };
}
