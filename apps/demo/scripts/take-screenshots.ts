/**
 * `pnpm --filter @session-heartbeat/demo screenshots`: the README's pictures
 * of the dashboard (docs/screenshots/dashboard-{light,dark}.png), taken from
 * the built app on the demo scenario, in real time, once a session has
 * stalled and another has gone silent. Takes a minute or two.
 */
import { fileURLToPath } from 'node:url';
import { startMockServer } from '@session-heartbeat/mock-server';
import { chromium, type Page } from 'playwright';
import { BROWSER_CONTEXT, CHROMIUM } from '../../../chromium';

const distDir = fileURLToPath(new URL('../dist', import.meta.url));
const outDir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const result: Record<string, number> = {};
    for (const entry of document.querySelectorAll('.demo-header__counts .shb-counts__entry')) {
      const health = entry.getAttribute('data-health') ?? '';
      result[health] = Number(entry.querySelector('.shb-counts__number')?.textContent ?? 0);
    }
    return result;
  });
}

const options = { scenario: 'demo', seed: 1, staticDir: distDir } as const;
// The port `pnpm demo` uses, so the header reads as it will for the reader; any port if taken.
const server = await startMockServer({ ...options, port: 4317 }).catch(() =>
  startMockServer({ ...options, port: 0 }),
);
const browser = await chromium.launch(CHROMIUM);
try {
  const page = await browser.newPage({
    ...BROWSER_CONTEXT,
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  await page.goto(`${server.url}/`);
  process.stdout.write('waiting for a stalled and an unresponsive session');
  const deadline = Date.now() + 150_000;
  for (;;) {
    const now = await counts(page);
    if ((now.stalled ?? 0) >= 1 && (now.unresponsive ?? 0) >= 1) break;
    if (Date.now() > deadline) throw new Error(`gave up waiting; counts: ${JSON.stringify(now)}`);
    process.stdout.write('.');
    await page.waitForTimeout(2000);
  }
  process.stdout.write('\n');
  await page.locator('.shb-row[data-health="stalled"]').first().click();
  // Out of the list, pointer and focus alike: no "changes waiting" while the order is held.
  await page.mouse.move(1439, 899);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForTimeout(600);
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((value) => {
      document.documentElement.dataset.theme = value;
    }, theme);
    await page.waitForTimeout(400);
    const path = `${outDir}dashboard-${theme}.png`;
    await page.screenshot({ path });
    process.stdout.write(`wrote ${path}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}
