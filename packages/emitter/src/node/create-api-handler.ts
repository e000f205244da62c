import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  isSessionKey,
  Routes,
  SESSION_KEY_MAX_LENGTH,
  type HeartbeatHub,
} from '@session-heartbeat/core';
import { decodeSessionKeySegment } from '@session-heartbeat/core/server';
import { createSessionRoutes } from './create-session-routes';
import { methodNotAllowed, sendError, sendJson } from './send-json';
import type { ResolvedServerOptions } from './resolve-server-options';
import { bearerToken, type TokenCheck } from './create-token-check';
import { MISDIRECTED_REQUEST, type HostPolicy } from './create-host-policy';
import type { HealthMonitor } from '../health/health-monitor-types';
import { createHealthRoutes } from './create-health-routes';
import { answerSourcesRoute } from './answer-sources-route';

/** Answers a request if it is under `/api`; returns false to leave it to the host. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface ApiHandlerDeps {
  /** The emitter, or any hub (the fleet aggregator). */
  emitter: HeartbeatHub;
  options: ResolvedServerOptions;
  tokenCheck: TokenCheck;
  isOriginAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  hostPolicy: HostPolicy;
  /** Server-side health: thresholds and `/metrics`. */
  monitor: HealthMonitor;
}

/** The path of a request URL, without its query. */
export function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

const GET = 'GET, HEAD';

/** How long a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * The contract's HTTP side. Every `/api` request is checked in this order:
 * its Host (`421`), its Origin (`403`), then CORS (allowed origins get
 * `Access-Control-Allow-Origin` with their own origin, never `*`, and a
 * preflight `204` without a token), then the token (`401`). Then the
 * heartbeat routes, and JSON errors for everything else under `/api` (after
 * giving `onApiRequest` its chance). Actions (restart included), `PUT` of
 * the thresholds and `onApiRequest` routes act: without a token they are
 * served only to a loopback Host. `metricsPath` (`/metrics`) gets the same checks.
 */
export function createApiHandler(deps: ApiHandlerDeps): RequestHandler {
  const { emitter, options, tokenCheck, isOriginAllowed, hostPolicy } = deps;

  /** Whether an acting route may run: with a token (checked before), or for a loopback Host. */
  function canAct(req: IncomingMessage): boolean {
    return options.token !== undefined || hostPolicy.isLoopback(req.headers.host);
  }

  function mayAct(req: IncomingMessage, res: ServerResponse): boolean {
    if (canAct(req)) return true;
    sendError(
      res,
      403,
      'forbidden',
      'this server has no token: actions and control routes answer only on localhost',
    );
    return false;
  }

  const sessionRoutes = createSessionRoutes({ emitter, options, mayAct, methodNotAllowed });
  const health = createHealthRoutes({
    monitor: deps.monitor,
    interval: emitter.interval,
    maxBodyBytes: options.maxBodyBytes,
    canAct,
    mayAct,
    now: () => emitter.now(),
  });

  function route(req: IncomingMessage, res: ServerResponse, segments: string[]): void {
    const { method } = req;
    const isGet = method === 'GET' || method === 'HEAD';
    const [, resource, keySegment, action, ...rest] = segments;
    const sessionKey = keySegment === undefined ? undefined : decodeSessionKeySegment(keySegment);
    if (resource === 'sessions' && sessionKey === 'heartbeat' && action === undefined) {
      if (!isGet) return methodNotAllowed(res, method, GET);
      return sendJson(res, 200, {
        serverTime: emitter.now(),
        epoch: emitter.epoch,
        interval: emitter.interval,
        heartbeats: emitter.snapshot(),
      });
    }
    if (resource === 'sessions' && sessionKey === 'thresholds' && action === undefined) {
      return health.thresholds(req, res);
    }
    if (sessionRoutes(req, res, segments)) return;
    if (resource === 'sessions' && sessionKey !== undefined && rest.length === 0) {
      if (action === 'heartbeat') {
        if (!isGet) return methodNotAllowed(res, method, GET);
        if (!isSessionKey(sessionKey)) {
          return sendError(
            res,
            400,
            'bad_request',
            `session key must be 1–${SESSION_KEY_MAX_LENGTH} characters`,
          );
        }
        const heartbeat = emitter.heartbeat(sessionKey);
        if (!heartbeat) {
          return sendError(res, 404, 'not_found', `no session ${JSON.stringify(sessionKey)}`);
        }
        return sendJson(res, 200, { serverTime: emitter.now(), heartbeat });
      }
    }
    if (resource === 'sources' && answerSourcesRoute(emitter, req, res, segments)) return;
    if (options.onApiRequest !== undefined) {
      if (!mayAct(req, res)) return;
      if (options.onApiRequest(req, res, segments)) return;
    }
    sendError(res, 404, 'not_found', `no route ${method ?? ''} ${pathOf(req.url)}`.slice(0, 200));
  }

  /** CORS for an allowed Origin; true when the request was a preflight, now answered. */
  function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
    res.setHeader('Vary', 'Origin');
    const { origin } = req.headers;
    if (origin !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'Cache-Control': 'no-store',
      Allow: 'GET, HEAD, POST, PUT, OPTIONS',
      ...(origin === undefined
        ? {}
        : {
            'Access-Control-Allow-Methods': 'GET, POST, PUT',
            'Access-Control-Allow-Headers': 'Authorization, Content-Type',
            'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
          }),
    });
    res.end();
    return true;
  }

  return (req, res) => {
    const path = pathOf(req.url);
    // `/metrics` sits outside `/api` (where Prometheus looks) behind the same checks.
    const isMetrics = options.metricsPath !== false && path === options.metricsPath;
    if (path !== '/api' && !path.startsWith('/api/') && !isMetrics) return false;
    if (!hostPolicy.isAllowed(req.headers.host)) {
      sendError(res, 421, MISDIRECTED_REQUEST.code, MISDIRECTED_REQUEST.message);
      return true;
    }
    // An Origin off the list gets no CORS headers, only this.
    if (!isOriginAllowed(req.headers.origin, req.headers.host)) {
      sendError(res, 403, 'forbidden', 'this Origin is not allowed');
      return true;
    }
    if (answerCors(req, res)) return true;
    if (!tokenCheck.matches(bearerToken(req.headers.authorization))) {
      sendError(res, 401, 'unauthorized', 'a valid "Authorization: Bearer <token>" is required', {
        'WWW-Authenticate': 'Bearer',
      });
      return true;
    }
    if (isMetrics) {
      health.metrics(req, res);
      return true;
    }
    if (path === Routes.socket) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        sendError(res, 426, 'upgrade_required', 'this route only accepts WebSocket upgrades', {
          Upgrade: 'websocket',
          Connection: 'Upgrade',
        });
      } else {
        methodNotAllowed(res, req.method, 'GET');
      }
      return true;
    }
    let segments: string[];
    try {
      segments = path.slice(1).split('/').map(decodeURIComponent);
    } catch {
      sendError(res, 400, 'bad_request', 'the path has malformed percent-encoding');
      return true;
    }
    route(req, res, segments);
    return true;
  };
}
