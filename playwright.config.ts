import { defineConfig } from '@playwright/test';
import { BROWSER_CONTEXT, CHROMIUM } from './chromium';

// End-to-end tests of the demo dashboard against the real mock server (see
// apps/demo/e2e). `pnpm test:e2e` builds the dashboard first.
export default defineConfig({
  testDir: 'apps/demo/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results',
  // Two cores: one browser and one mock server per worker.
  workers: 2,
  fullyParallel: false,
  forbidOnly: process.env.CI !== undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  projects: [
    // The demo dashboard (apps/demo/e2e), with the settings above.
    { name: 'demo' },
    // The custom elements' example pages, served under the host's CSP
    // (packages/element/e2e); `pnpm test:e2e` builds the bundle and pages first.
    { name: 'element', testDir: 'packages/element/e2e', testMatch: '**/*.spec.ts' },
  ],
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM,
    ...BROWSER_CONTEXT,
    screenshot: 'only-on-failure',
    // Tracing doubles the time of axe runs; use `--trace on` to debug a failure.
    trace: 'off',
  },
});
