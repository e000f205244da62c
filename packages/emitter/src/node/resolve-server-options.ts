import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FRAME_BYTES } from '@session-heartbeat/core';
import { HELLO_TIMEOUT_MS } from '@session-heartbeat/core/server';
import { DEFAULT_ALLOWED_ORIGINS } from './create-origin-policy';
import type { HealthMonitorOptions } from '../health/health-monitor-types';

/** Where the adapter reports what happened. Tokens never appear in a message. */
export interface HeartbeatServerLogger {
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string, error?: unknown): void;
}

/**
 * An extra `/api` route, called after the origin and token checks passed and
 * no contract route matched. Return true if it answers (it may answer later).
 * `segments` are the path's decoded segments, e.g. `['api', 'mock', 'sessions']`.
 */
export type ApiRouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
) => boolean;

export interface HeartbeatServerOptions {
  /**
   * When set, every `/api` request needs `Authorization: Bearer <token>`
   * and every WebSocket hello must carry it.
   * @default undefined (no authentication)
   */
  token?: string;
  /**
   * Origins let in (HTTP and WebSocket upgrade); over HTTP they get CORS
   * answers (`Access-Control-Allow-Origin` set to their own origin, never
   * `*`; preflight `204`). Entries are origins (`https://dash.example`),
   * any-port patterns (`http://localhost:*`), `'self'` (the Origin's host
   * equals the Host header) or `'*'`. Requests without an Origin header are
   * always let in.
   * @default DEFAULT_ALLOWED_ORIGINS ('self' and loopback origins)
   */
  allowedOrigins?: readonly string[];
  /**
   * Host names the server answers for besides `localhost`, `*.localhost`
   * and loopback addresses (any port): the names a browser uses to reach it,
   * e.g. `['gateway.example']` behind a proxy. Any other `Host` gets `421`
   * before anything else, WebSocket upgrades included: that stops DNS
   * rebinding. Without a token, restarts and `onApiRequest` routes answer
   * only to a loopback Host.
   * @default [] (loopback names only)
   */
  allowedHosts?: readonly string[];
  /** Largest WebSocket frame a client may send; bigger ones close it with 1009. @default 65536 */
  maxFrameBytes?: number;
  /** Largest HTTP request body; bigger ones get 413. @default 65536 */
  maxBodyBytes?: number;
  /**
   * A client's send buffer bound: above it nothing more is written to that
   * client; only its newest heartbeat per session is kept until it drains.
   * @default 1048576 (1 MiB)
   */
  maxBufferedBytes?: number;
  /**
   * Snapshots are encoded once and shared by hellos that come together; a
   * new encoding is made only while less than this many bytes of snapshots
   * are still being written, else the hello is closed with 1013 (try again).
   * Bounds what clients that never read can cost.
   * @default 33554432 (32 MiB)
   */
  maxPendingSnapshotBytes?: number;
  /** A slow client holding more pending entries than this is closed with 1013. @default 100000 */
  maxPendingHeartbeats?: number;
  /** A client that stays over its buffer bound this long is closed with 1013. @default 30000 */
  maxBackpressureMs?: number;
  /** Heartbeats emitted within this window go out as one frame (0–50). @default 20 */
  coalesceMs?: number;
  /** A connection without a valid hello by then is closed with 4401. @default 5000 */
  helloTimeoutMs?: number;
  /** WebSocket-level ping period; a client that misses a pong by the next one is terminated. @default 15000 */
  pingIntervalMs?: number;
  /** How long a closing client may take to answer the close frame before it is terminated. @default 1000 */
  closeGraceMs?: number;
  /**
   * Extra `/api` routes behind the same origin and token checks (e.g. a
   * mock's control API); what it does not answer gets a JSON 404.
   * @default undefined
   */
  onApiRequest?: ApiRouteHandler;
  /** @default no logging */
  logger?: HeartbeatServerLogger;
  /**
   * Health on the server (`createHealthMonitor`): its thresholds, which
   * `GET /api/sessions/thresholds` serves and `PUT` changes (an acting
   * route), the tools that become metric labels, and an OpenTelemetry
   * `MeterProvider`. The monitor is `AttachedHeartbeatServer.health`.
   * @default {} (default thresholds, every tool `other`, no OpenTelemetry)
   */
  health?: HealthMonitorOptions;
  /**
   * Where the Prometheus text of the health metrics is served, behind the
   * same Host, Origin and token checks as `/api`; `false` serves none.
   * @default '/metrics'
   */
  metricsPath?: string | false;
}

export type ResolvedServerOptions = Required<
  Omit<HeartbeatServerOptions, 'token' | 'onApiRequest'>
> &
  Pick<HeartbeatServerOptions, 'token' | 'onApiRequest'>;

function positive(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new RangeError(`${name} must be a positive number up to ${max}, got ${value}`);
  }
  return value;
}

/** Fills in defaults and refuses impossible values with a precise RangeError. */
export function resolveServerOptions(options: HeartbeatServerOptions): ResolvedServerOptions {
  const coalesceMs = options.coalesceMs ?? 20;
  if (!Number.isFinite(coalesceMs) || coalesceMs < 0 || coalesceMs > 50) {
    throw new RangeError(`coalesceMs must be between 0 and 50, got ${coalesceMs}`);
  }
  const metricsPath = options.metricsPath ?? '/metrics';
  if (metricsPath !== false && (!metricsPath.startsWith('/') || metricsPath.startsWith('/api'))) {
    throw new RangeError(
      `metricsPath must be a path outside /api, such as /metrics, got ${JSON.stringify(metricsPath)}`,
    );
  }
  return {
    token: options.token,
    health: options.health ?? {},
    metricsPath,
    onApiRequest: options.onApiRequest,
    allowedOrigins: options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
    allowedHosts: options.allowedHosts ?? [],
    maxFrameBytes: positive('maxFrameBytes', options.maxFrameBytes ?? MAX_FRAME_BYTES),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes ?? MAX_FRAME_BYTES),
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes ?? 1024 * 1024),
    maxPendingSnapshotBytes: positive(
      'maxPendingSnapshotBytes',
      options.maxPendingSnapshotBytes ?? 32 * 1024 * 1024,
    ),
    maxPendingHeartbeats: positive('maxPendingHeartbeats', options.maxPendingHeartbeats ?? 100_000),
    maxBackpressureMs: positive('maxBackpressureMs', options.maxBackpressureMs ?? 30_000),
    coalesceMs,
    helloTimeoutMs: positive('helloTimeoutMs', options.helloTimeoutMs ?? HELLO_TIMEOUT_MS),
    pingIntervalMs: positive('pingIntervalMs', options.pingIntervalMs ?? 15_000),
    closeGraceMs: positive('closeGraceMs', options.closeGraceMs ?? 1000),
    logger: options.logger ?? {},
  };
}
