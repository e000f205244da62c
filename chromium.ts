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
