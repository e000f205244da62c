/**
 * Figures for the hub: the real server on loopback (in a child process),
 * N sessions at the periodic interval plus R transitions/s, C WebSocket
 * clients. Prints deliveries/s, server CPU and RSS, and the latency from a
 * transition to its arrival at a client.
 *
 *   pnpm --filter @session-heartbeat/emitter bench [--sessions 10000] [--rate 3000]
 *     [--clients 50] [--seconds 20] [--interval 5000]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { BenchServerConfig, ParentMessage, ServerMessage } from './bench-server';

/** What `--json` prints; bench/src/run-hub-bench.ts reads it. */
interface HubBenchFigures {
  transitionsPerSecond: number;
  emittedPerSecond: number;
  deliveriesPerSecond: number;
  serverCpuPercent: number;
  serverRssMaxBytes: number;
  serverLoopDelayP99Ms: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number };
  clientsAtEnd: number;
  /**
   * `GET /metrics` once a second while measuring: the server's CPU time per
   * scrape (p50, max), its wall time (max: includes being descheduled on a
   * busy machine), and its size.
   */
  scrape: {
    count: number;
    serverMsP50: number;
    serverMsMax: number;
    wallMsMax: number;
    bytes: number;
  };
}

const { values } = parseArgs({
  strict: true,
  options: {
    sessions: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '3000' },
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    interval: { type: 'string', default: '5000' },
    // Also prints the figures, unrounded, as one `JSON {…}` line (for bench/).
    json: { type: 'boolean', default: false },
  },
});
const config: BenchServerConfig = {
  sessions: Number(values.sessions),
  rate: Number(values.rate),
  interval: Number(values.interval),
};
const clientCount = Number(values.clients);
const seconds = Number(values.seconds);
const WARM_UP_MS = 2000;

const child = fork(
  fileURLToPath(new URL('./bench-server.ts', import.meta.url)),
  [JSON.stringify(config)],
  {
    execArgv: ['--import', 'tsx'],
  },
);
const messages: ServerMessage[] = [];
const waiters: ((message: ServerMessage) => void)[] = [];
child.on('message', (message: ServerMessage) => {
  const waiter = waiters.shift();
  if (waiter) waiter(message);
  else messages.push(message);
});
const nextMessage = (): Promise<ServerMessage> =>
  new Promise((resolve) => {
    const queued = messages.shift();
    if (queued) resolve(queued);
    else waiters.push(resolve);
  });
const tell = (message: ParentMessage): void => {
  child.send(message);
};

const ready = await nextMessage();
if (ready.type !== 'ready') throw new Error('bench server did not start');
const socketUrl = `${ready.url.replace('http', 'ws')}/api/sessions/heartbeat/ws`;

// Latency histogram in 0.5 ms buckets up to 10 s: counting 3 M samples costs no memory.
const BUCKET_MS = 0.5;
const latencies = new Uint32Array(20_000);
let measuring = false;
let delivered = 0;
let frames = 0;
let samples = 0;

const sockets = await Promise.all(
  Array.from(
    { length: clientCount },
    () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(socketUrl, { perMessageDeflate: false });
        ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 1 })));
        ws.on('error', reject);
        ws.on('message', (data) => {
          const receivedAt = Date.now();
          const frame = JSON.parse(String(data)) as {
            type: string;
            heartbeats?: { emittedAt: number; reason: string }[];
          };
          if (frame.type === 'snapshot') resolve(ws);
          if (!measuring || frame.type !== 'heartbeats' || !frame.heartbeats) return;
          frames += 1;
          delivered += frame.heartbeats.length;
          for (const beat of frame.heartbeats) {
            if (beat.reason !== 'transition') continue;
            const bucket = Math.min(
              latencies.length - 1,
              Math.floor((receivedAt - beat.emittedAt) / BUCKET_MS),
            );
            latencies[Math.max(0, bucket)] = (latencies[Math.max(0, bucket)] ?? 0) + 1;
            samples += 1;
          }
        });
      }),
  ),
);

tell({ type: 'start' });
await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
const clientCpuStart = process.cpuUsage();
const startedAt = performance.now();
measuring = true;
// A Prometheus scraping every second, under the full load: its cost is timed in the server.
const scraper = setInterval(() => {
  fetch(`${ready.url}/metrics`)
    .then((response) => response.text())
    .catch((error: unknown) => console.error('hub-bench: a scrape failed', error));
}, 1000);
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
clearInterval(scraper);
measuring = false;
const elapsed = (performance.now() - startedAt) / 1000;
const clientCpu = process.cpuUsage(clientCpuStart);
tell({ type: 'stop' });
const report = await nextMessage();
for (const ws of sockets) ws.terminate();
if (report.type !== 'report') throw new Error('bench server sent no report');

function percentile(fraction: number): number {
  let seen = 0;
  for (let bucket = 0; bucket < latencies.length; bucket += 1) {
    seen += latencies[bucket] ?? 0;
    if (seen >= samples * fraction) return (bucket + 1) * BUCKET_MS;
  }
  return Infinity;
}

const scrapes = [...report.scrapeCpuMs].sort((a, b) => a - b);
const scrape = {
  count: scrapes.length,
  serverMsP50: scrapes[Math.floor(scrapes.length / 2)] ?? Number.NaN,
  serverMsMax: scrapes.at(-1) ?? Number.NaN,
  wallMsMax: Math.max(...report.scrapeMs),
  bytes: report.scrapeBytes,
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rows: [string, string][] = [
  ['transitions made by the server', `${report.transitionsPerSecond.toFixed(0)} /s`],
  ['heartbeats emitted (transitions + periodic)', `${report.emittedPerSecond.toFixed(0)} /s`],
  ['heartbeat deliveries (all clients)', `${(delivered / elapsed).toFixed(0)} /s`],
  ['frames received (all clients)', `${(frames / elapsed).toFixed(0)} /s`],
  ['server CPU (100 % = one core)', `${report.cpuPercent.toFixed(1)} %`],
  ['server RSS (max / end)', `${mb(report.rssMaxBytes)} / ${mb(report.rssEndBytes)}`],
  ['server event-loop delay p99', `${report.loopDelayP99Ms.toFixed(1)} ms`],
  [
    'transition → client p50 / p90 / p99 / p99.9',
    [0.5, 0.9, 0.99, 0.999].map((fraction) => percentile(fraction).toFixed(1)).join(' / ') + ' ms',
  ],
  [
    'client process CPU (all clients)',
    `${(((clientCpu.user + clientCpu.system) / 1e6 / elapsed) * 100).toFixed(1)} %`,
  ],
  ['clients connected at the end', String(report.clientCount)],
  [
    'GET /metrics server CPU p50 / max (wall max)',
    `${scrape.serverMsP50.toFixed(2)} / ${scrape.serverMsMax.toFixed(2)} ms ` +
      `(${scrape.wallMsMax.toFixed(2)} ms; ${scrape.count} scrapes of ${(scrape.bytes / 1024).toFixed(1)} KiB)`,
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(
  `hub-bench: ${config.sessions} sessions, interval ${config.interval} ms, ${config.rate} transitions/s, ` +
    `${clientCount} clients, ${seconds} s measured after ${WARM_UP_MS / 1000} s warm-up`,
);
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
if (values.json) {
  const figures: HubBenchFigures = {
    transitionsPerSecond: report.transitionsPerSecond,
    emittedPerSecond: report.emittedPerSecond,
    deliveriesPerSecond: delivered / elapsed,
    serverCpuPercent: report.cpuPercent,
    serverRssMaxBytes: report.rssMaxBytes,
    serverLoopDelayP99Ms: report.loopDelayP99Ms,
    latencyMs: {
      p50: percentile(0.5),
      p90: percentile(0.9),
      p99: percentile(0.99),
      p999: percentile(0.999),
    },
    clientsAtEnd: report.clientCount,
    scrape,
  };
  // A latency past the last bucket is Infinity, which JSON cannot hold: it goes as a string.
  console.log(
    `JSON ${JSON.stringify(figures, (_, value: unknown) => (value === Infinity ? 'Infinity' : value))}`,
  );
}
child.disconnect();
