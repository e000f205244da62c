import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright';

/** Debian's Chromium (`apt-get install chromium`). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser every browser test, screenshot script and the benchmark use,
 * in this order: Playwright's own Chromium when one is installed, else
 * Debian's. Test tools never download a browser; `pnpm test` installs
 * Debian's when neither is there (scripts/ensure-test-tools.ts).
 */
export function findChromium(): string | undefined {
  const playwrights = chromium.executablePath();
  if (playwrights !== '' && existsSync(playwrights)) return playwrights;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return undefined;
}

/** Headless, and quiet on a machine whose network is closed. */
export const CHROMIUM: { executablePath: string; args: string[] } = {
  // Without a browser, launching names the missing path; `pnpm test` never gets there.
  executablePath: findChromium() ?? DEBIAN_CHROMIUM,
  args: [
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * The page every browser test, the dashboard screenshots and the benchmark
 * open: a laptop-sized viewport, English, UTC (so times read the same on any
 * machine).
 */
export const BROWSER_CONTEXT = {
  viewport: { width: 1440, height: 900 },
  locale: 'en-US',
  timezoneId: 'UTC',
};

export interface TabbedChromium {
  browser: Browser;
  /** The browser's own profile: its pages are tabs of one window, and only the front one is visible. */
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
export async function launchTabbedChromium(): Promise<TabbedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'heartbeat-tabs-'));
  const { width, height } = BROWSER_CONTEXT.viewport;
  const child = spawn(
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    // Its helper processes may still be writing the profile for a moment.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      // A leftover directory in the system's temp folder.
    }
  };
  try {
    const portFile = join(profile, 'DevToolsActivePort');
    const startedAt = Date.now();
    // Chromium writes the port it took, then the browser target's path.
    while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').includes('\n')) {
      if (child.exitCode !== null) throw new Error(`Chromium exited with ${child.exitCode}`);
      if (Date.now() - startedAt > 30_000) throw new Error('Chromium opened no debugging port');
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
        // Browser.close ends Chromium with its helper processes; disconnecting would not.
        await browser
          .newBrowserCDPSession()
          .then((session) => session.send('Browser.close'))
          .catch(() => undefined);
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await stop();
    throw error;
  }
}
