import {
  type BatchHeartbeatsBody,
  type HistoryBody,
  parseActionsBody,
  parseBatchBody,
  parseErrorBody,
  parseHistoryBody,
  parseSessionHeartbeatBody,
  Routes,
  type SessionAction,
  type SessionHeartbeatBody,
  resolveRoute,
} from '@session-heartbeat/core';

/** A non-2xx answer, or a body that is not the contract's. */
export class HeartbeatHttpError extends Error {
  override readonly name = 'HeartbeatHttpError';
  /** The HTTP status (0 when the body, not the status, was wrong). */
  readonly status: number;
  /** The contract's error code, when the server sent one. */
  readonly code: string | undefined;

  constructor(status: number, message: string, code?: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface HeartbeatHttp {
  baseUrl: string;
  token: string | undefined;
  fetch: typeof globalThis.fetch;
}

/** An answer and the local times its request left and its headers arrived. */
export interface Timed<T> {
  body: T;
  problems: string[];
  sentAt: number;
  receivedAt: number;
}

async function request(
  http: HeartbeatHttp,
  path: string,
  init: { method?: string; signal?: AbortSignal | undefined; now?: () => number },
): Promise<{ json: unknown; sentAt: number; receivedAt: number }> {
  const now = init.now ?? (() => 0);
  // The token travels in a header, never in the URL (URLs end up in logs).
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (http.token !== undefined) headers.Authorization = `Bearer ${http.token}`;
  const sentAt = now();
  const response = await http.fetch(resolveRoute(http.baseUrl, path), {
    method: init.method ?? 'GET',
    headers,
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
  const receivedAt = now();
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = parseErrorBody(json)?.error;
    throw new HeartbeatHttpError(
      response.status,
      error?.message ?? `${init.method ?? 'GET'} ${path} answered ${response.status}`,
      error?.code,
    );
  }
  return { json, sentAt, receivedAt };
}

/**
 * `GET /api/sessions/heartbeat`, validated and timed with `now` (the local
 * clock) for the clock offset.
 */
export async function fetchBatch(
  http: HeartbeatHttp,
  now: () => number,
  signal?: AbortSignal,
): Promise<Timed<BatchHeartbeatsBody>> {
  const { json, sentAt, receivedAt } = await request(http, Routes.batch, { signal, now });
  const read = parseBatchBody(json);
  if (!read.ok) throw new HeartbeatHttpError(0, read.error);
  return { body: read.value, problems: read.problems, sentAt, receivedAt };
}

/** `GET /api/sessions/:key/heartbeat`, validated. */
export async function fetchSessionHeartbeat(
  http: HeartbeatHttp,
  sessionKey: string,
  signal?: AbortSignal,
): Promise<SessionHeartbeatBody> {
  const { json } = await request(http, Routes.session(sessionKey), { signal });
  const read = parseSessionHeartbeatBody(json);
  if (!read.ok) throw new HeartbeatHttpError(0, read.error);
  return read.value;
}

/** `GET /api/sessions/:key/history?since=ms` (v1.1), validated. */
export async function fetchHistory(
  http: HeartbeatHttp,
  sessionKey: string,
  since: number,
  signal?: AbortSignal,
): Promise<HistoryBody> {
  const { json } = await request(http, Routes.history(sessionKey, since), { signal });
  const read = parseHistoryBody(json);
  if (!read.ok) throw new HeartbeatHttpError(0, read.error);
  return read.value;
}

/**
 * `POST /api/sessions/:key/actions/:action` (v1.1); a restart goes to
 * `POST /api/sessions/:key/restart`, which servers of both versions answer.
 */
export async function postAction(
  http: HeartbeatHttp,
  sessionKey: string,
  action: SessionAction,
): Promise<void> {
  const route =
    action === 'restart' ? Routes.restart(sessionKey) : Routes.action(sessionKey, action);
  await request(http, route, { method: 'POST' });
}

/** `GET /api/sessions/actions` (v1.1); a v1 server, which has no such route, restarts only. */
export async function fetchActions(
  http: HeartbeatHttp,
  signal?: AbortSignal,
): Promise<readonly SessionAction[]> {
  try {
    const { json } = await request(http, Routes.actions, { signal });
    const read = parseActionsBody(json);
    if (!read.ok) throw new HeartbeatHttpError(0, read.error);
    return read.value.actions;
  } catch (error) {
    if (error instanceof HeartbeatHttpError && error.status === 404) return ['restart'];
    throw error;
  }
}

/** Whether an error means the token was refused. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof HeartbeatHttpError && error.status === 401;
}
