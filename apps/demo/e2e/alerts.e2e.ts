import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { openDashboard } from './support/dashboard';
import { expect, test } from './support/fixtures';

/**
 * A browser whose notification permission starts as `initial` and becomes
 * `answer` when the page asks; what is shown is recorded instead.
 */
async function fakeNotifications(
  page: Page,
  initial: NotificationPermission,
  answer: NotificationPermission,
): Promise<void> {
  await page.addInitScript(
    ([start, reply]) => {
      const shown: { title: string; body: string }[] = [];
      class RecordedNotification {
        static permission = start;
        static requestPermission = () => {
          RecordedNotification.permission = reply;
          return Promise.resolve(reply);
        };
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body?: string } = {}) {
          shown.push({ title, body: options.body ?? '' });
        }
        close(): void {
          // Nothing was shown.
        }
      }
      Object.assign(window, { Notification: RecordedNotification, notificationsShown: shown });
    },
    [initial, answer] as const,
  );
}

function notificationsShown(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() => (window as unknown as { notificationsShown: [] }).notificationsShown);
}

async function turnAlertsOn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('checkbox', { name: /Alert me when a session stalls/ }).check();
}

test('a denied permission is said where alerts are turned on, and the header says alerts are on, title only', async ({
  page,
  control,
}) => {
  // An axe scan of a live page takes many seconds on two busy cores.
  test.slow();
  await fakeNotifications(page, 'default', 'denied');
  await control.createSession('agent:main:main');
  await openDashboard(page);
  await expect(page.getByRole('button', { name: /^Alerts on/ })).toHaveCount(0);

  await turnAlertsOn(page);
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  // Asked from the tick itself: the answer is said beside the box, before saving.
  await expect(dialog.locator('#alerts-hint')).toContainText(
    'Notifications are blocked for this site, so alerts show only in the page title.',
  );
  const scan = await new AxeBuilder({ page })
    .include('dialog')
    .options({ resultTypes: ['violations'] })
    .analyze();
  expect(scan.violations.map((violation) => violation.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save' }).click();

  const indicator = page.getByRole('button', { name: 'Alerts on: title only' });
  await expect(indicator).toBeVisible();
  // It opens the settings at the alerts.
  await indicator.click();
  await expect(
    page.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', {
      name: /Alert me when a session stalls/,
    }),
  ).toBeFocused();
});

test('turning alerts on with sessions already stalled sends one summary', async ({
  page,
  control,
}) => {
  await fakeNotifications(page, 'default', 'granted');
  for (const key of ['agent:build:main', 'agent:ci:main', 'agent:deploy:main']) {
    await control.createSession(key, { state: 'tool_exec', toolName: 'exec' });
  }
  await control.createSession('agent:main:main');
  await control.advanceClock(31_000);
  await openDashboard(page);
  await expect(page.locator('[data-health="stalled"]').first()).toBeVisible();

  await turnAlertsOn(page);
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(page.getByRole('button', { name: 'Alerts on', exact: true })).toBeVisible();
  await expect
    .poll(() => notificationsShown(page))
    .toEqual([
      {
        title: '3 sessions need a look',
        body: 'Already when alerts were turned on: agent:build:main, agent:ci:main, agent:deploy:main',
      },
    ]);
});
