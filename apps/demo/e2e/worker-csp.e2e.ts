import type { Page } from '@playwright/test';
import {
  CONTROL_UI_CSP,
  controlApi,
  startMockServer,
  type MockServer,
} from '@session-heartbeat/mock-server';
import { expectHealth, sessionList } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { DASHBOARD_DIST } from './support/mock-server-process';

// With `?worker=on` the dashboard hears the server from a dedicated worker
// (the client's `worker`), a file of its own origin, so the OpenClaw Control
// UI's CSP (`script-src 'self'`, no `blob:`) allows it. Served here under
// that CSP by the real mock server, in-process, on a free port.

const servers: MockServer[] = [];

async function serveUnder(csp: string): Promise<MockServer> {
  const server = await startMockServer({
    port: 0,
    scenario: 'quiet',
    control: true,
    staticDir: DASHBOARD_DIST,
    staticHeaders: { 'Content-Security-Policy': csp },
  });
  servers.push(server);
  const control = controlApi(server.url);
  await control.createSession('agent:main:main');
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  return server;
}

/** Counts, from before the page's scripts run, the sockets its main thread opens and every CSP violation. */
async function watchMainThread(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen = { sockets: 0, violations: [] as string[] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        seen.sockets += 1;
      }
    };
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

function seen(page: Page): Promise<{ sockets: number; violations: string[] }> {
  return page.evaluate(
    () => (window as unknown as { seen: { sockets: number; violations: string[] } }).seen,
  );
}

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

test('under the Control UI CSP, the dashboard hears the server from its worker', async ({
  page,
}) => {
  const server = await serveUnder(CONTROL_UI_CSP);
  await watchMainThread(page);
  await page.goto(`${server.url}/?worker=on`);
  await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
  await expectHealth(page, 'agent:build:main', 'active');
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(2);

  // The socket is the worker's: a file of this origin, not a blob.
  expect(page.workers().map((worker) => worker.url())).toContainEqual(
    expect.stringMatching(new RegExp(`^${server.url}/assets/heartbeat-worker-[\\w-]+\\.js$`)),
  );
  expect(await seen(page)).toEqual({ sockets: 0, violations: [] });

  // Live updates come through it.
  await controlApi(server.url).transition('agent:main:main', {
    state: 'tool_wait',
    toolName: 'exec',
  });
  await expectHealth(page, 'agent:main:main', 'waiting', { approval: true });
});

test('a CSP that forbids workers: the dashboard connects in the page, as before', async ({
  page,
}) => {
  const server = await serveUnder(`${CONTROL_UI_CSP}; worker-src 'none'`);
  await watchMainThread(page);
  await page.goto(`${server.url}/?worker=on`);
  await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
  await expectHealth(page, 'agent:build:main', 'active');
  const { sockets, violations } = await seen(page);
  expect(sockets).toBe(1);
  expect(violations).toContainEqual(expect.stringMatching(/^worker-src /));
});
