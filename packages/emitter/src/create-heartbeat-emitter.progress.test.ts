import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatEmitter } from './create-heartbeat-emitter';
import { recordEmissions } from './test-utils/record-emissions';
import type { HeartbeatEmitter } from './types';

const T0 = 1_800_000_000_000;

let emitter: HeartbeatEmitter;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  emitter = createHeartbeatEmitter({ interval: 5000 });
});
afterEach(() => {
  emitter.dispose();
  vi.useRealTimers();
});

describe('progress (v1.1)', () => {
  it('emits nothing by itself; the next periodic beat carries the latest progress and activity', () => {
    const session = emitter.session('agent:ops:main', { state: 'tool_exec', toolName: 'exec' });
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(1000);
    session.progress(undefined, 'tests 12/120');
    vi.advanceTimersByTime(1000);
    session.progress(undefined, 'tests 42/120');
    expect(beats).toEqual([]);
    vi.advanceTimersByTime(5000);
    expect(beats).toEqual([
      expect.objectContaining({
        reason: 'periodic',
        state: 'tool_exec',
        lastProgressAt: T0 + 2000,
        activity: 'tests 42/120',
      }),
    ]);
  });

  it('never reports progress from before the state began, nor moves it back', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model' });
    vi.advanceTimersByTime(3000);
    session.transition('tool_exec', { toolName: 'exec' });
    session.progress(T0 + 1000);
    session.transition('tool_wait');
    expect(session.heartbeat).toMatchObject({ state: 'tool_wait', stateSince: T0 + 3000 });
    session.transition('tool_exec');
    session.progress(T0 + 1000); // older than the state: counts as its start
    session.progress(T0 + 9000);
    session.progress(T0 + 5000); // late report of older output
    session.transition('tool_exec', { model: 'openai/gpt-5' }); // emits, same state
    expect(session.heartbeat).toMatchObject({ stateSince: T0 + 3000, lastProgressAt: T0 + 9000 });
  });

  it('forgets progress and activity when the state changes, and ignores progress while resting', () => {
    const session = emitter.session('agent:ops:main', { state: 'tool_exec', toolName: 'exec' });
    session.progress(undefined, 'tests 42/120');
    session.transition('awaiting_model');
    expect(session.heartbeat).not.toHaveProperty('lastProgressAt');
    expect(session.heartbeat).not.toHaveProperty('activity');
    session.transition('complete');
    session.progress(undefined, 'late output');
    session.setModel('openai/gpt-5');
    expect(session.heartbeat).not.toHaveProperty('lastProgressAt');
    expect(session.heartbeat).not.toHaveProperty('activity');
  });

  it('cuts an activity at 200 characters, and refuses one that is not text with a TypeError', () => {
    const session = emitter.session('agent:ops:main', { state: 'streaming' });
    session.progress(undefined, 'é'.repeat(300));
    session.transition('streaming', { model: 'm' });
    expect(session.heartbeat.activity).toBe('é'.repeat(200));
    expect(() => session.progress(undefined, 42 as unknown as string)).toThrow(
      new TypeError('activity must be a string, got 42'),
    );
    expect(() => session.progress(Number.NaN)).toThrow(TypeError);
  });
});

describe('tool calls (v1.1)', () => {
  it('counts repeats of the same tool with the same input, and every call of the turn', () => {
    const session = emitter.session('agent:research:main');
    const { beats } = recordEmissions(emitter);
    session.transition('awaiting_model', { turnId: 'run-1' });
    for (let call = 0; call < 3; call += 1) {
      session.toolCall('read', 'fp-a');
      session.transition('awaiting_model');
    }
    session.toolCall('read', 'fp-b'); // other input: not a repeat
    session.toolCall('read', 'fp-b');
    const calls = beats.filter((beat) => beat.state === 'tool_exec');
    expect(calls.map((beat) => [beat.toolRepeat, beat.turnToolCalls])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [1, 4],
      [2, 5],
    ]);
    // Between calls the repeat count is not shown (it is a tool state's), the turn's count is.
    expect(beats.at(-3)).toMatchObject({ state: 'awaiting_model', turnToolCalls: 3 });
    expect(beats.at(-3)).not.toHaveProperty('toolRepeat');
  });

  it('emits each call at once as a new step, even with the same tool in the same state', () => {
    const session = emitter.session('agent:research:main', { state: 'awaiting_model' });
    const { beats } = recordEmissions(emitter);
    session.toolCall('read', 'fp');
    vi.advanceTimersByTime(700);
    session.toolCall('read', 'fp');
    expect(beats).toHaveLength(2);
    expect(beats[1]).toMatchObject({ state: 'tool_exec', stateSince: T0 + 700, toolRepeat: 2 });
  });

  it('keeps the count through an approval, and starts over on a new turn', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model', turnId: 'a' });
    session.toolCall('exec', 'fp');
    session.transition('awaiting_model');
    session.toolCall('exec', 'fp');
    session.transition('tool_wait');
    expect(session.heartbeat).toMatchObject({
      state: 'tool_wait',
      toolName: 'exec',
      toolRepeat: 2,
    });
    session.transition('tool_exec');
    expect(session.heartbeat.toolRepeat).toBe(2);
    session.transition('complete');
    expect(session.heartbeat).toMatchObject({ turnToolCalls: 2 });
    session.toolCall('exec', 'fp', { turnId: 'b' }); // a new turn
    expect(session.heartbeat).toMatchObject({ turnId: 'b', toolRepeat: 1, turnToolCalls: 1 });
    session.transition('idle');
    expect(session.heartbeat).not.toHaveProperty('turnToolCalls');
  });

  it('a tool entered without a fingerprint carries no repeat count and ends the streak', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model' });
    session.toolCall('read', 'fp');
    session.transition('awaiting_model');
    session.transition('tool_exec', { toolName: 'edit' });
    expect(session.heartbeat).not.toHaveProperty('toolRepeat');
    session.transition('awaiting_model');
    session.toolCall('read', 'fp');
    expect(session.heartbeat).toMatchObject({ toolRepeat: 1, turnToolCalls: 2 });
  });

  it('a v1 host that never calls toolCall sends v1 heartbeats', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model' });
    session.transition('tool_exec', { toolName: 'exec' });
    for (const field of ['toolRepeat', 'turnToolCalls', 'lastProgressAt', 'activity', 'label']) {
      expect(session.heartbeat).not.toHaveProperty(field);
    }
  });

  it('refuses a call without a tool name or with a fingerprint over 512 characters', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model' });
    expect(() => session.toolCall('', 'fp')).toThrow(/toolName must be a string of 1–512/);
    expect(() => session.toolCall('read', 'f'.repeat(513))).toThrow(
      /fingerprint must be a string of at most 512 characters/,
    );
    expect(session.heartbeat.state).toBe('awaiting_model');
  });
});

describe('labels (v1.1)', () => {
  it('starts with the label it was given, and emits at once when it changes, never when not', () => {
    const session = emitter.session('agent:ops:subagent:7', { label: 'Ops Child' });
    expect(session.heartbeat.label).toBe('Ops Child');
    const { beats } = recordEmissions(emitter);
    expect(session.setLabel('Ops Child')).toBe(false);
    expect(session.setLabel('Ops Child (retry)')).toBe(true);
    expect(session.setLabel(undefined)).toBe(true);
    expect(beats.map((beat) => beat.label)).toEqual(['Ops Child (retry)', undefined]);
    expect(beats[1]).not.toHaveProperty('label');
  });

  it('cuts a label at 200 characters; an empty one is none', () => {
    const session = emitter.session('agent:ops:main', { label: 'x'.repeat(250) });
    expect(session.heartbeat.label).toHaveLength(200);
    session.setLabel('');
    expect(session.heartbeat).not.toHaveProperty('label');
  });
});
