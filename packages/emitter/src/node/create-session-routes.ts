import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isSessionAction,
  isSessionKey,
  SESSION_KEY_MAX_LENGTH,
  type HeartbeatHub,
  type SessionAction,
} from '@session-heartbeat/core';
import { decodeSessionKeySegment } from '@session-heartbeat/core/server';
import { HeartbeatEmitterError } from '../heartbeat-emitter-error';
import { readBody, sendBodyError } from './read-body';
import type { ResolvedServerOptions } from './resolve-server-options';
import { sendError, sendJson } from './send-json';

export interface SessionRoutesDeps {
  /** The emitter, or any hub (a fleet's aggregator) that keeps history and acts. */
  emitter: HeartbeatHub;
  options: ResolvedServerOptions;
  /** Whether an acting route may run here (a token, or a loopback Host); answers 403 if not. */
  mayAct(req: IncomingMessage, res: ServerResponse): boolean;
  methodNotAllowed(res: ServerResponse, method: string | undefined, allow: string): void;
}

/** `GET` and `HEAD` read; everything else is refused with 405. */
const READ = 'GET, HEAD';

/** A `since` of whole ms since the epoch, as `Routes.history` writes it. */
const WHOLE_MS = /^\d{1,16}$/;

function notFound(res: ServerResponse, sessionKey: string): void {
  sendError(res, 404, 'not_found', `no session ${JSON.stringify(sessionKey)}`);
}

/**
 * The session routes the contract gained in v1.1, plus the v1 restart (now
 * an action): `GET /api/sessions/actions`, `GET /api/sessions/:key/history`,
 * `POST /api/sessions/:key/actions/:action` and `POST
 * /api/sessions/:key/restart`. Returns false for any other path.
 */
export function createSessionRoutes(deps: SessionRoutesDeps) {
  const { emitter, options, mayAct, methodNotAllowed } = deps;
  const isRead = (method: string | undefined): boolean => method === 'GET' || method === 'HEAD';

  function act(
    req: IncomingMessage,
    res: ServerResponse,
    sessionKey: string,
    action: SessionAction,
  ): void {
    void readBody(req, options.maxBodyBytes)
      .then((body) => {
        if (!body.ok) return sendBodyError(res, body);
        // The emitter keeps the cooldown, so every way in (HTTP, a gateway method) shares it.
        if (!emitter.act(sessionKey, action)) return notFound(res, sessionKey);
        sendJson(res, 202, { serverTime: emitter.now() });
      })
      .catch((error: unknown) => {
        if (error instanceof HeartbeatEmitterError && error.code === 'action_not_supported') {
          return sendError(res, 501, 'not_supported', error.message);
        }
        if (error instanceof HeartbeatEmitterError && error.code === 'action_too_soon') {
          const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 0) / 1000));
          return sendError(res, 429, 'action_too_soon', error.message, {
            'Retry-After': String(seconds),
          });
        }
        options.logger.error?.(`${action} failed`, error);
        sendError(res, 500, 'internal_error', `the ${action} failed`);
      });
  }

  function history(req: IncomingMessage, res: ServerResponse, sessionKey: string): void {
    const query = new URLSearchParams(req.url?.split('?')[1] ?? '');
    const sinceText = query.get('since');
    if (sinceText !== null && !WHOLE_MS.test(sinceText)) {
      return sendError(
        res,
        400,
        'bad_request',
        `since must be whole ms since the epoch, got ${JSON.stringify(sinceText.slice(0, 40))}`,
      );
    }
    const changes =
      sinceText === null
        ? emitter.history(sessionKey)
        : emitter.history(sessionKey, Number(sinceText));
    if (changes === undefined) return notFound(res, sessionKey);
    sendJson(res, 200, { serverTime: emitter.now(), epoch: emitter.epoch, changes });
  }

  return (req: IncomingMessage, res: ServerResponse, segments: readonly string[]): boolean => {
    const { method } = req;
    const [, resource, keySegment, route, actionName, ...rest] = segments;
    if (resource !== 'sessions' || keySegment === undefined || rest.length > 0) return false;
    if (keySegment === 'actions' && route === undefined) {
      if (!isRead(method)) methodNotAllowed(res, method, READ);
      else sendJson(res, 200, { actions: emitter.actions });
      return true;
    }
    const isAction = route === 'actions' && actionName !== undefined;
    const isRestart = route === 'restart' && actionName === undefined;
    const isHistory = route === 'history' && actionName === undefined;
    if (!isAction && !isRestart && !isHistory) return false;
    if (isHistory ? !isRead(method) : method !== 'POST') {
      methodNotAllowed(res, method, isHistory ? READ : 'POST');
      return true;
    }
    const sessionKey = decodeSessionKeySegment(keySegment);
    if (!isSessionKey(sessionKey)) {
      sendError(
        res,
        400,
        'bad_request',
        `session key must be 1–${SESSION_KEY_MAX_LENGTH} characters`,
      );
      return true;
    }
    if (isHistory) {
      history(req, res, sessionKey);
      return true;
    }
    const action = isRestart ? 'restart' : actionName;
    if (!isSessionAction(action)) {
      sendError(res, 404, 'not_found', `no action ${JSON.stringify(action?.slice(0, 40))}`);
      return true;
    }
    if (mayAct(req, res)) act(req, res, sessionKey, action);
    return true;
  };
}
