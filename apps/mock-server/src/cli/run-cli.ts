import { parseCliArgs, USAGE } from './parse-cli-args';
import { startMockServer } from '../start-mock-server';

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
 * The `mock-server` command: starts the server, prints one
 * `listening on http://HOST:PORT` line, and closes cleanly on SIGINT or
 * SIGTERM. Resolves with the exit code (2 for bad flags).
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr(`mock-server: ${parsed.message}\n`);
    io.stderr(USAGE);
    return 2;
  }
  if (parsed.help) {
    io.stdout(USAGE);
    return 0;
  }
  const { options } = parsed;
  let server;
  try {
    server = await startMockServer({
      ...options,
      logger: {
        warn: (message) => io.stderr(`mock-server: ${message}`),
        error: (message, error) => io.stderr(`mock-server: ${message}: ${String(error)}`),
      },
    });
  } catch (error) {
    io.stderr(
      `mock-server: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const sessions = server.emitter.size;
  io.stdout(
    `mock-server: scenario ${server.scenario.name} (${sessions} session${sessions === 1 ? '' : 's'}${
      options.control ? ', control API on' : ''
    }) listening on ${server.url}`,
  );
  if (server.gatewayUrl !== undefined) {
    io.stdout(`mock-server: gateway socket on ${server.gatewayUrl}`);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // A stuck close must not keep the process from exiting.
  const deadline = setTimeout(() => process.exit(0), 5000);
  deadline.unref();
  await server.close();
  return 0;
}
