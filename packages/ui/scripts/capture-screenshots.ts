/**
 * Screenshots of stories from the built Storybook (`pnpm build-storybook`),
 * taken in Debian's Chromium with Playwright.
 *
 *   pnpm --filter @session-heartbeat/ui screenshots [story-id[:theme[:file]] …]
 *
 * With no arguments it writes the list in light and dark to docs/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStaticHandler } from '@session-heartbeat/mock-server';
import { chromium } from 'playwright';
import { CHROMIUM } from '../../../chromium';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const staticDir = path.join(repoRoot, 'storybook-static');
const outDir = path.join(repoRoot, 'docs/screenshots');

const DEFAULT_SHOTS = [
  'components-sessionlist--twelve-sessions:light:session-list-light.png',
  'components-sessionlist--twelve-sessions:dark:session-list-dark.png',
  'components-sessiontooltip--stalled-no-first-token:light:session-tooltip-light.png',
  'components-sessiontooltip--stalled-tool:dark:session-tooltip-dark.png',
  'components-statusdot--all-healths:light:status-dots.png',
];
const MARGIN = 16;

async function main(): Promise<void> {
  if (!existsSync(path.join(staticDir, 'iframe.html'))) {
    throw new Error('No built Storybook: run `pnpm build-storybook` first.');
  }
  const serveFile = createStaticHandler(staticDir);
  const server = createServer((request, response) => {
    if (!serveFile(request, response)) response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await chromium.launch(CHROMIUM);
  try {
    await mkdir(outDir, { recursive: true });
    const shots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : DEFAULT_SHOTS;
    for (const shot of shots) {
      const [id = '', theme = 'light', file = `${id}-${theme}.png`] = shot.split(':');
      const page = await browser.newPage({
        viewport: { width: 1200, height: 720 },
        deviceScaleFactor: 2,
        reducedMotion: 'reduce',
        colorScheme: theme === 'dark' ? 'dark' : 'light',
      });
      await page.goto(
        `http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story&globals=theme:${theme}`,
      );
      await page.waitForSelector('#storybook-root > *');
      await page.waitForTimeout(300);
      // The story and its tooltip, if one is open, with a margin of canvas around them.
      const box = await page.evaluate((margin) => {
        const tooltip = document.querySelector('[role="tooltip"]');
        const parts = (
          tooltip === null
            ? [document.querySelector('#storybook-root > *')]
            : [tooltip, document.querySelector(`[aria-describedby="${tooltip.id}"]`)]
        ).filter((part): part is Element => part !== null);
        const rects = parts.map((part) => part.getBoundingClientRect());
        const left = Math.max(0, Math.min(...rects.map((rect) => rect.left)) - margin);
        const top = Math.max(0, Math.min(...rects.map((rect) => rect.top)) - margin);
        const right = Math.max(...rects.map((rect) => rect.right)) + margin;
        const bottom = Math.max(...rects.map((rect) => rect.bottom)) + margin;
        return { x: left, y: top, width: right - left, height: bottom - top };
      }, MARGIN);
      const target = path.resolve(outDir, file);
      await page.screenshot({ path: target, clip: box });
      console.log(`wrote ${path.relative(repoRoot, target)}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
