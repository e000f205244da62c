// Issue 20: "the element and Storybook show the same at 320 px". The list element on a
// phone-narrow page (the built bundle, under the host's CSP, with the real mock server):
// nothing scrolls sideways, a row is two lines, and a stalled row's Restart is on screen.
import type { Locator } from '@playwright/test';
import { expectLive, expectNoAxeViolations, sessionList, sessionRow } from './support/element-page';
import { advanceTime, expect, test } from './support/fixtures';

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (found === null) throw new Error(`${locator.toString()} is not laid out`);
  return found;
}

test('at 320 px the list fits: no sideways scroll, two-line rows, Restart on screen', async ({
  page,
  control,
}, testInfo) => {
  testInfo.setTimeout(60_000); // axe into the shadow roots, on two shared cores
  await page.setViewportSize({ width: 320, height: 640 });
  await control.createSession('agent:load:bench:direct:00042', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
    label: 'Nightly build',
  });
  await control.createSession('agent:main:main', { state: 'streaming' });
  await page.clock.install();
  await page.goto('/plain.html');
  await expectLive(page);
  await page.locator('session-heartbeat-list').evaluate((list) => {
    list.setAttribute('stall-after-ms', '5000');
  });
  await advanceTime(page, control, 7500);
  const build = sessionRow(page, 'agent:load:bench:direct:00042');
  await expect(build).toHaveAttribute('data-health', 'stalled');

  // Nothing scrolls sideways: not the list, not the page.
  const overflow = await sessionList(page).evaluate((list) => {
    const root = list.closest('.shb-list') as HTMLElement;
    const html = list.ownerDocument.documentElement;
    return {
      list: root.scrollWidth - root.clientWidth,
      page: html.scrollWidth - html.clientWidth,
      listWidth: root.clientWidth,
    };
  });
  expect(overflow.list).toBeLessThanOrEqual(0);
  expect(overflow.page).toBeLessThanOrEqual(0);
  expect(overflow.listWidth).toBeLessThanOrEqual(320);

  // Two lines: the dot with the name and key, then the reason with the time.
  const dot = await box(build.locator('.shb-row__dot'));
  const name = await box(build.locator('.shb-row__name'));
  const state = await box(build.locator('.shb-row__state'));
  const elapsed = await box(build.locator('.shb-row__elapsed'));
  await expect(build.locator('.shb-row__label')).toHaveText('Nightly build');
  await expect(build.locator('.shb-row__key-tail')).toBeInViewport({ ratio: 1 });
  expect(Math.abs(dot.y + dot.height / 2 - (name.y + name.height / 2))).toBeLessThan(6);
  expect(state.y).toBeGreaterThanOrEqual(name.y + name.height - 1);
  expect(Math.abs(state.y + state.height / 2 - (elapsed.y + elapsed.height / 2))).toBeLessThan(6);
  await expect(build.locator('.shb-row__state')).toBeInViewport({ ratio: 1 });
  await expect(build.locator('.shb-row__elapsed')).toBeInViewport({ ratio: 1 });

  // Restart is on screen whole, and works from there.
  const restart = build.getByRole('button', { name: 'Restart' });
  await expect(restart).toBeInViewport({ ratio: 1 });
  await expectNoAxeViolations(page);
  await restart.click();
  const confirm = page.getByRole('button', {
    name: 'Confirm restart of agent:load:bench:direct:00042',
  });
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await confirm.click();
  await expect(build).toHaveAttribute('data-health', 'idle');
});
