import type {
  HeartbeatHub,
  SessionHealth,
  SessionHeartbeat,
  SourceStatus,
} from '@session-heartbeat/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import type { EmitterTimers } from '../emitter-timers';
import { createManualClock, type ManualClock } from '../test-utils';
import type { HeartbeatEmitter } from '../types';
import { createHealthMonitor } from './create-health-monitor';
import type { HealthMetrics, HealthMonitor, HealthMonitorOptions } from './health-monitor-types';

/** How many sessions the metrics count with this health. */
function count(metrics: HealthMetrics, health: SessionHealth): number {
  return metrics.sessions
    .filter((entry) => entry.health === health)
    .reduce((sum, entry) => sum + entry.count, 0);
}

/** The manual clock's timers, with the instant every timer the monitor armed was for. */
function recordingTimers(clock: ManualClock): EmitterTimers & { armedFor: number[] } {
  const armedFor: number[] = [];
  return {
    armedFor,
    setTimeout(callback, ms) {
      armedFor.push(clock.now() + ms);
      return clock.setTimeout(callback, ms);
    },
    clearTimeout: (handle) => clock.clearTimeout(handle),
  };
}

describe('createHealthMonitor', () => {
  let clock: ManualClock;
  let emitter: HeartbeatEmitter;
  let monitor: HealthMonitor;

  function start(options: HealthMonitorOptions = {}, now?: () => number): void {
    clock = createManualClock();
    // The emitter beats every 5 s on the same clock, as in a server.
    emitter = createHeartbeatEmitter({ now: now ?? clock.now, timers: clock.timers });
    monitor = createHealthMonitor(emitter, { timers: clock.timers, ...options });
  }

  afterEach(() => {
    monitor.dispose();
    emitter.dispose();
  });

  it('classifies every session on the hub’s clock and counts it by health and state', () => {
    start();
    emitter.session('agent:main:main');
    emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    emitter.session('agent:research:main').transition('awaiting_model');
    const metrics = monitor.metrics();
    expect(metrics.sessions).toContainEqual({ health: 'idle', state: 'idle', count: 1 });
    expect(metrics.sessions).toContainEqual({ health: 'active', state: 'tool_exec', count: 1 });
    expect(metrics.sessions).toContainEqual({
      health: 'waiting',
      state: 'awaiting_model',
      count: 1,
    });
    // Pairs that can happen are listed at 0, so that their series exist before the first stall.
    expect(metrics.sessions).toContainEqual({ health: 'stalled', state: 'tool_exec', count: 0 });
    expect(metrics.sources).toEqual([{ id: 'local', up: true }]);
    expect(monitor.verdict('agent:build:main')).toMatchObject({ health: 'active' });
    expect(monitor.verdict('nobody')).toBeUndefined();
  });

  it('turns a working session stalled once the limit passes, counting one stall by its reason', () => {
    start();
    emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    clock.advance(30_000);
    expect(monitor.verdict('agent:build:main')).toMatchObject({ health: 'active' });
    clock.advance(1);
    expect(monitor.verdict('agent:build:main')).toMatchObject({
      health: 'stalled',
      because: 'no_progress',
    });
    // Still stalled 10 beats later: one stall, not one per look.
    clock.advance(50_000);
    const metrics = monitor.metrics();
    expect(count(metrics, 'stalled')).toBe(1);
    expect(metrics.stalls).toEqual({ no_progress: 1, tool_loop: 0, turn_overdue: 0 });
  });

  it('turns a crashed session unresponsive after the silence limit, and back when it beats again', () => {
    start();
    emitter.session('agent:main:main');
    const session = emitter.session('agent:support:main');
    session.transition('streaming');
    session.crash();
    clock.advance(15_000);
    expect(monitor.verdict('agent:support:main')?.health).toBe('active');
    // Past the limit: unresponsive as soon as the hub speaks (the live session's beats) without it.
    clock.advance(5_000);
    expect(monitor.verdict('agent:support:main')?.health).toBe('unresponsive');
    expect(monitor.metrics().unresponsive).toBe(1);
    expect(monitor.metrics().sessions).toContainEqual({
      health: 'unresponsive',
      state: 'streaming',
      count: 1,
    });

    emitter.act('agent:support:main', 'restart');
    expect(monitor.verdict('agent:support:main')?.health).toBe('idle');
    expect(count(monitor.metrics(), 'unresponsive')).toBe(0);
    expect(monitor.metrics().unresponsive).toBe(1);
    // The hang is not a completed state: streaming's 15 s never reach the histogram.
    expect(
      monitor.metrics().stateDurations.filter((series) => series.state === 'streaming'),
    ).toEqual([]);
  });

  it('keeps one timer for every session, armed for the next change of any of them', () => {
    start();
    monitor.dispose();
    const timers = recordingTimers(clock);
    monitor = createHealthMonitor(emitter, { timers });
    const t0 = clock.now();
    for (let index = 0; index < 1000; index += 1) {
      emitter.session(`agent:load:${index}`).transition('tool_exec', { toolName: 'exec' });
      clock.advance(10);
    }
    // The emitter's scheduler and the monitor: two timers, whatever the number of sessions.
    expect(clock.pending()).toBe(2);
    // Armed once for 1,000 sessions (the first one's silence limit, which its beats keep moving).
    expect(timers.armedFor).toEqual([t0 + 15_001]);

    clock.advanceTo(t0 + 30_001);
    // On its own, at the first session's stall: 30 s after it started, +1 ms ("more than").
    expect(timers.armedFor).toContain(t0 + 30_001);
    expect(timers.armedFor.length).toBeLessThan(10);
    expect(count(monitor.metrics(), 'stalled')).toBe(1);
    clock.advanceTo(t0 + 40_001);
    expect(count(monitor.metrics(), 'stalled')).toBe(1000);
    expect(clock.pending()).toBe(2);
  });

  it('catches up on a clock that jumped before its timer fired (what a scrape sees at once)', () => {
    let skewMs = 0;
    start({}, () => clock.now() + skewMs);
    emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    emitter.session('agent:support:main').crash();
    skewMs = 31_000;
    // 31 s of the server's time in one step: the stall is real, the silence not yet
    // (the emitter has not had its turn to beat since).
    let metrics = monitor.metrics();
    expect(count(metrics, 'stalled')).toBe(1);
    expect(count(metrics, 'unresponsive')).toBe(0);
    // The emitter beats what fell due (as the mock server's clock control does):
    // the live session is not silent; the crashed one, left out, is.
    emitter.flushDue();
    metrics = monitor.metrics();
    expect(monitor.verdict('agent:build:main')?.health).toBe('stalled');
    expect(monitor.verdict('agent:support:main')?.health).toBe('unresponsive');
    expect(metrics.unresponsive).toBe(1);
  });

  it('settles the silence of a hub with no live session left once the hub stayed quiet 1.5 intervals', () => {
    start();
    emitter.session('agent:support:main').crash();
    clock.advance(15_001);
    expect(monitor.verdict('agent:support:main')?.health).toBe('idle');
    clock.advance(7_499);
    expect(monitor.verdict('agent:support:main')?.health).toBe('idle');
    clock.advance(1);
    expect(monitor.verdict('agent:support:main')?.health).toBe('unresponsive');
  });

  it('applies new thresholds to every session at once', () => {
    const changes: unknown[] = [];
    start({ onThresholdsChange: (thresholds) => changes.push(thresholds) });
    emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    emitter.session('agent:web:main').transition('tool_exec', { toolName: 'browser' });
    clock.advance(40_000);
    expect(count(monitor.metrics(), 'stalled')).toBe(2);

    monitor.setThresholds({ byTool: { exec: { stallAfterMs: 60_000 } } });
    expect(monitor.verdict('agent:build:main')?.health).toBe('active');
    expect(monitor.verdict('agent:web:main')?.health).toBe('stalled');
    clock.advance(20_001);
    expect(monitor.verdict('agent:build:main')?.health).toBe('stalled');
    // The global limits are written out: what GET /api/sessions/thresholds serves.
    expect(monitor.thresholds).toEqual({
      stallAfterMs: 30_000,
      unresponsiveAfterMs: 15_000,
      loopAfterRepeats: 5,
      turnMaxMs: 900_000,
      byTool: { exec: { stallAfterMs: 60_000 } },
    });
    expect(changes).toEqual([monitor.thresholds]);
  });

  it('refuses thresholds it cannot use with a RangeError naming the field, keeping those it had', () => {
    start();
    expect(() => createHealthMonitor(emitter, { thresholds: { stallAfterMs: -1 } })).toThrow(
      new RangeError(
        'thresholds: stallAfterMs must be a whole number of ms from 1 to 2147483647, got -1',
      ),
    );
    expect(() =>
      monitor.setThresholds({ byModel: { 'ollama/*': { unresponsiveAfterMs: 5000 } } }),
    ).toThrow(
      'thresholds: byModel["ollama/*"].unresponsiveAfterMs must be more than the heartbeat interval (5000 ms), got 5000',
    );
    // A JavaScript host's typo: refused, not silently ignored.
    expect(() => monitor.setThresholds({ stalAfterMs: 1000 } as never)).toThrow(
      'thresholds: stalAfterMs is not a threshold',
    );
    expect(monitor.thresholds.stallAfterMs).toBe(30_000);
    expect(monitor.thresholds.byModel).toBeUndefined();
  });

  it('counts a turn overdue under its own reason', () => {
    start({ thresholds: { turnMaxMs: 120_000 } });
    const session = emitter.session('agent:main:main');
    session.transition('streaming');
    for (let elapsed = 0; elapsed < 121_000; elapsed += 10_000) {
      session.tokenReceived();
      clock.advance(10_000);
    }
    expect(monitor.verdict('agent:main:main')).toMatchObject({
      health: 'stalled',
      because: 'turn_overdue',
    });
    expect(monitor.metrics().stalls.turn_overdue).toBe(1);
  });

  it('puts completed states in the histogram, with declared tools as labels and others as other', () => {
    start({ tools: ['exec'] });
    const session = emitter.session('agent:build:main');
    session.transition('tool_exec', { toolName: 'exec' });
    clock.advance(4_000);
    session.transition('tool_exec', { toolName: 'secret_tool_of_the_host' });
    clock.advance(40_000);
    session.transition('awaiting_model');
    clock.advance(700);
    session.transition('complete');
    const durations = monitor.metrics().stateDurations;
    expect(durations.find((series) => series.tool === 'exec')).toMatchObject({
      state: 'tool_exec',
      count: 1,
      sum: 4,
    });
    expect(durations.find((series) => series.tool === 'other')).toMatchObject({
      state: 'tool_exec',
      count: 1,
      sum: 40,
    });
    const model = durations.find((series) => series.state === 'awaiting_model');
    expect(model).toEqual({
      state: 'awaiting_model',
      // ≤ 0.5 s: 0; ≤ 1 s: 1; the rest 0.
      bucketCounts: [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      sum: 0.7,
      count: 1,
    });
    expect(durations.some((series) => series.tool === 'secret_tool_of_the_host')).toBe(false);
  });

  it('forgets a removed session and counts what was emitted', () => {
    start();
    emitter.session('agent:a:main');
    emitter.session('agent:b:main').transition('streaming');
    emitter.get('agent:b:main')?.remove();
    clock.advance(5_000);
    const metrics = monitor.metrics();
    expect(monitor.size).toBe(1);
    expect(metrics.sessions.reduce((sum, entry) => sum + entry.count, 0)).toBe(1);
    // Two announcements, one transition, then one periodic beat of the one left.
    expect(metrics.emitted).toBe(4);
  });

  it('learns how long a tool takes when the thresholds say adaptive', () => {
    start({ thresholds: { adaptive: { minSamples: 3 } } });
    const session = emitter.session('agent:build:main');
    for (let run = 0; run < 3; run += 1) {
      session.transition('tool_exec', { toolName: 'cargo_build' });
      clock.advance(60_000);
      session.transition('awaiting_model');
    }
    session.transition('tool_exec', { toolName: 'cargo_build' });
    clock.advance(45_000);
    // p95 60 s × 1.5 = 90 s: a build at 45 s is no stall, though over 30 s.
    expect(monitor.verdict('agent:build:main')?.health).toBe('active');
    clock.advance(45_001);
    expect(monitor.verdict('agent:build:main')?.health).toBe('stalled');
  });

  it('stops listening and its timer when disposed', () => {
    start();
    emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    monitor.dispose();
    expect(clock.pending()).toBe(1);
    emitter.session('agent:late:main');
    expect(monitor.size).toBe(1);
  });
});

describe('createHealthMonitor behind a fleet aggregator', () => {
  it('an unreachable gateway’s sessions are unknown, not unresponsive; its source is down; back, they are judged again', () => {
    const clock = createManualClock();
    const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
    // The aggregator's view of one gateway: its sessions carry `source`, and a directory says if it is heard.
    let status: SourceStatus = { id: 'gw-2', status: 'live', lastSeenAt: clock.now(), sessions: 1 };
    const sourceListeners = new Set<(sources: readonly SourceStatus[]) => void>();
    const withSource = (heartbeat: SessionHeartbeat) => ({ ...heartbeat, source: 'gw-2' });
    const hub: HeartbeatHub = {
      epoch: emitter.epoch,
      interval: emitter.interval,
      now: () => emitter.now(),
      snapshot: () => emitter.snapshot().map(withSource),
      heartbeat: (key) => {
        const heartbeat = emitter.heartbeat(key);
        return heartbeat === undefined ? undefined : withSource(heartbeat);
      },
      subscribe: (listener) =>
        emitter.subscribe((event) =>
          listener(
            event.type === 'heartbeats'
              ? { type: 'heartbeats', heartbeats: event.heartbeats.map(withSource) }
              : event,
          ),
        ),
      history: (key, since) => emitter.history(key, since),
      actions: emitter.actions,
      act: (key, action) => emitter.act(key, action),
      sources: {
        list: () => [status],
        subscribe(listener) {
          sourceListeners.add(listener);
          return () => sourceListeners.delete(listener);
        },
      },
    };
    const setStatus = (next: SourceStatus['status']): void => {
      status = { ...status, status: next };
      for (const listener of sourceListeners) listener([status]);
    };
    const monitor = createHealthMonitor(hub, { timers: clock.timers });
    const session = emitter.session('agent:main:main');
    session.transition('streaming');
    expect(monitor.verdict('agent:main:main')?.health).toBe('active');

    // The gateway dies: nothing more is heard of its session, and the aggregator says so.
    session.crash();
    setStatus('unreachable');
    clock.advance(60_000);
    expect(monitor.verdict('agent:main:main')).toEqual({
      health: 'unknown',
      because: 'source_unreachable',
    });
    expect(monitor.metrics().unresponsive).toBe(0);
    expect(monitor.metrics().sources).toEqual([{ id: 'gw-2', up: false }]);

    // Heard again (its session still silent for a minute): judged on its own again, at once.
    setStatus('live');
    expect(['stalled', 'unresponsive']).toContain(monitor.verdict('agent:main:main')?.health);
    expect(monitor.metrics().sources).toEqual([{ id: 'gw-2', up: true }]);
    monitor.dispose();
    emitter.dispose();
  });
});
