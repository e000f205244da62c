import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  createHostPolicy,
  createOriginPolicy,
  createTokenCheck,
  MISDIRECTED_REQUEST,
  pathOf,
  refuseUpgrade,
  type HostPolicy,
} from '@session-heartbeat/emitter/node';
import {
  createGatewayBroadcast,
  GATEWAY_PROTOCOL_VERSION,
  type GatewayErrorShape,
  SESSION_HEARTBEAT_WRITE_METHODS,
} from '@session-heartbeat/openclaw';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimulatedGateway } from '../scenarios';
import {
  createDevicePairing,
  helloOk,
  MAX_BUFFERED_BYTES,
  MAX_PAYLOAD_BYTES,
  readConnectedDevice,
  SUBSCRIBER_EVENTS,
} from './gateway-hello';
import { createGatewayMethods, type GatewayConnection } from './gateway-methods';

export interface GatewaySocketOptions {
  emitter: HeartbeatEmitter;
  /** The simulated gateway: its raw events are broadcast, its sessions answer the methods. */
  gateway: SimulatedGateway;
  /** The gateway's clock (the scenario's). @default emitter.now */
  now?: () => number;
  /** Required in `connect`'s `auth.token` when set (never read from the URL). @default undefined */
  token?: string | undefined;
  /** Origins let in at the upgrade (as the contract's socket). */
  allowedOrigins: readonly string[];
  /**
   * The `Host` names answered (others get `421` at the upgrade). Without a
   * token, `session.heartbeat.action` and `.restart` are answered only on a
   * loopback Host.
   * @default loopback names only
   */
  hostPolicy?: HostPolicy;
  /** The upgrade path; the Control UI connects to the gateway's root. @default '/' */
  path?: string;
  /** The gateway's `tick` event period (its `policy.tickIntervalMs`). @default 30000 */
  tickIntervalMs?: number;
  /** A socket without a successful `connect` by then is closed with 1008. @default 10000 */
  handshakeTimeoutMs?: number;
}

export interface AttachedGatewaySocket {
  readonly path: string;
  /** Sockets past the handshake. */
  readonly clientCount: number;
  /** Closes every socket and stops broadcasting; the HTTP server stays open. */
  close(): Promise<void>;
}

const PING_INTERVAL_MS = 30_000;

interface Client {
  socket: WebSocket;
  ready: boolean;
  alive: boolean;
  connection: GatewayConnection;
  /** It reached us by a loopback name: without a token, only such a client may act. */
  loopback: boolean;
}

/**
 * A gateway-style socket on the mock's HTTP server, as the OpenClaw gateway
 * speaks it: `connect.challenge`, a `connect` request with the token in
 * `auth` (a refusal is an error answer, then close 1008), `hello-ok` with a
 * snapshot, then numbered events (`agent`, `chat`, `tick`, the gateway's own
 * `heartbeat`, and our `session.heartbeat`), unnumbered `sessions.changed`
 * and `session.message` for subscribers, and answers to the methods the
 * Control UI calls (`gateway-methods.ts`), each checked against the scopes
 * the connection asked for.
 */
export function attachGatewaySocket(
  server: Server,
  options: GatewaySocketOptions,
): AttachedGatewaySocket {
  const path = options.path ?? '/';
  const tokenCheck = createTokenCheck(options.token);
  const isOriginAllowed = createOriginPolicy(options.allowedOrigins);
  const hostPolicy = options.hostPolicy ?? createHostPolicy();
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const tickIntervalMs = options.tickIntervalMs ?? 30_000;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
  });
  const now = options.now ?? (() => options.emitter.now());
  const startedAt = now();
  const devices = createDevicePairing(startedAt);
  const methods = createGatewayMethods({
    emitter: options.emitter,
    gateway: options.gateway,
    now,
    startedAt,
    devicePairing: () => devices.list(),
  });
  const clients = new Set<Client>();
  let seq = 0;
  let closed = false;

  function broadcast(event: string, payload: unknown): void {
    if (closed) return;
    const toSubscribers = SUBSCRIBER_EVENTS.has(event);
    const frame = JSON.stringify(
      toSubscribers
        ? { type: 'event', event, payload }
        : { type: 'event', event, payload, seq: (seq += 1) },
    );
    for (const client of clients) {
      if (!client.ready || (toSubscribers && !client.connection.subscribed)) continue;
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.socket.close(1008, 'slow consumer');
        continue;
      }
      client.socket.send(frame);
    }
  }

  function send(client: Client, frame: object): void {
    client.socket.send(JSON.stringify(frame));
  }

  function answer(
    client: Client,
    id: string,
    ok: boolean,
    payload?: unknown,
    error?: GatewayErrorShape,
  ): void {
    send(client, ok ? { type: 'res', id, ok, payload } : { type: 'res', id, ok, error });
  }

  function refuseHandshake(
    client: Client,
    id: string | undefined,
    message: string,
    code = 1008,
  ): void {
    if (id !== undefined)
      answer(client, id, false, undefined, { code: 'INVALID_REQUEST', message });
    // As the gateway: the answer first, then the close.
    queueMicrotask(() => client.socket.close(code, message.slice(0, 120)));
  }

  function handshake(client: Client, frame: Record<string, unknown>): void {
    const id = typeof frame.id === 'string' ? frame.id : undefined;
    const params = frame.params as Record<string, unknown> | undefined;
    if (
      frame.type !== 'req' ||
      id === undefined ||
      frame.method !== 'connect' ||
      typeof params !== 'object' ||
      params === null
    ) {
      return refuseHandshake(client, id, 'invalid handshake: first request must be connect');
    }
    const { minProtocol, maxProtocol } = params;
    if (
      typeof minProtocol !== 'number' ||
      typeof maxProtocol !== 'number' ||
      minProtocol > GATEWAY_PROTOCOL_VERSION ||
      maxProtocol < GATEWAY_PROTOCOL_VERSION
    ) {
      return refuseHandshake(client, id, 'protocol mismatch', 1002);
    }
    const auth = params.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    if (!tokenCheck.matches(token)) {
      const why = token === undefined ? 'missing' : 'mismatch';
      return refuseHandshake(
        client,
        id,
        `unauthorized: gateway token ${why} (provide gateway auth token)`,
      );
    }
    client.ready = true;
    client.connection = {
      scopes: Array.isArray(params.scopes)
        ? params.scopes.filter((scope): scope is string => typeof scope === 'string')
        : [],
      subscribed: false,
    };
    const device = readConnectedDevice(params);
    if (device !== undefined) devices.remember(device, now());
    answer(
      client,
      id,
      true,
      helloOk({
        connId: randomUUID(),
        methods: methods.names,
        rows: options.gateway.sessionsList().sessions,
        now: now(),
        startedAt,
        tickIntervalMs,
        hasToken: options.token !== undefined,
      }),
    );
  }

  function request(client: Client, frame: Record<string, unknown>): void {
    const id = typeof frame.id === 'string' ? frame.id : 'invalid';
    if (frame.type !== 'req' || typeof frame.method !== 'string' || id === 'invalid') {
      return answer(client, id, false, undefined, {
        code: 'INVALID_REQUEST',
        message: 'invalid request frame',
      });
    }
    if (
      (SESSION_HEARTBEAT_WRITE_METHODS as ReadonlySet<string>).has(frame.method) &&
      options.token === undefined &&
      !client.loopback
    ) {
      return answer(client, id, false, undefined, {
        code: 'INVALID_REQUEST',
        message: 'this gateway has no token: actions are answered only on localhost',
      });
    }
    const result = methods.answer(frame.method, frame.params, client.connection);
    if (result.ok) answer(client, id, true, result.payload);
    else answer(client, id, false, undefined, result.error);
  }

  function accept(socket: WebSocket, loopback: boolean): void {
    const client: Client = {
      socket,
      ready: false,
      alive: true,
      connection: { scopes: [], subscribed: false },
      loopback,
    };
    clients.add(client);
    const timer = setTimeout(() => {
      if (!client.ready) socket.close(1008, 'handshake timeout');
    }, handshakeTimeoutMs);
    timer.unref();
    socket.on('pong', () => (client.alive = true));
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clearTimeout(timer);
      clients.delete(client);
    });
    socket.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        frame = undefined;
      }
      const record =
        typeof frame === 'object' && frame !== null
          ? (frame as Record<string, unknown>)
          : undefined;
      if (!client.ready) {
        if (record === undefined) socket.close(1008, 'invalid request frame');
        else handshake(client, record);
        return;
      }
      request(client, record ?? {});
    });
    send(client, {
      type: 'event',
      event: 'connect.challenge',
      payload: { nonce: randomUUID(), ts: now() },
    });
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req.url) !== path) return;
    socket.on('error', () => socket.destroy());
    if (!hostPolicy.isAllowed(req.headers.host)) {
      return refuseUpgrade(socket, 421, MISDIRECTED_REQUEST);
    }
    if (closed) return refuseUpgrade(socket, 404);
    if (!isOriginAllowed(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403);
    const loopback = hostPolicy.isLoopback(req.headers.host);
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, loopback));
  }
  server.on('upgrade', onUpgrade);

  const heartbeats = createGatewayBroadcast(options.emitter, (event, payload) =>
    broadcast(event, payload),
  );
  const unsubscribe = options.gateway.subscribe(broadcast);
  const tick = setInterval(() => broadcast('tick', { ts: now() }), tickIntervalMs);
  tick.unref();
  const ping = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) client.socket.terminate();
      client.alive = false;
      client.socket.ping();
    }
  }, PING_INTERVAL_MS);
  ping.unref();

  return {
    path,
    get clientCount() {
      let ready = 0;
      for (const client of clients) if (client.ready) ready += 1;
      return ready;
    },
    async close() {
      if (closed) return;
      closed = true;
      server.off('upgrade', onUpgrade);
      heartbeats.stop();
      unsubscribe();
      clearInterval(tick);
      clearInterval(ping);
      // `wss.close()` waits for open clients: end them first.
      for (const client of clients) client.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
