import { environmentManager, QueryClient } from '@tanstack/query-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '@session-heartbeat/core';
import {
  createFakeWebSocket,
  createTestEnvironment,
  makeHeartbeat,
  T0,
  type FakeSocket,
} from './test-utils';
import type { ConnectionStatus } from './connection-status';
import { createNetworkSource, type NetworkSourceOptions } from './create-network-source';
import type { SourceProblem } from './heartbeat-source';

const BASE_URL = 'http://127.0.0.1:4317';

beforeAll(() => {
  // TanStack Query runs no refetch interval on a "server"; this test is a page.
  environmentManager.setIsServer(() => false);
});
afterAll(() => {
  environmentManager.setIsServer(() => typeof window === 'undefined');
});
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function snapshotFrame(interval = 5000, seq = 1): ServerFrame {
  return {
    type: 'snapshot',
    serverTime: Date.now(),
    epoch: 'run-1',
    interval,
    heartbeats: [makeHeartbeat({ sessionKey: 'agent:main:main', seq, at: Date.now() })],
  };
}

function batchResponse(status = 200, seq = 1): Response {
  const body =
    status === 200
      ? {
          serverTime: Date.now(),
          epoch: 'run-1',
          interval: 1000,
          heartbeats: [makeHeartbeat({ seq })],
        }
      : { error: { code: status === 401 ? 'unauthorized' : 'error', message: `status ${status}` } };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function connect(options: Partial<NetworkSourceOptions> = {}, respond = () => batchResponse()) {
  const sockets = createFakeWebSocket();
  const environment = createTestEnvironment();
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit): Promise<Response> =>
    respond(),
  );
  const queryClient = new QueryClient();
  const source = createNetworkSource({
    baseUrl: BASE_URL,
    WebSocket: sockets.WebSocket,
    fetch,
    queryClient,
    ...options,
  });
  const statuses: ConnectionStatus[] = [];
  const frames: { frame: ServerFrame; receivedAt: number; sentAt: number | undefined }[] = [];
  const problems: SourceProblem[] = [];
  const disconnect = source.connect(
    {
      frame: (frame, receivedAt, sentAt) => frames.push({ frame, receivedAt, sentAt }),
      status: (status) => statuses.push(status),
      problem: (problem) => problems.push(problem),
    },
    { environment, serverNow: () => Date.now() },
  );
  const status = () => statuses.at(-1);
  /** Opens the socket and answers its hello with a snapshot. */
  const accept = (socket: FakeSocket = sockets.latest(), interval = 5000) => {
    socket.open();
    socket.receive(snapshotFrame(interval));
  };
  return {
    source,
    sockets,
    environment,
    fetch,
    statuses,
    frames,
    problems,
    status,
    accept,
    disconnect,
    queryClient,
  };
}

describe('createNetworkSource: WebSocket', () => {
  it('says hello with the token (never in the URL), then is live on the snapshot', () => {
    const { sockets, status, frames, accept } = connect({ token: 's3cret' });
    expect(status()).toMatchObject({ kind: 'connecting', attempt: 1, transport: 'websocket' });
    const socket = sockets.latest();
    expect(socket.url).toBe('ws://127.0.0.1:4317/api/sessions/heartbeat/ws');
    expect(socket.url).not.toContain('s3cret');
    accept(socket);
    expect(socket.sent).toEqual([{ type: 'hello', protocol: 1, token: 's3cret' }]);
    expect(status()).toMatchObject({ kind: 'live', since: Date.now() });
    expect(frames[0]?.frame.type).toBe('snapshot');
  });

  it('reconnects with exponential backoff, capped at 5 s, forever', () => {
    const { sockets, status, accept } = connect({ transport: 'websocket' });
    accept();
    sockets.latest().close(1001, 'going away');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const current = status();
      expect(current).toMatchObject({ kind: 'reconnecting', attempt });
      if (current?.kind !== 'reconnecting') throw new Error('unreachable');
      delays.push(current.nextRetryAt - Date.now());
      const count = sockets.sockets.length;
      vi.advanceTimersByTime(current.nextRetryAt - Date.now() - 1);
      expect(sockets.sockets).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(sockets.sockets).toHaveLength(count + 1);
      sockets.latest().refuse();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    vi.advanceTimersByTime(5000);
    accept();
    expect(status()?.kind).toBe('live');
  });

  it('stops at 4401: unauthorized, and no retry storm', () => {
    const { sockets, status } = connect({ token: 'wrong' });
    sockets.latest().open();
    sockets.latest().close(4401, 'unauthorized');
    expect(status()).toMatchObject({ kind: 'unauthorized' });
    vi.advanceTimersByTime(10 * 60_000);
    expect(sockets.sockets).toHaveLength(1);
  });

  it('replaces a silent connection within 2 × interval', () => {
    const { sockets, status, accept } = connect();
    const start = Date.now();
    accept(sockets.latest(), 1000);
    vi.advanceTimersByTime(1500);
    sockets.latest().receive({ type: 'ping', serverTime: Date.now() });
    vi.advanceTimersByTime(1999);
    expect(status()?.kind).toBe('live');
    vi.advanceTimersByTime(1);
    expect(sockets.sockets[0]?.closedByClient).toBe(4000);
    expect(status()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    expect(Date.now() - start).toBe(3500); // the last frame at 1.5 s + 2 × 1 s
  });

  it('drops a frame that fails validation and keeps the good heartbeats of a frame', () => {
    const { sockets, frames, problems, accept } = connect();
    accept();
    const socket = sockets.latest();
    socket.receive('{not json');
    socket.receive({
      type: 'heartbeats',
      serverTime: Date.now(),
      heartbeats: [makeHeartbeat({ seq: 2 }), { sessionKey: 'x' }],
    });
    expect(problems.map((problem) => problem.dropped)).toEqual(['frame', 'heartbeat']);
    expect(frames.at(-1)?.frame).toMatchObject({ type: 'heartbeats', heartbeats: [{ seq: 2 }] });
  });

  it('resync replaces a live connection and waits for a fresh snapshot', () => {
    const { source, sockets, status, accept } = connect();
    accept();
    source.resync?.();
    expect(sockets.sockets).toHaveLength(2);
    expect(status()?.kind).toBe('connecting');
    accept();
    expect(status()?.kind).toBe('live');
  });

  it('goes offline with the browser and comes back with it', () => {
    const { sockets, environment, status, accept } = connect();
    accept();
    environment.setOnline(false);
    expect(status()?.kind).toBe('offline');
    // A normal close, not the silence code (4000) that says the server went quiet.
    expect(sockets.sockets[0]?.closedByClient).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets.sockets).toHaveLength(1);
    environment.setOnline(true);
    expect(sockets.sockets).toHaveLength(2);
    accept();
    expect(status()?.kind).toBe('live');
  });
});

describe('createNetworkSource: polling fallback', () => {
  it('polls the batch endpoint after two failed upgrades, and goes back to push when it can', async () => {
    const { sockets, fetch, frames, status, statuses, accept } = connect({ token: 's3cret' });
    sockets.latest().refuse();
    await vi.advanceTimersByTimeAsync(500);
    sockets.latest().refuse();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe(`${BASE_URL}/api/sessions/heartbeat`);
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer s3cret');
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toMatchObject({ kind: 'polling', intervalMs: 1000 });
    const polled = frames.at(-1);
    expect(polled?.frame.type).toBe('snapshot');
    expect(polled?.sentAt).toBeTypeOf('number');

    await vi.advanceTimersByTimeAsync(3000);
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(4); // every interval (1 s)

    // Push is retried while polling works (backoff from 5 s up to 30 s).
    const current = status();
    if (current?.kind !== 'polling' || current.nextUpgradeAt === undefined)
      throw new Error(JSON.stringify(current));
    const socketsBefore = sockets.sockets.length;
    await vi.advanceTimersByTimeAsync(current.nextUpgradeAt - Date.now());
    expect(sockets.sockets.length).toBe(socketsBefore + 1);
    expect(status()?.kind).toBe('polling'); // a quiet probe
    accept();
    expect(status()?.kind).toBe('live');
    const polls = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(fetch.mock.calls.length).toBe(polls);
    const kinds = statuses.map((entry) => entry.kind);
    expect(kinds.filter((kind, index) => kind !== kinds[index - 1])).toEqual([
      'connecting',
      'reconnecting',
      'polling',
      'live',
    ]);
  });

  it('polling-only transport never opens a socket', async () => {
    const { sockets, status, fetch } = connect({ transport: 'polling' });
    await vi.advanceTimersByTimeAsync(2500);
    expect(sockets.sockets).toHaveLength(0);
    expect(status()?.kind).toBe('polling');
    expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('HTTP 401 is unauthorized, and polling stops', async () => {
    const { status, fetch } = connect({ transport: 'polling' }, () => batchResponse(401));
    await vi.advanceTimersByTimeAsync(0);
    expect(status()).toMatchObject({ kind: 'unauthorized' });
    const calls = fetch.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetch.mock.calls.length).toBe(calls);
  });

  it('a failing poll reports reconnecting with the next try', async () => {
    const { status, fetch } = connect({ transport: 'polling' });
    await vi.advanceTimersByTimeAsync(0);
    expect(status()?.kind).toBe('polling');
    fetch.mockImplementation(async () => batchResponse(500));
    await vi.advanceTimersByTimeAsync(5000);
    expect(status()).toMatchObject({ kind: 'reconnecting', reason: 'status 500' });
    fetch.mockImplementation(async () => batchResponse(200, 2));
    await vi.advanceTimersByTimeAsync(2000);
    expect(status()?.kind).toBe('polling');
  });
});

describe('createNetworkSource: coming back after an outage', () => {
  it('tries push at once when the first poll gets through after push had worked, not a backoff later', async () => {
    const { sockets, fetch, status, accept } = connect({}, () => batchResponse(503));
    accept(sockets.latest(), 1000);
    expect(status()?.kind).toBe('live');
    sockets.latest().close(1006, 'network gone');
    await vi.advanceTimersByTimeAsync(500);
    sockets.latest().refuse(); // the second failure starts polling, which fails too
    for (let attempt = 3; attempt <= 5; attempt += 1) {
      const current = status();
      if (current?.kind !== 'reconnecting') throw new Error(JSON.stringify(current));
      await vi.advanceTimersByTimeAsync(current.nextRetryAt - Date.now());
      sockets.latest().refuse();
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalled();
    const waiting = status();
    if (waiting?.kind !== 'reconnecting') throw new Error(JSON.stringify(waiting));
    expect(waiting.nextRetryAt - Date.now()).toBeGreaterThan(2000); // a long backoff by now
    const before = sockets.sockets.length;
    // The server is reachable again: the next poll gets through.
    fetch.mockImplementation(async () => batchResponse(200, 2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(status()?.kind).toBe('polling');
    expect(sockets.sockets.length).toBe(before + 1);
    accept();
    expect(status()?.kind).toBe('live');
  });
});
