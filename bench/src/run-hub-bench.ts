import { fileURLToPath } from 'node:url';
import { spawnTracked, stopTracked } from './tracked-children';

/** The emitter's own hub bench (packages/emitter/bench/hub-bench.ts), run as is. */
const EMITTER_DIR = fileURLToPath(new URL('../../packages/emitter/', import.meta.url));

export interface HubBenchOptions {
  sessions: number;
  /** Transitions per second in total (`--rate`). */
  rate: number;
  clients: number;
  seconds: number;
  intervalMs: number;
}

export interface HubMeasurement {
  options: HubBenchOptions;
  transitionsPerSecond: number;
  emittedPerSecond: number;
  deliveriesPerSecond: number;
  /** Server process CPU, 100 = one core. */
  serverCpuPercent: number;
  serverRssMaxBytes: number;
  serverLoopDelayP99Ms: number;
  latencyMs: { p50: number; p90: number; p99: number; p999: number };
  clientsAtEnd: number;
  /** The bench's own report, as it printed it. */
  output: string;
}

function numbersAfter(output: string, label: string): number[] {
  const line = output.split('\n').find((text) => text.trimStart().startsWith(label));
  if (line === undefined) throw new Error(`the hub bench printed no "${label}" line:\n${output}`);
  const values = line
    .slice(line.indexOf(label) + label.length)
    .match(/-?(?:\d+(?:\.\d+)?|Infinity)/g)
    ?.map(Number);
  if (values === undefined || values.length === 0) {
    throw new Error(`no figure on the hub bench's "${label}" line: ${line}`);
  }
  return values;
}

const MB = 1024 * 1024;

/**
 * Runs the hub bench in its own process group (its server is a forked child)
 * and reads the figures from its report.
 */
export async function runHubBench(options: HubBenchOptions): Promise<HubMeasurement> {
  const args = [
    '--import',
    'tsx',
    'bench/hub-bench.ts',
    '--sessions',
    String(options.sessions),
    '--rate',
    String(options.rate),
    '--clients',
    String(options.clients),
    '--seconds',
    String(options.seconds),
    '--interval',
    String(options.intervalMs),
  ];
  const child = spawnTracked(process.execPath, args, {
    cwd: EMITTER_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timeoutMs = (options.seconds + 90) * 1000;
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the hub bench took over ${timeoutMs / 1000} s:\n${output}`)),
        timeoutMs,
      );
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    if (code !== 0) throw new Error(`the hub bench exited with ${String(code)}:\n${output}`);
  } finally {
    await stopTracked(child);
  }
  const [p50 = Number.NaN, p90 = Number.NaN, p99 = Number.NaN, p999 = Number.NaN] = numbersAfter(
    output,
    'transition → client p50 / p90 / p99 / p99.9',
  );
  const first = (label: string): number => numbersAfter(output, label)[0] ?? Number.NaN;
  return {
    options,
    transitionsPerSecond: first('transitions made by the server'),
    emittedPerSecond: first('heartbeats emitted (transitions + periodic)'),
    deliveriesPerSecond: first('heartbeat deliveries (all clients)'),
    serverCpuPercent: first('server CPU (100 % = one core)'),
    serverRssMaxBytes: first('server RSS (max / end)') * MB,
    serverLoopDelayP99Ms: first('server event-loop delay p99'),
    latencyMs: { p50, p90, p99, p999 },
    clientsAtEnd: first('clients connected at the end'),
    output: output.trimEnd(),
  };
}
