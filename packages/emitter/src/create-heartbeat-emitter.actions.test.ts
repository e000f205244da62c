import type { SessionAction } from '@session-heartbeat/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeatEmitter } from './create-heartbeat-emitter';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import { recordEmissions } from './test-utils/record-emissions';

const T0 = 1_800_000_000_000;

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('actions without a host hook', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('supports restart only, which recovers a crashed session: idle, emitting again, seq going on', () => {
    const emitter = createHeartbeatEmitter({ interval: 5000 });
    expect(emitter.actions).toEqual(['restart']);
    const session = emitter.session('agent:main:main', { state: 'tool_exec', toolName: 'exec' });
    session.crash();
    const { beats } = recordEmissions(emitter);
    vi.advanceTimersByTime(10_000);
    expect(emitter.act('agent:main:main', 'restart')).toBe(true);
    expect(beats).toEqual([
      expect.objectContaining({
        state: 'idle',
        seq: 2,
        reason: 'transition',
        startedAt: T0 + 10_000,
      }),
    ]);
    expect(beats[0]).not.toHaveProperty('toolName');
    vi.advanceTimersByTime(5000);
    expect(beats.at(-1)).toMatchObject({ reason: 'periodic', seq: 3 });
    expect(emitter.act('agent:nobody:main', 'restart')).toBe(false);
    emitter.dispose();
  });

  it('refuses an action it does not support with action_not_supported, and emits nothing', () => {
    const emitter = createHeartbeatEmitter();
    const session = emitter.session('agent:main:main', { state: 'streaming' });
    const { events } = recordEmissions(emitter);
    expect(refusal(() => emitter.act('agent:main:main', 'abort'))).toMatchObject({
      name: 'HeartbeatEmitterError',
      code: 'action_not_supported',
      message: 'this server does not support abort; it supports restart',
    });
    expect(events).toEqual([]);
    expect(session.state).toBe('streaming');
    // A refused action is no action: a restart right after it is not too soon.
    expect(emitter.act('agent:main:main', 'restart')).toBe(true);
    emitter.dispose();
  });

  it('refuses nudge or abort without onAction, and unknown actions, at creation', () => {
    expect(() => createHeartbeatEmitter({ actions: ['nudge'] })).toThrow(
      new TypeError('actions lists "nudge", but there is no onAction to run it'),
    );
    expect(() =>
      createHeartbeatEmitter({ actions: ['steer' as SessionAction], onAction: () => undefined }),
    ).toThrow(/unknown action "steer" in actions; expected nudge, abort, restart/);
    const emitter = createHeartbeatEmitter();
    emitter.session('agent:main:main');
    expect(() => emitter.act('agent:main:main', 'reboot' as SessionAction)).toThrow(TypeError);
    emitter.dispose();
  });
});

describe('actions through the host hook', () => {
  it('asks the host with the session’s newest heartbeat, and lists the actions in ladder order', () => {
    const onAction = vi.fn();
    const emitter = createHeartbeatEmitter({
      actions: ['restart', 'abort', 'nudge', 'abort'],
      onAction,
      actionCooldownMs: 0,
    });
    const session = emitter.session('agent:main:main', { state: 'streaming', turnId: 'run-7' });
    expect(emitter.actions).toEqual(['nudge', 'abort', 'restart']);
    for (const action of ['nudge', 'abort', 'restart'] as const) {
      expect(emitter.act('agent:main:main', action)).toBe(true);
    }
    expect(onAction.mock.calls).toEqual([
      ['agent:main:main', 'nudge', session.heartbeat],
      ['agent:main:main', 'abort', session.heartbeat],
      ['agent:main:main', 'restart', session.heartbeat],
    ]);
    expect(onAction.mock.calls[1]?.[2]).toMatchObject({ turnId: 'run-7' });
    // The host restarts its run itself: the emitter does not reset the session.
    expect(session.state).toBe('streaming');
    emitter.dispose();
  });

  it('reports a host hook whose promise rejects, and stays usable', async () => {
    const onListenerError = vi.fn();
    const emitter = createHeartbeatEmitter({
      actions: ['abort'],
      onAction: () => Promise.reject(new Error('gateway said no')),
      onListenerError,
      actionCooldownMs: 0,
    });
    emitter.session('agent:main:main', { state: 'streaming' });
    expect(emitter.act('agent:main:main', 'abort')).toBe(true);
    await vi.waitFor(() =>
      expect(onListenerError).toHaveBeenCalledWith(new Error('gateway said no')),
    );
    expect(emitter.act('agent:main:main', 'abort')).toBe(true);
    emitter.dispose();
  });
});

describe('the action cooldown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses an impossible actionCooldownMs with a RangeError that names it', () => {
    expect(() => createHeartbeatEmitter({ actionCooldownMs: -1 })).toThrow(
      new RangeError('actionCooldownMs must be 0 or more, got -1'),
    );
    expect(() => createHeartbeatEmitter({ actionCooldownMs: Infinity })).toThrow(RangeError);
  });

  it('refuses any action on a session within the cooldown of its last one, saying when to retry', () => {
    vi.useFakeTimers({ now: T0 });
    const onAction = vi.fn();
    const emitter = createHeartbeatEmitter({
      actions: ['nudge', 'abort', 'restart'],
      onAction,
      actionCooldownMs: 1000,
    });
    emitter.session('agent:main:main', { state: 'tool_exec', toolName: 'exec' });
    emitter.session('agent:other:main');
    expect(emitter.act('agent:main:main', 'nudge')).toBe(true);
    vi.advanceTimersByTime(400);
    const refused = refusal(() => emitter.act('agent:main:main', 'abort'));
    expect(refused).toBeInstanceOf(HeartbeatEmitterError);
    expect(refused).toMatchObject({ code: 'action_too_soon', retryAfterMs: 600 });
    expect(emitter.act('agent:other:main', 'restart')).toBe(true); // per session
    vi.advanceTimersByTime(600);
    expect(emitter.act('agent:main:main', 'abort')).toBe(true);
    expect(onAction.mock.calls.map(([key, action]) => `${key} ${action}`)).toEqual([
      'agent:main:main nudge',
      'agent:other:main restart',
      'agent:main:main abort',
    ]);
    emitter.dispose();
  });

  it('a clock stepped back does not lock actions out', () => {
    let clock = T0;
    const emitter = createHeartbeatEmitter({ now: () => clock, actionCooldownMs: 1000 });
    emitter.session('agent:main:main');
    expect(emitter.act('agent:main:main', 'restart')).toBe(true);
    clock -= 3_600_000;
    expect(emitter.act('agent:main:main', 'restart')).toBe(true);
    emitter.dispose();
  });
});
