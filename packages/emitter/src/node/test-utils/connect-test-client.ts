import { request } from 'node:http';
import WebSocket from 'ws';

/** A frame as the tests read it: parsed JSON, fields checked by each test. */
export interface TestFrame {
  type: string;
  serverTime?: number;
  epoch?: string;
  interval?: number;
  sessionKey?: string;
  heartbeats?: {
    sessionKey: string;
    state: string;
    seq: number;
    emittedAt: number;
    reason: string;
    [field: string]: unknown;
  }[];
}

export interface TestClient {
  ws: WebSocket;
  /** Every frame received, with its local receive time. */
  frames: { frame: TestFrame; receivedAt: number }[];
  /** The next frame (after those already taken) that matches, or a rejection after `timeoutMs`. */
  next(match?: (frame: TestFrame) => boolean, timeoutMs?: number): Promise<TestFrame>;
  /** Resolves with the close code and reason once the connection is closed. */
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Sent in the hello; `false` sends no hello at all. @default no token */
  token?: string | false;
  origin?: string;
}

export function socketUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/api/sessions/heartbeat/ws`;
}

/** Opens a ws client, says hello (unless `token: false`) and records every frame. */
export async function connectTestClient(
  httpUrl: string,
  options: ConnectOptions = {},
): Promise<TestClient> {
  const ws = new WebSocket(socketUrl(httpUrl), options.origin ? { origin: options.origin } : {});
  const frames: TestClient['frames'] = [];
  let cursor = 0;
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    frames.push({ frame: JSON.parse(String(data)) as TestFrame, receivedAt: performance.now() });
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const wake of waiters) wake();
    });
  });
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
    ws.once('error', reject);
  });
  if (options.token !== false) {
    ws.send(
      JSON.stringify({
        type: 'hello',
        protocol: 1,
        ...(options.token ? { token: options.token } : {}),
      }),
    );
  }

  function next(
    match: (frame: TestFrame) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<TestFrame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        while (cursor < frames.length) {
          const entry = frames[cursor++];
          if (entry && match(entry.frame)) {
            resolve(entry.frame);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const wake = (): void => {
        if (check()) done();
        else if (ws.readyState === WebSocket.CLOSED)
          fail(new Error('closed before a matching frame'));
      };
      const timer = setTimeout(
        () => fail(new Error(`no matching frame within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      const fail = (error: Error): void => {
        done();
        reject(error);
      };
      waiters.add(wake);
    });
  }

  return {
    ws,
    frames,
    next,
    closed,
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
      await closed;
    },
  };
}

/** Opens a raw upgrade and resolves with the HTTP status the server refused it with. */
export function upgradeStatus(
  httpUrl: string,
  origin?: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(socketUrl(httpUrl), { ...(origin ? { origin } : {}), headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('error', reject);
  });
}

/** Resolves once `condition()` holds (checked every few ms), or rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with any headers, `Host` included (which `fetch` will not
 * set): what a page on another name, or a rebinding attack, sends.
 */
export function rawRequest(
  httpUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, httpUrl),
      { method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
