import { NODE_SCALE } from './network-scenarios';
import {
  Checks,
  commonFigures,
  measureRecovery,
  sleep,
  startWorld,
  type Scenario,
} from './scenario-kit';

const HOUR_MS = 3_600_000;
const SMALL_SERVER_RSS_MB = 200;

function serverClockStep(stepMs: number): Scenario {
  return {
    name: `server clock stepped ${stepMs > 0 ? '+' : '−'}1 h`,
    where: 'node',
    scale: `${NODE_SCALE}; the step through the mock's clock (NTP-like), 8 s watched`,
    async run() {
      const checks = new Checks();
      const world = await startWorld();
      try {
        const steppedAt = performance.now();
        await world.control.stepClock(stepMs);
        // The server never went away: the client stays (or is soon back) live and fresh.
        const recovery = await measureRecovery(world, steppedAt, checks);
        await sleep(Math.max(0, steppedAt + 8 * world.interval - performance.now()));
        const offsetErrorMs = Math.abs(world.observed.client.serverNow() - (Date.now() + stepMs));
        checks.expect(offsetErrorMs < 1000, `the client's server clock is ${offsetErrorMs} ms off`);
        return {
          ...recovery,
          ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
          note: `server clock estimate ${offsetErrorMs} ms off after 8 s`,
          failures: checks.failures,
        };
      } finally {
        await world.close();
      }
    },
  };
}

function clientClockStep(stepMs: number): Scenario {
  return {
    name: `client clock stepped ${stepMs > 0 ? '+' : '−'}1 h`,
    where: 'node',
    scale: `${NODE_SCALE}; the step through the client's injected clock, 8 s watched`,
    async run() {
      const checks = new Checks();
      const world = await startWorld();
      try {
        const steppedAt = performance.now();
        world.observed.environment.stepClock(stepMs);
        const recovery = await measureRecovery(world, steppedAt, checks);
        await sleep(Math.max(0, steppedAt + 8 * world.interval - performance.now()));
        return {
          ...recovery,
          ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
          note:
            world.observed.record.deafAt === undefined || world.observed.record.deafAt < steppedAt
              ? 'no gap shown'
              : 'a gap shown (unknown), then a resync',
          failures: checks.failures,
        };
      } finally {
        await world.close();
      }
    },
  };
}

const TEN_MINUTES_MS = 600_000;

const hiddenTab: Scenario = {
  name: 'hidden tab for 10 minutes (frozen, then woken)',
  where: 'node',
  scale: `${NODE_SCALE}; 3 s real frozen, 10 min on both clocks (injected)`,
  async run() {
    const checks = new Checks();
    const world = await startWorld();
    try {
      const { environment } = world.observed;
      environment.setHidden(true);
      await sleep(world.interval);
      // Frozen: no timer runs, nothing is read; the server goes on beating.
      environment.freeze(world.observed.sockets());
      await sleep(3000);
      await world.control.advanceClock(TEN_MINUTES_MS);
      environment.thaw(TEN_MINUTES_MS);
      const wokenAt = performance.now();
      environment.setHidden(false);
      const recovery = await measureRecovery(world, wokenAt, checks);
      return {
        ...recovery,
        ...commonFigures(world, SMALL_SERVER_RSS_MB, checks),
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

export const CLOCK_SCENARIOS: Scenario[] = [
  serverClockStep(HOUR_MS),
  serverClockStep(-HOUR_MS),
  clientClockStep(HOUR_MS),
  clientClockStep(-HOUR_MS),
  hiddenTab,
];
