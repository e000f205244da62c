/**
 * Debian's Chromium, headless, as every browser test, screenshot script and
 * the benchmark launch it: test tools never download a browser.
 */
export const CHROMIUM: { executablePath: string; args: string[] } = {
  executablePath: '/usr/bin/chromium',
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
