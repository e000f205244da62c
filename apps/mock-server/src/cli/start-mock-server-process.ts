import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScenarioName } from '../scenarios';
import { MOCK_SERVER_BIN, readListeningUrl } from './read-listening-url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The flags of a `mock-server` child, as options. */
export interface MockServerProcessOptions {
  /** 0 picks a free port; pass an old one to restart "the same server". @default 0 */
  port?: number;
  /** @default 'demo' */
  scenario?: ScenarioName;
  /** `--sessions` (load scenario). */
  sessions?: number;
  /** `--rate` (load scenario). */
  rate?: number;
  /** `--interval`, ms. */
  interval?: number;
  /** `--seed`. */
  seed?: number;
  /** `--control`. @default false */
  control?: boolean;
  /** `--static DIR`. */
  staticDir?: string;
  /** Required bearer token, passed as `HEARTBEAT_TOKEN` (never in argv). */
  token?: string;
  /** `--allow-origin`, repeated. */
  allowOrigins?: readonly string[];
  /** `--allow-host`, repeated. */
  allowHosts?: readonly string[];
  /** Fleet: `--redis URL --source ID`. */
  fleet?: { redisUrl: string; source: string };
  /** @default 20000 */
  startTimeoutMs?: number;
}

/** The real `mock-server` CLI in a child process. */
export interface MockServerProcess {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** What it printed on stderr so far (warnings, errors). */
  stderr(): string;
  /** SIGTERM, as Ctrl+C would: clients get a close frame. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, its sockets with it. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function flags(options: MockServerProcessOptions): string[] {
  const args = ['--port', String(options.port ?? 0), '--scenario', options.scenario ?? 'demo'];
  if (options.sessions !== undefined) args.push('--sessions', String(options.sessions));
  if (options.rate !== undefined) args.push('--rate', String(options.rate));
  if (options.interval !== undefined) args.push('--interval', String(options.interval));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.control === true) args.push('--control');
  if (options.staticDir !== undefined) args.push('--static', options.staticDir);
  for (const origin of options.allowOrigins ?? []) args.push('--allow-origin', origin);
  for (const host of options.allowHosts ?? []) args.push('--allow-host', host);
  if (options.fleet !== undefined) {
    args.push('--redis', options.fleet.redisUrl, '--source', options.fleet.source);
  }
  return args;
}

/**
 * Starts `mock-server` with these flags and resolves once it printed its
 * `listening on http://…` line (for end-to-end tests, the fault suite and
 * the soak). The token travels by the environment, as it should.
 */
export function startMockServerProcess(
  options: MockServerProcessOptions = {},
): Promise<MockServerProcess> {
  return spawnServerProcess(MOCK_SERVER_BIN, flags(options), options);
}

/**
 * Starts one of our server CLIs (`mock-server`, `aggregator`) in a child
 * process and resolves once it printed its `listening on http://…` line.
 * The token travels as `HEARTBEAT_TOKEN`, never in argv.
 */
export async function spawnServerProcess(
  bin: string,
  args: readonly string[],
  options: { token?: string | undefined; startTimeoutMs?: number | undefined },
): Promise<MockServerProcess> {
  const { HEARTBEAT_TOKEN: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.token === undefined ? env : { ...env, HEARTBEAT_TOKEN: options.token },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const url = await readListeningUrl(child, options.startTimeoutMs ?? 20_000).catch(
    (error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid ?? -1,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
