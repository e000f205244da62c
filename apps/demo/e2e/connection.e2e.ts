import { controlApi } from '@session-heartbeat/mock-server';
import {
  expectHealth,
  healthHistory,
  keepScreenshot,
  openDashboard,
  recordHealthChanges,
  sessionList,
  sessionRow,
} from './support/dashboard';
import { expect, test } from './support/fixtures';
import { startMockServerProcess, type MockServerProcess } from './support/mock-server-process';

const KEYS = ['agent:main:main', 'agent:build:main', 'agent:gone:main'];

test('the server is killed and restarted: honest while down, recovered within 5 s with no stale session', async ({
  page,
}, testInfo) => {
  const servers: MockServerProcess[] = [];
  testInfo.setTimeout(45_000);
  try {
    const first = await startMockServerProcess();
    servers.push(first);
    const control = controlApi(first.url);
    await control.createSession('agent:main:main');
    await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    await control.createSession('agent:gone:main', { state: 'streaming' });
    await recordHealthChanges(page);
    await openDashboard(page, { fakeClock: true, url: `${first.url}/` });
    await page.mouse.move(720, 890);
    await expectHealth(page, 'agent:build:main', 'active');

    await first.kill();
    const banner = page.locator('.demo-header__banner');
    await expect(banner).toContainText('Reconnecting…');
    await expect(banner).toContainText("Grey dots mean we can't see these sessions right now");
    for (const key of KEYS) await expectHealth(page, key, 'unknown');
    await keepScreenshot(page, testInfo, 'server-down');
    // A long outage: retries and polls come and go; nobody is called unresponsive.
    for (let step = 0; step < 4; step += 1) {
      await page.clock.fastForward(5_000);
      await expect(banner).toContainText('Reconnecting…');
    }
    for (const key of KEYS) await expectHealth(page, key, 'unknown');

    // The same server, back on the same port: a new run, which no longer has agent:gone:main.
    const second = await startMockServerProcess({ port: first.port });
    servers.push(second);
    const control2 = controlApi(second.url);
    await control2.createSession('agent:main:main');
    await control2.createSession('agent:build:main', { state: 'tool_exec', toolName: 'read' });
    // The client's next attempt (a poll, every interval while push is down) comes within 5 s.
    await page.clock.fastForward(5_000);
    await expect(sessionRow(page, 'agent:gone:main')).toHaveCount(0);
    await expect(sessionList(page).getByRole('listitem')).toHaveCount(2);
    await expectHealth(page, 'agent:build:main', 'active');
    await expect(sessionRow(page, 'agent:build:main')).toContainText('Running tool read');
    await expectHealth(page, 'agent:main:main', 'idle');
    await expect(banner).not.toContainText('Reconnecting');

    for (const key of KEYS) {
      expect(await healthHistory(page, key), key).not.toContain('unresponsive');
    }
    expect(await healthHistory(page, 'agent:build:main')).toEqual(['active', 'unknown', 'active']);
  } finally {
    for (const server of servers) await server.stop();
  }
});

test('a server that wants a token: refused honestly, then connected with the token typed in, never in a URL', async ({
  page,
}) => {
  const token = 'e2e-secret-4711';
  const server = await startMockServerProcess({ token });
  try {
    await controlApi(server.url, token).createSession('agent:main:main', {
      state: 'awaiting_model',
    });
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    page.on('websocket', (socket) => urls.push(socket.url()));
    await page.goto(`${server.url}/`);
    const banner = page.locator('.demo-header__banner');
    await expect(banner).toContainText('Not authorized — check the token');
    await expect(sessionList(page).getByRole('listitem')).toHaveCount(0);

    await page.getByRole('button', { name: 'Enter token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByLabel('Token')).toBeFocused();
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
    await expectHealth(page, 'agent:main:main', 'waiting');
    await expect(page.getByRole('button', { name: 'Enter token' })).toHaveCount(0);

    expect(urls.some((url) => url.includes('/api/sessions/heartbeat/ws'))).toBe(true);
    expect(urls.filter((url) => url.includes(token))).toEqual([]);
    expect(page.url()).not.toContain(token);
  } finally {
    await server.stop();
  }
});
