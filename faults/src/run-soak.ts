/**
 * `pnpm soak --minutes N` (manual, not in CI): the load scenario behind the
 * fault proxy for N minutes, with a random fault every 15–45 s (partitions,
 * resets, half-open connections, latency spikes, sessions deleted and
 * re-created during a partition), watched by two real clients (push with
 * polling fallback, and polling only). Prints server RSS, client heap and
 * false alarms each minute; exits 1 on any false alarm, any recovery slower
 * than 5 s (hearing the server again, on push or polling), or memory that
 * grew from the first quarter of the run to the last. `--seed N` picks the
 * faults (default 1).
 */
import { createRandom, loadSessionKey } from '@session-heartbeat/mock-server';
import { environmentManager } from '@tanstack/query-core';
import { heapAfterGc } from './load-scenarios';
import { observeClient, type ObservedClient } from './observe-client';
import { readRss } from './read-rss';
import {
  Checks,
  LIVE_WITHIN_MS,
  mb,
  measureRecovery,
  sleep,
  startWorld,
  type World,
} from './scenario-kit';

environmentManager.setIsServer(() => false);

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`soak: --${name} must be a positive number`);
    process.exit(2);
  }
  return value;
}

const minutes = flag('minutes', 10);
const random = createRandom(flag('seed', 1));
const SESSIONS = 2000;
const INTERVAL = 1000;

interface Sample {
  minute: number;
  serverRssMb: number;
  clientHeapMb: number;
  faults: number;
  falseAlarms: number;
  slowestLiveMs: number;
}

type Fault = (world: World, checks: Checks) => Promise<string>;

const FAULTS: Fault[] = [
  async (world) => {
    const seconds = random.between(1, 15);
    world.proxy.setMode({ kind: 'partition' });
    await sleep(seconds * 1000);
    world.proxy.setMode({ kind: 'forward' });
    return `partition ${seconds} s`;
  },
  async (world) => {
    const seconds = random.between(2, 10);
    world.proxy.setMode({ kind: 'drop' });
    await sleep(seconds * 1000);
    world.proxy.setMode({ kind: 'forward' });
    return `unreachable ${seconds} s`;
  },
  async (world) => {
    world.proxy.halfOpen();
    await sleep(2 * INTERVAL + 1000);
    return 'half-open';
  },
  async (world) => {
    world.proxy.setMode({ kind: 'latency', delayMs: 2000 });
    await sleep(5000);
    world.proxy.setMode({ kind: 'forward' });
    return 'latency +2 s for 5 s';
  },
  async (world) => {
    world.proxy.setMode({ kind: 'partition' });
    await sleep(3000);
    const keys = Array.from({ length: 5 }, () => loadSessionKey(random.between(0, SESSIONS - 1)));
    for (const key of new Set(keys)) {
      await world.control.remove(key);
      await world.control.createSession(key, { state: 'tool_wait', toolName: 'approval' });
    }
    await sleep(2000);
    world.proxy.setMode({ kind: 'forward' });
    return 'partition with 5 sessions re-created';
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// The clients keep a minute of state history (by design it fills for its
// window, 10 min by default, then holds): later growth is something else.
const HISTORY = { windowMs: 60_000 };
const world = await startWorld({
  interval: INTERVAL,
  sessions: SESSIONS,
  rate: 100,
  history: HISTORY,
});
const polling: ObservedClient = observeClient({
  baseUrl: world.proxy.url,
  thresholds: { unresponsiveAfterMs: 3 * INTERVAL },
  transport: 'polling',
  history: HISTORY,
});
const checks = new Checks();
const samples: Sample[] = [];
let faults = 0;
let slowestLiveMs = 0;
const endAt = performance.now() + minutes * 60_000;
let nextSampleAt = performance.now() + 60_000;
const falseAlarms = () => world.observed.record.falseAlarms + polling.record.falseAlarms;

console.log(
  `soak: ${minutes} min, ${SESSIONS} sessions at interval ${INTERVAL / 1000} s (unresponsive 3 s), a random fault every 15–45 s\n`,
);
console.log('minute  server RSS  client heap  faults  false alarms  slowest back to live');
while (performance.now() < endAt) {
  await sleep(random.between(15, 45) * 1000);
  if (performance.now() >= endAt) break;
  const fault = random.pick(FAULTS);
  const alarmsBefore = [world.observed.record.falseAlarms, polling.record.falseAlarms];
  const what = await fault(world, checks);
  faults += 1;
  // Back means hearing the server with current data: on push, or polling
  // while push waits out its backoff (after a latency spike, say).
  const recovery = await measureRecovery(world, performance.now(), checks, 'hearing');
  slowestLiveMs = Math.max(slowestLiveMs, recovery.timeToLiveMs);
  if (recovery.timeToLiveMs > LIVE_WITHIN_MS) console.log(`  slow recovery after ${what}`);
  const alarms = [world.observed.record.falseAlarms, polling.record.falseAlarms];
  if (alarms[0] !== alarmsBefore[0] || alarms[1] !== alarmsBefore[1]) {
    console.log(
      `  false alarms after ${what}: push client +${(alarms[0] ?? 0) - (alarmsBefore[0] ?? 0)}, polling client +${(alarms[1] ?? 0) - (alarmsBefore[1] ?? 0)}`,
    );
  }
  while (performance.now() >= nextSampleAt) {
    nextSampleAt += 60_000;
    const sample: Sample = {
      minute: samples.length + 1,
      serverRssMb: mb(readRss(world.server.pid) ?? 0),
      clientHeapMb: mb(heapAfterGc()),
      faults,
      falseAlarms: falseAlarms(),
      slowestLiveMs,
    };
    samples.push(sample);
    console.log(
      `${String(sample.minute).padStart(6)}  ${String(sample.serverRssMb).padStart(7)} MB  ${String(sample.clientHeapMb).padStart(8)} MB  ${String(faults).padStart(6)}  ${String(sample.falseAlarms).padStart(12)}  ${(slowestLiveMs / 1000).toFixed(1)} s`,
    );
  }
}

polling.stop();
await world.close();

// Memory: the last quarter of the run against the first (after the first minute's warm-up).
const quarter = Math.max(1, Math.floor((samples.length - 1) / 4));
const early = samples.slice(1, 1 + quarter);
const late = samples.slice(-quarter);
const grew = (pick: (sample: Sample) => number, slackMb: number): boolean =>
  early.length > 0 && median(late.map(pick)) > median(early.map(pick)) * 1.1 + slackMb;
checks.expect(falseAlarms() === 0, `${falseAlarms()} false alarms`);
checks.expect(!grew((sample) => sample.serverRssMb, 10), 'server RSS grew');
checks.expect(!grew((sample) => sample.clientHeapMb, 5), 'client heap grew');
console.log(
  `\n${faults} faults in ${minutes} min; ${falseAlarms()} false alarms; slowest recovery ${(slowestLiveMs / 1000).toFixed(1)} s; ` +
    `server RSS ${median(early.map((s) => s.serverRssMb))} → ${median(late.map((s) => s.serverRssMb))} MB, ` +
    `client heap ${median(early.map((s) => s.clientHeapMb))} → ${median(late.map((s) => s.clientHeapMb))} MB (medians, first and last quarter)`,
);
for (const failure of checks.failures) console.log(`FAILED: ${failure}`);
process.exit(checks.failures.length > 0 ? 1 : 0);
