// `pnpm test:consumer` (CI): our packed tarballs, installed with npm into a
// scratch project outside the repository, the way a user gets them — once
// with React 18.3 and once with React 19. In each: the README's example
// type-checks under `tsc --strict`, builds with Vite and shows live rows in
// Chromium against the mock server (also with the transport in the client's
// worker); and a plain Node ESM script serves
// heartbeats with `@session-heartbeat/emitter/node` that an HTTP request reads.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_SERVER_BIN, readListeningUrl } from '@session-heartbeat/mock-server';
import { chromium } from 'playwright';
import { BROWSER_CONTEXT, CHROMIUM } from '../../chromium';
import { buildPackages, packPackages, publishablePackages } from '../pack-packages';

const FIXTURE = fileURLToPath(new URL('fixture/', import.meta.url));

interface ReactLine {
  label: string;
  dependencies: Record<string, string>;
}

const REACT_LINES: readonly ReactLine[] = [
  {
    label: 'React 18.3',
    dependencies: {
      react: '18.3.1',
      'react-dom': '18.3.1',
      '@types/react': '18.3.32',
      '@types/react-dom': '18.3.7',
    },
  },
  {
    label: 'React 19',
    dependencies: {
      react: '19.3.1',
      'react-dom': '19.3.1',
      '@types/react': '19.3.3',
      '@types/react-dom': '19.3.0',
    },
  },
];

/** What a Vite + TypeScript app has besides React, at the versions we build with. */
const TOOLING = {
  typescript: '6.0.3',
  vite: '8.3.8',
  '@vitejs/plugin-react': '6.3.0',
  '@types/node': '20.19.43',
};

function step(label: string): () => void {
  const started = performance.now();
  process.stdout.write(`  ${label} … `);
  return () => console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function npm(cwd: string, args: readonly string[]): void {
  execFileSync('npm', [...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
}

function writeManifest(dir: string, line: ReactLine, tarballs: Record<string, string>): void {
  const ours = Object.fromEntries(
    Object.entries(tarballs).map(([name, tarball]) => [name, `file:${tarball}`]),
  );
  const manifest = {
    name: 'session-heartbeat-consumer',
    private: true,
    type: 'module',
    // Our packages depend on each other by version (`^0.1.0`): point every
    // such edge at the tarball, never at a registry copy.
    overrides: ours,
    dependencies: { ...ours, ...line.dependencies },
    devDependencies: TOOLING,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The page at `path` shows live rows against the mock server; with
 * `worker`, it heard them through the client's worker, a file of its origin.
 */
async function expectLiveRowsInChromium(dir: string, path: string, worker: boolean): Promise<void> {
  const server = spawn(
    process.execPath,
    [MOCK_SERVER_BIN, '--port', '0', '--seed', '1', '--static', join(dir, 'dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const browser = await chromium.launch(CHROMIUM);
  try {
    const url = await readListeningUrl(server, 20_000);
    const page = await browser.newPage(BROWSER_CONTEXT);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}${path}`);
    const list = page.getByRole('list', { name: 'Sessions' });
    const rows = list.locator('[role="listitem"][data-session-key]');
    // The demo scenario's dozen sessions, each with a dot that names its health.
    await page.waitForFunction(
      () => document.querySelectorAll('[role="listitem"][data-health]').length >= 12,
      undefined,
      { timeout: 15_000 },
    );
    const healths = await rows.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-health')),
    );
    if (healths.some((health) => health === 'unknown' || health === null)) {
      throw new Error(`rows are not live: ${healths.join(', ')}`);
    }
    // Live: a row's heartbeat sequence moves on while we watch.
    const seqOf = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[role="listitem"][data-seq]')]
          .map((item) => Number(item.getAttribute('data-seq')))
          .reduce((sum, seq) => sum + seq, 0),
      );
    const before = await seqOf();
    await page.waitForFunction(
      (previous) =>
        [...document.querySelectorAll('[role="listitem"][data-seq]')]
          .map((item) => Number(item.getAttribute('data-seq')))
          .reduce((sum, seq) => sum + seq, 0) > previous,
      before,
      { timeout: 15_000 },
    );
    // The standalone dot and the stylesheet (a dot is drawn, not an empty span).
    const dot = page.locator('p [role="img"][data-health]');
    await dot.waitFor({ timeout: 5_000 });
    const dotWidth = await dot.evaluate((element) => element.getBoundingClientRect().width);
    if (dotWidth <= 0) throw new Error('the status dot has no size: is styles.css applied?');
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const workers = page.workers().map((running) => running.url());
    if (
      worker !== workers.some((running) => running.startsWith(`${url}/assets/heartbeat-worker`))
    ) {
      throw new Error(
        `expected ${worker ? 'a' : 'no'} heartbeat worker, found: ${workers.join(', ')}`,
      );
    }
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

async function expectNodeEmitterServes(dir: string): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, ['emit.mjs'], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`emit.mjs did not start:\n${output}`)),
        10_000,
      );
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /serving (http:\/\/\S+)/.exec(output);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => reject(new Error(`emit.mjs exited (${code}):\n${output}`)));
    });
    const response = await fetch(`${url}/api/sessions/heartbeat`);
    const body = (await response.json()) as { heartbeats: { sessionKey: string; state: string }[] };
    const states = Object.fromEntries(body.heartbeats.map((hb) => [hb.sessionKey, hb.state]));
    if (
      response.status !== 200 ||
      states['agent:main:main'] !== 'awaiting_model' ||
      states['agent:ops:telegram:direct:4711'] !== 'tool_exec'
    ) {
      throw new Error(`unexpected batch (${response.status}): ${JSON.stringify(body)}`);
    }
  } finally {
    child.stdin?.end();
    child.kill('SIGTERM');
  }
}

const keep = process.argv.includes('--keep');
const packs = mkdtempSync(join(tmpdir(), 'shb-consumer-packs-'));
const scratchDirs: string[] = [];
try {
  let done = step('building and packing the packages');
  buildPackages();
  const packed = packPackages(publishablePackages(), packs);
  const tarballs = Object.fromEntries(packed.map((pkg) => [pkg.name, pkg.tarball]));
  done();
  for (const line of REACT_LINES) {
    console.log(`${line.label}:`);
    const dir = mkdtempSync(join(tmpdir(), 'shb-consumer-'));
    scratchDirs.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    writeManifest(dir, line, tarballs);
    done = step(`npm install in ${dir}`);
    npm(dir, ['install', '--no-package-lock']);
    done();
    done = step('tsc --strict');
    execFileSync(join(dir, 'node_modules/.bin/tsc'), ['-p', dir], { stdio: 'inherit' });
    done();
    done = step('vite build');
    execFileSync(join(dir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
      cwd: dir,
      stdio: 'inherit',
    });
    done();
    done = step('live rows in Chromium against the mock server');
    await expectLiveRowsInChromium(dir, '/', false);
    done();
    done = step("the same, the transport in the client's worker");
    await expectLiveRowsInChromium(dir, '/worker.html', true);
    done();
    done = step('plain Node ESM serves heartbeats (emitter/node), read over HTTP');
    await expectNodeEmitterServes(dir);
    done();
  }
  console.log('consumer test passed');
} finally {
  rmSync(packs, { recursive: true, force: true });
  if (!keep) for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}
