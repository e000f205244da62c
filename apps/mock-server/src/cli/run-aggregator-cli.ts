import { DEFAULT_ALLOWED_ORIGINS } from '@session-heartbeat/emitter/node';
import { pingRedis } from '@session-heartbeat/fleet';
import {
  startAggregatorServer,
  type RunningAggregatorServer,
} from '@session-heartbeat/fleet/aggregator';
import { createStaticHandler } from '../static/create-static-handler';
import { AGGREGATOR_USAGE, parseAggregatorArgs } from './parse-aggregator-args';
import { takeToken, type CliIo } from './run-cli';
import { closeOnSignal } from './close-on-signal';
import { resolveStaticDir } from './resolve-static-dir';

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/**
 * `pnpm aggregator`: serves the fleet in Redis as one heartbeat server,
 * prints `aggregator: listening on http://HOST:PORT`, and closes on SIGINT or
 * SIGTERM. Bad flags, a bad token file, a missing `--static` directory and a Redis unreachable at start each
 * give one line and exit code 2; once running, Redis may come and go.
 */
export async function runAggregatorCli(
  argv: readonly string[],
  io: CliIo = processIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const parsed = parseAggregatorArgs(argv, env);
  if (!parsed.ok) {
    io.stderr(`aggregator: ${parsed.message}\n`);
    io.stderr(AGGREGATOR_USAGE);
    return 2;
  }
  if (parsed.help) {
    io.stdout(AGGREGATOR_USAGE);
    return 0;
  }
  const withToken = await takeToken(parsed.options);
  if (typeof withToken === 'string') {
    io.stderr(`aggregator: ${withToken}`);
    return 2;
  }
  for (const warning of withToken.warnings) io.stderr(`aggregator: ${warning}`);
  const options = withToken.options;
  if (options.staticDir !== undefined) {
    const staticDir = await resolveStaticDir(options.staticDir, env);
    if (!staticDir.ok) {
      io.stderr(`aggregator: ${staticDir.message}`);
      return 2;
    }
    options.staticDir = staticDir.dir;
  }
  const unreachable = await pingRedis(options.redisUrl);
  if (unreachable !== undefined) {
    io.stderr(`aggregator: --redis: ${unreachable}`);
    return 2;
  }
  const logger = {
    warn: (message: string) => io.stderr(`aggregator: ${message}`),
    error: (message: string, error?: unknown) =>
      io.stderr(`aggregator: ${message}: ${String(error)}`),
  };
  let server: RunningAggregatorServer;
  try {
    server = await startAggregatorServer({
      host: options.host,
      port: options.port,
      ...(options.token === undefined ? {} : { token: options.token }),
      allowedOrigins: [...DEFAULT_ALLOWED_ORIGINS, ...options.allowOrigins],
      allowedHosts: options.allowHosts,
      ...(options.staticDir === undefined
        ? {}
        : { onRequest: createStaticHandler(options.staticDir) }),
      logger,
      fleet: {
        redisUrl: options.redisUrl,
        ...(options.interval === undefined ? {} : { interval: options.interval }),
        ...(options.unresponsiveAfterMs === undefined
          ? {}
          : { unresponsiveAfterMs: options.unresponsiveAfterMs }),
        logger,
      },
    });
    await server.aggregator.ready();
  } catch (error) {
    io.stderr(
      `aggregator: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const sources = server.aggregator.sources.list();
  io.stdout(
    `aggregator: ${sources.length} source${sources.length === 1 ? '' : 's'} in ${options.redisUrl}; listening on ${server.url}`,
  );
  if (options.token === undefined) {
    io.stderr(
      `aggregator: warning: no token: anyone who can reach ${server.url} can read every session of the fleet; set HEARTBEAT_TOKEN or --token-file FILE to require one`,
    );
  }
  return closeOnSignal(() => server.close());
}
