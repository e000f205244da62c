import type { EmitterTimers, HeartbeatEmitter } from '@session-heartbeat/emitter';
import { createActorEngine, type ActorContext, type ActorScript } from '../create-actor-engine';
import { createRandom, deriveSeed } from '../create-random';
import type { RunningScenario } from '../scenario-types';
import { DEMO_CAST } from '../start-demo-scenario';
import {
  createGatewaySessionDriver,
  type GatewaySessionDriver,
} from './create-gateway-session-driver';
import { createSimulatedGateway, type SimulatedGateway } from './create-simulated-gateway';
import { abortedAnswers, flakyProvider, subagentTask } from './openclaw-scripts';

/** The `openclaw` scenario: the demo cast, driven through gateway events and the bridge. */
export interface OpenClawScenario extends RunningScenario {
  /** The simulated gateway: its raw events, its session list, and the bridge it feeds. */
  readonly gateway: SimulatedGateway;
}

/** Whether a running scenario is the `openclaw` one (it carries a simulated gateway). */
export function isOpenClawScenario(scenario: RunningScenario): scenario is OpenClawScenario {
  return scenario.name === 'openclaw' && 'gateway' in scenario;
}

export interface OpenClawScenarioOptions {
  seed: number;
  now: () => number;
  timers: EmitterTimers;
}

type DriverScript = (driver: GatewaySessionDriver) => (context: ActorContext) => ActorScript;

/** Members only this scenario has: what the demo scripts cannot say in gateway terms. */
export const OPENCLAW_EXTRA_CAST: readonly {
  sessionKey: string;
  model: string;
  script: DriverScript;
}[] = [
  {
    sessionKey: 'agent:main:webchat:direct:operator',
    model: 'anthropic/claude-opus-4-1',
    script: abortedAnswers,
  },
  {
    sessionKey: 'agent:ops:cron:nightly-backup',
    model: 'openai/gpt-5-mini',
    script: flakyProvider,
  },
];

/** How often the session list is read again, as a Control UI does on `sessions.changed`. */
const LIST_SYNC_MS = 15_000;
/** The gateway's own (unrelated) heartbeat feature reports a wake-up this often. */
const GATEWAY_HEARTBEAT_MS = 30_000;
const SUBAGENT_EVERY_MS: [number, number] = [40_000, 90_000];
const MAX_SUBAGENTS = 2;

/**
 * Starts the demo cast (plus an aborting and a flaky session, and subagent
 * sessions that come and go) as a simulated OpenClaw gateway: scripts make
 * gateway events and session-list rows, `createOpenClawBridge` turns them
 * into heartbeats on `emitter`. Deterministic for a seed and a clock.
 */
export function startOpenClawScenario(
  emitter: HeartbeatEmitter,
  options: OpenClawScenarioOptions,
): OpenClawScenario {
  const { seed, now, timers } = options;
  const gateway = createSimulatedGateway(
    emitter,
    now,
    createRandom(deriveSeed(seed, 1000)),
    createRandom(deriveSeed(seed, 1002)),
  );
  const engine = createActorEngine(emitter, now, timers);
  const spawnRandom = createRandom(deriveSeed(seed, 1001));
  const handles = new Set<unknown>();
  let subagents = 0;
  let stopped = false;

  const drivers = new Map<string, GatewaySessionDriver>();
  const drive = (sessionKey: string): GatewaySessionDriver => {
    const driver = createGatewaySessionDriver(sessionKey, gateway, emitter);
    drivers.set(sessionKey, driver);
    return driver;
  };

  emitter.batch(() => {
    for (const member of DEMO_CAST) {
      gateway.listSession(member.sessionKey, member.model, member.label);
    }
    for (const member of OPENCLAW_EXTRA_CAST) gateway.listSession(member.sessionKey, member.model);
    for (const { sessionKey } of [...DEMO_CAST, ...OPENCLAW_EXTRA_CAST])
      gateway.seedHistory(sessionKey);
    gateway.syncList();
  });
  DEMO_CAST.forEach((member, index) => {
    const driver = drive(member.sessionKey);
    engine.add(driver, member.script, createRandom(deriveSeed(seed, index)), 0);
  });
  OPENCLAW_EXTRA_CAST.forEach((member, offset) => {
    const index = DEMO_CAST.length + offset;
    const driver = drive(member.sessionKey);
    engine.add(driver, member.script(driver), createRandom(deriveSeed(seed, index)), 0);
  });

  function every(delay: () => number, work: () => void): void {
    const handle = timers.setTimeout(() => {
      handles.delete(handle);
      if (stopped) return;
      work();
      every(delay, work);
    }, delay());
    handles.add(handle);
  }

  every(
    () => LIST_SYNC_MS,
    () => gateway.syncList(),
  );
  every(
    () => GATEWAY_HEARTBEAT_MS,
    () => gateway.broadcast('heartbeat', { ts: now(), status: 'ok-empty', durationMs: 1200 }),
  );
  every(
    () => spawnRandom.between(...SUBAGENT_EVERY_MS),
    () => {
      const listed = gateway.sessionsList().sessions;
      if (listed.filter((row) => row.key.includes(':subagent:')).length >= MAX_SUBAGENTS) return;
      subagents += 1;
      // Subagents leave the list when done: forget their drivers, so a long demo holds none.
      for (const key of drivers.keys()) if (emitter.get(key) === undefined) drivers.delete(key);
      const sessionKey = `agent:research:subagent:task-${subagents}`;
      gateway.listSession(sessionKey, 'anthropic/claude-sonnet-4-5', `research task ${subagents}`);
      emitter.batch(() => gateway.syncList());
      const driver = drive(sessionKey);
      engine.add(
        driver,
        subagentTask(driver),
        createRandom(deriveSeed(seed, 2000 + subagents)),
        500,
      );
    },
  );

  return {
    name: 'openclaw',
    gateway,
    release: (sessionKey) => engine.release(sessionKey),
    isDriving: (sessionKey) => engine.isDriving(sessionKey),
    catchUp: () => engine.catchUp(),
    act(sessionKey, action) {
      // Abort is the gateway's chat.abort: `aborted` at once, which the bridge
      // makes `complete`. Restart is the mock's own (the gateway has none).
      if (action === 'abort') drivers.get(sessionKey)?.abort();
      else if (action === 'restart') emitter.get(sessionKey)?.recover();
    },
    stop() {
      stopped = true;
      for (const handle of handles) timers.clearTimeout(handle);
      handles.clear();
      engine.stop();
    },
  };
}
