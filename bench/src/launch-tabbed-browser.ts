import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright';
import { BROWSER_CONTEXT, CHROMIUM } from '../../chromium';
import { spawnTracked, stopTracked } from './tracked-children';

export interface TabbedBrowser {
  browser: Browser;
  /** The browser's own profile: its tabs share one window, and only the front one is visible. */
  context: BrowserContext;
  close(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Chromium as a person runs it, with tabs that go to the background.
 *
 * A browser Playwright launches emulates focus in every page it opens, and
 * a focused page is visible: each of ten tabs renders, as if each had a
 * screen of its own. Here Chromium is started by us and Playwright attaches
 * with `noDefaults`, which leaves focus alone. Pages opened in the default
 * context are tabs of one window; the tab in front is `visible` and gets
 * animation frames, the others are `hidden` and throttled, as in a
 * person's browser. `page.bringToFront()` picks the tab in front.
 */
export async function launchTabbedBrowser(): Promise<TabbedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'heartbeat-tabs-'));
  const { width, height } = BROWSER_CONTEXT.viewport;
  const child = spawnTracked(
    CHROMIUM.executablePath,
    [
      ...CHROMIUM.args,
      // Playwright adds this to the browsers it launches; CI runs as root.
      '--no-sandbox',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${width},${height}`,
      `--lang=${BROWSER_CONTEXT.locale}`,
      'about:blank',
    ],
    { stdio: 'ignore', env: { ...process.env, TZ: BROWSER_CONTEXT.timezoneId } },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  const startedAt = Date.now();
  // Chromium writes the port it took, then the browser target's path.
  while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with ${child.exitCode}`);
    if (Date.now() - startedAt > 30_000)
      throw new Error('Chromium did not open its debugging port');
    await sleep(50);
  }
  const port = readFileSync(portFile, 'utf8').split('\n')[0];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
  const context = browser.contexts()[0];
  if (context === undefined) throw new Error('Chromium has no default context');
  return {
    browser,
    context,
    async close() {
      await browser.close().catch(() => undefined);
      await stopTracked(child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
