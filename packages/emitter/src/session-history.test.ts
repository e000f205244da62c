import { SESSION_STATES } from '@session-heartbeat/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatEmitter } from './create-heartbeat-emitter';
import { HISTORY_MAX_AGE_MS, HISTORY_MAX_CHANGES, SessionHistory } from './session-history';
import type { HeartbeatEmitter } from './types';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

describe('a session’s history through the emitter', () => {
  let emitter: HeartbeatEmitter;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    emitter = createHeartbeatEmitter({ interval: 5000 });
  });
  afterEach(() => {
    emitter.dispose();
    vi.useRealTimers();
  });

  it('tells what happened, oldest first: states, tools, model and turn, with the last activity of each', () => {
    const session = emitter.session('agent:ops:main', { model: 'openai/gpt-5', label: 'Ops' });
    vi.advanceTimersByTime(1000);
    session.transition('awaiting_model', { turnId: 'run-1' });
    vi.advanceTimersByTime(1000);
    session.toolCall('exec', 'fp-npm-test');
    session.progress(undefined, 'tests 42/120');
    vi.advanceTimersByTime(20_000); // periodic beats are not changes
    session.progress(undefined, 'tests 120/120');
    session.setLabel('Ops (busy)'); // nor is a new name
    vi.advanceTimersByTime(1000);
    session.transition('complete');
    expect(emitter.history('agent:ops:main')).toEqual([
      { state: 'idle', at: T0, model: 'openai/gpt-5' },
      { state: 'awaiting_model', at: T0 + 1000, model: 'openai/gpt-5', turnId: 'run-1' },
      {
        state: 'tool_exec',
        at: T0 + 2000,
        toolName: 'exec',
        model: 'openai/gpt-5',
        turnId: 'run-1',
        activity: 'tests 120/120',
      },
      { state: 'complete', at: T0 + 23_000, model: 'openai/gpt-5', turnId: 'run-1' },
    ]);
  });

  it('answers from `since`, by default the last 60 minutes', () => {
    const session = emitter.session('agent:ops:main');
    vi.advanceTimersByTime(30 * MINUTE);
    session.transition('awaiting_model');
    vi.advanceTimersByTime(40 * MINUTE);
    session.transition('streaming');
    expect(emitter.history('agent:ops:main')?.map((change) => change.state)).toEqual([
      'awaiting_model',
      'streaming',
    ]);
    expect(emitter.history('agent:ops:main', T0 + 70 * MINUTE)).toEqual([
      { state: 'streaming', at: T0 + 70 * MINUTE },
    ]);
    // Older than 60 minutes is never answered, whatever `since` asks.
    expect(emitter.history('agent:ops:main', 0)).toHaveLength(2);
  });

  it('keeps a crashed session’s history and a restart’s change; forgets a removed one', () => {
    const session = emitter.session('agent:ops:main', { state: 'streaming' });
    session.crash();
    expect(emitter.history('agent:ops:main')).toHaveLength(1);
    emitter.act('agent:ops:main', 'restart');
    expect(emitter.history('agent:ops:main')?.map((change) => change.state)).toEqual([
      'streaming',
      'idle',
    ]);
    session.remove();
    expect(emitter.history('agent:ops:main')).toBeUndefined();
    emitter.session('agent:ops:main');
    expect(emitter.history('agent:ops:main')).toHaveLength(1); // a new session, a new history
    expect(emitter.history('agent:nobody:main')).toBeUndefined();
  });

  it('stays bounded however many changes 1,000 sessions make: the newest 256 each', () => {
    const sessions = Array.from({ length: 1000 }, (_, index) =>
      emitter.session(`agent:load:${index}`),
    );
    for (let round = 0; round < 300; round += 1) {
      vi.advanceTimersByTime(100);
      for (const session of sessions) {
        session.transition(round % 2 === 0 ? 'awaiting_model' : 'complete');
      }
    }
    let kept = 0;
    for (const session of sessions) kept += emitter.history(session.key, 0)?.length ?? 0;
    expect(kept).toBe(1000 * HISTORY_MAX_CHANGES);
    const newest = emitter.history('agent:load:999', 0) ?? [];
    expect(newest.at(-1)).toMatchObject({ state: 'complete', at: T0 + 300 * 100 });
    expect(newest[0]?.at).toBe(T0 + (300 - HISTORY_MAX_CHANGES + 1) * 100);
  });
});

describe('SessionHistory', () => {
  it('never holds more than 256 changes, nor any older than 60 minutes once a newer one comes', () => {
    const history = new SessionHistory();
    for (let index = 0; index < 10_000; index += 1) {
      history.push(SESSION_STATES[index % 6] ?? 'idle', T0 + index, 'read', 'm', `t${index % 7}`);
      expect(history.size).toBeLessThanOrEqual(HISTORY_MAX_CHANGES);
    }
    expect(history.size).toBe(HISTORY_MAX_CHANGES);
    // A change exactly 60 minutes old is still within the last 60 minutes; one more ms is not.
    const later = T0 + 9999 + HISTORY_MAX_AGE_MS;
    history.push('complete', later, undefined, undefined, undefined);
    expect(history.size).toBe(2);
    history.push('idle', later + 1, undefined, undefined, undefined);
    expect(history.size).toBe(2);
    expect(history.read(0, later + 1)).toEqual([
      { state: 'complete', at: later },
      { state: 'idle', at: later + 1 },
    ]);
  });

  it('answers nothing older than 60 minutes even before a newer change evicts it', () => {
    const history = new SessionHistory();
    history.push('streaming', T0, undefined, undefined, undefined);
    expect(history.read(0, T0 + HISTORY_MAX_AGE_MS)).toHaveLength(1);
    expect(history.read(0, T0 + HISTORY_MAX_AGE_MS + 1)).toEqual([]);
  });

  it('keeps each change’s own details and activity when it grows and wraps around', () => {
    const history = new SessionHistory();
    for (let index = 0; index < 300; index += 1) {
      history.push('tool_exec', T0 + index, `tool-${index}`, undefined, undefined);
      if (index % 3 === 0) history.setActivity(`step ${index}`);
    }
    const changes = history.read(0, T0 + 300);
    expect(changes).toHaveLength(256);
    expect(changes[0]).toEqual({
      state: 'tool_exec',
      at: T0 + 44,
      toolName: 'tool-44',
    });
    expect(changes[1]).toEqual({
      state: 'tool_exec',
      at: T0 + 45,
      toolName: 'tool-45',
      activity: 'step 45',
    });
    expect(changes.at(-1)).toEqual({ state: 'tool_exec', at: T0 + 299, toolName: 'tool-299' });
    expect(changes.at(-3)).toEqual({
      state: 'tool_exec',
      at: T0 + 297,
      toolName: 'tool-297',
      activity: 'step 297',
    });
  });
});
