// The mock server's clock is the real one plus a skew, and its timers are
// real: when a test moves the clock on, the scripts must not wait a real
// delay before they act at the new time.
import { classifyHealth } from '@session-heartbeat/core';
import { createHeartbeatEmitter, type EmitterTimers } from '@session-heartbeat/emitter';
import { afterEach, describe, expect, it } from 'vitest';
import { startScenario } from './start-scenario';

const T0 = 1_800_000_000_000;
const CI = 'agent:ci:main';

/** Timers that never fire: no real time passes in these tests, only the clock moves. */
function frozenTimers(): EmitterTimers {
  return { setTimeout: () => ({}), clearTimeout: () => undefined };
}

let stop: (() => void) | undefined;

afterEach(() => {
  stop?.();
  stop = undefined;
});

function start() {
  let clock = T0;
  const now = (): number => clock;
  const timers = frozenTimers();
  const emitter = createHeartbeatEmitter({ now, timers });
  const scenario = startScenario('demo', emitter, { seed: 5, now, timers });
  stop = () => {
    scenario.stop();
    emitter.dispose();
  };
  return {
    emitter,
    scenario,
    now,
    /** Until the test run is on (its turn starts within a minute), catching up every 500 ms. */
    untilTesting() {
      for (let waited = 0; emitter.heartbeat(CI)?.state !== 'tool_exec'; waited += 500) {
        if (waited > 60_000) throw new Error('the test run did not start within a minute');
        clock += 500;
        scenario.catchUp();
      }
    },
    /** Moves the clock on, as `POST /api/mock/clock {advanceMs}` does. */
    advance(ms: number, catchUp: boolean) {
      clock += ms;
      if (catchUp) scenario.catchUp();
      emitter.flushDue();
    },
  };
}

describe('catchUp', () => {
  it('runs the steps due by the moved clock: the test run reports at the new time', () => {
    const { emitter, advance, now, untilTesting } = start();
    untilTesting();
    advance(20_000, true);
    expect(emitter.heartbeat(CI)).toMatchObject({ state: 'tool_exec', lastProgressAt: now() });
    advance(20_000, true);
    const verdict = classifyHealth(emitter.heartbeat(CI), { serverNow: now() });
    expect(verdict).toMatchObject({ health: 'active' });
  });

  it('without it, a clock moved 40 s past real time finds the test run silent, stalled', () => {
    const { emitter, advance, now, untilTesting } = start();
    untilTesting();
    advance(20_000, false);
    advance(20_000, false);
    expect(classifyHealth(emitter.heartbeat(CI), { serverNow: now() })).toMatchObject({
      health: 'stalled',
      because: 'no_progress',
    });
  });
});
