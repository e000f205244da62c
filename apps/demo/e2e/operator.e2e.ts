import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { advanceTime, openDashboard, sessionList, sessionRow } from './support/dashboard';
import { expect, test } from './support/fixtures';

// Issue 20 on the demo, against the real mock server, wide and on a phone, light and dark:
// sessions told apart by their key's tail (and copied), approval waits that stand out, and a
// resting pointer that never hides a newly stalled session.

async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations, ${context}`).toEqual([]);
}

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const viewport of VIEWPORTS) {
  for (const theme of ['light', 'dark'] as const) {
    test(`an operator tells sessions apart, sees who needs them and misses no new stall (${viewport.name}, ${theme})`, async ({
      page,
      context,
      control,
    }) => {
      test.slow(); // an axe scan of a live page, on two busy cores
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: theme });
      await control.createSession('agent:load:bench:direct:00041', {
        model: 'openai/gpt-5',
        label: 'Bench runner',
      });
      await control.createSession('agent:load:bench:direct:00042', { model: 'openai/gpt-5' });
      await control.createSession('agent:ops:main', {
        state: 'tool_wait',
        toolName: 'exec',
        model: 'openai/gpt-5',
      });
      await control.createSession('agent:writer:main', { model: 'anthropic/claude-sonnet-4-5' });
      await openDashboard(page, { fakeClock: true });

      // Identity: the unique tail of the key shows, the full key is the title, and it copies.
      const bench = sessionRow(page, 'agent:load:bench:direct:00042');
      await expect(bench.locator('.shb-row__key-tail')).toHaveText('direct:00042');
      await expect(bench.locator('.shb-row__key-tail')).toBeInViewport();
      await expect(bench.locator('.shb-row__name')).toHaveAttribute(
        'title',
        'agent:load:bench:direct:00042',
      );
      await bench.hover();
      await bench.getByRole('button', { name: 'Copy key agent:load:bench:direct:00042' }).click();
      await expect(page.locator('[data-copy-status]')).toHaveText(
        'Copied agent:load:bench:direct:00042',
      );
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        'agent:load:bench:direct:00042',
      );
      if (viewport.width >= 1280) {
        const session = await bench.locator('.shb-row__name').boundingBox();
        const state = await bench.locator('.shb-row__state').boundingBox();
        expect(session?.width ?? 0).toBeGreaterThan(state?.width ?? 0);
      }
      // A labelled session: its name first, then its key's unique tail, both on screen.
      const runner = sessionRow(page, 'agent:load:bench:direct:00041');
      await expect(runner.locator('.shb-row__label')).toHaveText('Bench runner');
      await expect(runner.locator('.shb-row__label')).toBeInViewport();
      await expect(runner.locator('.shb-row__key-tail')).toHaveText('direct:00041');
      await expect(runner.locator('.shb-row__key-tail')).toBeInViewport();
      // The reason is shown (a column when wide, the second line on a phone), not cut away.
      await expect(runner.locator('.shb-row__state')).toHaveText('Idle');
      await expect(runner.locator('.shb-row__state')).toBeInViewport();
      // Nothing scrolls sideways: not the list, not the page.
      const overflow = await sessionList(page).evaluate((list) => {
        const root = list.closest('.shb-list') as HTMLElement;
        const html = list.ownerDocument.documentElement;
        return Math.max(root.scrollWidth - root.clientWidth, html.scrollWidth - html.clientWidth);
      });
      expect(overflow).toBeLessThanOrEqual(0);

      // Needs me: the approval wait has its words, its dot, its count and its filter.
      const ops = sessionRow(page, 'agent:ops:main');
      await expect(ops.locator('.shb-row__state')).toHaveText('Needs approval: exec');
      await expect(ops.getByRole('img', { name: 'Needs approval' })).toBeVisible();
      const approvals = page.getByRole('button', { name: '1 needs approval' });
      await expect(approvals).toBeVisible();
      await approvals.click();
      await expect(sessionList(page).getByRole('listitem')).toHaveCount(1);
      await approvals.click();
      await expect(sessionList(page).getByRole('listitem')).toHaveCount(4);

      // Held order: the pointer rests on the list (moving a little) while the writer stalls.
      await control.transition('agent:writer:main', { state: 'awaiting_model', turnId: 'w-1' });
      const box = await sessionRow(page, 'agent:load:bench:direct:00041').boundingBox();
      const x = (box?.x ?? 0) + 40;
      const y = (box?.y ?? 0) + 10;
      await page.mouse.move(x, y);
      // A move before every 1.25 s of page time: waiting for the page to hear
      // the server's beats takes real time, which the page's clock counts
      // too, and it must not add up to the hold's 3 s idle.
      for (let step = 0; step < 28; step += 1) {
        await page.mouse.move(x + (step % 2), y);
        await advanceTime(page, control, 1250);
      }
      await expect(sessionRow(page, 'agent:writer:main')).toHaveAttribute('data-health', 'stalled');
      // The page's clock runs on in real time too: a move keeps the hold (3 s idle) while we look.
      await page.mouse.move(x, y);
      const notice = page.getByRole('button', { name: '↑ 1 newly stalled — show' });
      await expect(notice).toBeVisible();
      await notice.click();
      await expect(sessionRow(page, 'agent:writer:main')).toBeFocused();
      await expect(notice).toBeHidden();
      await expectNoAxeViolations(page, `${viewport.name}, ${theme}`);
    });
  }
}
