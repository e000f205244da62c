// The demo's v1.1 members, sampled every second as a dashboard would see
// them: the heartbeat a client holds (the newest), judged at that moment.
import { classifyHealth, type HealthVerdict, type SessionHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock, type ManualClock } from '@session-heartbeat/emitter/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { LONG_TEST_RUN, OVERDUE_TURN, READ_LOOP } from './demo-scripts';
import type { ScenarioName } from './scenario-types';
import { startScenario } from './start-scenario';

/** The demo app's turn limit (2 minutes); the other thresholds are the defaults. */
const DEMO_THRESHOLDS = { turnMaxMs: 120_000 };
const CI = 'agent:ci:main';
const REVIEW = 'agent:review:main';
const WRITER = 'agent:writer:main';

interface Sample {
  at: number;
  heartbeat: SessionHeartbeat;
  verdict: HealthVerdict;
}

let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  stop = undefined;
});

function start(name: ScenarioName): { clock: ManualClock; emitter: HeartbeatEmitter } {
  const clock = createManualClock();
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
  const scenario = startScenario(name, emitter, { seed: 5, now: clock.now, timers: clock.timers });
  stop = () => {
    scenario.stop();
    emitter.dispose();
  };
  return { clock, emitter };
}

/** Every second for `seconds`: the session's newest heartbeat and its health then. */
function sample(
  clock: ManualClock,
  emitter: HeartbeatEmitter,
  sessionKey: string,
  seconds: number,
): Sample[] {
  const samples: Sample[] = [];
  for (let second = 0; second < seconds; second += 1) {
    clock.advance(1000);
    const heartbeat = emitter.heartbeat(sessionKey);
    if (heartbeat === undefined) throw new Error(`${sessionKey} is not listed`);
    const verdict = classifyHealth(heartbeat, {
      serverNow: clock.now(),
      thresholds: DEMO_THRESHOLDS,
    });
    samples.push({ at: clock.now(), heartbeat, verdict });
  }
  return samples;
}

describe.each(['demo', 'openclaw'] as const)('the %s scenario’s v1.1 members', (name) => {
  it('a long npm test reports progress every second and is never stalled, its turn under 2 min', () => {
    const { clock, emitter } = start(name);
    const samples = sample(clock, emitter, CI, 240);
    const testing = samples.filter(({ heartbeat }) => heartbeat.state === 'tool_exec');
    // The whole run was watched at least once, start to end.
    expect(testing.length).toBeGreaterThan(LONG_TEST_RUN.durationMs / 1000);
    expect(samples.filter(({ verdict }) => verdict.health === 'stalled')).toEqual([]);
    expect(testing[0]?.heartbeat).toMatchObject({ toolName: 'exec', toolRepeat: 1 });
    const activities = testing.map(({ heartbeat }) => heartbeat.activity).filter(Boolean);
    expect(activities.at(-1)).toMatch(/^npm test: 1[01]\d\/120$/);
    expect(activities.every((activity) => /^npm test: \d+\/120$/.test(activity ?? ''))).toBe(true);
    // Past its first beat, its progress is never older than the periodic interval plus a second.
    for (const { at, heartbeat } of testing) {
      const since = heartbeat.lastProgressAt ?? heartbeat.stateSince;
      expect(at - since, `at ${at - heartbeat.stateSince} ms`).toBeLessThanOrEqual(6000);
    }
    const turns = samples.filter(({ heartbeat }) => heartbeat.state !== 'idle');
    for (const { at, heartbeat } of turns) {
      if (heartbeat.state !== 'complete') expect(at - heartbeat.startedAt).toBeLessThan(120_000);
    }
  });

  it('a read of the same file six times in a row is a tool_loop from the fifth call', () => {
    const { clock, emitter } = start(name);
    const samples = sample(clock, emitter, REVIEW, 90);
    const reads = samples.filter(({ heartbeat }) => heartbeat.state === 'tool_exec');
    const repeats = [...new Set(reads.map(({ heartbeat }) => heartbeat.toolRepeat))];
    expect(repeats).toEqual([1, 2, 3, 4, 5, 6]);
    for (const { heartbeat, verdict } of reads) {
      const looping = (heartbeat.toolRepeat ?? 0) >= 5;
      expect(verdict.health, `read #${heartbeat.toolRepeat}`).toBe(looping ? 'stalled' : 'active');
      if (looping) expect(verdict.because).toBe('tool_loop');
    }
    // Each flagged call shows for most of its length.
    const flagged = reads.filter(({ verdict }) => verdict.because === 'tool_loop');
    expect(flagged.length).toBeGreaterThanOrEqual(2 * (READ_LOOP.callMs / 1000 - 1));
  });

  it('a turn that streams past the 2-minute limit is turn_overdue, never no_progress', () => {
    const { clock, emitter } = start(name);
    const samples = sample(clock, emitter, WRITER, 220);
    const streaming = samples.filter(({ heartbeat }) => heartbeat.state === 'streaming');
    expect(streaming.length).toBeGreaterThan(OVERDUE_TURN.streamMs / 1000 - 10);
    expect(samples.some(({ verdict }) => verdict.because === 'no_progress')).toBe(false);
    const overdue = streaming.filter(({ verdict }) => verdict.because === 'turn_overdue');
    expect(overdue.length).toBeGreaterThan(40);
    for (const { at, heartbeat } of overdue) {
      expect(at - heartbeat.startedAt).toBeGreaterThan(DEMO_THRESHOLDS.turnMaxMs);
    }
    expect(overdue[0]?.heartbeat.activity).toMatch(/^writing the report: section \d+\/12$/);
  });
});
