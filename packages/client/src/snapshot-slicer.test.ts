import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceivedHeartbeat, SessionHealth } from '@session-heartbeat/core';
import { createHeartbeatClient } from './create-heartbeat-client';
import type { InboxBatch, PendingHeartbeat } from './frame-inbox';
import { createSnapshotSlicer } from './snapshot-slicer';
import { beatNow, createManualSource, createTestEnvironment, T0 } from './test-utils';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

/** `count` idle sessions, plus `stalled` ones in a tool for 10 min (past every default limit). */
function snapshotOf(count: number, stalled: string[] = []): ReceivedHeartbeat[] {
  const idle = Array.from({ length: count }, (_, index) =>
    beatNow(`idle-${String(index).padStart(4, '0')}`, 1),
  );
  const stuck = stalled.map((key) =>
    beatNow(key, 1, { state: 'tool_exec', toolName: 'exec', stateSince: Date.now() - 600_000 }),
  );
  return [...idle, ...stuck];
}

function setup(hidden = false) {
  const environment = createTestEnvironment();
  environment.setHidden(hidden);
  const source = createManualSource();
  const client = createHeartbeatClient({
    source,
    environment,
    snapshotSlices: { sliceAbove: 20, firstSlice: 10 },
  });
  client.start();
  const state = () => client.store.getState();
  const frame = () => vi.advanceTimersByTime(hidden ? 100 : 16);
  return { source, state, frame };
}

describe('a big first snapshot, in slices', () => {
  it('paints the most severe sessions first, then completes with the right counts and order', () => {
    const { source, state, frame } = setup();
    source.snapshot(snapshotOf(40, ['stuck-a', 'stuck-b']));
    frame();
    // The first slice: the two stalled sessions lead, the list is not complete yet.
    expect(state().order.severity.slice(0, 2)).toEqual(['stuck-a', 'stuck-b']);
    expect(state().sessions.size).toBe(10);
    expect(state().snapshotProgress).toEqual({ applied: 10, total: 42 });
    expect(state().hasSnapshot).toBe(false);
    expect(state().listening).toBe(true);

    frame();
    expect(state().snapshotProgress).toBeUndefined();
    expect(state().hasSnapshot).toBe(true);
    expect(state().sessions.size).toBe(42);
    expect(state().counts).toMatchObject({ stalled: 2, idle: 40 });
    expect(state().order.severity.slice(0, 2)).toEqual(['stuck-a', 'stuck-b']);
  });

  it('keeps a heartbeat or a removal that arrives meanwhile over the queued snapshot entry', () => {
    const { source, state, frame } = setup();
    source.snapshot(snapshotOf(40));
    frame();
    const queued = 'idle-0039';
    expect(state().sessions.has(queued)).toBe(false);
    source.heartbeats(beatNow(queued, 2, { state: 'streaming' }));
    source.removed('idle-0038');
    frame();
    expect(state().hasSnapshot).toBe(true);
    expect(state().sessions.get(queued)?.heartbeat).toMatchObject({ seq: 2, state: 'streaming' });
    expect(state().sessions.has('idle-0038')).toBe(false);
    expect(state().sessions.size).toBe(39);
  });

  it('drops what is still queued when a new snapshot arrives', () => {
    const { source, state, frame } = setup();
    source.snapshot(snapshotOf(40));
    frame();
    source.snapshot([beatNow('only', 5)], { epoch: 'run-2' });
    frame();
    expect(state().hasSnapshot).toBe(true);
    expect([...state().sessions.keys()]).toEqual(['only']);
    expect(state().snapshotProgress).toBeUndefined();
  });

  it('applies a resync over known sessions whole, and a small snapshot whole', () => {
    const { source, state, frame } = setup();
    source.snapshot(snapshotOf(15));
    frame();
    expect(state()).toMatchObject({ hasSnapshot: true, snapshotProgress: undefined });
    expect(state().sessions.size).toBe(15);
    source.snapshot(snapshotOf(40));
    frame();
    expect(state()).toMatchObject({ hasSnapshot: true, snapshotProgress: undefined });
    expect(state().sessions.size).toBe(40);
  });

  it('applies everything at once in a hidden page, where nobody sees the frames', () => {
    const { source, state, frame } = setup(true);
    source.snapshot(snapshotOf(40));
    frame();
    expect(state()).toMatchObject({ hasSnapshot: true, snapshotProgress: undefined });
    expect(state().sessions.size).toBe(40);
  });
});

describe('createSnapshotSlicer: slice sizes', () => {
  const health = (): SessionHealth => 'idle';
  function snapshotBatch(count: number): InboxBatch {
    const upserts = new Map<string, PendingHeartbeat>();
    for (const heartbeat of snapshotOf(count)) {
      upserts.set(heartbeat.sessionKey, { heartbeat, receivedAt: T0 });
    }
    return {
      resync: { epoch: 'e', interval: 5000, listed: new Set(upserts.keys()) },
      upserts,
      removals: new Set(),
    };
  }

  it('sizes each later slice to the budget from what the slices so far cost', () => {
    const slicer = createSnapshotSlicer({ sliceAbove: 100, firstSlice: 100, budgetMs: 8 });
    expect(slicer.next(snapshotBatch(1000), true, health, false)?.upserts.size).toBe(100);
    slicer.measured(100, 4); // 0.04 ms a session: 200 fit in 8 ms
    expect(slicer.next(undefined, false, health, false)?.upserts.size).toBe(200);
    slicer.measured(200, 16); // 20 ms for 300: 0.0667 ms a session, 120 fit
    expect(slicer.next(undefined, false, health, false)?.upserts.size).toBe(120);
    expect(slicer.progress).toEqual({ applied: 420, total: 1000 });
  });

  it('does not take a slice that the clock measured at 0 ms as free', () => {
    // The environment's clock counts whole ms: 200 sessions "in 0 ms" once
    // made the next slice the largest there is (5,000), a long task.
    const slicer = createSnapshotSlicer({ sliceAbove: 100, firstSlice: 100, budgetMs: 8 });
    slicer.next(snapshotBatch(3000), true, health, false);
    slicer.measured(100, 4);
    expect(slicer.next(undefined, false, health, false)?.upserts.size).toBe(200);
    slicer.measured(200, 0); // 4 ms for 300 so far: 600 fit
    expect(slicer.next(undefined, false, health, false)?.upserts.size).toBe(600);
  });
});
