import fc from 'fast-check';
import type { SessionState } from '@session-heartbeat/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatEmitter } from './create-heartbeat-emitter';
import { createPeriodicScheduler } from './create-periodic-scheduler';
import { createManualClock } from './test-utils/create-manual-clock';
import { recordEmissions } from './test-utils/record-emissions';

const T0 = 1_800_000_000_000;

describe('periodic beats (one scheduler for all sessions)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('arms one timer for 10,000 sessions', () => {
    const emitter = createHeartbeatEmitter({ interval: 5000 });
    for (let index = 0; index < 10_000; index += 1) {
      emitter.session(`agent:load:bench:direct:${String(index).padStart(6, '0')}`);
    }
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(12_345);
    expect(vi.getTimerCount()).toBe(1);
    emitter.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('spreads the phases of sessions created together over the interval', () => {
    const emitter = createHeartbeatEmitter({ interval: 5000 });
    const firstPeriodic = new Map<string, number>();
    emitter.subscribe((event) => {
      if (event.type !== 'heartbeats') return;
      for (const beat of event.heartbeats) {
        if (beat.reason === 'periodic' && !firstPeriodic.has(beat.sessionKey)) {
          firstPeriodic.set(beat.sessionKey, beat.emittedAt - T0);
        }
      }
    });
    for (let index = 0; index < 10_000; index += 1) {
      emitter.session(`agent:load:bench:direct:${String(index).padStart(6, '0')}`);
    }
    vi.advanceTimersByTime(5000);
    expect(firstPeriodic.size).toBe(10_000);
    // Ten buckets of 500 ms: each holds about a tenth, none a crowd.
    const buckets = Array.from({ length: 10 }, () => 0);
    for (const offset of firstPeriodic.values()) {
      const bucket = Math.min(9, Math.floor(offset / 500));
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect(Math.max(...buckets.slice(1))).toBeLessThan(1500);
    const sameMillisecond = new Map<number, number>();
    for (const offset of firstPeriodic.values()) {
      sameMillisecond.set(offset, (sameMillisecond.get(offset) ?? 0) + 1);
    }
    expect(sameMillisecond.size).toBeGreaterThan(100);
    emitter.dispose();
  });

  it('delivers periodic beats due in the same firing as one batch', () => {
    const emitter = createHeartbeatEmitter({ interval: 1000, slackMs: 50 });
    emitter.batch(() => {
      for (let index = 0; index < 200; index += 1) emitter.session(`agent:s:${index}`);
    });
    const batches: number[] = [];
    emitter.subscribe((event) => {
      if (event.type === 'heartbeats') batches.push(event.heartbeats.length);
    });
    vi.advanceTimersByTime(3000);
    const beats = batches.reduce((sum, size) => sum + size, 0);
    expect(beats).toBeGreaterThanOrEqual(600);
    // 600+ beats in a few dozen firings, not one event per beat.
    expect(batches.length).toBeLessThan(beats / 4);
    emitter.dispose();
  });

  it('re-emits every live session, idle ones included, at most interval after its previous beat', () => {
    const states: SessionState[] = ['idle', 'awaiting_model', 'streaming', 'tool_exec', 'complete'];
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 5000 }),
        fc.array(
          fc.record({
            waitMs: fc.integer({ min: 0, max: 9000 }),
            session: fc.integer({ min: 0, max: 5 }),
            state: fc.constantFrom(...states),
          }),
          { maxLength: 40 },
        ),
        (interval, steps) => {
          vi.setSystemTime(T0);
          const emitter = createHeartbeatEmitter({ interval });
          const last = new Map<string, number>();
          let worstGap = 0;
          emitter.subscribe((event) => {
            if (event.type !== 'heartbeats') return;
            for (const beat of event.heartbeats) {
              const previous = last.get(beat.sessionKey);
              if (previous !== undefined) worstGap = Math.max(worstGap, beat.emittedAt - previous);
              last.set(beat.sessionKey, beat.emittedAt);
            }
          });
          const sessions = Array.from({ length: 6 }, (_, index) =>
            emitter.session(`agent:p:${index}`),
          );
          for (const step of steps) {
            vi.advanceTimersByTime(step.waitMs);
            sessions[step.session]?.transition(step.state);
          }
          vi.advanceTimersByTime(interval * 3);
          emitter.dispose();
          expect(worstGap).toBeLessThanOrEqual(interval);
          // Each of the 6 sessions was heard over the last 3 intervals.
          for (const at of last.values()) expect(Date.now() - at).toBeLessThanOrEqual(interval);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('resets the periodic beat after a transition: the next one is an interval later', () => {
    const emitter = createHeartbeatEmitter({ interval: 5000, slackMs: 0 });
    const session = emitter.session('agent:main:main');
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(5000);
    beats.length = 0;
    const transitionAt = Date.now() + 1234;
    vi.advanceTimersByTime(1234);
    session.transition('awaiting_model');
    vi.advanceTimersByTime(4999);
    expect(beats.map((beat) => beat.reason)).toEqual(['transition']);
    vi.advanceTimersByTime(1);
    expect(beats.at(-1)).toMatchObject({ reason: 'periodic', emittedAt: transitionAt + 5000 });
    emitter.dispose();
  });

  it('re-arms its one timer for an earlier deadline and never for a later one', () => {
    const fired: string[][] = [];
    const scheduler = createPeriodicScheduler({
      now: () => Date.now(),
      timers: {
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        clearTimeout: (handle) => clearTimeout(handle as number),
      },
      slackMs: 0,
      onDue: (keys) => fired.push(keys),
    });
    scheduler.schedule('late', T0 + 1000);
    scheduler.schedule('early', T0 + 100);
    scheduler.schedule('later', T0 + 5000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([['early']]);
    scheduler.cancel('late');
    vi.advanceTimersByTime(4900);
    expect(fired).toEqual([['early'], ['later']]);
    expect(scheduler.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    scheduler.dispose();
  });

  it('runDue fires at once what a forward jump of the clock made due, and nothing else', () => {
    let skewMs = 0;
    const fired: string[][] = [];
    const scheduler = createPeriodicScheduler({
      now: () => Date.now() + skewMs,
      timers: {
        setTimeout: (callback, ms) => setTimeout(callback, ms),
        clearTimeout: (handle) => clearTimeout(handle as number),
      },
      slackMs: 0,
      onDue: (keys) => fired.push(keys),
    });
    scheduler.schedule('soon', T0 + 1000);
    scheduler.schedule('later', T0 + 9000);
    scheduler.runDue();
    expect(fired).toEqual([]);
    skewMs = 5000;
    scheduler.runDue();
    expect(fired).toEqual([['soon']]);
    // The one timer now waits for `later` on the jumped clock: 4 s, not 9 s.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3999);
    expect(fired).toEqual([['soon']]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['soon'], ['later']]);
    scheduler.dispose();
  });

  it('flushDue beats every overdue live session after the clock jumped, but no crashed one', () => {
    let skewMs = 0;
    const emitter = createHeartbeatEmitter({
      interval: 5000,
      slackMs: 0,
      now: () => Date.now() + skewMs,
    });
    const working = emitter.session('agent:main:main');
    working.transition('tool_exec', { toolName: 'exec' });
    const crashed = emitter.session('agent:ops:main');
    crashed.crash();
    const { beats } = recordEmissions(emitter);
    skewMs = 35_000;
    emitter.flushDue();
    expect(beats).toEqual([
      expect.objectContaining({
        sessionKey: 'agent:main:main',
        reason: 'periodic',
        state: 'tool_exec',
        emittedAt: T0 + 35_000,
        stateSince: T0,
      }),
    ]);
    // Nothing more is due: a second flush emits nothing, and the next beat is an interval later.
    emitter.flushDue();
    expect(beats).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(beats.map((beat) => beat.emittedAt)).toEqual([T0 + 35_000, T0 + 40_000]);
    expect(emitter.heartbeat('agent:ops:main')?.emittedAt).toBe(T0);
    emitter.dispose();
  });
});

describe('periodic beats when the wall clock is stepped', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keep coming every interval after the clock is stepped back an hour (NTP), not an hour later', () => {
    const emitter = createHeartbeatEmitter({ interval: 1000 });
    emitter.session('agent:main:main');
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(2500);
    const before = beats.length;
    vi.setSystemTime(Date.now() - 3_600_000);
    vi.advanceTimersByTime(5000);
    const after = beats.slice(before);
    expect(after.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < after.length; index += 1) {
      const gap = (after[index]?.emittedAt ?? 0) - (after[index - 1]?.emittedAt ?? 0);
      expect(gap).toBeLessThanOrEqual(1000);
    }
    emitter.dispose();
  });

  it('beat at once what a clock stepped forward made overdue, then every interval', () => {
    const emitter = createHeartbeatEmitter({ interval: 1000 });
    emitter.session('agent:main:main');
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(1500);
    const before = beats.length;
    vi.setSystemTime(Date.now() + 3_600_000);
    const steppedAt = Date.now();
    vi.advanceTimersByTime(3000);
    const after = beats.slice(before);
    expect(after.length).toBeGreaterThanOrEqual(3);
    expect((after[0]?.emittedAt ?? Infinity) - steppedAt).toBeLessThanOrEqual(1000);
    emitter.dispose();
  });
});

describe('createPeriodicScheduler: one timer, no churn, nothing after dispose', () => {
  function setup(slackMs = 0) {
    const clock = createManualClock(T0);
    let armings = 0;
    const fired: string[][] = [];
    const scheduler = createPeriodicScheduler({
      now: clock.now,
      timers: {
        setTimeout(callback, ms) {
          armings += 1;
          return clock.setTimeout(callback, ms);
        },
        clearTimeout: (handle) => clock.clearTimeout(handle),
      },
      slackMs,
      onDue: (keys) => fired.push(keys),
    });
    return { clock, scheduler, fired, armings: () => armings };
  }

  it('a deadline equal to or later than the armed one never re-arms the timer', () => {
    const { clock, scheduler, fired, armings } = setup();
    scheduler.schedule('a', T0 + 100);
    scheduler.schedule('b', T0 + 100);
    scheduler.schedule('c', T0 + 900);
    scheduler.schedule('a', T0 + 500); // a transition moves a session later
    expect(armings()).toBe(1);
    clock.advance(100);
    expect(fired).toEqual([['b']]);
  });

  it('runDue takes what is due within twice the slack, and nothing later', () => {
    const { scheduler, fired } = setup(10);
    scheduler.schedule('edge', T0 + 20);
    scheduler.schedule('beyond', T0 + 21);
    scheduler.runDue();
    expect(fired).toEqual([['edge']]);
  });

  it('a disposed scheduler fires nothing, arms nothing and takes no new deadline', () => {
    const { clock, scheduler, fired } = setup();
    scheduler.schedule('a', T0 + 100);
    scheduler.dispose();
    scheduler.schedule('b', T0 + 200);
    scheduler.runDue();
    clock.advance(1000);
    expect(fired).toEqual([]);
    expect(clock.pending()).toBe(0);
    expect(scheduler.size).toBe(0);
  });
});
