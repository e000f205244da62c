import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type ReceivedHeartbeat } from '../protocol/types';
import { createManualSource, createTestEnvironment, makeReceivedHeartbeat } from '../test-utils';
import { createHeartbeatClient } from './create-heartbeat-client';
import { createSessionKeysSelector } from './create-session-keys-selector';

const SESSIONS = 10_000;
/** 5,000 heartbeats a second at 60 frames a second. */
const PER_FRAME = Math.ceil(5000 / 60);
const FRAMES = 180;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

describe('performance at 10,000 sessions and 5,000 heartbeats a second', () => {
  it('applies a snapshot fast, then keeps each frame’s work small', () => {
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
    let began = performance.now();
    source.snapshot(snapshot);
    client.flush();
    const snapshotMs = performance.now() - began;
    expect(client.store.getState().sessions.size).toBe(SESSIONS);

    const frameMs: number[] = [];
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
      began = performance.now();
      client.flush();
      frameMs.push(performance.now() - began);
    }
    const p50 = percentile(frameMs, 0.5);
    const p95 = percentile(frameMs, 0.95);
    const max = Math.max(...frameMs);
    console.log(
      `[perf] snapshot of ${SESSIONS}: ${snapshotMs.toFixed(1)} ms; ` +
        `frame of ${PER_FRAME} heartbeats over ${SESSIONS} sessions: ` +
        `p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms`,
    );
    expect(notifications).toBe(FRAMES + 1);
    // The printed figures are the measure. The bounds are loose on purpose (a
    // shared 2-core box runs other suites at the same time): they catch work
    // that grows with the number of sessions, not a slow scheduler.
    expect(snapshotMs).toBeLessThan(2000);
    expect(p50).toBeLessThan(16);
    client.stop();
  });
});
