import { defaultTimers, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { actOnSession } from './act-on-session';
import { createActorEngine } from './create-actor-engine';
import { startOpenClawScenario } from './openclaw/start-openclaw-scenario';
import { startDemoScenario } from './start-demo-scenario';
import { startLoadScenario } from './start-load-scenario';
import {
  MAX_LOAD_SESSIONS,
  isScenarioName,
  type RunningScenario,
  type ScenarioName,
  type ScenarioOptions,
} from './scenario-types';

/**
 * Starts a scenario on an emitter. Isomorphic: time and timers come from the
 * options (default: the platform's), randomness from `seed`, so a browser
 * story can run it and a test can replay it.
 *
 * @example
 * const emitter = createHeartbeatEmitter();
 * const scenario = startScenario('demo', emitter, { seed: 7 });
 */
export function startScenario(
  name: ScenarioName,
  emitter: HeartbeatEmitter,
  options: ScenarioOptions = {},
): RunningScenario {
  if (!isScenarioName(name)) {
    throw new TypeError(
      `unknown scenario ${JSON.stringify(name)}; expected demo, load, quiet or openclaw`,
    );
  }
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => emitter.now());
  const timers = options.timers ?? defaultTimers;

  if (name === 'load') {
    const sessions = options.sessions ?? 1000;
    const rate = options.rate ?? 100;
    if (!Number.isInteger(sessions) || sessions < 0 || sessions > MAX_LOAD_SESSIONS) {
      throw new RangeError(
        `sessions must be an integer from 0 to ${MAX_LOAD_SESSIONS}, got ${sessions}`,
      );
    }
    if (!Number.isFinite(rate) || rate < 0) {
      throw new RangeError(`rate must be a number of transitions per second ≥ 0, got ${rate}`);
    }
    return {
      name,
      ...startLoadScenario(emitter, { sessions, rate, seed, now, timers }),
      act: (sessionKey, action) => actOnSession(emitter, sessionKey, action),
      // The load ticks every 50 ms and makes up what it owes by the clock: nothing to catch up.
      catchUp: () => undefined,
    };
  }

  if (name === 'openclaw') return startOpenClawScenario(emitter, { seed, now, timers });

  const engine = createActorEngine(emitter, now, timers);
  if (name === 'demo') startDemoScenario(emitter, engine, seed);
  return {
    name,
    release: (sessionKey) => engine.release(sessionKey),
    isDriving: (sessionKey) => engine.isDriving(sessionKey),
    act: (sessionKey, action) => actOnSession(emitter, sessionKey, action),
    catchUp: () => engine.catchUp(),
    stop: () => engine.stop(),
  };
}
