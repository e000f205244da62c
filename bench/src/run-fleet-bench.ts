/**
 * `pnpm bench:fleet`: the fleet under load. G gateways (`mock-server --scenario
 * load --redis … --source gw-N`, each its own process) publish to a Redis of
 * the bench's own; A aggregators (`aggregator`, each its own process) serve
 * C WebSocket clients each. Prints transition → client latency (p50, p99;
 * goal p99 ≤ 100 ms), each aggregator's CPU and RSS, Redis's CPU and memory,
 * and the stream lengths; a full run also writes them to bench/results/fleet-latest.json.
 *
 * Full run (by hand): 10 gateways × 1,000 sessions at 300 transitions/s each,
 * 2 aggregators, 50 clients each. `--quick`: 2 × 200 at 50/s, 2 × 5 clients.
 * Every flag can be given: --gateways --sessions --rate --aggregators
 * --clients --measured --seconds --warmup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sourceKeys } from '@session-heartbeat/fleet';
import { startRedis } from '@session-heartbeat/fleet/test-utils';
import { AGGREGATOR_BIN, MOCK_SERVER_BIN, readListeningUrl } from '@session-heartbeat/mock-server';
import WebSocket from 'ws';
import { openUsageWindow, type UsageWindow } from './fleet/read-process-usage';
import { installExitCleanup, spawnTracked, stopTracked } from './tracked-children';

const INTERVAL_MS = 5000;
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    gateways: { type: 'string' },
    sessions: { type: 'string' },
    rate: { type: 'string' },
    aggregators: { type: 'string' },
    clients: { type: 'string' },
    measured: { type: 'string' },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const quick = values.quick === true;
const plan = {
  gateways: Number(values.gateways ?? (quick ? 2 : 10)),
  sessions: Number(values.sessions ?? (quick ? 200 : 1000)),
  rate: Number(values.rate ?? (quick ? 50 : 300)),
  aggregators: Number(values.aggregators ?? 2),
  clients: Number(values.clients ?? (quick ? 5 : 50)),
  /** Clients per aggregator that parse every frame for latency; the rest only receive. */
  measured: Number(values.measured ?? (quick ? 5 : 5)),
  seconds: Number(values.seconds ?? (quick ? 8 : 30)),
  warmup: Number(values.warmup ?? (quick ? 3 : 10)),
};
for (const [name, value] of Object.entries(plan)) {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name}: ${value}`);
}

installExitCleanup();
const redis = await startRedis();
process.once('exit', () => {
  if (redis.pid !== undefined) process.kill(redis.pid, 'SIGKILL');
});

async function startChild(bin: string, args: string[]) {
  const child = spawnTracked(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await readListeningUrl(child, 60_000);
  child.stdout?.resume();
  child.stderr?.resume();
  return { child, url, pid: child.pid ?? -1 };
}

console.log(
  `fleet bench: ${plan.gateways} gateways × ${plan.sessions} sessions at ${plan.rate} transitions/s each, ${plan.aggregators} aggregators × ${plan.clients} clients (${plan.measured} measured each), ${plan.seconds} s after ${plan.warmup} s warm-up`,
);
const gateways = [];
for (let index = 1; index <= plan.gateways; index += 1) {
  gateways.push(
    await startChild(MOCK_SERVER_BIN, [
      ...['--port', '0', '--scenario', 'load', '--seed', String(index)],
      ...['--sessions', String(plan.sessions), '--rate', String(plan.rate)],
      ...['--interval', String(INTERVAL_MS), '--redis', redis.url, '--source', `gw-${index}`],
    ]),
  );
}
const aggregators = [];
for (let index = 0; index < plan.aggregators; index += 1) {
  aggregators.push(
    await startChild(AGGREGATOR_BIN, [
      ...['--port', '0', '--redis', redis.url, '--interval', String(INTERVAL_MS)],
    ]),
  );
}

/** Every relayed heartbeat's latency, in ms: received by a client − emitted by its gateway. */
const latencies: number[] = [];
let measuring = false;
let heartbeatsReceived = 0;
const sockets: WebSocket[] = [];
let snapshots = 0;
for (const aggregator of aggregators) {
  const url = `${aggregator.url.replace('http:', 'ws:')}/api/sessions/heartbeat/ws`;
  for (let index = 0; index < plan.clients; index += 1) {
    const measured = index < plan.measured;
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: 1 })));
    socket.on('error', (error) => console.error(`client: ${error.message}`));
    let first = true;
    socket.on('message', (data: Buffer) => {
      if (first) {
        first = false;
        snapshots += 1;
        return;
      }
      if (!measured || !measuring) return;
      const receivedAt = Date.now();
      const frame = JSON.parse(data.toString()) as {
        type: string;
        heartbeats?: { emittedAt: number }[];
      };
      if (frame.type !== 'heartbeats' || frame.heartbeats === undefined) return;
      for (const heartbeat of frame.heartbeats) {
        latencies.push(receivedAt - heartbeat.emittedAt);
        heartbeatsReceived += 1;
      }
    });
    sockets.push(socket);
  }
}
const clientsTotal = plan.aggregators * plan.clients;
const snapshotsBy = Date.now() + 60_000;
while (snapshots < clientsTotal && Date.now() < snapshotsBy) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
console.log(`${snapshots} of ${clientsTotal} clients have their snapshot; warming up`);
await new Promise((resolve) => setTimeout(resolve, plan.warmup * 1000));

measuring = true;
const windows: { name: string; window: UsageWindow }[] = [
  ...aggregators.map((aggregator, index) => ({
    name: `aggregator ${index + 1}`,
    window: openUsageWindow(aggregator.pid),
  })),
  ...(redis.pid === undefined ? [] : [{ name: 'redis', window: openUsageWindow(redis.pid) }]),
  { name: 'bench (clients)', window: openUsageWindow(process.pid) },
  ...gateways.map((gateway, index) => ({
    name: `gateway ${index + 1}`,
    window: openUsageWindow(gateway.pid),
  })),
];
const sampler = setInterval(() => {
  for (const { window } of windows) window.sample();
}, 250);
const loadBefore = loadavg()[0] ?? 0;
await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000));
measuring = false;
clearInterval(sampler);
const usage = windows.map(({ name, window }) => ({ name, ...window.close() }));

function redisCli(...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(redis.port), ...args], { encoding: 'utf8' });
}
const info = redisCli('INFO', 'memory');
const usedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
const streamLengths = gateways.map((_, index) =>
  Number(redisCli('XLEN', sourceKeys('shb:', `gw-${index + 1}`).events).trim()),
);

const sorted = [...latencies].sort((a, b) => a - b);
const percentile = (p: number): number =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const measuredClients = plan.aggregators * Math.min(plan.measured, plan.clients);
const results = {
  plan,
  machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
  latencyMs: {
    p50: percentile(0.5),
    p99: percentile(0.99),
    max: sorted.at(-1),
    count: sorted.length,
  },
  heartbeatsPerSecondPerClient:
    measuredClients === 0 ? 0 : heartbeatsReceived / measuredClients / plan.seconds,
  usage: usage.map(({ name, cpu, peakRssBytes }) => ({
    name,
    cpuPercentOfOneCore: Math.round(cpu * 100),
    peakRssMb: Math.round(peakRssBytes / 1024 / 1024),
  })),
  redisUsedMemoryMb: Math.round(usedMemory / 1024 / 1024),
  streamLengths,
};

console.log('');
console.log(
  `transition → client: p50 ${results.latencyMs.p50} ms, p99 ${results.latencyMs.p99} ms (goal ≤ 100 ms) ${results.latencyMs.p99 <= 100 ? '✓' : '✗'}; max ${results.latencyMs.max} ms over ${sorted.length} heartbeats`,
);
console.log(
  `each measured client got ${results.heartbeatsPerSecondPerClient.toFixed(0)} heartbeats/s (planned ${plan.gateways * plan.rate})`,
);
for (const { name, cpu, peakRssBytes } of usage.filter((u) => !u.name.startsWith('gateway'))) {
  console.log(`${name}: CPU ${(cpu * 100).toFixed(0)} % of one core, peak RSS ${mb(peakRssBytes)}`);
}
const gatewayUsage = usage.filter((u) => u.name.startsWith('gateway'));
const meanGatewayCpu = gatewayUsage.reduce((sum, u) => sum + u.cpu, 0) / (gatewayUsage.length || 1);
console.log(`gateways: CPU ${(meanGatewayCpu * 100).toFixed(0)} % of one core each on average`);
console.log(
  `redis used_memory ${results.redisUsedMemoryMb} MB; stream lengths ${streamLengths.join(', ')}`,
);
console.log(
  `load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
);

// A quick run is a smoke test (CI): only a full one is worth keeping.
if (!quick) {
  const resultsDir = new URL('../results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(new URL('fleet-latest.json', resultsDir), `${JSON.stringify(results, null, 2)}\n`);
}

for (const socket of sockets) socket.terminate();
await Promise.all([...aggregators, ...gateways].map(({ child }) => stopTracked(child)));
await redis.stop();
process.exit(Number.isFinite(results.latencyMs.p99) && snapshots === clientsTotal ? 0 : 1);
