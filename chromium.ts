import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

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
