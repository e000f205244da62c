import { describe, expect, it } from 'vitest';
import {
  sessionComparators,
  type ReceivedHeartbeat,
  SESSION_STATES,
} from '@session-heartbeat/core';
import { createManualSource, createTestEnvironment, makeReceivedHeartbeat } from './test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';
import { createSessionKeysSelector } from './create-session-keys-selector';

const SESSIONS = 10_000;
/** 5,000 heartbeats a second at 60 frames a second. */
const PER_FRAME = Math.ceil(5000 / 60);
const FRAMES = 180;

// How fast this goes is the benchmark's business (`pnpm bench`); this test holds the
// store to being right under that load: every frame applied once, the incremental
// order equal to a full sort, the counts equal to a recount.
describe('the store at 10,000 sessions and 5,000 heartbeats a second', () => {
  it('stays exact: one notification per frame, orders and counts as a full recompute gives them', () => {
    const source = createManualSource();
    const client = createHeartbeatClient({ source, environment: createTestEnvironment() });
    client.start();
    const start = Date.now();
    const seqs = new Array<number>(SESSIONS).fill(1);
    const beat = (index: number, fields: Partial<ReceivedHeartbeat> = {}) =>
      makeReceivedHeartbeat({
        sessionKey: `agent:${index % 50}:session:${index}`,
        seq: seqs[index] ?? 1,
        state: SESSION_STATES[index % SESSION_STATES.length],
        at: start - (index % 997),
        emittedAt: Date.now(),
        ...fields,
      });

    // What a view subscribes to: a sorted, filtered list and ~60 visible rows.
    const visible = createSessionKeysSelector({ sortBy: 'severity', filter: 'running' });
    let notifications = 0;
    client.store.subscribe((state) => {
      visible(state);
      for (let row = 0; row < 60; row += 1) state.sessions.get(`agent:${row % 50}:session:${row}`);
      notifications += 1;
    });

    const snapshot = Array.from({ length: SESSIONS }, (_, index) => beat(index));
    source.snapshot(snapshot);
    // Applied in slices, one per frame, until the last one is in.
    let snapshotFlushes = 0;
    do {
      client.flush();
      snapshotFlushes += 1;
    } while (!client.store.getState().hasSnapshot && snapshotFlushes < 1000);
    expect(snapshotFlushes).toBeGreaterThan(1);
    expect(client.store.getState().sessions.size).toBe(SESSIONS);

    for (let frame = 0; frame < FRAMES; frame += 1) {
      const heartbeats: ReceivedHeartbeat[] = [];
      for (let slot = 0; slot < PER_FRAME; slot += 1) {
        const index = (frame * PER_FRAME + slot * 113) % SESSIONS;
        seqs[index] = (seqs[index] ?? 1) + 1;
        // One in five is a transition (it may move in the order); the rest are periodic.
        const transition = slot % 5 === 0;
        heartbeats.push(
          beat(
            index,
            transition ? { state: SESSION_STATES[(frame + slot) % 6], stateSince: Date.now() } : {},
          ),
        );
      }
      source.heartbeats(...heartbeats);
      client.flush();
    }
    expect(notifications).toBe(FRAMES + snapshotFlushes);

    const state = client.store.getState();
    const entries = [...state.sessions.values()];
    expect(state.order.severity).toEqual(
      [...entries].sort(sessionComparators.severity).map((entry) => entry.sessionKey),
    );
    const recount: Record<string, number> = {};
    for (const entry of entries) recount[entry.health] = (recount[entry.health] ?? 0) + 1;
    for (const [health, count] of Object.entries(state.counts)) {
      expect(count, health).toBe(recount[health] ?? 0);
    }
    client.stop();
    // ≈ 1 s alone; a full run on two cores can take several times that.
  }, 30_000);
});
