import type { Page } from '@playwright/test';
import {
  advanceTime,
  expectHealth,
  healthHistory,
  keepScreenshot,
  openDashboard,
  recordHealthChanges,
  rowKeys,
  sessionRow,
} from './support/dashboard';
import { expect, test } from './support/fixtures';

test.beforeEach(async ({ page }) => {
  await recordHealthChanges(page);
});

/** Alerts on (as saved settings), with notifications allowed and recorded instead of shown. */
async function enableAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    localStorage.setItem('session-heartbeat.settings.v1', JSON.stringify({ alerts: true }));
    const shown: { title: string; body: string }[] = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body?: string } = {}) {
        shown.push({ title, body: options.body ?? '' });
      }
      close(): void {
        // Nothing was shown.
      }
    }
    Object.assign(window, { Notification: RecordedNotification, notificationsShown: shown });
  });
}

function notificationsShown(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() => (window as unknown as { notificationsShown: [] }).notificationsShown);
}

test('a session driven to tool_exec becomes Stalled past the threshold and moves to the top', async ({
  page,
  control,
}, testInfo) => {
  await control.createSession('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
  // Waiting on a person (an approval): waiting, and never stalled.
  await control.createSession('agent:research:main', {
    state: 'tool_wait',
    toolName: 'approve',
    model: 'anthropic/claude-opus-4-1',
  });
  await control.createSession('agent:build:main', { model: 'openai/gpt-5' });
  await enableAlerts(page);
  await openDashboard(page, { fakeClock: true });
  await page.mouse.move(720, 890);

  await control.transition('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await expectHealth(page, 'agent:build:main', 'active');
  // Waiting outranks active: the research session is above it.
  expect(await rowKeys(page)).toEqual([
    'agent:research:main',
    'agent:build:main',
    'agent:main:main',
  ]);

  // Real time passes too, on both sides: checks before a limit keep a few seconds of margin.
  await advanceTime(page, control, 22_500);
  await expectHealth(page, 'agent:build:main', 'active');
  await expect(page).toHaveTitle('Sessions — Heartbeat');

  await advanceTime(page, control, 10_000);
  await expectHealth(page, 'agent:build:main', 'stalled');
  await expect
    .poll(() => rowKeys(page))
    .toEqual(['agent:build:main', 'agent:research:main', 'agent:main:main']);
  await expect(sessionRow(page, 'agent:build:main')).toContainText('Running tool exec');
  await expect(page).toHaveTitle('(1) Sessions — Heartbeat');
  expect(await notificationsShown(page)).toEqual([
    {
      title: 'agent:build:main is stalled',
      body: expect.stringMatching(/^No output from exec for 3\ds — limit 30s$/),
    },
  ]);
  // Heard all along: active, then stalled — never silent, never unknown.
  expect(await healthHistory(page, 'agent:build:main')).toEqual(['idle', 'active', 'stalled']);
  expect(await healthHistory(page, 'agent:main:main')).toEqual(['idle']);

  await sessionRow(page, 'agent:build:main').click();
  await page.mouse.move(720, 890);
  await expect(page.locator('.demo-status')).toContainText(
    /No output from exec for 3\ds — limit 30s/,
  );
  await keepScreenshot(page, testInfo, 'stalled');
});

test('a crashed session becomes Unresponsive after 15 s, and a live one never does', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main');
  await control.createSession('agent:support:whatsapp:direct:15550123', {
    state: 'streaming',
    model: 'openai/gpt-5-mini',
  });
  await openDashboard(page, { fakeClock: true });
  await page.mouse.move(720, 890);
  // A last heartbeat right now (a token arrives, streaming starts), then silence.
  await control.transition('agent:support:whatsapp:direct:15550123', {
    state: 'tool_exec',
    toolName: 'read',
  });
  await control.transition('agent:support:whatsapp:direct:15550123', { state: 'streaming' });
  await control.crash('agent:support:whatsapp:direct:15550123');

  // Real time passes too, on both sides: checks before a limit keep a few seconds of margin.
  await advanceTime(page, control, 7_500);
  await expectHealth(page, 'agent:support:whatsapp:direct:15550123', 'active');

  await advanceTime(page, control, 10_000);
  await expectHealth(page, 'agent:support:whatsapp:direct:15550123', 'unresponsive');
  await expect(sessionRow(page, 'agent:support:whatsapp:direct:15550123')).toContainText(
    'No heartbeat · was streaming the answer',
  );
  expect((await rowKeys(page))[0]).toBe('agent:support:whatsapp:direct:15550123');
  expect(await healthHistory(page, 'agent:support:whatsapp:direct:15550123')).toEqual([
    'active',
    'unresponsive',
  ]);
  await expectHealth(page, 'agent:main:main', 'idle');
  expect(await healthHistory(page, 'agent:main:main')).toEqual(['idle']);
});

test('a per-tool threshold set in settings prevents that stall', async ({ page, control }) => {
  await control.createSession('agent:build:main', { model: 'openai/gpt-5' });
  await control.createSession('agent:research:main', { model: 'openai/gpt-5' });
  await openDashboard(page, { fakeClock: true });

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('button', { name: 'Add tool rule' }).click();
  const rule = dialog.getByRole('group', { name: 'Tool rule 1' });
  await rule.getByLabel('Tool name').fill('exec');
  await rule.getByLabel('Stalled after, in seconds').fill('120');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.mouse.move(720, 890);
  // Saved on the server, which alerts with the same rule (the worker's server has no token: loopback may).
  const served = await page.request.get('/api/sessions/thresholds');
  expect(await served.json()).toMatchObject({
    canChange: true,
    thresholds: { byTool: { exec: { stallAfterMs: 120_000 } } },
  });

  // The same tool call in two sessions: only the one under the rule may take longer.
  await control.transition('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await control.transition('agent:research:main', { state: 'tool_exec', toolName: 'browser' });
  await expectHealth(page, 'agent:build:main', 'active');
  await advanceTime(page, control, 40_000);
  await expectHealth(page, 'agent:research:main', 'stalled');
  await expectHealth(page, 'agent:build:main', 'active');
  // And the server's metrics say the same: one stalled tool call, not two.
  const metrics = await (await page.request.get('/metrics')).text();
  expect(metrics).toContain('session_heartbeat_sessions{health="stalled",state="tool_exec"} 1\n');
  expect(await healthHistory(page, 'agent:build:main')).toEqual(['idle', 'active']);

  await sessionRow(page, 'agent:build:main').click();
  await expect(page.locator('.demo-fields').last()).toContainText(
    /Stalled after\s*2m without progress \(per-tool rule exec\)/,
  );
  await advanceTime(page, control, 82_500);
  await expectHealth(page, 'agent:build:main', 'stalled');
});

test('restart from the UI brings a stalled session back', async ({ page, control }) => {
  await control.createSession('agent:main:main');
  await control.createSession('agent:build:main', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
  });
  await enableAlerts(page);
  await openDashboard(page, { fakeClock: true });
  await page.mouse.move(720, 890);
  await advanceTime(page, control, 32_500);
  await expectHealth(page, 'agent:build:main', 'stalled');
  await expect(page).toHaveTitle('(1) Sessions — Heartbeat');

  // From the row, next to the stalled badge: Restart, then Confirm.
  const row = sessionRow(page, 'agent:build:main');
  await row.getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('button', { name: 'Confirm restart of agent:build:main' }).click();
  await expectHealth(page, 'agent:build:main', 'idle');
  await expect(row).toContainText('Idle');
  const onServer = (await control.list()).find((hb) => hb.sessionKey === 'agent:build:main');
  expect(onServer).toMatchObject({ state: 'idle', reason: 'transition' });
  // Nothing needs a look any more: the count leaves the title.
  await expect(page).toHaveTitle('Sessions — Heartbeat');

  // And from the detail panel, for a session that went silent.
  await control.crash('agent:main:main');
  await advanceTime(page, control, 17_500);
  await expectHealth(page, 'agent:main:main', 'unresponsive');
  await sessionRow(page, 'agent:main:main').click();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText(/No heartbeat for \d+s — limit 15s/);
  await status.getByRole('button', { name: 'Restart' }).click();
  await status.getByRole('button', { name: 'Confirm restart of agent:main:main' }).click();
  await expectHealth(page, 'agent:main:main', 'idle');
  await expect(status).toContainText('Idle');
  // Idle again, nothing left to offer: the result says so, and keyboard focus is on it, not lost.
  const outcome = status.getByText('Restarted: agent:main:main is idle again.');
  await expect(outcome).toBeFocused();
  await expect(status.getByRole('button', { name: 'Restart' })).toHaveCount(0);
});

test('moving only the browser’s clock neither stalls a session nor makes it unresponsive', async ({
  page,
  control,
}) => {
  // The client measures the server's clock, not its own: a jump of the page's clock alone
  // (an NTP step, a sleep) resets the estimate instead of shifting every elapsed time.
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await control.createSession('agent:main:main');
  await openDashboard(page, { fakeClock: true });
  await page.mouse.move(720, 890);
  await expectHealth(page, 'agent:build:main', 'active');

  // 40 s pass in the page only (a wrong or stepped local clock): the server says otherwise.
  await page.clock.fastForward(40_000);
  await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
  await expectHealth(page, 'agent:build:main', 'active');
  await expect(sessionRow(page, 'agent:build:main').locator('.shb-row__elapsed')).toHaveText(
    /^in this state for [0-9]s$/,
  );
  const seen = await healthHistory(page, 'agent:build:main');
  expect(seen).not.toContain('stalled');
  expect(seen).not.toContain('unresponsive');
  expect(await healthHistory(page, 'agent:main:main')).not.toContain('unresponsive');
});
