import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { Routes, type HeartbeatHub } from '@session-heartbeat/core';
import { refuseUpgrade } from './refuse-upgrade';
import { WebSocketServer } from 'ws';
import { createApiHandler, pathOf } from './create-api-handler';
import { createSocketHub } from './create-socket-hub';
import type { SocketConnectionStats } from './socket-connection';
import { sendError } from './send-json';
import { createOriginPolicy } from './create-origin-policy';
import { resolveServerOptions, type HeartbeatServerOptions } from './resolve-server-options';
import { createTokenCheck } from './create-token-check';
import { createHostPolicy, MISDIRECTED_REQUEST, type HostPolicy } from './create-host-policy';
import { createHealthMonitor } from '../health/create-health-monitor';
import type { HealthMonitor } from '../health/health-monitor-types';

/** The contract mounted on a host's server. */
export interface AttachedHeartbeatServer {
  /**
   * Answers the request if it is under `/api` (the contract's routes, JSON
   * errors for the rest) or is `metricsPath` (`/metrics`), and returns true;
   * returns false for anything else, which stays the host's to answer. Call
   * it first in the host's handler.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Open WebSocket connections (including those still owing their hello). */
  readonly clientCount: number;
  /** Per-connection bookkeeping: buffered bytes, backlog sizes. */
  connectionStats(): SocketConnectionStats[];
  /** The `Host` names it answers for (loopback names and `allowedHosts`), for the host's other routes. */
  readonly hostPolicy: HostPolicy;
  /** Health on the server: the thresholds dashboards read, the verdicts, the metrics. */
  readonly health: HealthMonitor;
  /**
   * Closes every client with 1001, stops every timer, detaches from the
   * server (which stays open). Upgrades to the socket route that arrive
   * meanwhile are answered `503`.
   */
  close(): Promise<void>;
}

/**
 * Mounts the heartbeat contract on an existing `http.Server` (or `https`):
 * it takes over WebSocket upgrades of `/api/sessions/heartbeat/ws` only, and
 * the host calls `handleRequest` from its own request handler. It serves any
 * `HeartbeatHub`: the emitter, or a fleet aggregator (whose `sources` add
 * `GET /api/sources` and the `sources` frame).
 *
 * @example
 * const heartbeat = attachHeartbeatServer(server, emitter, { token });
 * server.on('request', (req, res) => {
 *   if (heartbeat.handleRequest(req, res)) return;
 *   hostApp(req, res);
 * });
 */
export function attachHeartbeatServer(
  server: Server | HttpsServer,
  emitter: HeartbeatHub,
  options: HeartbeatServerOptions = {},
): AttachedHeartbeatServer {
  const resolved = resolveServerOptions(options);
  const tokenCheck = createTokenCheck(resolved.token);
  const isOriginAllowed = createOriginPolicy(resolved.allowedOrigins);
  const hostPolicy = createHostPolicy(resolved.allowedHosts);
  const health = createHealthMonitor(emitter, resolved.health);
  const apiHandler = createApiHandler({
    emitter,
    options: resolved,
    tokenCheck,
    isOriginAllowed,
    hostPolicy,
    monitor: health,
  });
  const hub = createSocketHub(emitter, resolved, tokenCheck);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: resolved.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  let closed = false;

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req.url) !== Routes.socket) return;
    socket.on('error', () => socket.destroy());
    if (!hostPolicy.isAllowed(req.headers.host)) {
      return refuseUpgrade(socket, 421, MISDIRECTED_REQUEST);
    }
    if (closed) {
      return refuseUpgrade(socket, 503, {
        code: 'unavailable',
        message: 'the server is shutting down',
      });
    }
    if (!isOriginAllowed(req.headers.origin, req.headers.host)) {
      return refuseUpgrade(socket, 403, {
        code: 'forbidden',
        message: 'this Origin is not allowed',
      });
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws));
  }
  server.on('upgrade', onUpgrade);

  return {
    handleRequest(req, res) {
      try {
        return apiHandler(req, res);
      } catch (error) {
        resolved.logger.error?.('heartbeat request failed', error);
        sendError(res, 500, 'internal_error', 'the request failed');
        return true;
      }
    },
    get clientCount() {
      return hub.clientCount;
    },
    connectionStats: () => hub.stats(),
    hostPolicy,
    health,
    async close() {
      if (closed) return;
      closed = true;
      health.dispose();
      await hub.close();
      wss.close();
      server.off('upgrade', onUpgrade);
    },
  };
}
