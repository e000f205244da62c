import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  expectHealth,
  keepScreenshot,
  openDashboard,
  rowKeys,
  sessionList,
  sessionRow,
} from './support/dashboard';
import { expect, test } from './support/fixtures';

test('the page loads and rows appear with dots whose labels match their sessions’ health', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
  await control.createSession('agent:ops:telegram:direct:4711', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
  });
  await control.createSession('agent:research:main', {
    state: 'awaiting_model',
    model: 'anthropic/claude-opus-4-1',
  });
  await control.createSession('agent:ops:slack:group:deploys', {
    state: 'tool_wait',
    toolName: 'deploy',
  });
  await openDashboard(page);

  await expect(sessionList(page).getByRole('listitem')).toHaveCount(4);
  await expectHealth(page, 'agent:main:main', 'idle');
  await expectHealth(page, 'agent:ops:telegram:direct:4711', 'active');
  await expectHealth(page, 'agent:research:main', 'waiting');
  await expectHealth(page, 'agent:ops:slack:group:deploys', 'waiting', { approval: true });
  await expect(sessionRow(page, 'agent:ops:telegram:direct:4711')).toContainText(
    'Running tool exec',
  );
  // Most urgent first: waiting, then active, then idle.
  expect((await rowKeys(page)).at(-1)).toBe('agent:main:main');
  // The header counts agree.
  const counts = page.getByRole('group', { name: /Sessions by health/ });
  // The approval wait has its own count: it needs a person, not patience.
  await expect(counts.getByRole('button', { name: /1\s*waiting/ })).toBeVisible();
  await expect(counts.getByRole('button', { name: /1\s*needs approval/ })).toBeVisible();
  await expect(counts.getByRole('button', { name: /1\s*active/ })).toBeVisible();
  await expect(counts.getByRole('button', { name: /1\s*idle/ })).toBeVisible();
  await expect(page).toHaveTitle('Sessions — Heartbeat');
});

/** The dots of a row whose CSS animations are running, by health. */
function pulsingHealths(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    document
      .getAnimations()
      .filter((animation) => animation.playState === 'running')
      .flatMap((animation) => {
        const target = animation.effect instanceof KeyframeEffect ? animation.effect.target : null;
        const dot = target?.closest('[role="listitem"] .shb-status-dot');
        return dot ? [dot.getAttribute('data-health') ?? ''] : [];
      })
      .sort(),
  );
}

test('active and waiting dots pulse, and nothing moves for a person who asked for reduced motion', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main');
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await control.createSession('agent:research:main', { state: 'awaiting_model' });
  await openDashboard(page);
  await expectHealth(page, 'agent:build:main', 'active');
  await expectHealth(page, 'agent:research:main', 'waiting');
  await expectHealth(page, 'agent:main:main', 'idle');
  await expect.poll(() => pulsingHealths(page)).toEqual(['active', 'waiting']);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(() => pulsingHealths(page)).toEqual([]);
  // The health still reads from the shape and the name.
  await expectHealth(page, 'agent:build:main', 'active');

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(() => pulsingHealths(page)).toEqual(['active', 'waiting']);

  // A dashboard can turn the pulse off for a subtree (its main-thread cost at fleet scale).
  await page.addStyleTag({ content: '[aria-label="Sessions"] { --shb-pulse: none; }' });
  await expect.poll(() => pulsingHealths(page)).toEqual([]);
});

test('a session that moves between active and waiting keeps its pulse going, without a restart', async ({
  page,
  control,
}) => {
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await openDashboard(page);
  await expectHealth(page, 'agent:build:main', 'active');
  const dot = page.locator('[role="listitem"] .shb-status-dot');
  // The running pulse, marked the first time it is seen: a new animation
  // shows as one without the mark, new timing as another duration.
  const pulse = (mark: boolean) =>
    dot.evaluate((element, mark) => {
      const running = element
        .getAnimations({ subtree: true })
        .filter((animation) => animation.playState === 'running');
      const [animation] = running;
      if (running.length !== 1 || animation === undefined) return { count: running.length };
      const marked = animation as Animation & { shbMark?: string };
      if (mark) marked.shbMark = 'first';
      return {
        count: 1,
        mark: marked.shbMark,
        duration: animation.effect?.getComputedTiming().duration,
      };
    }, mark);
  await expect.poll(() => pulse(true)).toMatchObject({ count: 1, mark: 'first' });
  const before = await pulse(false);

  await control.transition('agent:build:main', { state: 'awaiting_model' });
  await expectHealth(page, 'agent:build:main', 'waiting');
  expect(await pulse(false)).toEqual(before);

  await control.transition('agent:build:main', { state: 'streaming' });
  await expectHealth(page, 'agent:build:main', 'active');
  expect(await pulse(false)).toEqual(before);
});

test('the pulses rest while the list scrolls, and start again when it stops', async ({
  page,
  control,
}) => {
  for (let index = 0; index < 40; index += 1) {
    await control.createSession(`agent:scroll:direct:${String(index).padStart(3, '0')}`, {
      state: 'tool_exec',
      toolName: 'exec',
    });
  }
  await openDashboard(page);
  await expect.poll(async () => (await pulsingHealths(page)).length).toBeGreaterThan(5);

  // Five steps of a scroll, each looked at just after the frame that scrolled.
  const steps = await page.locator('.shb-list__viewport').evaluate(async (viewport) => {
    const seen: { scrolling: boolean; pulsing: number }[] = [];
    for (let step = 0; step < 5; step += 1) {
      viewport.scrollTop += 40;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      seen.push({
        scrolling: viewport.hasAttribute('data-scrolling'),
        pulsing: viewport
          .getAnimations({ subtree: true })
          .filter((animation) => animation.playState === 'running').length,
      });
    }
    return seen;
  });
  expect(steps).toEqual(Array.from({ length: 5 }, () => ({ scrolling: true, pulsing: 0 })));

  await expect(page.locator('.shb-list__viewport')).not.toHaveAttribute('data-scrolling');
  await expect.poll(async () => (await pulsingHealths(page)).length).toBeGreaterThan(5);
});

test('hover and keyboard focus open the tooltip with state, model, tool and elapsed time', async ({
  page,
  control,
}) => {
  await control.createSession('agent:build:main', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'anthropic/claude-sonnet-4-5',
  });
  await control.createSession('agent:notes:main');
  await openDashboard(page);
  const tooltip = page.getByRole('tooltip');
  const expectDetails = async () => {
    await expect(tooltip).toContainText('Running tool exec');
    await expect(tooltip).toContainText('anthropic/claude-sonnet-4-5');
    await expect(tooltip).toContainText(/Tool\s*exec/);
    await expect(tooltip).toContainText(/In this state\s*\d+s/);
  };

  const dotButton = sessionRow(page, 'agent:build:main').locator('.shb-row__dot-button');
  await dotButton.hover();
  await expect(page.locator('.shb-tooltip')).toBeVisible();
  await expectDetails();
  await page.mouse.move(720, 880, { steps: 4 });
  await expect(page.locator('.shb-tooltip')).toBeHidden();

  // Keyboard only: from the last sortable column header, Tab reaches the list's row, then its dot.
  await page
    .getByRole('columnheader', { name: /Last activity/ })
    .getByRole('button')
    .focus();
  await page.keyboard.press('Tab');
  await expect(sessionRow(page, 'agent:build:main')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dotButton).toBeFocused();
  await expect(page.locator('.shb-tooltip')).toBeVisible();
  await expectDetails();
  await page.keyboard.press('Escape');
  await expect(page.locator('.shb-tooltip')).toBeHidden();
});

async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  // Violations only: collecting every pass and incomplete result doubles the time.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n  ${violation.nodes
        .map((node) => node.target.join(' '))
        .join('\n  ')}`,
  );
  expect(summary, `axe violations, ${context}`).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the ${theme} theme, with details and settings open`, async ({
    page,
    control,
  }, testInfo) => {
    // Two full axe scans of a live page: 17 s alone, more on two busy cores.
    test.slow();
    await page.emulateMedia({ colorScheme: theme });
    await control.createSession('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
    await control.createSession('agent:build:main', {
      state: 'tool_exec',
      toolName: 'exec',
      model: 'openai/gpt-5',
    });
    await control.createSession('agent:local:main', {
      state: 'awaiting_model',
      model: 'ollama/qwen3:32b',
    });
    await control.createSession('agent:support:main', { state: 'streaming' });
    await control.crash('agent:support:main');
    await openDashboard(page);
    // "System" theme: the page follows the emulated colour scheme.
    await expect(page.locator('html')).not.toHaveAttribute('data-theme');

    await sessionRow(page, 'agent:build:main').click();
    await expect(page.getByRole('heading', { name: 'Session agent:build:main' })).toBeVisible();
    await page.mouse.move(720, 880);
    await expectNoAxeViolations(page, `${theme}, list and detail panel`);
    await keepScreenshot(page, testInfo, `dashboard-${theme}`);

    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Add tool rule' }).click();
    await dialog.getByLabel('Stalled after', { exact: true }).fill('soon');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page, `${theme}, settings with errors`);
    await keepScreenshot(page, testInfo, `settings-${theme}`);
  });
}

test('settings are validated with clear errors, kept in localStorage, the token only in sessionStorage', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main');
  await openDashboard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const stall = dialog.getByLabel('Stalled after', { exact: true });
  await expect(stall).toBeFocused();

  await stall.fill('0');
  await dialog.getByLabel('Unresponsive after', { exact: true }).fill('2');
  await dialog.getByRole('button', { name: 'Add model rule' }).click();
  await expect(dialog.getByLabel('Model name').last()).toBeFocused();
  await dialog.getByLabel('Model name').last().fill('llama*3');
  await dialog.getByLabel('Server URL').fill('https://user:secret@gateway.local');
  await dialog.getByRole('button', { name: 'Save' }).click();

  await expect(dialog.getByRole('alert')).toHaveText('5 fields need a fix before saving.');
  await expect(stall).toBeFocused();
  await expect(stall).toHaveAttribute('aria-invalid', 'true');
  await expect(stall).toHaveAccessibleDescription(/Enter whole seconds, from 1 to 86400/);
  await expect(
    dialog.getByLabel('Unresponsive after', { exact: true }),
  ).toHaveAccessibleDescription(/from 6 to 86400/);
  await expect(dialog.getByText('Use * only at the end, e.g. ollama/*.')).toBeVisible();
  await expect(
    dialog.getByText('Set a stall limit, an unresponsive limit, or both.'),
  ).toBeVisible();
  await expect(dialog.getByText(/Leave credentials out of the address/)).toBeVisible();

  // Fix everything; errors follow the typing.
  await stall.fill('45');
  await dialog.getByLabel('Unresponsive after', { exact: true }).fill('20');
  await dialog.getByRole('button', { name: 'Remove llama*3' }).click();
  await dialog.getByLabel('Server URL').fill('');
  await dialog.getByLabel('Token').fill('s3cret-token');
  await dialog.getByRole('radio', { name: /Poll/ }).check();
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'polling');
  const stored = await page.evaluate(() => ({
    settings: JSON.parse(
      localStorage.getItem('session-heartbeat.settings.v1') ?? 'null',
    ) as unknown,
    localKeys: Object.keys(localStorage),
    token: sessionStorage.getItem('session-heartbeat.token'),
  }));
  expect(stored.settings).toMatchObject({
    stallAfterSeconds: 45,
    unresponsiveAfterSeconds: 20,
    transport: 'poll',
    theme: 'dark',
  });
  expect(JSON.stringify(stored)).not.toContain('s3cret-token"'.slice(0, 0) + 'localStorage');
  expect(stored.token).toBe('s3cret-token');
  for (const key of stored.localKeys) {
    expect(await page.evaluate((name) => localStorage.getItem(name), key)).not.toContain(
      's3cret-token',
    );
  }
  expect(page.url()).not.toContain('s3cret');

  // Kept across a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(dialog.getByLabel('Stalled after', { exact: true })).toHaveValue('45');
  await expect(dialog.getByLabel('Token')).toHaveValue('s3cret-token');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
});
