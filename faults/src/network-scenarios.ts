import {
  Checks,
  commonFigures,
  expectDeaf,
  measureRecovery,
  sleep,
  startWorld,
  type Scenario,
  type ScenarioFigures,
} from './scenario-kit';

/** Node scenarios run at interval 1 s with unresponsive after 3 s: the defaults (5 s, 15 s) scaled by 1/5. */
export const NODE_SCALE = 'interval 1 s, unresponsive 3 s';
/** RSS of a mock server with 200 load sessions, tsx included, measured ≈ 110 MB; the bound leaves room. */
const SMALL_SERVER_RSS_MB = 200;

/** Waits long enough for the client's silence limit (2 × interval) to run out, with room for a busy machine. */
const deafWithin = (interval: number): number => 2 * interval + 2000;

const killAndRestart: Scenario = {
  name: 'server kill -9, restart on the same port',
  where: 'node',
  scale: NODE_SCALE,
  async run(): Promise<ScenarioFigures> {
    const checks = new Checks();
    const world = await startWorld();
    try {
      const killedAt = performance.now();
      const restarting = world.killAndRestart(3000);
      const detectMs = await expectDeaf(world, killedAt, deafWithin(world.interval), checks);
      const reachableAt = await restarting;
      const recovery = await measureRecovery(world, reachableAt, checks);
      const state = world.observed.state();
      const batch = (await (await fetch(`${world.server.url}/api/sessions/heartbeat`)).json()) as {
        epoch: string;
      };
      checks.expect(state.epoch === batch.epoch, 'the client still holds the old run');
      checks.expect(
        state.sessions.size === world.sessions,
        `${state.sessions.size} sessions shown`,
      );
      return {
        ...recovery,
        ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
        note: `down noticed in ${Math.round(detectMs)} ms`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

function partition(seconds: number): Scenario {
  return {
    name: `partition of ${seconds} s`,
    where: 'node',
    scale: `${NODE_SCALE}; ${seconds} s real`,
    async run() {
      const checks = new Checks();
      const world = await startWorld();
      try {
        const startedAt = performance.now();
        world.proxy.setMode({ kind: 'partition' });
        let note = 'shorter than the silence limit: no gap shown';
        if (seconds * 1000 > deafWithin(world.interval)) {
          const detectMs = await expectDeaf(world, startedAt, deafWithin(world.interval), checks);
          note = `gap noticed in ${Math.round(detectMs)} ms`;
        }
        await sleep(Math.max(0, startedAt + seconds * 1000 - performance.now()));
        world.proxy.setMode({ kind: 'forward' });
        const recovery = await measureRecovery(world, performance.now(), checks);
        return {
          ...recovery,
          ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
          note,
          failures: checks.failures,
        };
      } finally {
        await world.close();
      }
    },
  };
}

const halfOpen: Scenario = {
  name: 'half-open connection',
  where: 'node',
  scale: NODE_SCALE,
  async run() {
    const checks = new Checks();
    const world = await startWorld();
    try {
      const startedAt = performance.now();
      world.proxy.halfOpen();
      const detectMs = await expectDeaf(world, startedAt, deafWithin(world.interval), checks);
      // New connections pass: the server is reachable as soon as the client asks again.
      const recovery = await measureRecovery(world, startedAt + detectMs, checks);
      return {
        ...recovery,
        ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
        note: `dead connection noticed in ${Math.round(detectMs)} ms`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

const latencySpikes: Scenario = {
  name: '2 s latency spikes',
  where: 'node',
  scale: `${NODE_SCALE}; 2 spikes of 2 s added delay, 4 s each`,
  async run() {
    const checks = new Checks();
    const world = await startWorld();
    try {
      let gaps = 0;
      for (let spike = 0; spike < 2; spike += 1) {
        const wasDeaf = world.observed.record.deafAt;
        world.proxy.setMode({ kind: 'latency', delayMs: 2000 });
        await sleep(4000);
        world.proxy.setMode({ kind: 'forward' });
        await sleep(2000);
        if (world.observed.record.deafAt !== wasDeaf) gaps += 1;
      }
      const recovery = await measureRecovery(world, performance.now(), checks);
      return {
        ...recovery,
        ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
        note: `${gaps} of 2 spikes shown as a gap (unknown, reconnect)`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

const RECREATED = ['agent:load:bench:direct:000001', 'agent:load:bench:direct:000002'];
const GONE = 'agent:load:bench:direct:000003';
const NEW = 'agent:fault:new:main';

const deleteRecreateDuringPartition: Scenario = {
  name: 'sessions deleted and re-created during a partition',
  where: 'node',
  scale: `${NODE_SCALE}; 5 s partition, then 3 × unresponsive watched`,
  async run() {
    const checks = new Checks();
    const world = await startWorld({ isBeating: (key) => key !== GONE });
    try {
      const { control } = world;
      // Sessions that lived a while (seq ≈ 30): a re-created one restarting
      // its seq would then be taken for old news for ≈ 30 beats.
      for (let turn = 0; turn < 15; turn += 1) {
        for (const key of RECREATED) {
          await control.transition(key, { state: 'tool_exec', toolName: 'exec' });
          await control.transition(key, { state: 'complete' });
        }
      }
      world.proxy.setMode({ kind: 'partition' });
      await expectDeaf(world, performance.now(), deafWithin(world.interval), checks);
      for (const key of [...RECREATED, GONE]) await control.remove(key);
      for (const key of RECREATED)
        await control.createSession(key, { state: 'tool_wait', toolName: 'approval' });
      await control.createSession(NEW, { state: 'tool_wait', toolName: 'approval' });
      await sleep(2000);
      world.proxy.setMode({ kind: 'forward' });
      const recovery = await measureRecovery(world, performance.now(), checks);
      // The original bug: the re-created sessions' beats were dropped as stale
      // and they turned unresponsive 3 intervals later, with the client live.
      await sleep(3 * 3 * world.interval);
      const { sessions } = world.observed.state();
      for (const key of [...RECREATED, NEW]) {
        checks.expect(
          sessions.get(key)?.heartbeat.state === 'tool_wait',
          `${key} not shown as re-created`,
        );
        checks.expect(
          sessions.get(key)?.health === 'waiting',
          `${key} shows ${sessions.get(key)?.health}`,
        );
      }
      checks.expect(!sessions.has(GONE), `${GONE} still shown after its removal`);
      return {
        ...recovery,
        ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
        note: '2 re-created, 1 removed, 1 new: all as on the server',
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

export const NETWORK_SCENARIOS: Scenario[] = [
  killAndRestart,
  partition(1),
  partition(10),
  halfOpen,
  latencySpikes,
  deleteRecreateDuringPartition,
];

/** The long one, run beside the others to keep the suite's wall time. */
export const LONG_PARTITION: Scenario = partition(60);
