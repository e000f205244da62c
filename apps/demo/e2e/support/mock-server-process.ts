import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MOCK_SERVER_BIN, readListeningUrl } from '@session-heartbeat/mock-server';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
/** What `pnpm test:e2e` builds before the run. */
export const DASHBOARD_DIST = `${repoRoot}apps/demo/dist`;

export interface MockServerProcessOptions {
  /** 0 picks a free port; pass the old one to restart "the same server". @default 0 */
  port?: number;
  /** @default 'quiet' (no sessions: each test makes its own through the control API) */
  scenario?: 'demo' | 'load' | 'quiet';
  /** @default DASHBOARD_DIST */
  staticDir?: string;
  /** Requires this bearer token (and in the WebSocket hello). @default none */
  token?: string;
}

/** The real `mock-server` CLI in a child process, with `--control` and the built dashboard. */
export interface MockServerProcess {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** SIGTERM, as Ctrl+C would: clients get a close frame. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, its sockets with it. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the CLI and resolves once it printed its `listening on http://…` line. */
export async function startMockServerProcess(
  options: MockServerProcessOptions = {},
): Promise<MockServerProcess> {
  const args = [
    MOCK_SERVER_BIN,
    '--port',
    String(options.port ?? 0),
    '--scenario',
    options.scenario ?? 'quiet',
    '--control',
    '--static',
    options.staticDir ?? DASHBOARD_DIST,
  ];
  // The token goes by the environment, never in argv (the process list).
  const { HEARTBEAT_TOKEN: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.token === undefined ? env : { ...env, HEARTBEAT_TOKEN: options.token },
  });
  const url = await readListeningUrl(child, 20_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const pid = child.pid ?? -1;
  return {
    url,
    port: Number(new URL(url).port),
    pid,
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
