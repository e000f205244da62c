import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** The session list inside any element on the page (Playwright's locators pierce open shadow roots). */
export function sessionList(page: Page): Locator {
  return page.getByRole('list', { name: 'Sessions' });
}

export function sessionRow(page: Page, sessionKey: string): Locator {
  return sessionList(page).locator(`[role="listitem"][data-session-key="${sessionKey}"]`);
}

/** The list heard its first snapshot over a live connection. */
export async function expectLive(page: Page): Promise<void> {
  await expect(page.locator('.shb-banner')).toHaveAttribute('data-state', 'live');
  await expect(sessionList(page)).not.toHaveAttribute('aria-busy', 'true');
}

/** axe over the whole page, into the elements' open shadow roots: no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map(
      ({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}
