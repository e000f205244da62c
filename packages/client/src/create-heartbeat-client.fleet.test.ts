import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceivedHeartbeat, SourceStatus } from '@session-heartbeat/core';
import { createManualSource, createTestEnvironment, makeReceivedHeartbeat, T0 } from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

function beat(source: string, key: string, fields: Partial<ReceivedHeartbeat> = {}) {
  return makeReceivedHeartbeat({
    sessionKey: `${source}/${key}`,
    source,
    seq: 1,
    at: Date.now(),
    ...fields,
  });
}

function status(id: string, state: SourceStatus['status']): SourceStatus {
  return {
    id,
    status: state,
    lastSeenAt: Date.now(),
    sessions: 1,
    ...(state === 'unreachable' ? { reason: 'silent' as const } : {}),
  };
}

function setup() {
  const source = createManualSource();
  const client = createHeartbeatClient({
    source,
    environment: createTestEnvironment(),
    thresholds: { unresponsiveAfterMs: 15_000 },
  });
  client.start();
  const state = () => client.store.getState();
  const verdict = (key: string) => state().sessions.get(key)?.verdict;
  const frame = () => vi.advanceTimersByTime(16);
  return { client, source, state, verdict, frame };
}

describe('createHeartbeatClient: fleet sources', () => {
  it('keeps the sources a snapshot lists, and clears them on a snapshot from a single gateway', () => {
    const { source, state, frame } = setup();
    source.frame({
      type: 'snapshot',
      serverTime: Date.now(),
      epoch: 'agg-1',
      interval: 5000,
      heartbeats: [beat('gw-1', 'a')],
      sources: [status('gw-1', 'live')],
    });
    frame();
    expect(state().sources.map(({ id, status: s }) => `${id}:${s}`)).toEqual(['gw-1:live']);
    source.snapshot([makeReceivedHeartbeat({ sessionKey: 'a', seq: 1, at: Date.now() })]);
    frame();
    expect(state().sources).toEqual([]);
  });

  it("marks an unreachable source's sessions unknown (source_unreachable), never unresponsive, and the others unaffected", () => {
    const { source, state, verdict, frame } = setup();
    source.frame({
      type: 'snapshot',
      serverTime: Date.now(),
      epoch: 'agg-1',
      interval: 5000,
      heartbeats: [beat('gw-1', 'a', { state: 'streaming' }), beat('gw-2', 'b')],
      sources: [status('gw-1', 'live'), status('gw-2', 'live')],
    });
    source.status({ kind: 'live' });
    frame();
    source.frame({
      type: 'sources',
      serverTime: Date.now(),
      sources: [status('gw-1', 'live'), status('gw-2', 'unreachable')],
    });
    frame();
    expect(verdict('gw-2/b')).toMatchObject({ health: 'unknown', because: 'source_unreachable' });
    expect(verdict('gw-1/a')?.health).toBe('active');
    // A minute passes with gw-1 beating and gw-2 silent: gw-2's session is
    // still unknown, not unresponsive (one gateway down is one event).
    for (let second = 1; second <= 60; second += 1) {
      vi.advanceTimersByTime(1000);
      source.heartbeats(beat('gw-1', 'a', { seq: 1 + second, state: 'streaming' }));
    }
    frame();
    expect(verdict('gw-2/b')).toMatchObject({ health: 'unknown', because: 'source_unreachable' });
    expect(state().counts.unresponsive).toBe(0);
    expect(verdict('gw-1/a')?.health).toBe('active');

    // Back: its gateway resent the session, and the source is live again.
    source.heartbeats(beat('gw-2', 'b', { seq: 2 }));
    source.frame({
      type: 'sources',
      serverTime: Date.now(),
      sources: [status('gw-1', 'live'), status('gw-2', 'live')],
    });
    frame();
    expect(verdict('gw-2/b')?.health).toBe('idle');
  });

  it('keeps the sources reference while a frame repeats the same statuses', () => {
    const { source, state, frame } = setup();
    source.frame({
      type: 'snapshot',
      serverTime: Date.now(),
      epoch: 'agg-1',
      interval: 5000,
      heartbeats: [beat('gw-1', 'a')],
      sources: [status('gw-1', 'unreachable')],
    });
    source.status({ kind: 'live' });
    frame();
    const entry = state().sessions.get('gw-1/a');
    source.frame({
      type: 'sources',
      serverTime: Date.now(),
      sources: [status('gw-1', 'unreachable')],
    });
    frame();
    // Same unreachable set: no session is re-evaluated into a new object.
    expect(state().sessions.get('gw-1/a')).toBe(entry);
  });
});
