import AxeBuilder from '@axe-core/playwright';
import { chromium, type Page } from '@playwright/test';
import { BROWSER_CONTEXT, CHROMIUM } from '../../../chromium';
import { controlApi } from '@session-heartbeat/mock-server';
import { advanceTime, expectHealth, openDashboard, sessionList } from './support/dashboard';
import { expect, test } from './support/fixtures';
import { startMockServerProcess, type MockServerProcess } from './support/mock-server-process';

/** Sessions that need a look, and all of them. */
interface Counts {
  stalled: number;
  unresponsive: number;
  sessions: number;
}

/** What the dashboard shows: its rows' `data-health`. */
function dashboardCounts(page: Page): Promise<Counts> {
  return sessionList(page)
    .locator('[role="listitem"]')
    .evaluateAll((rows) => {
      const healths = rows.map((row) => row.getAttribute('data-health'));
      return {
        stalled: healths.filter((health) => health === 'stalled').length,
        unresponsive: healths.filter((health) => health === 'unresponsive').length,
        sessions: healths.length,
      };
    });
}

/** What the server says to Prometheus: `session_heartbeat_sessions` summed by health. */
async function scrapedCounts(serverUrl: string): Promise<Counts> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text();
  const counts: Counts = { stalled: 0, unresponsive: 0, sessions: 0 };
  for (const [, health, count] of text.matchAll(
    /^session_heartbeat_sessions\{health="(\w+)",state="\w+"\} (\d+)$/gm,
  )) {
    counts.sessions += Number(count);
    if (health === 'stalled' || health === 'unresponsive') counts[health] += Number(count);
  }
  return counts;
}

const same = (a: Counts, b: Counts): boolean =>
  a.stalled === b.stalled && a.unresponsive === b.unresponsive && a.sessions === b.sessions;

test.describe('GET /metrics while the demo scenario runs', () => {
  let server: MockServerProcess;

  test.beforeEach(async () => {
    // Its own server: the demo's twelve sessions, driven by the scenario as in `pnpm demo`.
    server = await startMockServerProcess({ scenario: 'demo' });
  });
  test.afterEach(async () => {
    await server.stop();
  });

  test('counts the sessions the dashboard shows as stalled or unresponsive, at the same moment', async ({
    page,
  }) => {
    const control = controlApi(server.url);
    await openDashboard(page, { fakeClock: true, url: `${server.url}/` });
    // Two the test drives (the scenario lets go of them), ten the scenario keeps driving.
    await control.transition('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    await control.crash('agent:main:main');
    await advanceTime(page, control, 35_000);
    await expectHealth(page, 'agent:build:main', 'stalled');
    await expectHealth(page, 'agent:main:main', 'unresponsive');

    // The scenario moves on meanwhile: compare a scrape with the dashboard as it
    // was both just before and just after it.
    let agreed: Counts | undefined;
    await expect
      .poll(async () => {
        const before = await dashboardCounts(page);
        const scraped = await scrapedCounts(server.url);
        const after = await dashboardCounts(page);
        if (same(before, after) && same(before, scraped)) {
          agreed = scraped;
          return 'agree';
        }
        return JSON.stringify({ dashboard: [before, after], server: scraped });
      })
      .toBe('agree');
    expect(agreed?.sessions).toBe(15); // the demo's cast
    expect(agreed?.stalled).toBeGreaterThanOrEqual(1);
    expect(agreed?.unresponsive).toBeGreaterThanOrEqual(1);
  });
});

test('a dashboard that may not change the server’s thresholds shows them, and cannot edit them', async () => {
  // No token, and a Host that is not loopback: the server serves its thresholds, but not their change.
  const server = await startMockServerProcess({
    scenario: 'quiet',
    allowHosts: ['heartbeat.test'],
  });
  const browser = await chromium.launch({
    ...CHROMIUM,
    args: [...CHROMIUM.args, '--host-resolver-rules=MAP heartbeat.test 127.0.0.1'],
  });
  try {
    const page = await (await browser.newContext(BROWSER_CONTEXT)).newPage();
    await openDashboard(page, { url: `${server.url.replace('127.0.0.1', 'heartbeat.test')}/` });
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toContainText('Set on the server, for its alerts too');
    await expect(dialog.locator('#stallAfter')).toBeDisabled();
    await expect(dialog.getByRole('button', { name: 'Add tool rule' })).toBeDisabled();
    // The server's rule for local models.
    await expect(
      dialog.getByRole('group', { name: 'Model rule 1' }).getByLabel('Model name'),
    ).toHaveValue('ollama/*');
    await expect(dialog.locator('#serverUrl')).toBeFocused();
    const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a threshold change the server refuses is not applied, and the page says why', async ({
  page,
}) => {
  const servers: MockServerProcess[] = [];
  try {
    const first = await startMockServerProcess({ scenario: 'quiet' });
    servers.push(first);
    await openDashboard(page, { url: `${first.url}/` });
    // The server comes back on the same port, now wanting a token this page does not have.
    await first.kill();
    const second = await startMockServerProcess({
      scenario: 'quiet',
      port: first.port,
      token: 'T0k3n',
    });
    servers.push(second);

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.locator('#stallAfter').fill('40');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'The server kept its thresholds: a valid "Authorization: Bearer <token>" is required',
    );
    const served = await fetch(`${second.url}/api/sessions/thresholds`, {
      headers: { Authorization: 'Bearer T0k3n' },
    });
    expect(await served.json()).toMatchObject({ thresholds: { stallAfterMs: 30_000 } });
  } finally {
    for (const server of servers) await server.stop();
  }
});
