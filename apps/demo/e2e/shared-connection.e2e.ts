import type { Page } from '@playwright/test';
import {
  expectHealth,
  healthHistory,
  openDashboard,
  recordHealthChanges,
  sessionList,
  sessionRow,
} from './support/dashboard';
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
