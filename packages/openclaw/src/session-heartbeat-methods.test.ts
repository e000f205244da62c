import type { HeartbeatEmitterOptions } from '@session-heartbeat/emitter';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock } from '@session-heartbeat/emitter/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { sessionHeartbeatSnapshot } from './gateway-broadcast';
import { SESSION_HEARTBEAT_WRITE_METHODS } from './gateway-types';
import {
  answerSessionHeartbeatRequest,
  createSessionHeartbeatMethods,
} from './session-heartbeat-methods';

const T0 = 1_800_000_000_000;

function setup(options: HeartbeatEmitterOptions = {}) {
  const clock = createManualClock(T0);
  const emitter = createHeartbeatEmitter({
    now: clock.now,
    timers: clock.timers,
    interval: 1000,
    epoch: 'epoch-1',
    ...options,
  });
  return { clock, emitter };
}

describe('answerSessionHeartbeatRequest', () => {
  it('answers a snapshot, one session, and a restart; other methods stay the host’s', () => {
    const { emitter } = setup();
    emitter.session('agent:main:main').transition('streaming', { turnId: 'r' });
    expect(answerSessionHeartbeatRequest(emitter, 'session.heartbeat.snapshot', {})).toEqual({
      ok: true,
      payload: sessionHeartbeatSnapshot(emitter),
    });
    expect(sessionHeartbeatSnapshot(emitter)).toMatchObject({
      type: 'snapshot',
      epoch: 'epoch-1',
      interval: 1000,
      heartbeats: [{ sessionKey: 'agent:main:main', state: 'streaming' }],
    });
    expect(
      answerSessionHeartbeatRequest(emitter, 'session.heartbeat.get', {
        sessionKey: 'agent:main:main',
      }),
    ).toMatchObject({ ok: true, payload: { serverTime: T0, heartbeat: { state: 'streaming' } } });
    expect(
      answerSessionHeartbeatRequest(emitter, 'session.heartbeat.get', {
        sessionKey: 'agent:x:main',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(answerSessionHeartbeatRequest(emitter, 'session.heartbeat.get', null)).toMatchObject({
      ok: false,
    });
    expect(
      answerSessionHeartbeatRequest(emitter, 'session.heartbeat.restart', {
        sessionKey: 'agent:main:main',
      }),
    ).toEqual({ ok: true, payload: { serverTime: T0 } });
    expect(emitter.heartbeat('agent:main:main')?.state).toBe('idle');
    // The gateway's own heartbeat feature keeps its names.
    for (const method of ['last-heartbeat', 'set-heartbeats', 'heartbeat', 'sessions.list']) {
      expect(answerSessionHeartbeatRequest(emitter, method, {})).toBeUndefined();
    }
  });

  it('answers a session’s history from `since`, as GET …/history does', () => {
    const { clock, emitter } = setup();
    const session = emitter.session('agent:main:main');
    clock.advance(1000);
    session.transition('awaiting_model', { turnId: 'r' });
    const method = 'session.heartbeat.history';
    expect(
      answerSessionHeartbeatRequest(emitter, method, { sessionKey: 'agent:main:main' }),
    ).toEqual({
      ok: true,
      payload: {
        serverTime: T0 + 1000,
        epoch: 'epoch-1',
        changes: [
          { state: 'idle', at: T0 },
          { state: 'awaiting_model', at: T0 + 1000, turnId: 'r' },
        ],
      },
    });
    expect(
      answerSessionHeartbeatRequest(emitter, method, {
        sessionKey: 'agent:main:main',
        since: T0 + 1,
      }),
    ).toMatchObject({ ok: true, payload: { changes: [{ state: 'awaiting_model' }] } });
    expect(
      answerSessionHeartbeatRequest(emitter, method, { sessionKey: 'agent:main:main', since: 'x' }),
    ).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: `${method}: since must be a number of ms` },
    });
    expect(answerSessionHeartbeatRequest(emitter, method, { sessionKey: 'agent:x' })).toMatchObject(
      {
        ok: false,
        error: { message: 'unknown session "agent:x"' },
      },
    );
  });

  it('lists the actions and runs one, sharing the emitter’s cooldown with HTTP', () => {
    const onAction = vi.fn();
    const { clock, emitter } = setup({ actions: ['abort'], onAction, actionCooldownMs: 1000 });
    emitter.session('agent:main:main', { state: 'streaming', turnId: 'run-9' });
    expect(answerSessionHeartbeatRequest(emitter, 'session.heartbeat.actions', {})).toEqual({
      ok: true,
      payload: { actions: ['abort'] },
    });
    const abort = { sessionKey: 'agent:main:main', action: 'abort' };
    expect(answerSessionHeartbeatRequest(emitter, 'session.heartbeat.action', abort)).toEqual({
      ok: true,
      payload: { serverTime: T0 },
    });
    expect(onAction).toHaveBeenCalledWith(
      'agent:main:main',
      'abort',
      expect.objectContaining({ turnId: 'run-9' }),
    );
    clock.advance(400);
    expect(answerSessionHeartbeatRequest(emitter, 'session.heartbeat.action', abort)).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message: 'session "agent:main:main" was just acted on; try again in 600 ms',
        retryable: true,
        retryAfterMs: 600,
      },
    });
    clock.advance(600);
    expect(
      answerSessionHeartbeatRequest(emitter, 'session.heartbeat.restart', {
        sessionKey: 'agent:main:main',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: 'this server does not support restart; it supports abort',
        details: { reason: 'not_supported' },
      },
    });
    expect(
      answerSessionHeartbeatRequest(emitter, 'session.heartbeat.action', {
        sessionKey: 'agent:main:main',
        action: 'steer',
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('action must be one of') },
    });
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it('comes as gateway-shaped handlers too, acting ones marked for the write scope', () => {
    const { emitter } = setup();
    const methods = createSessionHeartbeatMethods(emitter);
    expect(Object.keys(methods)).toEqual([
      'session.heartbeat.snapshot',
      'session.heartbeat.get',
      'session.heartbeat.history',
      'session.heartbeat.actions',
      'session.heartbeat.action',
      'session.heartbeat.restart',
    ]);
    expect([...SESSION_HEARTBEAT_WRITE_METHODS]).toEqual([
      'session.heartbeat.action',
      'session.heartbeat.restart',
    ]);
    const answers: unknown[][] = [];
    methods['session.heartbeat.snapshot']({ respond: (...args) => answers.push(args) });
    methods['session.heartbeat.get']({ params: {}, respond: (...args) => answers.push(args) });
    expect(answers[0]?.[0]).toBe(true);
    expect(answers[1]).toEqual([
      false,
      undefined,
      {
        code: 'INVALID_REQUEST',
        message: 'session.heartbeat.get: sessionKey must be a session key',
      },
    ]);
  });
});
