import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ThresholdsBody } from '@session-heartbeat/core';
import { checkThresholds } from '../health/check-thresholds';
import type { HealthMonitor } from '../health/health-monitor-types';
import { PROMETHEUS_CONTENT_TYPE, writePrometheusText } from '../metrics/write-prometheus-text';
import { readJsonBody, sendBodyError } from './read-body';
import { methodNotAllowed, sendError, sendJson } from './send-json';

export interface HealthRoutesDeps {
  monitor: HealthMonitor;
  /** The emitter's periodic interval: a silence limit must be longer. */
  interval: number;
  maxBodyBytes: number;
  /** Whether this request may change things (a server token, or a loopback Host). */
  canAct: (req: IncomingMessage) => boolean;
  /** `canAct`, answering `403` when it may not. */
  mayAct: (req: IncomingMessage, res: ServerResponse) => boolean;
  now: () => number;
}

/** The health routes the API handler hands over to: thresholds and `/metrics`. */
export interface HealthRoutes {
  /** `GET`, `PUT /api/sessions/thresholds`. */
  thresholds(req: IncomingMessage, res: ServerResponse): void;
  /** `GET /metrics`: the Prometheus text format. */
  metrics(req: IncomingMessage, res: ServerResponse): void;
}

function isRead(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/**
 * One config for dashboards and alerts: `GET /api/sessions/thresholds`
 * serves the monitor's thresholds and whether the caller may change them;
 * `PUT` replaces them (an acting route: with the server's token, or on a
 * loopback Host when it has none). `GET /metrics` writes the monitor's
 * figures.
 */
export function createHealthRoutes(deps: HealthRoutesDeps): HealthRoutes {
  const { monitor, interval, maxBodyBytes, canAct, mayAct, now } = deps;

  function body(req: IncomingMessage): ThresholdsBody {
    return { serverTime: now(), thresholds: monitor.thresholds, canChange: canAct(req) };
  }

  async function replace(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readJsonBody(req, maxBodyBytes);
    if (!read.ok) return sendBodyError(res, read);
    if (read.value === undefined) {
      return sendError(res, 400, 'bad_request', 'the body must be a ThresholdConfig (JSON)');
    }
    const config = checkThresholds(read.value, interval);
    if (!config.ok) return sendError(res, 400, 'bad_request', config.error);
    monitor.setThresholds(config.value);
    sendJson(res, 200, body(req));
  }

  return {
    thresholds(req, res) {
      if (isRead(req)) return sendJson(res, 200, body(req));
      if (req.method !== 'PUT') return methodNotAllowed(res, req.method, 'GET, HEAD, PUT');
      if (!mayAct(req, res)) return;
      replace(req, res).catch(() => {
        sendError(res, 500, 'internal_error', 'the thresholds could not be changed');
      });
    },
    metrics(req, res) {
      if (!isRead(req)) return methodNotAllowed(res, req.method, 'GET, HEAD');
      const text = writePrometheusText(monitor.metrics());
      res.writeHead(200, {
        'Content-Type': PROMETHEUS_CONTENT_TYPE,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    },
  };
}
