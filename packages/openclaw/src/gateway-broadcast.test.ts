import { parseServerFrame } from '@session-heartbeat/core';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { describe, expect, it } from 'vitest';
import {
  createGatewayBroadcast,
  toGatewayEvent,
  type SessionHeartbeatPayload,
} from './gateway-broadcast';
import { createManualClock } from '@session-heartbeat/emitter/test-utils';

const T0 = 1_800_000_000_000;

function setup() {
  const clock = createManualClock(T0);
  const emitter = createHeartbeatEmitter({
    now: clock.now,
    timers: clock.timers,
    interval: 1000,
    epoch: 'epoch-1',
  });
  const sent: { event: string; payload: SessionHeartbeatPayload }[] = [];
  const broadcast = createGatewayBroadcast(
    emitter,
    (event, payload) => sent.push({ event, payload }),
    { timers: clock.timers },
  );
  return { clock, emitter, sent, broadcast };
}

describe('createGatewayBroadcast', () => {
  it('broadcasts every emission as a namespaced session.heartbeat event with epoch and serverTime', () => {
    const { clock, emitter, sent } = setup();
    const session = emitter.session('agent:main:main');
    clock.advance(10);
    session.transition('awaiting_model', { turnId: 'run-1' });
    session.remove();
    expect(sent.map((entry) => entry.event)).toEqual([
      'session.heartbeat',
      'session.heartbeat',
      'session.heartbeat',
    ]);
    expect(sent.map((entry) => entry.payload.type)).toEqual([
      'heartbeats',
      'heartbeats',
      'removed',
    ]);
    expect(sent[1]?.payload).toMatchObject({
      type: 'heartbeats',
      serverTime: T0 + 10,
      epoch: 'epoch-1',
      heartbeats: [{ sessionKey: 'agent:main:main', state: 'awaiting_model', turnId: 'run-1' }],
    });
    expect(sent[2]?.payload).toEqual({
      type: 'removed',
      serverTime: T0 + 10,
      epoch: 'epoch-1',
      sessionKey: 'agent:main:main',
    });
    // Every payload is a frame of the contract.
    for (const { payload } of sent) expect(parseServerFrame(payload).ok).toBe(true);
  });

  it('pings after an interval with nothing sent, and stops when told', () => {
    const { clock, sent, broadcast } = setup();
    clock.advance(999);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual([
      {
        event: 'session.heartbeat',
        payload: { type: 'ping', serverTime: T0 + 1000, epoch: 'epoch-1' },
      },
    ]);
    clock.advance(2000);
    expect(sent).toHaveLength(3);
    broadcast.stop();
    clock.advance(5000);
    expect(sent).toHaveLength(3);
    expect(broadcast.sent).toBe(3);
  });

  it('does not ping a broadcast that keeps talking (periodic beats count)', () => {
    const { clock, emitter, sent } = setup();
    emitter.session('agent:main:main');
    clock.advance(10_000);
    expect(sent.length).toBeGreaterThan(5);
    expect(sent.every((entry) => entry.payload.type === 'heartbeats')).toBe(true);
  });
});

describe('toGatewayEvent', () => {
  it('builds the gateway frame, numbered when the caller numbers it', () => {
    const hub = { epoch: 'e', now: () => T0 };
    expect(toGatewayEvent({ type: 'removed', sessionKey: 'global' }, hub, 42)).toEqual({
      type: 'event',
      event: 'session.heartbeat',
      payload: { type: 'removed', serverTime: T0, epoch: 'e', sessionKey: 'global' },
      seq: 42,
    });
    expect(toGatewayEvent({ type: 'ping' }, hub)).not.toHaveProperty('seq');
  });
});
