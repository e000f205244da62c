// Part of `pnpm test:packages`: `storybook build` gives a site that works from
// any folder. Built into a temporary directory, it is served under a nested
// path (`/some/folder/storybook/`), and Chromium opens the Getting Started
// page, the theming tokens and a component's docs page (props table included),
// with no failed request and no page error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticHandler } from '@session-heartbeat/mock-server';
import { chromium, type Frame, type Page } from 'playwright';
import { BROWSER_CONTEXT, CHROMIUM } from '../chromium';

const PREFIX = '/some/folder/storybook/';

const outDir = mkdtempSync(join(tmpdir(), 'shb-storybook-'));
const serveFile = createStaticHandler(outDir);
// The site lives under PREFIX only: anything else is a 404, as on a shared host.
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (!url.startsWith(PREFIX)) {
    res.writeHead(404).end();
    return;
  }
  req.url = `/${url.slice(PREFIX.length)}`;
  if (!serveFile(req, res)) res.writeHead(405).end();
});

async function previewFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#storybook-preview-iframe', { timeout: 30_000 });
  const frame = await handle.contentFrame();
  if (frame === null) throw new Error('the preview iframe has no document');
  return frame;
}

async function expectDocsPage(page: Page, path: string, expected: string[]): Promise<void> {
  await page.goto(`${baseUrl}index.html?path=${path}`);
  const frame = await previewFrame(page);
  for (const text of expected) {
    await frame.getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 });
  }
  console.log(`ok   ${path}: ${expected.join(', ')}`);
}

let baseUrl = '';
const browser = await chromium.launch(CHROMIUM);
try {
  execFileSync('pnpm', ['exec', 'storybook', 'build', '--quiet', '--output-dir', outDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
  const page = await browser.newPage(BROWSER_CONTEXT);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await expectDocsPage(page, '/docs/docs-getting-started--docs', [
    'Getting started',
    'npm install @session-heartbeat/react',
    'agent:main:main',
  ]);
  await expectDocsPage(page, '/docs/docs-theming-tokens--docs', ['--shb-accent', '--shb-radius']);
  // A component's docs page: its props table, read from the types.
  await expectDocsPage(page, '/docs/components-statusdot--docs', ['health', 'sessionKey', 'size']);
  if (problems.length > 0) throw new Error(`the static Storybook:\n${problems.join('\n')}`);
  console.log(`storybook build works from ${PREFIX}`);
} finally {
  await browser.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
}
