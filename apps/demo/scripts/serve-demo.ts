/**
 * `pnpm demo`: the mock heartbeat server with lifelike sessions, serving the
 * built dashboard at its root. Takes the mock server's flags
 * (`pnpm demo --port 0 --token secret`); `--static` defaults to `dist/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from '@session-heartbeat/mock-server';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));

process.exitCode = await runCli(process.argv.slice(2), undefined, {
  name: 'demo',
  prepare(options) {
    const staticDir = options.staticDir ?? distDir;
    if (!existsSync(`${staticDir}/index.html`)) {
      return `no built dashboard in ${staticDir}; run "pnpm demo" from the repository root`;
    }
    return { ...options, staticDir };
  },
  announce(server, options) {
    const sessions = server.emitter.size;
    return [
      '',
      `  Dashboard: ${server.url}/`,
      '',
      `  Mock server: scenario ${server.scenario.name}, ${sessions} session${sessions === 1 ? '' : 's'}${
        options.token === undefined ? '' : ', token required'
      }; API ${server.url}/api/sessions/heartbeat`,
      '  Press Ctrl+C to stop.',
      '',
    ];
  },
});
