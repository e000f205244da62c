import { test as base } from '@playwright/test';
import { controlApi, type ControlApi } from '@session-heartbeat/mock-server';
import { startMockServerProcess, type MockServerProcess } from './mock-server-process';

export interface TestFixtures {
  /** The worker's server, emptied of sessions before the test. */
  control: ControlApi;
}

export interface WorkerFixtures {
  /** One mock server (the real CLI, `--control`, serving the built dashboard) per worker. */
  server: MockServerProcess;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture names from this pattern.
    async ({}, use) => {
      const server = await startMockServerProcess();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(`${server.url}/`);
  },
  control: async ({ server }, use) => {
    const control = controlApi(server.url);
    await control.reset();
    await use(control);
  },
});

export { expect } from '@playwright/test';
