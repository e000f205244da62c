import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ErrorCode } from '@session-heartbeat/core';

/** Headers every answer carries: heartbeats are live data, never cached. */
const BASE_HEADERS: OutgoingHttpHeaders = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** Answers with a JSON body, `Cache-Control: no-store` and the JSON content type. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers with the contract's error shape: `{"error": {"code", "message"}}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** `405` with the `Allow` header: the route exists, not for this method. */
export function methodNotAllowed(
  res: ServerResponse,
  method: string | undefined,
  allow: string,
): void {
  sendError(res, 405, 'method_not_allowed', `${method ?? '?'} is not allowed here; use ${allow}`, {
    Allow: allow,
  });
}
