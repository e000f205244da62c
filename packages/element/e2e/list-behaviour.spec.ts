// What a person does with the list, run against the built bundle (served
// from dist/examples under the host's CSP, with the real mock server): the
// bundle answers React with Preact's compat layer, and these are the parts
// that lean hardest on React's behaviour — Radix's tooltip (portals, ids,
// effect order), the virtual rows and their keyboard, Query's mutations and
// the stores behind useSyncExternalStore.
import { controlApi } from '@session-heartbeat/mock-server';
import { startExamplesServer } from '../scripts/start-examples-server';
import { expectLive, expectNoAxeViolations, sessionList, sessionRow } from './support/element-page';
import { advanceTime, expect, test } from './support/fixtures';

test('rows say their health in words; the tooltip tells state, model, tool and time; the keyboard moves and selects', async ({
  page,
  control,
}, testInfo) => {
  // axe into the shadow roots takes seconds on two shared cores.
  testInfo.setTimeout(60_000);
  await control.createSession('agent:main:main', {
    state: 'streaming',
    model: 'anthropic/claude-sonnet-4-5',
  });
  await control.createSession('agent:build:main', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
  });
  await control.createSession('agent:ops:main', { state: 'tool_wait', toolName: 'approve' });
  await page.clock.install();
  await page.goto('/plain.html');
  await expectLive(page);

  // Health in words (the dot's name) and the state in words, not colour alone.
  const build = sessionRow(page, 'agent:build:main');
  const ops = sessionRow(page, 'agent:ops:main');
  await expect(build.getByRole('img', { name: 'Active' })).toBeVisible();
  await expect(build).toContainText('Running tool exec');
  // An approval wait is told apart from other waits: it needs a person.
  await expect(ops.getByRole('img', { name: 'Needs approval' })).toBeVisible();
  await expect(ops).toContainText('Needs approval: approve');
  await expect(sessionRow(page, 'agent:main:main')).toContainText('Streaming the answer');

  // 10 s on both clocks: under the 30 s stall limit, and a time to read.
  await advanceTime(page, control, 10_000);
  await expect(build).toHaveAttribute('data-health', 'active');

  // Focus: at once, with the state, the model, the tool and the times.
  const tooltip = page.getByRole('tooltip');
  await build.getByRole('button', { name: 'Active' }).focus();
  await expect(tooltip).toContainText('Running tool exec');
  await expect(tooltip).toContainText(/Model\s*openai\/gpt-5/);
  await expect(tooltip).toContainText(/Tool\s*exec/);
  await expect(tooltip).toContainText(/In this state\s*1\ds/);
  await expect(tooltip).toContainText(/Turn started\s*1\ds ago/);
  // The trigger is described by the tooltip (Radix's ids, made by the runtime's useId).
  const describedBy = await build
    .getByRole('button', { name: 'Active' })
    .getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(tooltip).toBeHidden();

  // Keyboard: one tab stop, arrows and Home/End move between rows, Enter selects.
  await build.focus();
  await page.keyboard.press('Home');
  const rows = sessionList(page).locator('[role="listitem"]');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth(1)).toBeFocused();
  const key = await rows.nth(1).getAttribute('data-session-key');
  await page.keyboard.press('Enter');
  await expect(page.locator('#selected')).toHaveText(key ?? 'no key');
});

test('a row’s tooltip opened by hover stays while the pointer rests, and goes when it leaves', async ({
  page,
  control,
}) => {
  await control.createSession('agent:ops:main', { state: 'tool_wait', toolName: 'approve' });
  // Real timers: the tooltip's open delay, and the frames Preact runs effects after.
  await page.goto('/plain.html');
  await expectLive(page);
  const tooltip = page.getByRole('tooltip');
  await sessionRow(page, 'agent:ops:main').getByRole('button', { name: 'Needs approval' }).hover();
  await expect(tooltip).toContainText('Waiting on tool approve');
  // Under Preact's own effect order the dot's hover-opened tooltip closed
  // itself by the next frame (host-table.spec.ts caught it): let two frames
  // and a task pass here too, then it must still be there.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)));
      }),
  );
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toHaveAttribute('data-state', /open/);
  // Away, in steps: Radix lets the pointer cross a grace area towards the content first.
  await page.mouse.move(5, 5, { steps: 10 });
  await expect(tooltip).toBeHidden();
});

test('a stalled row’s nudge goes to the server and says it was done', async ({ page, control }) => {
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await page.clock.install();
  await page.goto('/plain.html');
  await expectLive(page);
  const requested: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'info') requested.push(message.text());
  });
  await page.locator('session-heartbeat-list').evaluate((list) => {
    list.setAttribute('stall-after-ms', '5000');
  });
  await advanceTime(page, control, 7500);
  const build = sessionRow(page, 'agent:build:main');
  await expect(build).toHaveAttribute('data-health', 'stalled');

  const actions = build.getByRole('group', { name: 'Recover agent:build:main' });
  await actions.getByRole('button', { name: 'Nudge' }).click();
  // The page heard `session-action`, then the mutation ran against the server and succeeded.
  await expect.poll(() => requested).toContain('nudge requested for agent:build:main');
  await expect(actions.getByRole('button', { name: 'Nudged' })).toBeVisible();
});

test('when the server goes away, the banner says so and the dots turn unknown', async ({
  page,
  pageProblems,
}) => {
  const server = await startExamplesServer({ scenario: 'quiet' });
  try {
    await controlApi(server.url).createSession('agent:main:main', { state: 'streaming' });
    await page.clock.install();
    await page.goto(`${server.url}/plain.html`);
    await expectLive(page);
    const row = sessionRow(page, 'agent:main:main');
    await expect(row).toHaveAttribute('data-health', 'active');

    await server.close();
    const banner = page.locator('session-heartbeat-list .shb-banner');
    await expect(banner).toHaveAttribute('data-state', /reconnecting|polling|connecting/);
    await expect(banner).toContainText("Grey dots mean we can't see these sessions right now");
    await expect(row).toHaveAttribute('data-health', 'unknown');
    await expect(row.getByRole('img', { name: 'Unknown' })).toBeVisible();
    await expectNoAxeViolations(page);
  } finally {
    await server.close().catch(() => undefined);
  }
  // The server is down on purpose: the browser reports the refused connections.
  const expected = /ERR_CONNECTION_REFUSED|WebSocket connection to .* failed/;
  const unexpected = pageProblems.filter((problem) => !expected.test(problem));
  pageProblems.splice(0, pageProblems.length, ...unexpected);
});
