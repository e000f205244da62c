import AxeBuilder from '@axe-core/playwright';
import {
  advanceTime,
  expectHealth,
  openDashboard,
  sessionList,
  sessionRow,
} from './support/dashboard';
import { expect, test } from './support/fixtures';

// "Restart all stalled" (issue 20), against the real mock server: the operator filters to the
// stalled sessions, restarts them in one go, and only those are restarted — not the silent
// session the filter hides, which a restart would also apply to.

const STALLED = ['agent:build:main', 'agent:ci:main', 'agent:deploy:main'];

test('an operator restarts every stalled session at once, and only those', async ({
  page,
  control,
}) => {
  test.slow(); // an axe scan of a live page, on two busy cores
  for (const sessionKey of STALLED) {
    await control.createSession(sessionKey, { state: 'tool_exec', toolName: 'exec' });
  }
  await control.createSession('agent:main:main');
  await openDashboard(page, { fakeClock: true });
  await page.mouse.move(720, 890); // away from the list, so its order is not held
  await advanceTime(page, control, 32_500);
  await control.crash('agent:main:main');
  await advanceTime(page, control, 17_500);
  for (const sessionKey of STALLED) await expectHealth(page, sessionKey, 'stalled');
  await expectHealth(page, 'agent:main:main', 'unresponsive');

  await page.getByRole('button', { name: '3 stalled' }).click();
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(3);
  const bulk = page.getByRole('group', { name: 'Act on the sessions shown' });
  await bulk.getByRole('button', { name: 'Act on 3 sessions shown' }).click();
  // Offered for the three the filter shows (the silent one it hides would make it four).
  const restartAll = bulk.getByRole('button', { name: 'Restart 3 stalled sessions…' });
  await expect(restartAll).toBeVisible();
  await restartAll.click();
  await expect(
    bulk.getByText(
      'Restart 3 stalled sessions? What each one is doing is dropped, and it comes back idle.',
    ),
  ).toBeVisible();
  await expect(bulk.getByRole('list', { name: 'Among them' }).getByRole('listitem')).toHaveText(
    STALLED.map(() => /^agent:(build|ci|deploy):main$/),
  );
  await bulk.getByRole('button', { name: 'Confirm restart of 3 sessions' }).click();

  await expect(bulk.getByText('Restarted 3 of 3.')).toBeVisible();
  await expect(page.locator('[data-shb-announcer]')).toHaveText('Restarted 3 of 3.');
  // Restarted, they are idle and leave the filter; the silent one was not in it, and is left alone.
  await expect(sessionList(page).getByRole('listitem')).toHaveCount(0);
  const onServer = await control.list();
  for (const sessionKey of STALLED) {
    expect(onServer.find((hb) => hb.sessionKey === sessionKey)).toMatchObject({ state: 'idle' });
  }
  await page.getByRole('button', { name: /^Showing stalled sessions only/ }).click();
  for (const sessionKey of STALLED) await expectHealth(page, sessionKey, 'idle');
  await expectHealth(page, 'agent:main:main', 'unresponsive');

  // The session's timeline marks the restart.
  await sessionRow(page, 'agent:build:main').click();
  const timeline = page.getByRole('img', { name: /^Last 10 min/ });
  await expect(timeline).toHaveAccessibleName(/restart asked/);

  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
});
