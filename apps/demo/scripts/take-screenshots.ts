/**
 * `pnpm --filter @session-heartbeat/demo screenshots`: the README's pictures
 * of the dashboard, taken from the built app on the demo scenario, in real
 * time, once a session has stalled, another has gone silent and one waits
 * for approval (labelled sessions are in the cast). Takes a minute or two.
 *
 * - dashboard-{light,dark}.png: 1440 px, the stalled session open in the detail panel
 * - dashboard-phone-{light,dark}.png: 390 px, the two-line rows
 * - bulk-restart-light.png: filtered to stalled, "Restart all" asking to confirm
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
      // "N need approval" is a waiting entry of its own.
      const health = entry.hasAttribute('data-approval')
        ? 'approval'
        : (entry.getAttribute('data-health') ?? '');
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
  process.stdout.write('waiting for a stalled, an unresponsive and an approval-waiting session');
  const deadline = Date.now() + 150_000;
  for (;;) {
    const now = await counts(page);
    if ((now.stalled ?? 0) >= 1 && (now.unresponsive ?? 0) >= 1 && (now.approval ?? 0) >= 1) {
      break;
    }
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

  // A phone: the same sessions, each row two lines; nothing selected.
  const phone = await browser.newPage({
    ...BROWSER_CONTEXT,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  await phone.goto(`${server.url}/`);
  await phone.locator('.shb-list[data-narrow] [role="listitem"]').first().waitFor();
  await phone.mouse.move(389, 843);
  await phone.waitForTimeout(600);
  for (const theme of ['light', 'dark'] as const) {
    await phone.evaluate((value) => {
      document.documentElement.dataset.theme = value;
    }, theme);
    await phone.waitForTimeout(400);
    const path = `${outDir}dashboard-phone-${theme}.png`;
    await phone.screenshot({ path });
    process.stdout.write(`wrote ${path}\n`);
  }

  // Bulk: filtered to the stalled sessions, "Restart …" asks first.
  await page.evaluate(() => {
    document.documentElement.dataset.theme = 'light';
  });
  await page.locator('.demo-header__counts .shb-counts__entry[data-health="stalled"]').click();
  await page.getByRole('button', { name: /^Act on \d+ sessions? shown$/ }).click();
  await page.getByRole('button', { name: /^Restart \d+ stalled sessions?…$/ }).click();
  await page.mouse.move(1439, 899);
  await page.waitForTimeout(400);
  const bulkPath = `${outDir}bulk-restart-light.png`;
  await page.screenshot({ path: bulkPath });
  process.stdout.write(`wrote ${bulkPath}\n`);
} finally {
  await browser.close();
  await server.close();
}
