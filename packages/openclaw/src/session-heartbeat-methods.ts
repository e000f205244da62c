import {
  isSessionAction,
  isSessionKey,
  SESSION_ACTIONS,
  type HeartbeatHub,
  type SessionAction,
} from '@session-heartbeat/core';
import { HeartbeatEmitterError } from '@session-heartbeat/emitter';
import { sessionHeartbeatSnapshot } from './gateway-broadcast';
import {
  SessionHeartbeatMethods,
  type GatewayErrorShape,
  type SessionHeartbeatMethod,
} from './gateway-types';
import { isRecord, readTime } from './read-gateway-payloads';

/** How a gateway method answers: the `res` frame's `ok` with its payload or error. */
export type GatewayMethodResult =
  { ok: true; payload: unknown } | { ok: false; error: GatewayErrorShape };

function invalid(message: string, details?: unknown): GatewayMethodResult {
  return {
    ok: false,
    error: { code: 'INVALID_REQUEST', message, ...(details === undefined ? {} : { details }) },
  };
}

const unknownSession = (sessionKey: string): GatewayMethodResult =>
  invalid(`unknown session ${JSON.stringify(sessionKey)}`);

/**
 * An action through the hub, whose cooldown it shares with HTTP. The
 * gateway's error codes say less than HTTP's statuses: an action the host
 * does not support is `INVALID_REQUEST` with `details.reason:
 * 'not_supported'`, one too soon `UNAVAILABLE`, retryable, with `retryAfterMs`.
 */
function act(hub: HeartbeatHub, sessionKey: string, action: SessionAction): GatewayMethodResult {
  try {
    return hub.act(sessionKey, action)
      ? { ok: true, payload: { serverTime: hub.now() } }
      : unknownSession(sessionKey);
  } catch (error) {
    if (!(error instanceof HeartbeatEmitterError)) throw error;
    if (error.code === 'action_not_supported') {
      return invalid(error.message, { reason: 'not_supported' });
    }
    if (error.code !== 'action_too_soon') throw error;
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
 * `.history`, `.actions`, `.action`, `.restart`); `undefined` for any other
 * method, which stays the host's. They mirror the HTTP routes: `.history`
 * `{sessionKey, since?}` answers `{serverTime, epoch, changes}`, `.actions`
 * `{}` answers `{actions}`, `.action` `{sessionKey, action}` answers
 * `{serverTime}`, and `.restart` `{sessionKey}` is `.action` with
 * `restart`.
 */
export function answerSessionHeartbeatRequest(
  hub: HeartbeatHub,
  method: string,
  params: unknown,
): GatewayMethodResult | undefined {
  const fields = isRecord(params) ? params : {};
  switch (method) {
    case SessionHeartbeatMethods.snapshot:
      return { ok: true, payload: sessionHeartbeatSnapshot(hub) };
    case SessionHeartbeatMethods.actions:
      return { ok: true, payload: { actions: [...hub.actions] } };
    case SessionHeartbeatMethods.session:
    case SessionHeartbeatMethods.history:
    case SessionHeartbeatMethods.action:
    case SessionHeartbeatMethods.restart: {
      const { sessionKey } = fields;
      if (!isSessionKey(sessionKey)) return invalid(`${method}: sessionKey must be a session key`);
      if (method === SessionHeartbeatMethods.restart) return act(hub, sessionKey, 'restart');
      if (method === SessionHeartbeatMethods.action) {
        const { action } = fields;
        if (!isSessionAction(action)) {
          return invalid(`${method}: action must be one of ${SESSION_ACTIONS.join(', ')}`);
        }
        return act(hub, sessionKey, action);
      }
      if (method === SessionHeartbeatMethods.history) {
        const since = readTime(fields.since);
        if (fields.since !== undefined && since === undefined) {
          return invalid(`${method}: since must be a number of ms`);
        }
        const changes = hub.history(sessionKey, since);
        return changes === undefined
          ? unknownSession(sessionKey)
          : { ok: true, payload: { serverTime: hub.now(), epoch: hub.epoch, changes } };
      }
      const heartbeat = hub.heartbeat(sessionKey);
      return heartbeat === undefined
        ? unknownSession(sessionKey)
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
 * plugin's `registerGatewayMethod`). Guard those in
 * `SESSION_HEARTBEAT_WRITE_METHODS` (`.action`, `.restart`) with a write
 * scope there: they act on a session.
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
  const methods = Object.values(SessionHeartbeatMethods);
  return Object.fromEntries(methods.map((method) => [method, handler(method)])) as Record<
    SessionHeartbeatMethod,
    GatewayMethodHandler
  >;
}
