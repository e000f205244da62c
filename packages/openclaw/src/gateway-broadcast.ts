import {
  isSessionKey,
  type HeartbeatHub,
  type HeartbeatsFrame,
  type HubEvent,
  type PingFrame,
  type RemovedFrame,
  type SessionHeartbeat,
  type SnapshotFrame,
} from '@session-heartbeat/core';
import {
  defaultTimers,
  HeartbeatEmitterError,
  type EmitterTimers,
  unrefTimer,
} from '@session-heartbeat/emitter';
import {
  SESSION_HEARTBEAT_EVENT,
  SessionHeartbeatMethods,
  type GatewayErrorShape,
  type GatewayEventFrame,
  type SessionHeartbeatMethod,
} from './gateway-types';
import { isRecord } from './read-gateway-payloads';

/**
 * The payload of a `session.heartbeat` event: a frame of our contract, plus
 * the emitter's `epoch` on every one, so that a listener riding a shared
 * socket notices a restarted emitter without waiting for a snapshot.
 */
export type SessionHeartbeatPayload = (
  SnapshotFrame<SessionHeartbeat> | HeartbeatsFrame<SessionHeartbeat> | RemovedFrame | PingFrame
) & { epoch: string };

/** The snapshot body, as `session.heartbeat.snapshot` answers it. */
export function sessionHeartbeatSnapshot(hub: HeartbeatHub): SessionHeartbeatPayload {
  return {
    type: 'snapshot',
    serverTime: hub.now(),
    epoch: hub.epoch,
    interval: hub.interval,
    heartbeats: hub.snapshot(),
  };
}

/** One emitter event (or a `ping` when there was nothing to say) as a `session.heartbeat` payload. */
export function toSessionHeartbeatPayload(
  event: HubEvent | { type: 'ping' },
  hub: Pick<HeartbeatHub, 'epoch' | 'now'>,
): SessionHeartbeatPayload {
  const serverTime = hub.now();
  switch (event.type) {
    case 'heartbeats':
      return {
        type: 'heartbeats',
        serverTime,
        epoch: hub.epoch,
        heartbeats: [...event.heartbeats],
      };
    case 'removed':
      return { type: 'removed', serverTime, epoch: hub.epoch, sessionKey: event.sessionKey };
    case 'ping':
      return { type: 'ping', serverTime, epoch: hub.epoch };
    default:
      return event satisfies never;
  }
}

/**
 * The gateway event frame for an emitter event: `{type:"event",
 * event:"session.heartbeat", payload, seq}`. A host that broadcasts through
 * its own function passes the payload alone and lets it number the frame.
 */
export function toGatewayEvent(
  event: HubEvent | { type: 'ping' },
  hub: Pick<HeartbeatHub, 'epoch' | 'now'>,
  seq?: number,
): GatewayEventFrame {
  const frame: GatewayEventFrame = {
    type: 'event',
    event: SESSION_HEARTBEAT_EVENT,
    payload: toSessionHeartbeatPayload(event, hub),
  };
  if (seq !== undefined) frame.seq = seq;
  return frame;
}

export interface GatewayBroadcastOptions {
  /**
   * After this long with nothing sent, a `ping` payload goes out, so that a
   * live connection is never silent (clients reconnect after 2 × interval).
   * @default the emitter's interval
   */
  pingAfterMs?: number;
  /** @default the platform's timers */
  timers?: EmitterTimers;
}

export interface GatewayBroadcast {
  /** Payloads handed to `broadcast` so far. */
  readonly sent: number;
  /** Stops listening and pinging. */
  stop(): void;
}

/**
 * Broadcasts every emission of `hub` through the gateway's own broadcast
 * function as a `session.heartbeat` event, and a `ping` when quiet.
 *
 * @example
 * // In the gateway (a plugin), with its `broadcast(event, payload)`:
 * createGatewayBroadcast(emitter, (event, payload) => broadcast(event, payload, { dropIfSlow: true }));
 */
export function createGatewayBroadcast(
  hub: HeartbeatHub,
  broadcast: (event: typeof SESSION_HEARTBEAT_EVENT, payload: SessionHeartbeatPayload) => void,
  options: GatewayBroadcastOptions = {},
): GatewayBroadcast {
  const timers = options.timers ?? defaultTimers;
  const pingAfterMs = Math.max(1, options.pingAfterMs ?? hub.interval);
  let sent = 0;
  let timer: unknown;
  let stopped = false;

  function send(event: HubEvent | { type: 'ping' }): void {
    if (stopped) return;
    sent += 1;
    try {
      broadcast(SESSION_HEARTBEAT_EVENT, toSessionHeartbeatPayload(event, hub));
    } finally {
      arm();
    }
  }

  function arm(): void {
    if (stopped) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = undefined;
      send({ type: 'ping' });
    }, pingAfterMs);
    unrefTimer(timer);
  }

  const unsubscribe = hub.subscribe(send);
  arm();
  return {
    get sent() {
      return sent;
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** How a gateway method answers: the `res` frame's `ok` with its payload or error. */
export type GatewayMethodResult =
  { ok: true; payload: unknown } | { ok: false; error: GatewayErrorShape };

function invalid(message: string): GatewayMethodResult {
  return { ok: false, error: { code: 'INVALID_REQUEST', message } };
}

/** A restart through the emitter, whose cooldown it shares with HTTP `POST …/restart`. */
function restart(hub: HeartbeatHub, sessionKey: string): GatewayMethodResult {
  try {
    return hub.restart(sessionKey)
      ? { ok: true, payload: { serverTime: hub.now() } }
      : invalid(`unknown session ${JSON.stringify(sessionKey)}`);
  } catch (error) {
    if (!(error instanceof HeartbeatEmitterError) || error.code !== 'restart_too_soon') throw error;
    const answer: GatewayErrorShape = {
      code: 'UNAVAILABLE',
      message: error.message,
      retryable: true,
    };
    if (error.retryAfterMs !== undefined) answer.retryAfterMs = error.retryAfterMs;
    return { ok: false, error: answer };
  }
}

/**
 * Answers one of our methods (`session.heartbeat.snapshot`, `.get`,
 * `.restart`); `undefined` for any other method, which stays the host's.
 */
export function answerSessionHeartbeatRequest(
  hub: HeartbeatHub,
  method: string,
  params: unknown,
): GatewayMethodResult | undefined {
  switch (method) {
    case SessionHeartbeatMethods.snapshot:
      return { ok: true, payload: sessionHeartbeatSnapshot(hub) };
    case SessionHeartbeatMethods.session:
    case SessionHeartbeatMethods.restart: {
      const sessionKey = isRecord(params) ? params.sessionKey : undefined;
      if (!isSessionKey(sessionKey)) return invalid(`${method}: sessionKey must be a session key`);
      if (method === SessionHeartbeatMethods.restart) return restart(hub, sessionKey);
      const heartbeat = hub.heartbeat(sessionKey);
      return heartbeat === undefined
        ? invalid(`unknown session ${JSON.stringify(sessionKey)}`)
        : { ok: true, payload: { serverTime: hub.now(), heartbeat } };
    }
    default:
      return undefined;
  }
}

/** A gateway method handler, shaped like the gateway's (`{params, respond}`). */
export type GatewayMethodHandler = (request: {
  params?: unknown;
  respond: (ok: boolean, payload?: unknown, error?: GatewayErrorShape) => void;
}) => void;

/**
 * Our methods as gateway handlers, to register with the host (e.g. a
 * plugin's `registerGatewayMethod`). Guard `session.heartbeat.restart` with
 * a write scope there: it restarts a session.
 */
export function createSessionHeartbeatMethods(
  hub: HeartbeatHub,
): Record<SessionHeartbeatMethod, GatewayMethodHandler> {
  const handler =
    (method: string): GatewayMethodHandler =>
    ({ params, respond }) => {
      const result = answerSessionHeartbeatRequest(hub, method, params);
      if (result?.ok === true) respond(true, result.payload);
      else respond(false, undefined, result?.error ?? { code: 'INVALID_REQUEST', message: method });
    };
  return {
    [SessionHeartbeatMethods.snapshot]: handler(SessionHeartbeatMethods.snapshot),
    [SessionHeartbeatMethods.session]: handler(SessionHeartbeatMethods.session),
    [SessionHeartbeatMethods.restart]: handler(SessionHeartbeatMethods.restart),
  };
}
