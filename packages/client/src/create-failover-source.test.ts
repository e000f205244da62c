import { QueryClient } from '@tanstack/query-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createFakeWebSocket,
  createTestEnvironment,
  makeReceivedHeartbeat,
  T0,
} from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const FIRST = 'http://127.0.0.1:4401';
const SECOND = 'http://127.0.0.1:4402';

function snapshot(epoch: string, seq: number) {
  return {
    type: 'snapshot',
    serverTime: Date.now(),
    epoch,
    interval: 5000,
    heartbeats: [
      makeReceivedHeartbeat({
        sessionKey: 'gw-1/agent:main:main',
        source: 'gw-1',
        seq,
        at: Date.now(),
        state: 'streaming',
      }),
    ],
    sources: [{ id: 'gw-1', status: 'live', lastSeenAt: Date.now(), sessions: 1 }],
  };
}

/** A client of two aggregators over fake sockets, the test playing both servers. */
function setup() {
  const sockets = createFakeWebSocket();
  const client = createHeartbeatClient({
    baseUrls: [FIRST, SECOND],
    transport: 'websocket',
    WebSocket: sockets.WebSocket,
    fetch: vi.fn(async () => Promise.reject(new Error('no HTTP in this test'))),
    queryClient: new QueryClient(),
    environment: createTestEnvironment(),
  });
  client.start();
  const state = () => client.store.getState();
  const frame = () => vi.advanceTimersByTime(16);
  return { sockets, client, state, frame };
}

describe('createHeartbeatClient with several baseUrls (fleet failover)', () => {
  it('moves to the next server at once when its server is gone, and resyncs from its snapshot', () => {
    const { sockets, state, frame } = setup();
    const first = sockets.latest();
    expect(first.url).toBe('ws://127.0.0.1:4401/api/sessions/heartbeat/ws');
    first.open();
    first.receive(snapshot('aggregator-a', 7));
    frame();
    expect(state().status.kind).toBe('live');

    // Aggregator A dies: the very next socket goes to B, with no backoff.
    first.close(1006, '');
    expect(sockets.sockets).toHaveLength(2);
    const second = sockets.latest();
    expect(second.url).toBe('ws://127.0.0.1:4402/api/sessions/heartbeat/ws');
    second.open();
    second.receive(snapshot('aggregator-b', 9));
    frame();
    expect(state()).toMatchObject({ epoch: 'aggregator-b', listening: true });
    expect(state().status.kind).toBe('live');
    const entry = state().sessions.get('gw-1/agent:main:main');
    expect(entry?.heartbeat.seq).toBe(9);
    // No false alarm: the session is what B says, not unresponsive or unknown.
    expect(entry?.health).toBe('active');
    expect(state().counts.unresponsive).toBe(0);
  });

  it('once every server failed in a row, says reconnecting and tries again after a backoff, from the next', () => {
    const { sockets, state, frame } = setup();
    sockets.latest().refuse();
    expect(sockets.latest().url).toContain(':4402');
    sockets.latest().refuse();
    const failedAt = Date.now();
    frame();
    const status = state().status;
    expect(status).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    if (status.kind !== 'reconnecting') throw new Error('unreachable');
    expect(status.nextRetryAt - failedAt).toBe(500);
    expect(sockets.sockets).toHaveLength(2);
    vi.advanceTimersByTime(499 - 16);
    expect(sockets.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets.sockets).toHaveLength(3);
    expect(sockets.latest().url).toContain(':4401');
    // A second round that fails waits longer.
    sockets.latest().refuse();
    sockets.latest().refuse();
    const failedAgainAt = Date.now();
    frame();
    const next = state().status;
    if (next.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${next.kind}`);
    expect(next.nextRetryAt - failedAgainAt).toBe(1000);
    vi.advanceTimersByTime(1000);
    sockets.latest().open();
    sockets.latest().receive(snapshot('aggregator-a', 1));
    frame();
    expect(state().status.kind).toBe('live');
  });

  it('sends nothing from a server it left: a late frame of the old socket is ignored', () => {
    const { sockets, state, frame } = setup();
    const first = sockets.latest();
    first.open();
    first.receive(snapshot('aggregator-a', 3));
    first.close(1006, '');
    const second = sockets.latest();
    second.open();
    second.receive(snapshot('aggregator-b', 4));
    first.receive(snapshot('aggregator-a', 99));
    frame();
    expect(state().epoch).toBe('aggregator-b');
    expect(state().sessions.get('gw-1/agent:main:main')?.heartbeat.seq).toBe(4);
  });
});
