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
  /** `GET /metrics` once a second under the load: server CPU ms per scrape, wall ms (max), body size. */
  scrape: {
    count: number;
    serverMsP50: number;
    serverMsMax: number;
    wallMsMax: number;
    bytes: number;
  };
  /** The bench's own report, as it printed it. */
  output: string;
}

/** The `JSON {…}` line the hub bench prints with `--json`. */
function figuresIn(output: string): Omit<HubMeasurement, 'options' | 'output'> {
  const line = output.split('\n').find((text) => text.startsWith('JSON '));
  if (line === undefined) throw new Error(`the hub bench printed no figures:\n${output}`);
  return JSON.parse(line.slice('JSON '.length), (_, value: unknown) =>
    value === 'Infinity' ? Infinity : value,
  ) as Omit<HubMeasurement, 'options' | 'output'>;
}

/**
 * Runs the hub bench in its own process group (its server is a forked child)
 * and reads the figures it prints with `--json`.
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
    '--json',
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
  return {
    options,
    ...figuresIn(output),
    output: output.trimEnd(),
  };
}
