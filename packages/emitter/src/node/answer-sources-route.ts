import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeartbeatHub, SourcesBody } from '@session-heartbeat/core';
import { sendError, sendJson } from './send-json';

/**
 * Fleet: `GET /api/sources`, when the hub aggregates sources (the aggregator).
 * A read route like the batch: behind the same Host, Origin and token checks,
 * answered to any Host the server answers for. Returns false (nothing
 * answered) for a hub without sources, which leaves the path a 404.
 */
export function answerSourcesRoute(
  hub: HeartbeatHub,
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
): boolean {
  if (hub.sources === undefined || segments.length !== 2) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'method_not_allowed', `${req.method ?? '?'} is not allowed here; use GET`, {
      Allow: 'GET, HEAD',
    });
    return true;
  }
  const body: SourcesBody = { serverTime: hub.now(), sources: hub.sources.list() };
  sendJson(res, 200, body);
  return true;
}
