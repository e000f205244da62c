import { describe, expect, it } from 'vitest';
import type { ReceivedHeartbeat } from '../protocol/types';
import { makeReceivedHeartbeat, T0 } from '../test-utils';
import { classifyHealth, msUntilHealthChange } from './classify-health';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A heartbeat emitted just now (so silence is never the story), with any field set. */
function beat(fields: Partial<ReceivedHeartbeat>, serverNow: number): ReceivedHeartbeat {
  return makeReceivedHeartbeat({ ...fields, emittedAt: serverNow });
}

describe('a long tool that reports progress', () => {
  const run = (progressAt: number, serverNow: number) =>
    beat(
      {
        state: 'tool_exec',
        toolName: 'exec',
        stateSince: T0,
        startedAt: T0,
        lastProgressAt: progressAt,
      },
      serverNow,
    );

  it('never stalls while it reports output, however long it runs', () => {
    // A three-minute `npm test` that prints every 3 s.
    for (let serverNow = T0; serverNow <= T0 + 3 * MINUTE; serverNow += 3 * SECOND) {
      const verdict = classifyHealth(run(serverNow - 3 * SECOND, serverNow), { serverNow });
      expect(verdict.health).toBe('active');
    }
  });

  it('stalls stallAfterMs after its last output: not at the limit, one ms past it', () => {
    const lastOutput = T0 + 2 * MINUTE;
    const at = (serverNow: number) => classifyHealth(run(lastOutput, serverNow), { serverNow });
    expect(at(lastOutput + 30 * SECOND).health).toBe('active');
    expect(at(lastOutput + 30 * SECOND + 1)).toEqual({
      health: 'stalled',
      because: 'no_progress',
      forMs: 30 * SECOND + 1,
      thresholdMs: 30 * SECOND,
    });
  });

  it('does not count output from before the state began', () => {
    const heartbeat = beat(
      { state: 'tool_exec', toolName: 'exec', stateSince: T0, lastProgressAt: T0 - 10 * SECOND },
      T0 + 31 * SECOND,
    );
    expect(classifyHealth(heartbeat, { serverNow: T0 + 31 * SECOND }).because).toBe('no_progress');
  });

  it('times the change for the one client timer: no progress is due at the limit', () => {
    const serverNow = T0 + 10 * SECOND;
    // Silence (15 s after this heartbeat) would come first: give it more room.
    const thresholds = { unresponsiveAfterMs: 60 * SECOND };
    expect(msUntilHealthChange(run(T0 + 5 * SECOND, serverNow), { serverNow, thresholds })).toBe(
      25 * SECOND + 1,
    );
  });
});

describe('a tool called again and again with the same input', () => {
  const calls = (
    toolRepeat: number,
    state: ReceivedHeartbeat['state'] = 'tool_exec',
    serverNow = T0 + SECOND,
  ) => beat({ state, toolName: 'read', stateSince: T0, toolRepeat }, serverNow);

  it('is a loop from loopAfterRepeats on (default 5), at once, with the limit it crossed', () => {
    expect(classifyHealth(calls(4), { serverNow: T0 + SECOND }).health).toBe('active');
    expect(classifyHealth(calls(6), { serverNow: T0 + SECOND })).toEqual({
      health: 'stalled',
      because: 'tool_loop',
      forMs: SECOND,
      repeatLimit: 5,
    });
  });

  it('takes the limit per tool, like the other thresholds', () => {
    const thresholds = { byTool: { read: { loopAfterRepeats: 10 } } };
    expect(classifyHealth(calls(6), { serverNow: T0 + SECOND, thresholds }).health).toBe('active');
  });

  it('is a loop while waiting on the tool too, and a repeat count outside a tool means nothing', () => {
    expect(classifyHealth(calls(6, 'tool_wait'), { serverNow: T0 + SECOND }).because).toBe(
      'tool_loop',
    );
    expect(classifyHealth(calls(6, 'streaming'), { serverNow: T0 + SECOND }).health).toBe('active');
  });

  it('becomes no progress when the looping call also goes quiet', () => {
    const serverNow = T0 + 31 * SECOND;
    expect(classifyHealth(calls(6, 'tool_exec', serverNow), { serverNow }).because).toBe(
      'no_progress',
    );
    const thresholds = { unresponsiveAfterMs: 60 * SECOND };
    expect(msUntilHealthChange(calls(6), { serverNow: T0 + SECOND, thresholds })).toBe(
      29 * SECOND + 1,
    );
  });
});

describe('a turn that runs on and on while it still works', () => {
  const streaming = (serverNow: number, state: ReceivedHeartbeat['state'] = 'streaming') =>
    beat(
      { state, startedAt: T0, stateSince: T0 + 21 * MINUTE, lastTokenAt: serverNow - SECOND },
      serverNow,
    );

  it('is overdue past turnMaxMs (default 15 min), counted from the turn’s start', () => {
    const serverNow = T0 + 22 * MINUTE;
    expect(classifyHealth(streaming(serverNow), { serverNow })).toEqual({
      health: 'stalled',
      because: 'turn_overdue',
      forMs: 22 * MINUTE,
      thresholdMs: 15 * MINUTE,
    });
    const thresholds = { turnMaxMs: 30 * MINUTE };
    expect(classifyHealth(streaming(serverNow), { serverNow, thresholds }).health).toBe('active');
  });

  it('says no progress instead once the progress stops (no progress comes first)', () => {
    const serverNow = T0 + 22 * MINUTE;
    const quiet = beat(
      { state: 'streaming', startedAt: T0, stateSince: T0 + 21 * MINUTE },
      serverNow,
    );
    expect(classifyHealth(quiet, { serverNow }).because).toBe('no_progress');
  });

  it('is never overdue while it waits for a person, nor between turns', () => {
    const serverNow = T0 + 22 * MINUTE;
    for (const state of ['tool_wait', 'idle', 'complete'] as const) {
      expect(classifyHealth(streaming(serverNow, state), { serverNow }).health).not.toBe('stalled');
    }
  });

  it('times the turn’s limit for the one client timer', () => {
    const serverNow = T0 + 14 * MINUTE + 50 * SECOND;
    const heartbeat = beat(
      { state: 'tool_exec', startedAt: T0, stateSince: serverNow, lastProgressAt: serverNow },
      serverNow,
    );
    expect(msUntilHealthChange(heartbeat, { serverNow })).toBe(10 * SECOND + 1);
  });
});

describe('a v1 heartbeat (no v1.1 fields)', () => {
  it('follows the v1 rules: stalled after stallAfterMs in its state, never a loop', () => {
    const serverNow = T0 + 31 * SECOND;
    const heartbeat = beat({ state: 'tool_exec', toolName: 'exec', stateSince: T0 }, serverNow);
    expect(classifyHealth(heartbeat, { serverNow })).toEqual({
      health: 'stalled',
      because: 'no_progress',
      forMs: 31 * SECOND,
      thresholdMs: 30 * SECOND,
    });
  });
});
