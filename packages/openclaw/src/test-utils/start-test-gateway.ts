import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { WebSocketServer, type WebSocket } from 'ws';
import { createGatewayBroadcast, type GatewayBroadcast } from '../gateway-broadcast';
import { answerSessionHeartbeatRequest } from '../session-heartbeat-methods';
import { GATEWAY_PROTOCOL_VERSION, type GatewayConnectParams } from '../gateway-types';

export interface TestGatewayOptions {
  /** Required in `connect`'s `auth.token` when set. */
  token?: string;
  /** The emitter behind `session.heartbeat`. @default a new one with `interval` */
  emitter?: HeartbeatEmitter;
  /**
   * The interval of the emitter made when none is given. Long enough by
   * default that a busy machine never looks like a silent gateway.
   * @default 1000
   */
  interval?: number;
  /** Answer `session.heartbeat.*` (false: a gateway without the plugin). @default true */
  serveHeartbeats?: boolean;
  /** Listen on this port (to restart on the same one). @default 0 */
  port?: number;
}

/** A gateway-style socket server on 127.0.0.1, as the OpenClaw gateway speaks it. */
export interface TestGateway {
  /** `ws://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  readonly emitter: HeartbeatEmitter;
  /** The request URL of every socket opened (to check no credential is in it). */
  readonly upgradeUrls: readonly string[];
  /** The params of every `connect` request. */
  readonly connects: readonly GatewayConnectParams[];
  /** Clients past the handshake. */
  readonly clientCount: number;
  /** How many requests of `method` were answered. */
  requests(method: string): number;
  /** Broadcasts an event to every client with the next seq. */
  broadcast(event: string, payload: unknown): void;
  /** Sends text as it is to every client past the handshake (garbage, frames of other kinds). */
  sendRaw(text: string): void;
  /** Uses up `count` seq numbers without sending (events a client did not get). */
  skipSeq(count: number): void;
  /** Stops (or resumes) sending `session.heartbeat` events, pings included. */
  mute(muted: boolean): void;
  /** Closes the clients and the server; the emitter is disposed if the gateway made it. */
  close(): Promise<void>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const emitter = options.emitter ?? createHeartbeatEmitter({ interval: options.interval ?? 1000 });
  const serveHeartbeats = options.serveHeartbeats ?? true;
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();
  const sockets = new Set<WebSocket>();
  const upgradeUrls: string[] = [];
  const connects: GatewayConnectParams[] = [];
  const requestCounts = new Map<string, number>();
  let seq = 0;
  let muted = false;

  function broadcast(event: string, payload: unknown): void {
    const frame = JSON.stringify({ type: 'event', event, payload, seq: (seq += 1) });
    for (const client of clients) client.send(frame);
  }

  function accept(socket: WebSocket, req: IncomingMessage): void {
    sockets.add(socket);
    upgradeUrls.push(req.url ?? '');
    socket.on('close', () => {
      sockets.delete(socket);
      clients.delete(socket);
    });
    socket.send(
      JSON.stringify({
        type: 'event',
        event: 'connect.challenge',
        payload: { nonce: randomUUID(), ts: Date.now() },
      }),
    );
    socket.on('message', (data) => {
      let frame: { type?: unknown; id?: unknown; method?: unknown; params?: unknown };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        return;
      }
      if (
        frame.type !== 'req' ||
        typeof frame.id !== 'string' ||
        typeof frame.method !== 'string'
      ) {
        return;
      }
      const respond = (ok: boolean, payload?: unknown, message?: string): void =>
        socket.send(
          JSON.stringify({
            type: 'res',
            id: frame.id,
            ok,
            ...(ok ? { payload } : { error: { code: 'INVALID_REQUEST', message } }),
          }),
        );
      requestCounts.set(frame.method, (requestCounts.get(frame.method) ?? 0) + 1);
      if (!clients.has(socket)) {
        const params = frame.params as GatewayConnectParams;
        connects.push(params);
        if (frame.method !== 'connect') {
          respond(false, undefined, 'invalid handshake: first request must be connect');
          socket.close(1008, 'invalid handshake');
          return;
        }
        if (options.token !== undefined && params.auth?.token !== options.token) {
          const message = `unauthorized: gateway token ${params.auth?.token ? 'mismatch' : 'missing'} (provide gateway auth token)`;
          respond(false, undefined, message);
          socket.close(1008, message);
          return;
        }
        clients.add(socket);
        respond(true, {
          type: 'hello-ok',
          protocol: GATEWAY_PROTOCOL_VERSION,
          server: { version: 'test', connId: randomUUID() },
          features: { methods: ['session.heartbeat.snapshot'], events: ['session.heartbeat'] },
          snapshot: {},
          policy: { maxPayload: 524_288, maxBufferedBytes: 1_572_864, tickIntervalMs: 30_000 },
        });
        return;
      }
      const answer = serveHeartbeats
        ? answerSessionHeartbeatRequest(emitter, frame.method, frame.params)
        : undefined;
      if (answer === undefined) respond(false, undefined, `unknown method: ${frame.method}`);
      else if (answer.ok) respond(true, answer.payload);
      else respond(false, undefined, answer.error.message);
    });
  }

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
  });

  let heartbeats: GatewayBroadcast | undefined;
  if (serveHeartbeats) {
    heartbeats = createGatewayBroadcast(emitter, (event, payload) => {
      if (!muted) broadcast(event, payload);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/`,
    port,
    emitter,
    upgradeUrls,
    connects,
    get clientCount() {
      return clients.size;
    },
    requests: (method) => requestCounts.get(method) ?? 0,
    broadcast,
    sendRaw(text) {
      for (const client of clients) client.send(text);
    },
    skipSeq(count) {
      seq += count;
    },
    mute(next) {
      muted = next;
    },
    async close() {
      heartbeats?.stop();
      // `wss.close()` waits for open clients: end them first.
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.emitter === undefined) emitter.dispose();
    },
  };
}
