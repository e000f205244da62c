import { parseArgs } from 'node:util';
import { checkRedisUrl } from '@session-heartbeat/fleet';
import { checkToken, integer } from './parse-cli-args';

export const AGGREGATOR_USAGE = `Usage: pnpm aggregator --redis URL [options]

Serves a fleet of gateways as one heartbeat server: the gateways publish to
Redis (pnpm mock-server --redis URL --source ID), this reads every one of them
and speaks the same HTTP + WebSocket contract, plus GET /api/sources. Run as
many as you like against the same Redis; clients given several URLs move
from one to the next.

Options:
  --redis URL            the fleet's Redis, redis://HOST:PORT (required)
  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port, 0 picks a free one (default 4318)
  --token-file FILE      require the token in FILE; or set HEARTBEAT_TOKEN
  --token TOKEN          the same, but visible to every local user in the process list
  --interval MS          the gateways' emission interval (default 5000)
  --unresponsive-after MS
                         the clients' silence limit for a session (default 3 × interval);
                         a gateway is called unreachable well before it, after
                         min(1.5 × interval, that − interval) unheard
  --allow-origin ORIGIN  also allow this Origin, with CORS (repeatable)
  --allow-host NAME      also answer for this Host name (repeatable)
  --static DIR           serve a built single-page app (the dashboard) from DIR at /; a
                         relative DIR is taken from the directory the command was started in
  -h, --help             show this help
`;

export interface AggregatorCliOptions {
  redisUrl: string;
  host: string;
  port: number;
  token?: string;
  tokenFile?: string;
  tokenInArgv?: true;
  interval?: number;
  unresponsiveAfterMs?: number;
  allowOrigins: string[];
  allowHosts: string[];
  staticDir?: string;
}

export type AggregatorParseResult =
  | { ok: true; help: true }
  | { ok: true; help: false; options: AggregatorCliOptions }
  | { ok: false; message: string };

/** Reads `pnpm aggregator`'s flags strictly, and `HEARTBEAT_TOKEN` when no token flag is given. */
export function parseAggregatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): AggregatorParseResult {
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        redis: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        interval: { type: 'string' },
        'unresponsive-after': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        static: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { ok: true, help: true };
    if (values.redis === undefined) throw new RangeError('--redis URL is required');
    const badUrl = checkRedisUrl(values.redis);
    if (badUrl !== undefined) throw new RangeError(`--redis: ${badUrl}`);
    if (values.token !== undefined && values['token-file'] !== undefined) {
      throw new RangeError('give the token one way: --token-file FILE (or HEARTBEAT_TOKEN)');
    }
    const options: AggregatorCliOptions = {
      redisUrl: values.redis,
      host: values.host ?? '127.0.0.1',
      port: values.port === undefined ? 4318 : integer('port', values.port, 0, 65_535),
      allowOrigins: values['allow-origin'] ?? [],
      allowHosts: values['allow-host'] ?? [],
    };
    if (values.token !== undefined) {
      options.token = checkToken('--token', values.token);
      options.tokenInArgv = true;
    } else if (values['token-file'] !== undefined) {
      options.tokenFile = values['token-file'];
    } else if (env.HEARTBEAT_TOKEN !== undefined && env.HEARTBEAT_TOKEN !== '') {
      options.token = checkToken('HEARTBEAT_TOKEN', env.HEARTBEAT_TOKEN);
    }
    if (values.interval !== undefined) {
      options.interval = integer('interval', values.interval, 10, 3_600_000);
    }
    if (values['unresponsive-after'] !== undefined) {
      options.unresponsiveAfterMs = integer(
        'unresponsive-after',
        values['unresponsive-after'],
        30,
        86_400_000,
      );
    }
    if (values.static !== undefined) options.staticDir = values.static;
    return { ok: true, help: false, options };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
