import { test as base, expect, type Page } from '@playwright/test';
import { startExamplesServer } from '../../scripts/start-examples-server';
import { controlApi, type ControlApi, type MockServer } from '@session-heartbeat/mock-server';

export interface TestFixtures {
  /** The worker's server, emptied of sessions before the test. */
  control: ControlApi;
  /**
   * Fails the test on any CSP violation (`securitypolicyviolation`, listened
   * to before the page's own scripts run), console error or uncaught error.
   */
  pageProblems: string[];
}

export interface WorkerFixtures {
  /** The mock server serving the example pages under the host's CSP (`quiet`: no sessions). */
  examplesServer: MockServer;
  /** The same with the `openclaw` scenario: a simulated gateway's socket at `/`. */
  gatewayServer: MockServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  examplesServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern.
    async ({}, use) => {
      const server = await startExamplesServer({ scenario: 'quiet' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  gatewayServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern.
    async ({}, use) => {
      const server = await startExamplesServer({ scenario: 'openclaw' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ examplesServer }, use) => {
    await use(`${examplesServer.url}/`);
  },
  control: async ({ examplesServer }, use) => {
    const control = controlApi(examplesServer.url);
    await control.reset();
    await use(control);
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          // Reported through the console, which the test listens to.
          console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
          );
        });
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use(problems);
      expect(problems, 'CSP violations, console errors or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Lets `totalMs` pass on both clocks in lockstep, in steps well under the
 * client's silence limit: the browser's first (Playwright's clock, installed
 * before the page loaded), then the server's (`POST /api/mock/clock`, after
 * which overdue sessions beat at once). Nothing waits on the wall clock.
 */
export async function advanceTime(
  page: Page,
  control: ControlApi,
  totalMs: number,
  stepMs = 2500,
): Promise<void> {
  for (let passed = 0; passed < totalMs; passed += stepMs) {
    const step = Math.min(stepMs, totalMs - passed);
    await page.clock.fastForward(step);
    await control.advanceClock(step);
  }
}
