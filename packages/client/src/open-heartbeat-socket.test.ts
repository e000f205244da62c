import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_HEALTHS } from '@session-heartbeat/core';
import { createFakeWebSocket, createTestEnvironment, makeHeartbeat, T0 } from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const intactKeys = ['intact:1', 'intact:2', 'intact:3'];

/** A valid heartbeats frame for a victim session, with one field replaced by anything. */
const mutatedFrame = fc
  .record({
    field: fc.constantFrom(
      'type',
      'serverTime',
      'heartbeats',
      'sessionKey',
      'state',
      'seq',
      'emittedAt',
      'stateSince',
      'lastTokenAt',
      'toolName',
      'reason',
    ),
    value: fc.oneof(
      fc.anything(),
      fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0, -1, 0.5, '', '__proto__'),
    ),
    seq: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ field, value, seq }) => {
    const heartbeat: Record<string, unknown> = { ...makeHeartbeat({ sessionKey: 'victim', seq }) };
    const frame: Record<string, unknown> = {
      type: 'heartbeats',
      serverTime: T0,
      heartbeats: [heartbeat],
    };
    if (field in frame) frame[field] = value;
    else heartbeat[field] = value;
    return JSON.stringify(frame);
  });

/** Keys that pollute a careless reader: as object keys and as session keys. */
const pollutingFrame = fc.constantFrom(
  '{"__proto__":{"polluted":true},"type":"ping","serverTime":1}',
  '{"constructor":{"prototype":{"polluted":true}},"type":"snapshot"}',
  '{"type":"heartbeats","serverTime":1,"heartbeats":[{"__proto__":{"polluted":true}}]}',
  JSON.stringify({ type: 'removed', serverTime: T0, sessionKey: '__proto__' }),
  JSON.stringify({
    type: 'heartbeats',
    serverTime: T0,
    heartbeats: [
      makeHeartbeat({ sessionKey: '__proto__' }),
      makeHeartbeat({ sessionKey: 'constructor' }),
    ],
  }),
  '['.repeat(100_000),
  '"' + 'x'.repeat(70_000) + '"',
);

const hostileFrame = fc.oneof(
  fc.anything().map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  mutatedFrame,
  pollutingFrame,
);

describe('the client under hostile frames', () => {
  it('10,000 malformed or hostile frames: nothing throws, the sessions stay intact', () => {
    const sockets = createFakeWebSocket();
    const onProblem = vi.fn();
    const client = createHeartbeatClient({
      baseUrl: 'http://127.0.0.1:1',
      WebSocket: sockets.WebSocket,
      environment: createTestEnvironment(),
      onProblem,
    });
    client.start();
    const socket = sockets.latest();
    socket.open();
    socket.receive({
      type: 'snapshot',
      serverTime: Date.now(),
      epoch: 'run-1',
      interval: 5000,
      heartbeats: intactKeys.map((sessionKey) =>
        makeHeartbeat({ sessionKey, state: 'streaming', at: Date.now() }),
      ),
    });
    client.flush();
    const frames = fc.sample(hostileFrame, { numRuns: 10_000, seed: 42 });
    for (const [index, frame] of frames.entries()) {
      expect(() => socket.receive(frame)).not.toThrow();
      if (index % 100 === 0) client.flush();
    }
    client.flush();

    const state = client.store.getState();
    expect(state.status.kind).toBe('live');
    for (const key of intactKeys) {
      expect(state.sessions.get(key)?.heartbeat).toMatchObject({
        sessionKey: key,
        state: 'streaming',
      });
    }
    // The store is consistent: every order lists every session once; the counts add up.
    for (const order of Object.values(state.order)) {
      expect([...order].sort()).toEqual([...state.sessions.keys()].sort());
    }
    const total = SESSION_HEALTHS.reduce((sum, health) => sum + state.counts[health], 0);
    expect(total).toBe(state.sessions.size);
    expect(state.stats.framesDropped + state.stats.heartbeatsDropped).toBeGreaterThan(5000);
    expect(onProblem).toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    client.stop();
    // ≈ 2 s alone; on two cores shared with the browser tests it has taken over 5 s.
  }, 30_000);
});
