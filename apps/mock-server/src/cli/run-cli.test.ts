import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/mock-server.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: Running[] = [];

function launch(
  command: string,
  args: string[],
  options: { detached?: boolean; env?: Record<string, string>; cwd?: string } = {},
): Running {
  // INIT_CWD too: a test run under pnpm inherits it, and it decides where `--static` points.
  const { HEARTBEAT_TOKEN: _inherited, INIT_CWD: _initCwd, ...parentEnv } = process.env;
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
    env: { ...parentEnv, NO_COLOR: '1', ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = { child, stdout: () => stdout, stderr: () => stderr, exited };
  children.push(running);
  return running;
}

/** Resolves with the listening URL once the line is printed (or rejects when the process exits first). */
function listeningUrl(running: Running, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = /listening on (http:\/\/\S+)/.exec(running.stdout());
      if (match?.[1]) {
        cleanup();
        resolve(match[1]);
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new Error(`no listening line in ${timeoutMs} ms: ${running.stdout()} ${running.stderr()}`),
      );
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      running.child.stdout?.off('data', check);
    };
    running.child.stdout?.on('data', check);
    void running.exited.then(() => {
      cleanup();
      reject(new Error(`exited before listening: ${running.stderr()}`));
    });
    check();
  });
}

/** Polls until nothing answers at `url` any more (true), or gives up after `timeoutMs` (false). */
async function waitUntilRefused(url: string, timeoutMs = 5000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      await fetch(`${url}/api/sessions/heartbeat`);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

afterEach(async () => {
  for (const running of children.splice(0)) {
    if (running.child.exitCode === null && running.child.signalCode === null) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
  }
});

describe('the mock-server CLI', () => {
  it('prints one listening line for --port 0, serves the demo, and exits 0 on SIGTERM', async () => {
    const running = launch(process.execPath, [BIN, '--port', '0']);
    const url = await listeningUrl(running);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe('http://127.0.0.1:0');
    expect(
      running
        .stdout()
        .split('\n')
        .filter((line) => line.includes('listening on')),
    ).toHaveLength(1);
    const body = (await (await fetch(`${url}/api/sessions/heartbeat`)).json()) as {
      heartbeats: { sessionKey: string }[];
    };
    expect(body.heartbeats.map((beat) => beat.sessionKey)).toContain('agent:main:main');
    // `curl /metrics`: the demo's fifteen sessions, counted by health, in Prometheus text.
    expect(running.stdout()).toContain(`Prometheus metrics on ${url}/metrics`);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const counted = [...metrics.matchAll(/^session_heartbeat_sessions\{[^}]*\} (\d+)$/gm)];
    expect(counted.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(body.heartbeats.length);
    expect(body.heartbeats).toHaveLength(15);
    expect(metrics).toContain('# TYPE session_heartbeat_state_duration_seconds histogram');
    expect(running.stderr()).toContain(`warning: no token: anyone who can reach ${url} can read`);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('takes its flags (token, scenario, control) and exits 0 on SIGINT', async () => {
    const running = launch(process.execPath, [
      BIN,
      '--port',
      '0',
      '--scenario',
      'load',
      '--sessions',
      '50',
      '--rate',
      '10',
      '--token',
      'T',
      '--control',
    ]);
    const url = await listeningUrl(running);
    expect(running.stdout()).toContain('scenario load (50 sessions, control API on)');
    expect((await fetch(`${url}/api/sessions/heartbeat`)).status).toBe(401);
    const body = (await (
      await fetch(`${url}/api/sessions/heartbeat`, { headers: { Authorization: 'Bearer T' } })
    ).json()) as { heartbeats: unknown[] };
    expect(body.heartbeats).toHaveLength(50);
    expect(running.stdout() + running.stderr()).not.toContain('Bearer T');
    expect(running.stderr()).toContain(
      'warning: --token is visible to every local user in the process list',
    );
    running.child.kill('SIGINT');
    expect(await running.exited).toEqual({ code: 0, signal: null });
  });

  it('takes the token from --token-file or HEARTBEAT_TOKEN, keeping it out of the process list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-token-'));
    const file = join(dir, 'token');
    writeFileSync(file, 'from-file\n', { mode: 0o600 });
    try {
      for (const [args, env, token] of [
        [['--token-file', file], {}, 'from-file'],
        [[], { HEARTBEAT_TOKEN: 'from-env' }, 'from-env'],
      ] as const) {
        const running = launch(
          process.execPath,
          [BIN, '--port', '0', '--scenario', 'quiet', ...args],
          {
            env,
          },
        );
        const url = await listeningUrl(running);
        expect((await fetch(`${url}/api/sessions/heartbeat`)).status).toBe(401);
        const authorised = await fetch(`${url}/api/sessions/heartbeat`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(authorised.status).toBe(200);
        expect(running.stderr()).not.toContain('warning');
        running.child.kill('SIGTERM');
        await running.exited;
      }
      writeFileSync(file, 'two words\n', { mode: 0o600 });
      const refused = launch(process.execPath, [BIN, '--port', '0', '--token-file', file]);
      expect((await refused.exited).code).toBe(2);
      expect(refused.stderr()).toContain('token must not contain spaces');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints usage to stderr and exits 2 on a bad flag', async () => {
    const running = launch(process.execPath, [BIN, '--port', 'nope']);
    expect((await running.exited).code).toBe(2);
    expect(running.stderr()).toContain('--port must be an integer from 0 to 65535, got "nope"');
    expect(running.stderr()).toContain('Usage: pnpm mock-server');
    expect(running.stdout()).toBe('');
  });

  it('takes a relative --static from where it was started (INIT_CWD, else its own directory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-static-'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site', 'index.html'), '<title>started here</title>');
    try {
      for (const [cwd, env] of [
        // What pnpm does: the script runs in the package's folder, INIT_CWD says where the person was.
        [fileURLToPath(new URL('../..', import.meta.url)), { INIT_CWD: dir }],
        [dir, {}],
      ] as const) {
        const running = launch(process.execPath, [BIN, '--port', '0', '--static', 'site'], {
          cwd,
          env,
        });
        const url = await listeningUrl(running);
        const page = await fetch(`${url}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('started here');
        running.child.kill('SIGTERM');
        await running.exited;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a --static directory that is not there: one line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-static-'));
    try {
      const running = launch(process.execPath, [BIN, '--port', '0', '--static', 'dist'], {
        cwd: dir,
      });
      expect((await running.exited).code).toBe(2);
      expect(running.stderr()).toBe(
        `mock-server: --static: no directory at ${join(dir, 'dist')}\n`,
      );
      expect(running.stdout()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes flags through `pnpm mock-server` from the repo root', async () => {
    // Detached: its own process group, so the whole pnpm → node chain can be stopped.
    // `--static` relative to the root, where the command was typed, not to apps/mock-server.
    const running = launch(
      'pnpm',
      ['mock-server', '--port', '0', '--scenario', 'quiet', '--static', 'apps/mock-server/bin'],
      { detached: true },
    );
    const url = await listeningUrl(running, 30_000);
    expect(running.stdout()).toContain('scenario quiet (0 sessions)');
    const body = (await (await fetch(`${url}/api/sessions/heartbeat`)).json()) as {
      heartbeats: unknown[];
    };
    expect(body.heartbeats).toEqual([]);
    const served = await fetch(`${url}/mock-server.js`);
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('runCli');
    const pid = running.child.pid;
    if (pid !== undefined) process.kill(-pid, 'SIGTERM');
    await running.exited;
    // pnpm itself dies of the signal; what matters is that the server closed.
    await expect(waitUntilRefused(url)).resolves.toBe(true);
  });
});
