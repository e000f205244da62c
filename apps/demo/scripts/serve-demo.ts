/**
 * `pnpm demo`: the mock heartbeat server with lifelike sessions, serving the
 * built dashboard at its root. Takes the mock server's flags
 * (`pnpm demo --port 0 --token secret`); `--static` defaults to `dist/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, startMockServer, USAGE } from '@session-heartbeat/mock-server';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(
      `demo: ${parsed.message}\n\n${USAGE.replace('pnpm mock-server', 'pnpm demo')}`,
    );
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE.replace('pnpm mock-server', 'pnpm demo'));
    return 0;
  }
  const staticDir = parsed.options.staticDir ?? distDir;
  if (!existsSync(`${staticDir}/index.html`)) {
    process.stderr.write(
      `demo: no built dashboard in ${staticDir}; run "pnpm demo" from the repository root\n`,
    );
    return 1;
  }
  let server;
  try {
    server = await startMockServer({
      ...parsed.options,
      staticDir,
      logger: {
        warn: (message) => process.stderr.write(`demo: ${message}\n`),
        error: (message, error) => process.stderr.write(`demo: ${message}: ${String(error)}\n`),
      },
    });
  } catch (error) {
    process.stderr.write(
      `demo: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const sessions = server.emitter.size;
  process.stdout.write(
    [
      '',
      `  Dashboard: ${server.url}/`,
      '',
      `  Mock server: scenario ${server.scenario.name}, ${sessions} session${sessions === 1 ? '' : 's'}${
        parsed.options.token === undefined ? '' : ', token required'
      }; API ${server.url}/api/sessions/heartbeat`,
      '  Press Ctrl+C to stop.',
      '',
      '',
    ].join('\n'),
  );

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
  setTimeout(() => process.exit(0), 5000).unref();
  await server.close();
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
