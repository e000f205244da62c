import { fileURLToPath } from 'node:url';
import { spawnServerProcess, type MockServerProcess } from './start-mock-server-process';

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

/** A running `aggregator` child: SIGTERM to stop, SIGKILL to kill. */
export type AggregatorProcess = MockServerProcess;

/** Starts `aggregator` and resolves once it printed its `listening on http://…` line. */
export function startAggregatorProcess(
  options: AggregatorProcessOptions,
): Promise<AggregatorProcess> {
  const args = ['--redis', options.redisUrl, '--port', String(options.port ?? 0)];
  if (options.interval !== undefined) args.push('--interval', String(options.interval));
  if (options.unresponsiveAfterMs !== undefined) {
    args.push('--unresponsive-after', String(options.unresponsiveAfterMs));
  }
  if (options.staticDir !== undefined) args.push('--static', options.staticDir);
  return spawnServerProcess(AGGREGATOR_BIN, args, options);
}
