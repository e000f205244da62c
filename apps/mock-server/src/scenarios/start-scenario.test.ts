import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { describe, expect, it } from 'vitest';
import {
  createManualClock,
  recordEmissions,
  type ManualClock,
} from '@session-heartbeat/emitter/test-utils';
import { loadRateForHeartbeats, loadStateShares } from './load-session-model';
import { startScenario } from './start-scenario';
import type { ScenarioName, ScenarioOptions } from './scenario-types';

function run(
  name: ScenarioName,
  options: ScenarioOptions = {},
): { clock: ManualClock; emitter: HeartbeatEmitter; beats: SessionHeartbeat[]; stop(): void } {
  const clock = createManualClock();
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
  const { beats } = recordEmissions(emitter);
  const scenario = startScenario(name, emitter, {
    ...options,
    now: clock.now,
    timers: clock.timers,
  });
  return {
    clock,
    emitter,
    beats,
    stop() {
      scenario.stop();
      emitter.dispose();
    },
  };
}

/** What a replay must reproduce: everything but the epoch. */
function trace(beats: SessionHeartbeat[], start: number): string[] {
  return beats.map((beat) =>
    [
      beat.emittedAt - start,
      beat.sessionKey,
      beat.state,
      beat.toolName ?? '',
      beat.model ?? '',
      beat.turnId ?? '',
      beat.lastTokenAt === undefined ? '' : beat.lastTokenAt - start,
      beat.seq,
      beat.reason,
    ].join(' '),
  );
}

describe('the demo scenario', () => {
  it('replays the same heartbeats for the same seed, and others for another seed', () => {
    const traces = [42, 42, 43].map((seed) => {
      const demo = run('demo', { seed });
      const start = demo.clock.now();
      demo.clock.advance(120_000);
      demo.stop();
      return trace(demo.beats, start);
    });
    expect(traces[0]?.length).toBeGreaterThan(200);
    expect(traces[1]).toEqual(traces[0]);
    expect(traces[2]).not.toEqual(traces[0]);
  });

  it('lives lifelike turns: every state, a long approval wait, a stall past 30 s, a crash', () => {
    const demo = run('demo', { seed: 7 });
    const longest = new Map<string, number>();
    let crashed: string | undefined;
    for (let second = 0; second < 240; second += 1) {
      demo.clock.advance(1000);
      for (const member of demo.emitter.snapshot()) {
        const stateFor = demo.clock.now() - member.stateSince;
        longest.set(member.state, Math.max(longest.get(member.state) ?? 0, stateFor));
        if (demo.emitter.get(member.sessionKey)?.status === 'crashed') crashed = member.sessionKey;
      }
    }
    demo.stop();
    expect(demo.emitter.size).toBeGreaterThanOrEqual(10);
    expect(new Set(demo.beats.map((beat) => beat.state))).toEqual(
      new Set(['idle', 'awaiting_model', 'streaming', 'tool_exec', 'tool_wait', 'complete']),
    );
    expect(longest.get('tool_exec')).toBeGreaterThan(30_000);
    expect(longest.get('awaiting_model')).toBeGreaterThan(20_000);
    expect(longest.get('tool_wait')).toBeGreaterThan(20_000);
    expect(crashed).toBe('agent:support:whatsapp:direct:15550123');
    const tools = new Set(demo.beats.map((beat) => beat.toolName).filter(Boolean));
    expect(tools).toEqual(new Set(['exec', 'web_search', 'browser', 'read', 'edit']));
    expect(demo.beats.some((beat) => beat.lastTokenAt !== undefined)).toBe(true);
  });

  it('brings a crashed session back on restart, and drives it again', () => {
    const demo = run('demo', { seed: 7 });
    const key = 'agent:support:whatsapp:direct:15550123';
    while (demo.emitter.get(key)?.status !== 'crashed') demo.clock.advance(1000);
    const silentSeq = demo.emitter.heartbeat(key)?.seq ?? 0;
    demo.clock.advance(30_000);
    expect(demo.emitter.heartbeat(key)?.seq).toBe(silentSeq);
    expect(demo.emitter.act(key, 'restart')).toBe(true);
    expect(demo.emitter.heartbeat(key)).toMatchObject({ state: 'idle', seq: silentSeq + 1 });
    demo.clock.advance(30_000);
    const after = demo.beats.filter((beat) => beat.sessionKey === key && beat.seq > silentSeq + 1);
    expect(after.some((beat) => beat.state === 'awaiting_model')).toBe(true);
    demo.stop();
  });

  it('stops driving a released session', () => {
    const clock = createManualClock();
    const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
    const scenario = startScenario('demo', emitter, { now: clock.now, timers: clock.timers });
    scenario.release('agent:main:main');
    expect(scenario.isDriving('agent:main:main')).toBe(false);
    const before = emitter.heartbeat('agent:main:main');
    clock.advance(120_000);
    expect(emitter.heartbeat('agent:main:main')).toMatchObject({
      state: before?.state,
      reason: 'periodic',
    });
    scenario.stop();
    emitter.dispose();
  });
});

describe('the load scenario', () => {
  it('makes `rate` transitions per second across all sessions, batched on one timer', () => {
    const load = run('load', { sessions: 1000, rate: 200, seed: 3 });
    expect(load.emitter.size).toBe(1000);
    expect(load.emitter.snapshot()[123]?.sessionKey).toBe('agent:load:bench:direct:000123');
    load.beats.length = 0;
    load.clock.advance(60_000);
    const transitions = load.beats.filter((beat) => beat.reason === 'transition').length;
    // Each session on its own heavy-tailed clock: the total holds on average, within 10 %.
    expect(transitions / 60).toBeGreaterThanOrEqual(180);
    expect(transitions / 60).toBeLessThanOrEqual(220);
    // One timer for the load, one for the emitter's periodic beats.
    expect(load.clock.pending()).toBe(2);
    load.stop();
    expect(load.clock.pending()).toBe(0);
  });

  it.each([
    // The bench's plans (bench/src/bench-plan.ts), at a tenth of the sessions where they are many.
    { sessions: 1000, heartbeatsPerSecond: 2000 },
    { sessions: 1000, heartbeatsPerSecond: 5000 },
    { sessions: 1000, heartbeatsPerSecond: 500 },
  ])(
    'sends $heartbeatsPerSecond heartbeats/s with $sessions sessions at the rate loadRateForHeartbeats gives, within 10 %',
    ({ sessions, heartbeatsPerSecond }) => {
      const rate = loadRateForHeartbeats(sessions, heartbeatsPerSecond, 5000);
      expect(rate).toBeLessThanOrEqual(heartbeatsPerSecond);
      const load = run('load', { sessions, rate, seed: 11 });
      load.clock.advance(10_000);
      load.beats.length = 0;
      load.clock.advance(60_000);
      const perSecond = load.beats.length / 60;
      load.stop();
      expect(perSecond).toBeGreaterThanOrEqual(heartbeatsPerSecond * 0.9);
      expect(perSecond).toBeLessThanOrEqual(heartbeatsPerSecond * 1.1);
    },
  );

  it('keeps a spread mix of states every second: no lockstep, no state above 70 %', () => {
    const sessions = 2000;
    const load = run('load', { sessions, rate: loadRateForHeartbeats(sessions, 1000, 5000) });
    const states = ['idle', 'awaiting_model', 'streaming', 'tool_exec', 'tool_wait', 'complete'];
    const shares: Record<string, number[]> = Object.fromEntries(states.map((state) => [state, []]));
    for (let second = 0; second <= 120; second += 1) {
      const counts = new Map<string, number>();
      for (const beat of load.emitter.snapshot()) {
        counts.set(beat.state, (counts.get(beat.state) ?? 0) + 1);
      }
      for (const state of states) shares[state]?.push((counts.get(state) ?? 0) / sessions);
      load.clock.advance(1000);
    }
    load.stop();
    for (const state of states) {
      const seen = shares[state] ?? [];
      // Present every second, never the majority it was in lockstep (10,000 of 10,000 active).
      expect(Math.min(...seen), state).toBeGreaterThan(0);
      expect(Math.max(...seen), state).toBeLessThan(0.7);
      // And steady: a state's share moves by a few points from second to second, not in waves.
      expect(Math.max(...seen) - Math.min(...seen), state).toBeLessThan(0.1);
    }
    const expected = loadStateShares();
    expect(shares.idle?.[60]).toBeCloseTo(expected.get('idle') ?? 0, 1);
  });

  it('gives every stay its own heavy-tailed length, and replays the same run for the same seed', () => {
    const traces = [4, 4, 5].map((seed) => {
      const load = run('load', { sessions: 500, rate: 250, seed });
      load.clock.advance(120_000);
      load.stop();
      return load.beats;
    });
    const key = (beat: SessionHeartbeat): string =>
      `${beat.sessionKey} ${beat.state} ${beat.emittedAt} ${beat.reason}`;
    expect(traces[1]?.map(key)).toEqual(traces[0]?.map(key));
    expect(traces[2]?.map(key)).not.toEqual(traces[0]?.map(key));
    // The stays in tool_exec that ended: most are short, the slowest many times the median.
    const stays: number[] = [];
    const entered = new Map<string, number>();
    for (const beat of traces[0] ?? []) {
      if (beat.reason !== 'transition') continue;
      const since = entered.get(beat.sessionKey);
      if (since !== undefined && beat.state !== 'tool_exec') stays.push(beat.emittedAt - since);
      if (beat.state === 'tool_exec') entered.set(beat.sessionKey, beat.emittedAt);
      else entered.delete(beat.sessionKey);
    }
    stays.sort((a, b) => a - b);
    const at = (quantile: number): number => stays[Math.floor(quantile * (stays.length - 1))] ?? 0;
    expect(stays.length).toBeGreaterThan(500);
    expect(at(0.99) / at(0.5)).toBeGreaterThan(8);
    // Emitted on the load's 50 ms ticks, so stays come in steps of 50 ms: still hundreds of lengths.
    expect(new Set(stays).size).toBeGreaterThan(200);
  });

  it('refuses more than 100,000 sessions and a negative rate', () => {
    const emitter = createHeartbeatEmitter();
    expect(() => startScenario('load', emitter, { sessions: 100_001 })).toThrow(RangeError);
    expect(() => startScenario('load', emitter, { rate: -1 })).toThrow(RangeError);
    emitter.dispose();
  });
});

describe('every scenario that streams', () => {
  // A session that says "Streaming the answer" has had a token: the heartbeat that says so carries its time.
  it.each(['demo', 'load', 'openclaw'] as const)(
    '%s: every streaming heartbeat carries lastTokenAt',
    (name) => {
      const scenario = run(name, { seed: 5, sessions: 200, rate: 50 });
      scenario.clock.advance(120_000);
      scenario.stop();
      const streaming = scenario.beats.filter((beat) => beat.state === 'streaming');
      expect(streaming.length).toBeGreaterThan(10);
      const withoutToken = streaming.filter((beat) => beat.lastTokenAt === undefined);
      expect(withoutToken.map((beat) => `${beat.sessionKey} ${beat.reason}`)).toEqual([]);
    },
  );
});

describe('the quiet scenario', () => {
  it('creates nothing and arms nothing', () => {
    const quiet = run('quiet');
    expect(quiet.emitter.size).toBe(0);
    expect(quiet.clock.pending()).toBe(0);
    quiet.stop();
  });
});

describe('scenario sources', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const files = readdirSync(dir).filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  );

  // Browser stories import the scenario engine: no Node API, no Math.random.
  it.each(files)('%s is isomorphic and seeded', (name) => {
    const code = readFileSync(join(dir, name), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/from\s+['"](node:|ws['"]|fs['"])/);
    expect(code).not.toMatch(/\b(Buffer|process)\b|Math\.random/);
  });
});
