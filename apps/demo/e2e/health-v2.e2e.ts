import {
  advanceTime,
  expectHealth,
  healthHistory,
  openDashboard,
  recordHealthChanges,
  sessionRow,
} from './support/dashboard';
import { expect, test } from './support/fixtures';

// Health v2 (protocol v1.1) on the demo, against the real mock server: progress
// keeps a long tool green, a loop and an overdue turn say why they need a look,
// the timeline reaches back before the page opened, and every rung of the
// recovery ladder reaches the server.

test.beforeEach(async ({ page }) => {
  await recordHealthChanges(page);
  await page.mouse.move(720, 890); // no tooltip in the way
});

test('a long test run that reports progress never stalls, and stalls within 1 s of the limit once it stops', async ({
  page,
  control,
}) => {
  const key = 'agent:ci:main';
  await control.createSession(key, { model: 'anthropic/claude-sonnet-4-5' });
  await openDashboard(page, { fakeClock: true });
  await control.toolCall(key, { toolName: 'exec', fingerprint: 'npm test' });
  await expectHealth(page, key, 'active');

  // 48 s of `npm test`, reporting every 3 s: well past the 30 s stall limit, and well inside
  // the demo's 2-minute turn limit (a longer turn is rightly overdue, reporting or not; the
  // mock server's clock also runs in real time, so the margin is wide).
  for (let done = 8; done <= 128; done += 8) {
    await advanceTime(page, control, 3_000, 3_000);
    await control.progress(key, { activity: `npm test: ${Math.min(done, 120)}/120 passed` });
  }
  await expectHealth(page, key, 'active');
  await expect(sessionRow(page, key)).toContainText('Running tool exec');
  expect(await healthHistory(page, key)).not.toContain('stalled');

  // The output stops. The stall clock runs from the last progress: 30 s, then stalled.
  // The mock server's clock also runs in real time (the page's does not), so the check
  // before the limit keeps 4 s of margin; the exact crossing (30 s + 1 ms) is unit-tested.
  await advanceTime(page, control, 26_000);
  await expectHealth(page, key, 'active');
  await advanceTime(page, control, 4_000, 1_000); // 30 s after the last progress
  await page.clock.runFor(1_000); // and a second more, for the client's one timer
  await expectHealth(page, key, 'stalled', { timeout: 1_000 });
  await sessionRow(page, key).click();
  const status = page.getByRole('region', { name: 'Status' });
  await expect(status).toContainText(/No output from exec for 3\ds — limit 30s/);
  await expect(status).toContainText('npm test: 120/120 passed');
});

test('the same tool with the same input six times reads as a loop', async ({ page, control }) => {
  const key = 'agent:research:main';
  await control.createSession(key, { model: 'openai/gpt-5' });
  await openDashboard(page, { fakeClock: true });
  for (let call = 1; call <= 4; call += 1) {
    await control.toolCall(key, { toolName: 'read', fingerprint: 'sha256:src/index.ts' });
  }
  await expectHealth(page, key, 'active');
  await control.toolCall(key, { toolName: 'read', fingerprint: 'sha256:src/index.ts' });
  await control.toolCall(key, { toolName: 'read', fingerprint: 'sha256:src/index.ts' });
  await expectHealth(page, key, 'stalled');
  await sessionRow(page, key).click();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText(
    'read called 6× in a row with the same input (a loop at 5)',
  );
  // Another input breaks the loop.
  await control.toolCall(key, { toolName: 'read', fingerprint: 'sha256:README.md' });
  await expectHealth(page, key, 'active');
});

test('a turn still streaming past the demo’s 2-minute limit is overdue', async ({
  page,
  control,
}) => {
  const key = 'agent:writer:main';
  await control.createSession(key, { model: 'anthropic/claude-sonnet-4-5' });
  await openDashboard(page, { fakeClock: true });
  await control.transition(key, { state: 'streaming', turnId: 'turn-long' });
  const write = async (forMs: number): Promise<void> => {
    for (let passed = 0; passed < forMs; passed += 5_000) {
      await advanceTime(page, control, 5_000, 5_000);
      await control.progress(key, { activity: 'Drafting section 4 of 9' });
    }
  };
  // The mock server's clock also runs in real time: 30 s of margin before the limit.
  await write(90_000);
  await expectHealth(page, key, 'active');
  await write(40_000); // still reporting progress, past 2 minutes
  await expectHealth(page, key, 'stalled');
  await sessionRow(page, key).click();
  await expect(page.getByRole('region', { name: 'Status' })).toContainText(
    /Turn running 2m( \d+s)?, still working — limit 2m/,
  );
});

test('the timeline shows what happened before the page opened', async ({ page, control }) => {
  const key = 'agent:ops:main';
  await control.createSession(key, { model: 'openai/gpt-5' });
  await control.transition(key, { state: 'awaiting_model', turnId: 'turn-1' });
  await control.advanceClock(20_000);
  await control.toolCall(key, { toolName: 'browser', fingerprint: 'open docs' });
  await control.advanceClock(40_000);
  await control.transition(key, { state: 'streaming', turnId: 'turn-1' });
  await control.advanceClock(5_000);

  await openDashboard(page);
  await sessionRow(page, key).click();
  const timeline = page.locator('.demo-detail').getByRole('img', { name: /^Last 10 min/ });
  // The page heard only "streaming"; the server's history adds the model and the tool before it.
  await expect(timeline).toHaveAttribute('aria-label', /waiting for the model 20s/);
  await expect(timeline).toHaveAttribute('aria-label', /running a tool 40s/);
});

test('every rung of the ladder reaches the server, and Abort brings the session to complete', async ({
  page,
  control,
}) => {
  const key = 'agent:build:main';
  await control.createSession(key, {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
    turnId: 'turn-7',
  });
  const silent = 'agent:main:main'; // restarted at the end
  await control.createSession(silent);
  await openDashboard(page, { fakeClock: true });
  await advanceTime(page, control, 32_500);
  await expectHealth(page, key, 'stalled');
  const row = sessionRow(page, key);

  // Nudge asks no confirmation: the host asks the agent to report, and it does
  // (progress travels with the next beat).
  await row.getByRole('button', { name: 'Nudge' }).click();
  await advanceTime(page, control, 5_000);
  await expectHealth(page, key, 'active');

  await advanceTime(page, control, 32_500);
  await expectHealth(page, key, 'stalled');
  // Abort asks first; Escape backs out and nothing is sent.
  await row.getByRole('button', { name: 'Abort' }).click();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: 'Abort' })).toBeFocused();
  expect((await control.list()).find((hb) => hb.sessionKey === key)?.state).toBe('tool_exec');
  await row.getByRole('button', { name: 'Abort' }).click();
  await row.getByRole('button', { name: `Confirm abort of ${key}` }).click();
  await expectHealth(page, key, 'idle');
  await expect(row).toContainText('Turn complete');
  expect((await control.list()).find((hb) => hb.sessionKey === key)).toMatchObject({
    state: 'complete',
  });

  // Restart, from the detail panel, for a session that went silent.
  await control.crash(silent);
  await advanceTime(page, control, 17_500);
  await expectHealth(page, silent, 'unresponsive');
  await sessionRow(page, silent).click();
  const status = page.getByRole('region', { name: 'Status' });
  await status.getByRole('button', { name: 'Restart' }).click();
  await status.getByRole('button', { name: `Confirm restart of ${silent}` }).click();
  await expectHealth(page, silent, 'idle');
  expect((await control.list()).find((hb) => hb.sessionKey === silent)).toMatchObject({
    state: 'idle',
    reason: 'transition',
  });
});
