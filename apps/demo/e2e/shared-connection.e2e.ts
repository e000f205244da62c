import type { Page } from '@playwright/test';
import {
  expectHealth,
  healthHistory,
  openDashboard,
  recordHealthChanges,
  sessionList,
  sessionRow,
} from './support/dashboard';
import { launchTabbedChromium } from '../../../chromium';
import { expect, test } from './support/fixtures';
import { startSocketCounter, type SocketCounter } from './support/start-socket-counter';

const KEYS = ['agent:main:main', 'agent:build:main'];

/**
 * Records every connection state the page's pill shows and every text its
 * banner shows (a MutationObserver installed before the page's scripts): a
 * flash of "Reconnecting…" between two looks of a test is caught too.
 */
async function recordConnectionChanges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { connectionLog: string[] }).connectionLog = log;
    const note = (): void => {
      const pill = document.querySelector('.demo-pill')?.getAttribute('data-state');
      const banner = document.querySelector('.demo-header__banner')?.textContent?.trim() ?? '';
      const line = `${pill ?? 'none'}|${banner}`;
      if (log.at(-1) !== line) log.push(line);
    };
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
}

function connectionLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { connectionLog: string[] }).connectionLog);
}

test('three tabs share one connection, and the leader closing hands it over within 5 s with no false alarm', async ({
  context,
  control,
  server,
}, testInfo) => {
  testInfo.setTimeout(90_000);
  let counter: SocketCounter | undefined;
  try {
    counter = await startSocketCounter(server.url);
    await control.createSession('agent:main:main');
    await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });

    const pages: Page[] = [];
    for (let index = 0; index < 3; index += 1) {
      const page = await context.newPage();
      await recordHealthChanges(page);
      await recordConnectionChanges(page);
      await openDashboard(page, { url: `${counter.url}/` });
      pages.push(page);
    }
    const [leader, ...followers] = pages as [Page, Page, Page];
    await expect.poll(() => counter?.open).toBe(1);
    expect(counter.opened).toBe(1);
    for (const page of pages) {
      await expect(sessionList(page).getByRole('listitem')).toHaveCount(2);
      await expectHealth(page, 'agent:build:main', 'active');
      await expectHealth(page, 'agent:main:main', 'idle');
    }

    // Live: a transition on the server shows in every tab.
    await control.transition('agent:main:main', { state: 'awaiting_model' });
    for (const page of pages) await expectHealth(page, 'agent:main:main', 'waiting');

    const logged = await Promise.all(followers.map(connectionLog));
    await leader.close();
    // Another tab takes over: one new connection, and again exactly one open.
    await expect.poll(() => counter?.opened, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => counter?.open, { timeout: 5_000 }).toBe(1);

    // And it is live: the next transition reaches both remaining tabs.
    await control.transition('agent:build:main', { state: 'tool_wait', toolName: 'exec' });
    await control.createSession('agent:late:main', { state: 'streaming' });
    for (const page of followers) {
      await expectHealth(page, 'agent:build:main', 'waiting', { approval: true });
      await expectHealth(page, 'agent:late:main', 'active');
      await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
    }

    // Nothing in between: no connection state but live, no banner, no session
    // that looked unknown or unresponsive.
    for (const [index, page] of followers.entries()) {
      const since = logged[index]?.length ?? 0;
      const changes = (await connectionLog(page)).slice(Math.max(0, since - 1));
      expect(changes, `tab ${index + 2}`).toEqual(['live|']);
      for (const key of KEYS) {
        const history = await healthHistory(page, key);
        expect(history, `${key} in tab ${index + 2}`).not.toContain('unknown');
        expect(history, `${key} in tab ${index + 2}`).not.toContain('unresponsive');
      }
      await expect(sessionRow(page, 'agent:main:main')).toHaveAttribute('data-health', 'waiting');
    }
    expect(counter.open).toBe(1);
  } finally {
    await counter?.close();
  }
});

/** Counts what the page's BroadcastChannels hear, by channel name (installed before its scripts). */
async function countChannelMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard: Record<string, number> = {};
    (window as unknown as { channelMessages: Record<string, number> }).channelMessages = heard;
    const Native = window.BroadcastChannel;
    window.BroadcastChannel = class extends Native {
      constructor(name: string) {
        super(name);
        this.addEventListener('message', () => {
          heard[name] = (heard[name] ?? 0) + 1;
        });
      }
    };
  });
}

/** Messages heard so far, all channels together. */
function channelMessages(page: Page): Promise<number> {
  return page.evaluate(() =>
    Object.values(
      (window as unknown as { channelMessages: Record<string, number> }).channelMessages,
    ).reduce((sum, count) => sum + count, 0),
  );
}

/** A row's health, read in the page: a hidden tab gets no animation frames, which locators wait for. */
function healthIn(page: Page, sessionKey: string): Promise<string | null> {
  return page.evaluate(
    (key) =>
      document.querySelector(`[data-session-key="${key}"]`)?.getAttribute('data-health') ?? null,
    sessionKey,
  );
}

test('a tab in the background hears the leader once a second and renders nothing, its title stays right, and brought to the front it is current at once', async ({
  control,
  server,
}, testInfo) => {
  testInfo.setTimeout(90_000);
  // Tabs of one window, as in a person's browser (Playwright's own pages are each visible).
  const chromium = await launchTabbedChromium();
  try {
    await control.createSession('agent:main:main');
    await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    const front = await chromium.context.newPage();
    await openDashboard(front, { url: `${server.url}/` });
    const back = await chromium.context.newPage();
    await countChannelMessages(back);
    // Notifications refused: alerts show in the title only.
    await back.addInitScript(() => {
      Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
    });
    await openDashboard(back, { url: `${server.url}/` });
    await back.getByRole('button', { name: 'Settings' }).click();
    const settings = back.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('checkbox', { name: /Alert me when a session stalls/ }).check();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(back.getByRole('button', { name: 'Alerts on: title only' })).toBeVisible();
    await expect(back).toHaveTitle('Sessions — Heartbeat');

    await front.bringToFront();
    await expect.poll(() => back.evaluate(() => document.visibilityState)).toBe('hidden');
    await expect.poll(() => front.evaluate(() => document.visibilityState)).toBe('visible');

    // Twenty transitions in about two seconds: the front tab follows each one.
    const before = await channelMessages(back);
    const startedAt = Date.now();
    for (let step = 0; step < 20; step += 1) {
      await control.transition('agent:main:main', {
        state: step % 2 === 0 ? 'awaiting_model' : 'streaming',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await expectHealth(front, 'agent:main:main', 'active');
    // The tab behind it hears about one message a second, not one per frame,
    // and renders none of it: its rows are as they were when it was hidden.
    const seconds = (Date.now() - startedAt) / 1000;
    const heard = (await channelMessages(back)) - before;
    expect(heard).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(await healthIn(back, 'agent:main:main')).toBe('idle');

    // A session goes round in circles (the same tool call six times): the
    // hidden tab's title says so within about a second, with no row rendered.
    await control.createSession('agent:ci:main');
    for (let call = 0; call < 6; call += 1) {
      await control.toolCall('agent:ci:main', { toolName: 'read', fingerprint: 'sha256:a.ts' });
    }
    await expectHealth(front, 'agent:ci:main', 'stalled');
    await expect.poll(() => back.title(), { timeout: 3000 }).toBe('(1) Sessions — Heartbeat');
    expect(await healthIn(back, 'agent:ci:main')).toBeNull();

    // Brought to the front: it shows all of it at once.
    await back.bringToFront();
    await expectHealth(back, 'agent:main:main', 'active');
    await expectHealth(back, 'agent:ci:main', 'stalled');
    await expect(back.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
    // And it follows every frame again.
    const afterFront = await channelMessages(back);
    await control.transition('agent:main:main', { state: 'awaiting_model' });
    await expectHealth(back, 'agent:main:main', 'waiting');
    expect(await channelMessages(back)).toBeGreaterThan(afterFront);
  } finally {
    await chromium.close();
  }
});
