import { describe, expect, it } from 'vitest';
import type { ReceivedHeartbeat } from '../protocol/types';
import { makeReceivedHeartbeat, T0 } from '../test-utils';
import {
  assessHealth,
  classifyHealth,
  msUntilHealthChange,
  type SessionHealth,
} from './classify-health';
import { stallClockSince } from './health-deadlines';

const STALL = 30_000;
const SILENCE = 15_000;

/** A session that entered `state` at T0 and whose last beat was emitted just now. */
function freshBeat(state: ReceivedHeartbeat['state'], serverNow: number) {
  return makeReceivedHeartbeat({ state, stateSince: T0, startedAt: T0, emittedAt: serverNow });
}

describe('classifyHealth: stall boundaries for every state', () => {
  const rows: { state: ReceivedHeartbeat['state']; base: SessionHealth; stalls: boolean }[] = [
    { state: 'awaiting_model', base: 'waiting', stalls: true },
    { state: 'tool_exec', base: 'active', stalls: true },
    { state: 'streaming', base: 'active', stalls: true },
    { state: 'tool_wait', base: 'waiting', stalls: false },
    { state: 'idle', base: 'idle', stalls: false },
    { state: 'complete', base: 'idle', stalls: false },
  ];
  const offsets = [
    { label: 'just below', delta: -1, over: false },
    { label: 'at', delta: 0, over: false },
    { label: 'just above', delta: 1, over: true },
  ];
  for (const { state, base, stalls } of rows) {
    for (const { label, delta, over } of offsets) {
      const expected = stalls && over ? 'stalled' : base;
      it(`${state} ${label} the stall threshold → ${expected}`, () => {
        const serverNow = T0 + STALL + delta;
        const verdict = classifyHealth(freshBeat(state, serverNow), { serverNow });
        expect(verdict.health).toBe(expected);
        expect(verdict.because).toBe(stalls && over ? 'no_progress' : state);
        expect(verdict.forMs).toBe(STALL + delta);
        if (stalls) expect(verdict.thresholdMs).toBe(STALL);
        else expect(verdict.thresholdMs).toBeUndefined();
      });
    }
  }

  it('reports the reason the UI shows', () => {
    const serverNow = T0 + 42_000;
    expect(classifyHealth(freshBeat('awaiting_model', serverNow), { serverNow })).toEqual({
      health: 'stalled',
      because: 'no_progress',
      forMs: 42_000,
      thresholdMs: 30_000,
    });
  });
});

describe('classifyHealth: streaming stalls on the token gap, not the time in state', () => {
  it('is active while tokens keep coming, however long it streams', () => {
    const serverNow = T0 + 10 * 60_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'streaming',
      stateSince: T0,
      lastTokenAt: serverNow - 2_000,
      emittedAt: serverNow,
    });
    expect(classifyHealth(heartbeat, { serverNow })).toMatchObject({
      health: 'active',
      forMs: 2_000,
    });
  });

  it.each([
    [-1, 'active'],
    [0, 'active'],
    [1, 'stalled'],
  ] as const)('no token for threshold %+d ms → %s', (delta, health) => {
    const lastTokenAt = T0 + 5_000;
    const serverNow = lastTokenAt + STALL + delta;
    const heartbeat = makeReceivedHeartbeat({
      state: 'streaming',
      stateSince: T0,
      lastTokenAt,
      emittedAt: serverNow,
    });
    expect(classifyHealth(heartbeat, { serverNow }).health).toBe(health);
  });

  it('counts from the stream start when the last token is from earlier in the turn', () => {
    const serverNow = T0 + 20_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'streaming',
      stateSince: T0,
      lastTokenAt: T0 - 60_000,
      emittedAt: serverNow,
    });
    expect(classifyHealth(heartbeat, { serverNow })).toMatchObject({
      health: 'active',
      forMs: 20_000,
    });
  });
});

describe('classifyHealth: silence boundaries', () => {
  it.each([
    [-1, 'idle'],
    [0, 'idle'],
    [1, 'unresponsive'],
  ] as const)('no heartbeat for the threshold %+d ms → %s', (delta, health) => {
    const heartbeat = makeReceivedHeartbeat({ state: 'idle', emittedAt: T0 });
    const verdict = classifyHealth(heartbeat, { serverNow: T0 + SILENCE + delta });
    expect(verdict.health).toBe(health);
  });

  it('says how long the session has been silent', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'tool_exec',
      toolName: 'exec',
      emittedAt: T0,
    });
    expect(classifyHealth(heartbeat, { serverNow: T0 + 20_000 })).toEqual({
      health: 'unresponsive',
      because: 'no_heartbeat',
      forMs: 20_000,
      thresholdMs: 15_000,
    });
  });

  it('outranks a stall', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'awaiting_model',
      stateSince: T0,
      emittedAt: T0,
    });
    expect(classifyHealth(heartbeat, { serverNow: T0 + 40_000 }).health).toBe('unresponsive');
  });
});

describe('classifyHealth: what the client cannot know', () => {
  it('is unknown, never unresponsive, while disconnected', () => {
    const heartbeat = makeReceivedHeartbeat({ state: 'tool_exec', emittedAt: T0 });
    expect(classifyHealth(heartbeat, { serverNow: T0 + 3_600_000, listening: false })).toEqual({
      health: 'unknown',
      because: 'disconnected',
    });
  });

  it('is unknown (source_unreachable), never unresponsive, while its gateway is unheard', () => {
    const heartbeat = makeReceivedHeartbeat({ state: 'tool_exec', emittedAt: T0 });
    const context = { serverNow: T0 + 3_600_000, sourceReachable: false };
    expect(assessHealth(heartbeat, context)).toEqual({
      verdict: { health: 'unknown', because: 'source_unreachable' },
      msUntilChange: Infinity,
      overdue: false,
    });
    // The client's own connection comes first: it cannot know either way.
    expect(classifyHealth(heartbeat, { ...context, listening: false }).because).toBe(
      'disconnected',
    );
    expect(classifyHealth(heartbeat, { ...context, sourceReachable: true }).health).toBe(
      'unresponsive',
    );
  });

  it('is unknown before the first heartbeat', () => {
    expect(classifyHealth(undefined, { serverNow: T0 })).toEqual({
      health: 'unknown',
      because: 'no_heartbeat_yet',
    });
  });

  it('is unknown for a state this client does not know, and keeps the session', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'unknown',
      unknownState: 'compacting',
      emittedAt: T0,
    });
    expect(classifyHealth(heartbeat, { serverNow: T0 + 1_000 })).toEqual({
      health: 'unknown',
      because: 'unknown_state',
    });
  });

  it('still flags an unknown state as unresponsive when it goes silent', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'unknown',
      unknownState: 'compacting',
      emittedAt: T0,
    });
    expect(classifyHealth(heartbeat, { serverNow: T0 + SILENCE + 1 }).health).toBe('unresponsive');
  });

  it('clamps elapsed time at zero when the heartbeat is from the future', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'tool_exec',
      stateSince: T0 + 500,
      emittedAt: T0 + 500,
    });
    expect(classifyHealth(heartbeat, { serverNow: T0 }).forMs).toBe(0);
  });
});

describe('classifyHealth: thresholds', () => {
  it('uses a per-tool override', () => {
    const serverNow = T0 + 90_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'tool_exec',
      toolName: 'browser',
      stateSince: T0,
      emittedAt: serverNow,
    });
    const thresholds = { byTool: { browser: { stallAfterMs: 120_000 } } };
    expect(classifyHealth(heartbeat, { serverNow, thresholds })).toMatchObject({
      health: 'active',
      thresholdMs: 120_000,
    });
    expect(classifyHealth(heartbeat, { serverNow }).health).toBe('stalled');
  });

  it('uses a per-model override for a slow local model', () => {
    const serverNow = T0 + 100_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'awaiting_model',
      model: 'ollama/qwen3:32b',
      stateSince: T0,
      emittedAt: serverNow,
    });
    const thresholds = { byModel: { 'ollama/*': { stallAfterMs: 180_000 } } };
    expect(classifyHealth(heartbeat, { serverNow, thresholds }).health).toBe('waiting');
  });

  it('uses a global unresponsive override', () => {
    const heartbeat = makeReceivedHeartbeat({ emittedAt: T0 });
    const thresholds = { unresponsiveAfterMs: 60_000 };
    expect(classifyHealth(heartbeat, { serverNow: T0 + 59_000, thresholds }).health).toBe('idle');
    expect(classifyHealth(heartbeat, { serverNow: T0 + 60_001, thresholds }).health).toBe(
      'unresponsive',
    );
  });
});

describe('msUntilHealthChange', () => {
  it('points at the stall when it comes before the silence', () => {
    const serverNow = T0 + 10_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'tool_exec',
      stateSince: T0,
      emittedAt: serverNow,
    });
    expect(msUntilHealthChange(heartbeat, { serverNow })).toBe(15_001);
  });

  it('points at the silence when the next beat is overdue first', () => {
    const heartbeat = makeReceivedHeartbeat({ state: 'tool_exec', stateSince: T0, emittedAt: T0 });
    expect(msUntilHealthChange(heartbeat, { serverNow: T0 + 1_000 })).toBe(14_001);
  });

  it('points at the silence for a stalled session', () => {
    const serverNow = T0 + 40_000;
    const heartbeat = makeReceivedHeartbeat({
      state: 'tool_exec',
      stateSince: T0,
      emittedAt: serverNow - 1_000,
    });
    expect(msUntilHealthChange(heartbeat, { serverNow })).toBe(14_001);
  });

  it('is infinite once unresponsive, while disconnected, and before any heartbeat', () => {
    const heartbeat = makeReceivedHeartbeat({ emittedAt: T0 });
    expect(msUntilHealthChange(heartbeat, { serverNow: T0 + 20_000 })).toBe(Infinity);
    expect(msUntilHealthChange(heartbeat, { serverNow: T0, listening: false })).toBe(Infinity);
    expect(msUntilHealthChange(undefined, { serverNow: T0 })).toBe(Infinity);
  });

  it('lands exactly on the first instant of the new health', () => {
    const heartbeat = makeReceivedHeartbeat({
      state: 'awaiting_model',
      stateSince: T0,
      emittedAt: T0 + 20_000,
    });
    const serverNow = T0 + 25_000;
    const ms = msUntilHealthChange(heartbeat, { serverNow });
    expect(classifyHealth(heartbeat, { serverNow: serverNow + ms - 1 }).health).toBe('waiting');
    expect(classifyHealth(heartbeat, { serverNow: serverNow + ms }).health).toBe('stalled');
  });
});

describe('silence counts only up to the last frame heard', () => {
  const beat = makeReceivedHeartbeat({ state: 'tool_wait', at: T0 });

  it('past the limit with nothing heard since, a session is not unresponsive: the connection may be what went quiet', () => {
    const past = { serverNow: T0 + SILENCE + 500, heardAt: T0 + SILENCE - 100 };
    expect(assessHealth(beat, past)).toMatchObject({
      verdict: { health: 'waiting' },
      msUntilChange: Infinity,
      overdue: true,
    });
  });

  it('a frame heard after the limit that says nothing of it makes it unresponsive', () => {
    const heard = { serverNow: T0 + SILENCE + 500, heardAt: T0 + SILENCE + 400 };
    expect(assessHealth(beat, heard)).toMatchObject({
      verdict: { health: 'unresponsive', because: 'no_heartbeat' },
      overdue: false,
    });
  });
});

describe('stallClockSince: what the stall is counted from', () => {
  it('a working state counts from the latest of its start, its last token and its last progress (v1.1)', () => {
    for (const state of ['tool_exec', 'awaiting_model', 'streaming'] as const) {
      const serverNow = T0 + STALL + 1;
      const heartbeat = makeReceivedHeartbeat({
        state,
        stateSince: T0,
        lastTokenAt: T0 + 20_000,
        lastProgressAt: T0 + 10_000,
        emittedAt: serverNow,
      });
      expect(stallClockSince(heartbeat)).toBe(T0 + 20_000);
      expect(classifyHealth(heartbeat, { serverNow }).health).not.toBe('stalled');
      // A token or output from before the state began counts for nothing.
      const stale = { ...heartbeat, lastTokenAt: T0 - 5000, lastProgressAt: T0 - 1 };
      expect(stallClockSince(stale)).toBe(T0);
      expect(classifyHealth(stale, { serverNow }).health).toBe('stalled');
    }
  });

  it('states that cannot stall have no stall clock, an unknown state included', () => {
    for (const state of ['tool_wait', 'idle', 'complete', 'unknown'] as const) {
      const heartbeat = makeReceivedHeartbeat({ state, stateSince: T0, lastTokenAt: T0 });
      expect(stallClockSince(heartbeat)).toBeUndefined();
    }
  });
});
