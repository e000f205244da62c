import { describe, expect, it } from 'vitest';
import { applyTransition, createSessionRecord, stampHeartbeat } from './session-record';

const T0 = 1_800_000_000_000;
const KEY = 'agent:main:main';

describe('createSessionRecord', () => {
  it('starts idle by default, and an idle session carries no turn whatever it was given', () => {
    expect(createSessionRecord(KEY, { turnId: 't1' }, T0, 0)).toMatchObject({
      state: 'idle',
      turnId: undefined,
      startedAt: T0,
    });
    expect(createSessionRecord(KEY, { state: 'streaming', turnId: 't1' }, T0, 0).turnId).toBe('t1');
  });
});

describe('applyTransition: turns, tools and clocks', () => {
  it('a state change within a turn keeps the turn, its start, its model and its last token', () => {
    const record = createSessionRecord(
      KEY,
      { state: 'streaming', turnId: 't1', model: 'm' },
      T0,
      0,
    );
    record.lastTokenAt = T0 + 500;
    expect(applyTransition(record, 'tool_exec', { toolName: 'exec' }, T0 + 1000)).toBe(true);
    expect(record).toMatchObject({
      state: 'tool_exec',
      turnId: 't1',
      model: 'm',
      toolName: 'exec',
      startedAt: T0,
      stateSince: T0 + 1000,
      lastTokenAt: T0 + 500,
    });
  });

  it('a new turn id starts a new turn: the start moves, the last token and the old tool go', () => {
    const record = createSessionRecord(
      KEY,
      { state: 'tool_exec', turnId: 't1', toolName: 'exec' },
      T0,
      0,
    );
    record.lastTokenAt = T0 + 500;
    applyTransition(record, 'tool_wait', { turnId: 't2' }, T0 + 1000);
    expect(record).toMatchObject({
      state: 'tool_wait',
      turnId: 't2',
      toolName: undefined,
      startedAt: T0 + 1000,
      lastTokenAt: undefined,
    });
  });

  it('going idle drops the turn and restarts the clock', () => {
    const record = createSessionRecord(KEY, { state: 'complete', turnId: 't1' }, T0, 0);
    applyTransition(record, 'idle', {}, T0 + 1000);
    expect(record).toMatchObject({ state: 'idle', turnId: undefined, startedAt: T0 + 1000 });
  });

  it('a model change alone is a change, but not of state: stateSince stays', () => {
    const record = createSessionRecord(
      KEY,
      { state: 'streaming', turnId: 't1', model: 'a' },
      T0,
      0,
    );
    expect(applyTransition(record, 'streaming', { model: 'b' }, T0 + 1000)).toBe(true);
    expect(record).toMatchObject({ model: 'b', stateSince: T0, startedAt: T0 });
    expect(applyTransition(record, 'streaming', { model: 'b' }, T0 + 2000)).toBe(false);
  });
});

describe('stampHeartbeat', () => {
  it('leaves out what the session does not have, so the wire carries no empty fields', () => {
    const heartbeat = stampHeartbeat(createSessionRecord(KEY, {}, T0, 0), 'transition', T0);
    for (const field of ['turnId', 'model', 'toolName', 'lastTokenAt']) {
      expect(Object.hasOwn(heartbeat, field)).toBe(false);
    }
    expect(heartbeat).toMatchObject({ sessionKey: KEY, seq: 1, state: 'idle' });
  });
});
