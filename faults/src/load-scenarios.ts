import { openSilentClient } from '@session-heartbeat/emitter/node/test-utils';
import { NODE_SCALE } from './network-scenarios';
import { readRss } from './read-rss';
import {
  Checks,
  commonFigures,
  mb,
  measureRecovery,
  sleep,
  startWorld,
  type Scenario,
} from './scenario-kit';

/** The client's heap after a full collection (the runner runs with --expose-gc). */
export function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

const SILENT = 40;

const neverReading: Scenario = {
  name: '40 clients that never read, 20,000 sessions',
  where: 'node',
  scale: 'interval 5 s, unresponsive 15 s (the defaults), 100 transitions/s; 12 s watched',
  async run() {
    const checks = new Checks();
    const world = await startWorld({ interval: 5000, sessions: 20_000, rate: 100 });
    const silent: { destroy(): void }[] = [];
    try {
      const baselineMb = mb(readRss(world.server.pid) ?? 0);
      // What the design allows: the snapshots in flight (maxPendingSnapshotBytes),
      // one backlog entry per session per client (≈ 120 B, measured), and room
      // for the garbage collector's timing.
      const backlogMb = Math.ceil((SILENT * 20_000 * 120) / 1024 / 1024);
      const bound = baselineMb + 32 + backlogMb + 40;
      for (let index = 0; index < SILENT; index += 1) {
        silent.push(await openSilentClient(world.server.url));
      }
      await sleep(12_000);
      // The watched client kept hearing everything meanwhile.
      const recovery = await measureRecovery(world, performance.now(), checks);
      return {
        ...recovery,
        ...commonFigures(world, bound, checks),
        note: `server RSS ${baselineMb} MB before the ${SILENT} hellos; bound = that + 32 MB of snapshots in flight + ${backlogMb} MB of backlogs (one entry per session per client) + 40 MB`,
        failures: checks.failures,
      };
    } finally {
      for (const client of silent) client.destroy();
      await world.close();
    }
  },
};

const CHURN = 100_000;
const BEATING = 20;

const createdAndRemoved: Scenario = {
  name: '100,000 sessions created and removed',
  where: 'node',
  scale: `${NODE_SCALE}; ${BEATING} sessions beat throughout, 1,000 created and removed at a time`,
  async run() {
    const checks = new Checks();
    const world = await startWorld({ sessions: BEATING, rate: 2 });
    try {
      // A first round warms up both sides: code paths, allocator, JIT.
      await world.control.churn(10_000, 1000);
      await sleep(2000);
      const rssBefore = mb(readRss(world.server.pid) ?? 0);
      const heapBefore = mb(heapAfterGc());
      const startedAt = performance.now();
      await world.control.churn(CHURN, 1000);
      const churnMs = performance.now() - startedAt;
      await world.observed.waitFor((s) => s.sessions.size === BEATING, 20_000).catch(() => 0);
      const recovery = await measureRecovery(world, performance.now(), checks);
      await sleep(2000);
      const rssAfter = mb(readRss(world.server.pid) ?? 0);
      const heapAfter = mb(heapAfterGc());
      checks.expect(
        world.observed.state().sessions.size === BEATING,
        'removed sessions still shown',
      );
      checks.expect(heapAfter - heapBefore <= 16, `client heap grew ${heapAfter - heapBefore} MB`);
      return {
        ...recovery,
        ...commonFigures(world, rssBefore + 80, checks),
        note: `churn took ${(churnMs / 1000).toFixed(1)} s; server RSS ${rssBefore} → ${rssAfter} MB; client heap ${heapBefore} → ${heapAfter} MB (bound +16 MB)`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

export const LOAD_SCENARIOS: Scenario[] = [neverReading, createdAndRemoved];
