import { parseArgs } from 'node:util';
import { MAX_LOAD_SESSIONS, isScenarioName } from '../scenarios';
import { tokenProblem } from '@session-heartbeat/emitter/node';
import { checkRedisUrl, sourceIdProblem } from '@session-heartbeat/fleet';
import type { MockServerOptions } from '../start-mock-server';

export const USAGE = `Usage: pnpm mock-server [options]

A real heartbeat server (HTTP + WebSocket) with simulated sessions.

Options:
  --host HOST            address to listen on (default 127.0.0.1)
  --port PORT            port, 0 picks a free one (default 4317)
  --token-file FILE      require the token in FILE ("Authorization: Bearer TOKEN" and in
                         the hello); or set HEARTBEAT_TOKEN. Without either, no token
  --token TOKEN          the same, but visible to every local user in the process list
  --scenario NAME        demo | load | quiet | openclaw (default demo); openclaw also
                         serves an OpenClaw-gateway-style socket at ws://HOST:PORT/
                         (connect.challenge, connect with the token, session.heartbeat)
  --sessions N           load: number of sessions, up to ${MAX_LOAD_SESSIONS} (default 1000)
  --rate R               load: transitions per second in total (default 100)
  --interval MS          periodic emission interval (default 5000)
  --seed N               scenario seed (default 1)
  --control              enable the control API under /api/mock
  --allow-origin ORIGIN  also allow this Origin, with CORS (repeatable)
  --allow-host NAME      also answer for this Host name, e.g. a LAN name (repeatable);
                         any other Host gets 421
  --static DIR           serve a built single-page app from DIR at /; a relative DIR is
                         taken from the directory the command was started in
  --redis URL            fleet: also publish the sessions to Redis (redis://HOST:PORT)
                         for an aggregator (pnpm aggregator); needs --source
  --source ID            fleet: this gateway's id, e.g. gw-1
  -h, --help             show this help
`;

/** What the flags ask for: the server's options, and where its token is to come from. */
export interface CliOptions extends MockServerOptions {
  port: number;
  /** `--token-file`: the token is read from this file before the server starts. */
  tokenFile?: string;
  /** The token came from `--token`, which every local user can read in the process list. */
  tokenInArgv?: true;
}

export type CliParseResult =
  | { ok: true; help: true }
  | { ok: true; help: false; options: CliOptions }
  | { ok: false; message: string };

/** A token the server would refuse, as a flag's message. */
export function checkToken(source: string, token: string): string {
  const problem = tokenProblem(token);
  if (problem !== undefined) throw new RangeError(`${source}: ${problem}`);
  return token;
}

/** `--name`'s integer value, or a RangeError naming the flag and the range. */
export function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(
      `--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** `--redis URL --source ID`, both or neither. */
function fleetFlags(
  redis: string | undefined,
  source: string | undefined,
): { redisUrl: string; source: string } {
  if (redis === undefined) throw new RangeError('--source needs --redis URL');
  if (source === undefined) throw new RangeError('--redis needs --source ID (e.g. gw-1)');
  const badUrl = checkRedisUrl(redis);
  if (badUrl !== undefined) throw new RangeError(`--redis: ${badUrl}`);
  const badSource = sourceIdProblem(source);
  if (badSource !== undefined) throw new RangeError(`--source: ${badSource}`);
  return { redisUrl: redis, source };
}

/**
 * Reads the CLI flags (strictly: unknown flags and stray arguments are
 * errors), and `HEARTBEAT_TOKEN` from `env` when no token flag is given.
 */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliParseResult {
  // `pnpm mock-server -- --port 0` passes the `--` through; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        scenario: { type: 'string' },
        sessions: { type: 'string' },
        rate: { type: 'string' },
        interval: { type: 'string' },
        seed: { type: 'string' },
        control: { type: 'boolean' },
        'allow-origin': { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        static: { type: 'string' },
        redis: { type: 'string' },
        source: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { ok: true, help: true };
    const scenario = values.scenario ?? 'demo';
    if (!isScenarioName(scenario)) {
      throw new RangeError(
        `--scenario must be demo, load, quiet or openclaw, got ${JSON.stringify(scenario)}`,
      );
    }
    if (values.token !== undefined && values['token-file'] !== undefined) {
      throw new RangeError('give the token one way: --token-file FILE (or HEARTBEAT_TOKEN)');
    }
    const options: CliOptions = {
      host: values.host ?? '127.0.0.1',
      port: values.port === undefined ? 4317 : integer('port', values.port, 0, 65_535),
      scenario,
      control: values.control ?? false,
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
    if (values.sessions !== undefined) {
      options.sessions = integer('sessions', values.sessions, 0, MAX_LOAD_SESSIONS);
    }
    if (values.rate !== undefined) {
      const rate = Number(values.rate);
      if (values.rate.trim() === '' || !Number.isFinite(rate) || rate < 0) {
        throw new RangeError(`--rate must be a number ≥ 0, got ${JSON.stringify(values.rate)}`);
      }
      options.rate = rate;
    }
    if (values.interval !== undefined) {
      options.interval = integer('interval', values.interval, 10, 3_600_000);
    }
    if (values.seed !== undefined) {
      options.seed = integer('seed', values.seed, 0, 0xffff_ffff);
    }
    if (values.static !== undefined) options.staticDir = values.static;
    if (values.redis !== undefined || values.source !== undefined) {
      options.fleet = fleetFlags(values.redis, values.source);
    }
    return { ok: true, help: false, options };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
