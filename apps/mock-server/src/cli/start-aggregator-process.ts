import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readListeningUrl } from './read-listening-url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The `aggregator` CLI, for running it in a child process. */
export const AGGREGATOR_BIN = fileURLToPath(new URL('../../bin/aggregator.js', import.meta.url));

/** The flags of an `aggregator` child, as options. */
export interface AggregatorProcessOptions {
  redisUrl: string;
  /** 0 picks a free port; pass an old one to restart "the same server". @default 0 */
  port?: number;
  /** `--interval`, the gateways' interval in ms. */
  interval?: number;
  /** `--unresponsive-after`, ms. */
  unresponsiveAfterMs?: number;
  /** `--static DIR`. */
  staticDir?: string;
  /** Required bearer token, passed as `HEARTBEAT_TOKEN` (never in argv). */
  token?: string;
  /** @default 20000 */
  startTimeoutMs?: number;
}

/** A running `aggregator` child. */
export interface AggregatorProcess {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** What it printed on stderr so far. */
  stderr(): string;
  /** SIGTERM: clients get a close frame. */
  stop(): Promise<void>;
  /** SIGKILL: it dies at once, its sockets with it. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `aggregator` and resolves once it printed its `listening on http://…` line. */
export async function startAggregatorProcess(
  options: AggregatorProcessOptions,
): Promise<AggregatorProcess> {
  const args = ['--redis', options.redisUrl, '--port', String(options.port ?? 0)];
  if (options.interval !== undefined) args.push('--interval', String(options.interval));
  if (options.unresponsiveAfterMs !== undefined) {
    args.push('--unresponsive-after', String(options.unresponsiveAfterMs));
  }
  if (options.staticDir !== undefined) args.push('--static', options.staticDir);
  const { HEARTBEAT_TOKEN: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, [AGGREGATOR_BIN, ...args], {
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
