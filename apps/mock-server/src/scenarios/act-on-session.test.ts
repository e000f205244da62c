// The scenarios as the mock's host: actions asked of the emitter reach the
// scenario (its `onAction`), which acts on scripted sessions mid-turn.
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock, type ManualClock } from '@session-heartbeat/emitter/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { NUDGE_ACTIVITY } from './act-on-session';
import { scenarioActions, type ScenarioName } from './scenario-types';
import { startScenario } from './start-scenario';

let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  stop = undefined;
});

/** A scenario on a manual clock, its emitter asking it to act, as the mock server wires them. */
function start(name: ScenarioName): { clock: ManualClock; emitter: HeartbeatEmitter } {
  const clock = createManualClock();
  const emitter = createHeartbeatEmitter({
    now: clock.now,
    timers: clock.timers,
    actions: scenarioActions(name),
    // Called only after the scenario below exists.
    onAction: (sessionKey, action) => scenario.act(sessionKey, action),
    actionCooldownMs: 0,
  });
  const scenario = startScenario(name, emitter, { seed: 3, now: clock.now, timers: clock.timers });
  stop = () => {
    scenario.stop();
    emitter.dispose();
  };
  return { clock, emitter };
}

function advanceUntil(clock: ManualClock, done: () => boolean, limitMs = 120_000): void {
  for (let waited = 0; !done(); waited += 500) {
    if (waited > limitMs) throw new Error(`not within ${limitMs} ms`);
    clock.advance(500);
  }
}

describe.each(['demo', 'openclaw'] as const)('actions in the %s scenario', (name) => {
  const key = 'agent:ci:main';

  it('abort mid-turn: complete at once, the script does not carry on, then starts over', () => {
    const { clock, emitter } = start(name);
    advanceUntil(clock, () => emitter.heartbeat(key)?.state === 'tool_exec');
    const { turnId } = emitter.heartbeat(key) ?? {};
    expect(emitter.act(key, 'abort')).toBe(true);
    expect(emitter.heartbeat(key)).toMatchObject({ state: 'complete', turnId });
    // Its test run would have reported every second: nothing of it comes now.
    clock.advance(2000);
    expect(emitter.heartbeat(key)).toMatchObject({ state: 'complete' });
    expect(emitter.heartbeat(key)).not.toHaveProperty('activity');
    advanceUntil(clock, () => emitter.heartbeat(key)?.state === 'awaiting_model', 60_000);
    expect(emitter.heartbeat(key)?.turnId).not.toBe(turnId);
  });

  it('restart: the session is idle at once, and its script starts over', () => {
    const { clock, emitter } = start(name);
    advanceUntil(clock, () => emitter.heartbeat(key)?.state === 'tool_exec');
    expect(emitter.act(key, 'restart')).toBe(true);
    expect(emitter.heartbeat(key)).toMatchObject({ state: 'idle', reason: 'transition' });
    clock.advance(2000);
    expect(emitter.heartbeat(key)?.state).toBe('idle');
    advanceUntil(clock, () => emitter.heartbeat(key)?.state === 'awaiting_model', 60_000);
  });
});

describe('nudge', () => {
  it('in the demo, a working session reports at once, seen in its next beat', () => {
    const { clock, emitter } = start('demo');
    const hanging = 'agent:build:main';
    // The hanging tool: exec or browser, silent for 45–90 s.
    advanceUntil(clock, () => {
      const beat = emitter.heartbeat(hanging);
      return beat?.state === 'tool_exec' && beat.toolName !== 'read';
    });
    clock.advance(40_000);
    const before = emitter.heartbeat(hanging);
    expect(before).not.toHaveProperty('lastProgressAt');
    expect(emitter.act(hanging, 'nudge')).toBe(true);
    const nudgedAt = clock.now();
    clock.advance(5000);
    expect(emitter.heartbeat(hanging)).toMatchObject({
      state: 'tool_exec',
      stateSince: before?.stateSince,
      lastProgressAt: nudgedAt,
      activity: NUDGE_ACTIVITY,
    });
  });

  it('is not offered by the openclaw scenario: the gateway has no method for it', () => {
    const { emitter } = start('openclaw');
    expect(emitter.actions).toEqual(['abort', 'restart']);
    expect(() => emitter.act('agent:ci:main', 'nudge')).toThrow(/does not support nudge/);
  });
});
