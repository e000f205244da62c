import type {
  HeartbeatEnvironment,
  WebSocketConstructor,
  WebSocketLike,
} from '@session-heartbeat/client';
import {
  GATEWAY_PROTOCOL_VERSION,
  type GatewayClientInfo,
  type GatewayConnectParams,
  type GatewayErrorShape,
  type GatewayEventFrame,
  type GatewayHelloOk,
} from './gateway-types';
import { isRecord, readString } from './read-gateway-payloads';

/** Why a gateway socket ended (a close the client did not ask for). */
export interface GatewaySocketEnd {
  code: number;
  reason: string;
  /** The gateway refused the `connect` request (a wrong token, pairing, origin): do not retry. */
  refused: boolean;
  /** Whether the handshake had completed (`hello-ok`). */
  wasReady: boolean;
}

export interface GatewaySocketHandlers {
  /** The gateway accepted `connect` (its `hello-ok`, as far as it is an object). */
  ready(hello: Partial<GatewayHelloOk>): void;
  /** Every event after the handshake (the client filters for its own). */
  event(frame: GatewayEventFrame): void;
  /** The broadcast `seq` jumped: events were missed. */
  gap(expected: number, received: number): void;
  /** Called once, unless the client closed the socket itself. */
  end(end: GatewaySocketEnd): void;
}

export interface GatewaySocketOptions {
  url: string;
  token: string | undefined;
  password: string | undefined;
  client: GatewayClientInfo;
  role: string;
  scopes: readonly string[];
  WebSocket: WebSocketConstructor;
  environment: HeartbeatEnvironment;
  /** From opening to `hello-ok`, and for every request's answer. */
  timeoutMs: number;
}

export interface GatewaySocket {
  /** Sends a request; resolves with the answer's payload, rejects with its error message. */
  request(method: string, params?: unknown): Promise<unknown>;
  /** Closes without reporting an end. */
  close(): void;
  /** Closes and reports an end (a silent connection, a failed snapshot). */
  drop(reason: string): void;
}

/** Close code the client uses for a connection it gave up on (as the Control UI does). */
export const CONNECT_FAILED_CLOSE_CODE = 4008;

interface Pending {
  resolve(payload: unknown): void;
  reject(error: Error): void;
  timer: unknown;
}

let requestCount = 0;

function errorMessage(error: unknown): string {
  return isRecord(error) ? (readString(error.message) ?? 'request failed') : 'request failed';
}

/**
 * One attempt at the gateway's socket: waits for `connect.challenge`,
 * answers with a `connect` request carrying the credentials (the only
 * place they travel: never in the URL), then relays events and answers.
 * Frames it cannot read are ignored, never thrown.
 */
export function openGatewaySocket(
  options: GatewaySocketOptions,
  handlers: GatewaySocketHandlers,
): GatewaySocket {
  const { environment } = options;
  const pending = new Map<string, Pending>();
  let ended = false;
  let ready = false;
  let connectSent = false;
  let lastSeq: number | undefined;
  let socket: WebSocketLike | undefined;
  let handshakeTimer: unknown = environment.setTimeout(
    () => drop(`no hello-ok within ${options.timeoutMs} ms`),
    options.timeoutMs,
  );

  function finish(end: Omit<GatewaySocketEnd, 'wasReady'> | undefined): void {
    if (ended) return;
    ended = true;
    if (handshakeTimer !== undefined) environment.clearTimeout(handshakeTimer);
    handshakeTimer = undefined;
    for (const [, request] of pending) {
      environment.clearTimeout(request.timer);
      request.reject(new Error('the gateway connection closed'));
    }
    pending.clear();
    try {
      socket?.close(
        end === undefined ? 1000 : CONNECT_FAILED_CLOSE_CODE,
        end?.reason.slice(0, 120),
      );
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
    if (end !== undefined) handlers.end({ ...end, wasReady: ready });
  }

  function drop(reason: string): void {
    finish({ code: CONNECT_FAILED_CLOSE_CODE, reason, refused: false });
  }

  function send(frame: object): boolean {
    try {
      socket?.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  function request(method: string, params?: unknown): Promise<unknown> {
    if (ended) return Promise.reject(new Error('the gateway connection closed'));
    const id = `session-heartbeat-${(requestCount += 1)}`;
    return new Promise((resolve, reject) => {
      const timer = environment.setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (!send({ type: 'req', id, method, params: params ?? {} })) {
        pending.delete(id);
        environment.clearTimeout(timer);
        reject(new Error(`${method}: the gateway connection is not open`));
      }
    });
  }

  function sendConnect(): void {
    if (connectSent) return;
    connectSent = true;
    const params: GatewayConnectParams = {
      minProtocol: GATEWAY_PROTOCOL_VERSION,
      maxProtocol: GATEWAY_PROTOCOL_VERSION,
      client: options.client,
      role: options.role,
      scopes: [...options.scopes],
      caps: [],
    };
    if (options.token !== undefined || options.password !== undefined) {
      params.auth = {};
      if (options.token !== undefined) params.auth.token = options.token;
      if (options.password !== undefined) params.auth.password = options.password;
    }
    request('connect', params).then(
      (hello) => {
        if (ended) return;
        ready = true;
        if (handshakeTimer !== undefined) environment.clearTimeout(handshakeTimer);
        handshakeTimer = undefined;
        handlers.ready(isRecord(hello) ? (hello as Partial<GatewayHelloOk>) : {});
      },
      (error: unknown) =>
        finish({
          code: CONNECT_FAILED_CLOSE_CODE,
          reason: error instanceof Error ? error.message : 'connect failed',
          refused: true,
        }),
    );
  }

  function onEvent(frame: GatewayEventFrame): void {
    if (frame.event === 'connect.challenge') {
      const nonce = isRecord(frame.payload) ? readString(frame.payload.nonce) : undefined;
      if (nonce === undefined || nonce.trim() === '') drop('connect challenge missing nonce');
      else sendConnect();
      return;
    }
    if (!ready) return;
    if (typeof frame.seq === 'number' && Number.isInteger(frame.seq)) {
      if (lastSeq !== undefined && frame.seq > lastSeq + 1) handlers.gap(lastSeq + 1, frame.seq);
      lastSeq = frame.seq;
    }
    handlers.event(frame);
  }

  function receive(data: unknown): void {
    if (ended || typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!isRecord(frame)) return;
    if (frame.type === 'event' && typeof frame.event === 'string') {
      onEvent(frame as unknown as GatewayEventFrame);
    } else if (frame.type === 'res' && typeof frame.id === 'string') {
      const waiting = pending.get(frame.id);
      if (waiting === undefined) return;
      pending.delete(frame.id);
      environment.clearTimeout(waiting.timer);
      if (frame.ok === true) waiting.resolve(frame.payload);
      else waiting.reject(new Error(errorMessage(frame.error as GatewayErrorShape | undefined)));
    }
  }

  try {
    socket = new options.WebSocket(options.url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'cannot open a WebSocket';
    environment.setTimeout(() => finish({ code: 1006, reason, refused: false }), 0);
    return { request, close: () => finish(undefined), drop };
  }
  const opened = socket;
  // A failed attempt is reported by the close event that follows; `ws` throws an unheard error.
  opened.addEventListener('error', () => undefined);
  opened.addEventListener('message', (event) => receive(event.data));
  opened.addEventListener('close', (event) =>
    finish({
      code: event.code,
      reason: event.reason || `closed with ${event.code}`,
      // The gateway closes 1008 when it refuses a handshake; the host does not retry those.
      refused: !ready && (event.code === 1008 || event.code === 4401),
    }),
  );
  return { request, close: () => finish(undefined), drop };
}
