import type { SessionState } from '@session-heartbeat/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatEmitter } from './create-heartbeat-emitter';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import { recordEmissions } from './test-utils/record-emissions';
import type { HeartbeatEmitter } from './types';

const T0 = 1_800_000_000_000;

describe('createHeartbeatEmitter', () => {
  let emitter: HeartbeatEmitter;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    emitter = createHeartbeatEmitter({ interval: 5000 });
  });
  afterEach(() => {
    emitter.dispose();
    vi.useRealTimers();
  });

  it('announces a new session at once with seq 1', () => {
    const { beats } = recordEmissions(emitter);
    emitter.session('agent:main:main', { model: 'openai/gpt-5' });
    expect(beats).toEqual([
      {
        sessionKey: 'agent:main:main',
        state: 'idle',
        model: 'openai/gpt-5',
        startedAt: T0,
        stateSince: T0,
        seq: 1,
        emittedAt: T0,
        reason: 'snapshot',
      },
    ]);
  });

  it('emits a transition synchronously, stamping seq, emittedAt and reason', () => {
    const session = emitter.session('agent:main:main');
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(1000);
    expect(session.transition('awaiting_model', { turnId: 'run-1' })).toBe(true);
    expect(beats).toHaveLength(1);
    expect(beats[0]).toMatchObject({
      state: 'awaiting_model',
      turnId: 'run-1',
      seq: 2,
      emittedAt: T0 + 1000,
      reason: 'transition',
    });
  });

  it('starts a turn when leaving idle, keeps it through the turn, and restarts startedAt on idle', () => {
    const session = emitter.session('agent:main:main');
    vi.advanceTimersByTime(1000);
    session.transition('awaiting_model');
    expect(session.heartbeat).toMatchObject({ startedAt: T0 + 1000, stateSince: T0 + 1000 });
    vi.advanceTimersByTime(2000);
    session.transition('streaming');
    expect(session.heartbeat).toMatchObject({ startedAt: T0 + 1000, stateSince: T0 + 3000 });
    vi.advanceTimersByTime(1000);
    session.transition('complete');
    expect(session.heartbeat).toMatchObject({ startedAt: T0 + 1000, stateSince: T0 + 4000 });
    vi.advanceTimersByTime(1000);
    session.transition('idle');
    expect(session.heartbeat).toMatchObject({ startedAt: T0 + 5000, stateSince: T0 + 5000 });
    vi.advanceTimersByTime(1000);
    session.transition('awaiting_model');
    expect(session.heartbeat).toMatchObject({ startedAt: T0 + 6000 });
  });

  it('starts a new turn on a new turnId even without passing through idle', () => {
    const session = emitter.session('agent:main:main', { state: 'streaming', turnId: 'a' });
    vi.advanceTimersByTime(500);
    session.transition('streaming', { turnId: 'b' });
    expect(session.heartbeat).toMatchObject({
      turnId: 'b',
      startedAt: T0 + 500,
      stateSince: T0 + 500,
    });
  });

  it('carries toolName only in tool_exec and tool_wait', () => {
    const session = emitter.session('agent:ops:main', { state: 'awaiting_model' });
    session.transition('tool_exec', { toolName: 'exec' });
    expect(session.heartbeat.toolName).toBe('exec');
    session.transition('tool_wait');
    expect(session.heartbeat).toMatchObject({ state: 'tool_wait', toolName: 'exec' });
    session.transition('awaiting_model');
    expect(session.heartbeat).not.toHaveProperty('toolName');
    expect(() => session.transition('streaming', { toolName: 'exec' })).toThrow(
      'toolName is only valid in tool_exec or tool_wait, not in "streaming"',
    );
  });

  it('emits when only the tool changes, and moves stateSince with it', () => {
    const session = emitter.session('agent:ops:main', { state: 'tool_exec', toolName: 'read' });
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(700);
    session.transition('tool_exec', { toolName: 'edit' });
    expect(beats).toHaveLength(1);
    expect(beats[0]).toMatchObject({ toolName: 'edit', stateSince: T0 + 700 });
  });

  it('treats a repeated state with the same details as a no-op', () => {
    const session = emitter.session('agent:main:main', { state: 'streaming' });
    const { beats } = recordEmissions(emitter);
    expect(session.transition('streaming')).toBe(false);
    expect(beats).toEqual([]);
  });

  it('records tokens without emitting; the next beat carries lastTokenAt and a new turn clears it', () => {
    const session = emitter.session('agent:main:main', { state: 'streaming' });
    const { beats } = recordEmissions(emitter);
    for (let index = 0; index < 300; index += 1) {
      vi.advanceTimersByTime(3);
      session.tokenReceived();
    }
    expect(beats).toEqual([]);
    expect(session.state).toBe('streaming');
    session.transition('complete');
    expect(beats[0]).toMatchObject({ state: 'complete', lastTokenAt: T0 + 900 });
    session.transition('idle');
    expect(beats[1]).not.toHaveProperty('lastTokenAt');
  });

  it('emits a model change at once, and nothing when the model is the same', () => {
    const session = emitter.session('agent:main:main', { model: 'openai/gpt-5' });
    const { beats } = recordEmissions(emitter);
    expect(session.setModel('openai/gpt-5')).toBe(false);
    expect(session.setModel('anthropic/claude-sonnet-4-5')).toBe(true);
    expect(beats.map((beat) => beat.model)).toEqual(['anthropic/claude-sonnet-4-5']);
  });

  it('refuses an unknown state with a precise TypeError and emits nothing', () => {
    const session = emitter.session('agent:main:main');
    const { events } = recordEmissions(emitter);
    expect(() => session.transition('foo' as SessionState)).toThrow(
      new TypeError(
        'unknown state "foo"; expected one of idle, awaiting_model, streaming, tool_exec, tool_wait, complete',
      ),
    );
    expect(() => emitter.session('agent:x:main', { state: 'busy' as SessionState })).toThrow(
      TypeError,
    );
    expect(events).toEqual([]);
    expect(session.heartbeat.seq).toBe(1);
    expect(emitter.size).toBe(1);
  });

  it.each([
    ['an empty key', ''],
    ['a 513-character key', 'k'.repeat(513)],
    ['a number', 42],
  ])('refuses %s with a TypeError and emits nothing', (_label, key) => {
    const { events } = recordEmissions(emitter);
    expect(() => emitter.session(key as string)).toThrow(
      /session key must be a string of 1–512 characters/,
    );
    expect(events).toEqual([]);
    expect(emitter.size).toBe(0);
  });

  it('accepts a 512-character key', () => {
    expect(emitter.session('k'.repeat(512)).heartbeat.seq).toBe(1);
  });

  it('refuses to create a session twice, but session() returns the existing handle', () => {
    const first = emitter.session('agent:main:main');
    expect(emitter.session('agent:main:main')).toBe(first);
    expect(() => emitter.createSession('agent:main:main')).toThrow(HeartbeatEmitterError);
  });

  it('keeps a crashed session silent and listed with its last heartbeat', () => {
    const session = emitter.session('agent:main:main', { state: 'streaming' });
    const last = session.heartbeat;
    session.crash();
    const { events } = recordEmissions(emitter);
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual([]);
    expect(emitter.snapshot()).toEqual([last]);
    expect(() => session.transition('complete')).toThrow(/has crashed; restart it first/);
  });

  it('removes a session with one removed event and nothing after it', () => {
    const session = emitter.session('agent:main:main');
    const { events } = recordEmissions(emitter);
    expect(session.remove()).toBe(true);
    expect(session.remove()).toBe(false);
    vi.advanceTimersByTime(30_000);
    expect(events).toEqual([{ type: 'removed', sessionKey: 'agent:main:main' }]);
    expect(emitter.snapshot()).toEqual([]);
    expect(emitter.get('agent:main:main')).toBeUndefined();
    expect(() => session.transition('awaiting_model')).toThrow(/was removed/);
  });

  it('keeps seq strictly increasing per session across transitions and periodic beats', () => {
    const sessions = ['a', 'b', 'c'].map((name) => emitter.session(`agent:${name}:main`));
    const { beats } = recordEmissions(emitter);
    const states: SessionState[] = ['awaiting_model', 'streaming', 'complete', 'idle'];
    for (let step = 0; step < 40; step += 1) {
      vi.advanceTimersByTime(1700);
      sessions[step % 3]?.transition(states[step % 4] ?? 'idle');
    }
    const lastSeq = new Map<string, number>();
    for (const beat of beats) {
      expect(beat.seq).toBeGreaterThan(lastSeq.get(beat.sessionKey) ?? 1);
      lastSeq.set(beat.sessionKey, beat.seq);
    }
  });

  it('delivers work done inside batch() as one event', () => {
    const { events } = recordEmissions(emitter);
    emitter.batch(() => {
      for (let index = 0; index < 5; index += 1) emitter.session(`agent:load:${index}`);
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'heartbeats' });
    expect(events[0]?.type === 'heartbeats' && events[0].heartbeats).toHaveLength(5);
  });

  it('keeps other subscribers hearing when one throws', () => {
    const onListenerError = vi.fn();
    const guarded = createHeartbeatEmitter({ onListenerError });
    const heard = vi.fn();
    guarded.subscribe(() => {
      throw new Error('boom');
    });
    guarded.subscribe(heard);
    guarded.session('agent:main:main');
    expect(heard).toHaveBeenCalledTimes(1);
    expect(onListenerError).toHaveBeenCalledWith(new Error('boom'));
    guarded.dispose();
  });

  it('gives each run its own epoch and reports its interval', () => {
    const other = createHeartbeatEmitter({ interval: 200 });
    expect(other.epoch).not.toBe(emitter.epoch);
    expect(other.epoch.length).toBeGreaterThan(8);
    expect(other.interval).toBe(200);
    other.dispose();
  });

  it('refuses an interval below 10 ms', () => {
    expect(() => createHeartbeatEmitter({ interval: 5 })).toThrow(RangeError);
  });
});

describe('seq over the emitter’s whole life', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a session removed and re-created under the same key goes on above its old seq', () => {
    vi.useFakeTimers({ now: T0 });
    const emitter = createHeartbeatEmitter({ interval: 1000 });
    const { beats } = recordEmissions(emitter);
    const first = emitter.session('agent:main:main');
    first.transition('awaiting_model');
    first.transition('streaming');
    vi.advanceTimersByTime(5000); // a few periodic beats
    const lastSeqBefore = first.heartbeat.seq;
    expect(lastSeqBefore).toBeGreaterThan(3);
    first.remove();
    const second = emitter.createSession('agent:main:main');
    // A client that missed the removal must not take the new session's beats for old ones.
    expect(second.heartbeat.seq).toBeGreaterThan(lastSeqBefore);
    vi.advanceTimersByTime(3000);
    const own = beats.filter((beat) => beat.sessionKey === 'agent:main:main').map((b) => b.seq);
    expect(own).toEqual([...own].sort((a, b) => a - b));
    expect(new Set(own).size).toBe(own.length);
    emitter.dispose();
  });

  it('never repeats or goes back per key, whatever is created, beaten and removed', () => {
    const KEYS = ['a', 'b', 'c'];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), key: fc.constantFrom(...KEYS) }),
      fc.record({ kind: fc.constant('remove' as const), key: fc.constantFrom(...KEYS) }),
      fc.record({ kind: fc.constant('transition' as const), key: fc.constantFrom(...KEYS) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        vi.useFakeTimers({ now: T0 });
        const emitter = createHeartbeatEmitter({ interval: 1000 });
        const { beats } = recordEmissions(emitter);
        const states: SessionState[] = ['awaiting_model', 'streaming', 'idle'];
        for (const op of operations) {
          if (op.kind === 'wait') vi.advanceTimersByTime(op.ms);
          else if (op.kind === 'create') emitter.session(op.key);
          else if (op.kind === 'remove') emitter.get(op.key)?.remove();
          else emitter.get(op.key)?.transition(states[beats.length % 3] ?? 'idle');
        }
        const lastSeq = new Map<string, number>();
        for (const beat of beats) {
          expect(beat.seq).toBeGreaterThan(lastSeq.get(beat.sessionKey) ?? 0);
          lastSeq.set(beat.sessionKey, beat.seq);
        }
        emitter.dispose();
        vi.useRealTimers();
      }),
    );
  });
});
