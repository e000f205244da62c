import { pingRedis } from '@session-heartbeat/fleet';
import { parseCliArgs, USAGE, type CliOptions } from './parse-cli-args';
import { readTokenFile } from './read-token-file';
import { startMockServer, type MockServer, type MockServerOptions } from '../start-mock-server';
import { closeOnSignal } from './close-on-signal';
import { resolveStaticDir } from './resolve-static-dir';

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/**
 * A command built on the mock server (`mock-server` itself, `pnpm demo`): how
 * it names itself, how it adjusts the parsed options, and what it prints
 * once the server listens.
 */
export interface MockServerCommand {
  name: string;
  /** The options to start with, or a message saying why it cannot start (exit 1). */
  prepare?: (options: MockServerOptions) => MockServerOptions | string;
  /** Lines printed once the server listens. */
  announce: (server: MockServer, options: MockServerOptions) => string[];
}

const MOCK_SERVER: MockServerCommand = {
  name: 'mock-server',
  announce(server, options) {
    const sessions = server.emitter.size;
    const lines = [
      `mock-server: scenario ${server.scenario.name} (${sessions} session${sessions === 1 ? '' : 's'}${
        options.control ? ', control API on' : ''
      }) listening on ${server.url}`,
      `mock-server: Prometheus metrics on ${server.url}/metrics`,
    ];
    if (server.gatewayUrl !== undefined) {
      lines.push(`mock-server: gateway socket on ${server.gatewayUrl}`);
    }
    if (options.fleet !== undefined) {
      lines.push(
        `mock-server: publishing to ${options.fleet.redisUrl} as source ${options.fleet.source}`,
      );
    }
    return lines;
  },
};

/**
 * The server's options with the token in place (read from `--token-file`),
 * and what to warn about; or why it cannot start.
 */
export async function takeToken<O extends Pick<CliOptions, 'token' | 'tokenFile' | 'tokenInArgv'>>(
  cli: O,
): Promise<{ options: Omit<O, 'tokenFile' | 'tokenInArgv'>; warnings: string[] } | string> {
  const { tokenFile, tokenInArgv, ...options } = cli;
  const warnings: string[] = [];
  if (tokenInArgv) {
    warnings.push(
      'warning: --token is visible to every local user in the process list; use --token-file FILE or HEARTBEAT_TOKEN',
    );
  }
  if (tokenFile === undefined) return { options, warnings };
  const read = await readTokenFile(tokenFile);
  if (!read.ok) return read.message;
  return { options: { ...options, token: read.token }, warnings: [...warnings, ...read.warnings] };
}

/**
 * The `mock-server` command (or one built on it): starts the server, prints
 * what it listens on (for `mock-server`, one `listening on http://HOST:PORT`
 * line), and closes cleanly on SIGINT or SIGTERM. Resolves with the exit code
 * (2 for bad flags, a bad token file or a `--static` directory that is not there).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo,
  command: MockServerCommand = MOCK_SERVER,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const { name } = command;
  const usage = USAGE.replace('pnpm mock-server', `pnpm ${name}`);
  const parsed = parseCliArgs(argv, env);
  if (!parsed.ok) {
    io.stderr(`${name}: ${parsed.message}\n`);
    io.stderr(usage);
    return 2;
  }
  if (parsed.help) {
    io.stdout(usage);
    return 0;
  }
  const withToken = await takeToken(parsed.options);
  if (typeof withToken === 'string') {
    io.stderr(`${name}: ${withToken}`);
    return 2;
  }
  for (const warning of withToken.warnings) io.stderr(`${name}: ${warning}`);
  let parsedOptions: MockServerOptions = withToken.options;
  if (parsedOptions.staticDir !== undefined) {
    const staticDir = await resolveStaticDir(parsedOptions.staticDir, env);
    if (!staticDir.ok) {
      io.stderr(`${name}: ${staticDir.message}`);
      return 2;
    }
    parsedOptions = { ...parsedOptions, staticDir: staticDir.dir };
  }
  const options = command.prepare?.(parsedOptions) ?? parsedOptions;
  if (typeof options === 'string') {
    io.stderr(`${name}: ${options}`);
    return 1;
  }
  if (options.fleet !== undefined) {
    // The publisher would wait for Redis forever: at start, say it once and stop.
    const unreachable = await pingRedis(options.fleet.redisUrl);
    if (unreachable !== undefined) {
      io.stderr(`${name}: --redis: ${unreachable}`);
      return 2;
    }
  }
  let server;
  try {
    server = await startMockServer({
      ...options,
      logger: {
        warn: (message) => io.stderr(`${name}: ${message}`),
        error: (message, error) => io.stderr(`${name}: ${message}: ${String(error)}`),
      },
    });
  } catch (error) {
    io.stderr(
      `${name}: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  for (const line of command.announce(server, options)) io.stdout(line);
  if (options.token === undefined) {
    io.stderr(
      `${name}: warning: no token: anyone who can reach ${server.url} can read every session` +
        (options.control ? ' and drive them through the control API' : '') +
        '; set HEARTBEAT_TOKEN or --token-file FILE to require one',
    );
  }

  return closeOnSignal(() => server.close());
}
