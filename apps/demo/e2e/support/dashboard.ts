import type { SessionHealth } from '@session-heartbeat/core';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { ControlApi } from '@session-heartbeat/mock-server';

const HEALTH_LABELS: Record<SessionHealth, string> = {
  active: 'Active',
  waiting: 'Waiting',
  stalled: 'Stalled',
  unresponsive: 'Unresponsive',
  idle: 'Idle',
  unknown: 'Unknown',
};

export function sessionList(page: Page): Locator {
  return page.getByRole('list', { name: 'Sessions' });
}

export function sessionRow(page: Page, sessionKey: string): Locator {
  return sessionList(page).locator(`[role="listitem"][data-session-key="${sessionKey}"]`);
}

/** Every row's key, top to bottom. */
export function rowKeys(page: Page): Promise<string[]> {
  return sessionList(page)
    .locator('[role="listitem"]')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({
          key: row.getAttribute('data-session-key') ?? '',
          top: row.getBoundingClientRect().top,
        }))
        .sort((a, b) => a.top - b.top)
        .map((row) => row.key),
    );
}

/**
 * The row shows `health`: its `data-health`, and its dot's accessible name
 * (an approval wait's dot says "Needs approval": `approval: true`).
 */
export async function expectHealth(
  page: Page,
  sessionKey: string,
  health: SessionHealth,
  options: { timeout?: number; approval?: boolean } = {},
): Promise<void> {
  const { approval = false, ...waitOptions } = options;
  const row = sessionRow(page, sessionKey);
  await expect(row).toHaveAttribute('data-health', health, waitOptions);
  await expect(row.getByRole('img').first()).toHaveAttribute(
    'aria-label',
    approval ? 'Needs approval' : HEALTH_LABELS[health],
  );
}

/**
 * Records every health each row shows, as it changes (a MutationObserver
 * installed before the page's own scripts): what a test's `expect` polling
 * could miss between two looks, such as a brief flash of `unresponsive`.
 */
export async function recordHealthChanges(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { key: string; health: string }[] = [];
    (window as unknown as { healthLog: typeof log }).healthLog = log;
    const note = (element: Element) => {
      if (element.getAttribute('role') !== 'listitem') return;
      const key = element.getAttribute('data-session-key');
      const health = element.getAttribute('data-health');
      if (key === null || health === null) return;
      const last = log.findLast((entry) => entry.key === key);
      if (last?.health !== health) log.push({ key, health });
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes' && mutation.target instanceof Element) {
          note(mutation.target);
        }
        for (const node of mutation.addedNodes) {
          if (node instanceof Element) {
            note(node);
            node.querySelectorAll('[role="listitem"]').forEach(note);
          }
        }
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-health'],
    });
  });
}

/** The healths one row went through, in order (consecutive repeats folded). */
export function healthHistory(page: Page, sessionKey: string): Promise<string[]> {
  return page.evaluate(
    (key) =>
      (window as unknown as { healthLog: { key: string; health: string }[] }).healthLog
        .filter((entry) => entry.key === key)
        .map((entry) => entry.health),
    sessionKey,
  );
}

/**
 * Opens the dashboard (the worker's server unless `url` says otherwise) and
 * waits for the first snapshot over a live connection.
 */
export async function openDashboard(
  page: Page,
  options: { fakeClock?: boolean; url?: string } = {},
): Promise<void> {
  // Installed before the page's scripts run, so every timer the client sets is under its control.
  if (options.fakeClock === true) await page.clock.install();
  await page.goto(options.url ?? '/');
  await expect(page.locator('.demo-pill')).toHaveAttribute('data-state', 'live');
  await expect(sessionList(page)).not.toHaveAttribute('aria-busy', 'true');
}

/** `serverTime` of the last frame the page heard, as its header shows it (`<time datetime>`). */
async function lastHeardAt(page: Page): Promise<number> {
  const datetime = await page.locator('.demo-last-update time').getAttribute('datetime');
  return datetime === null ? 0 : Date.parse(datetime);
}

/**
 * Lets `totalMs` pass on both clocks, in lockstep: the browser's first
 * (Playwright's clock: its timers run, elapsed times tick), then the
 * server's (`POST /api/mock/clock`, after which every overdue live session
 * beats at once), and then waits until the page has heard those beats, so a
 * busy machine cannot let the page's clock run ahead of what it heard.
 * Steps stay well under the client's silence limit (2 × interval) and its
 * unresponsive limit, so a healthy session never looks silent in between.
 * Browser first: until the server catches up, its frames look late, which the
 * clock estimate discounts, never early.
 */
export async function advanceTime(
  page: Page,
  control: ControlApi,
  totalMs: number,
  stepMs = 2500,
): Promise<void> {
  for (let passed = 0; passed < totalMs; passed += stepMs) {
    const step = Math.min(stepMs, totalMs - passed);
    await page.clock.fastForward(step);
    const { beatAt } = await control.advanceClock(step);
    if (beatAt !== undefined) {
      await expect.poll(() => lastHeardAt(page)).toBeGreaterThanOrEqual(beatAt);
    }
  }
}

/** A screenshot kept with the test's results (`test-results/…`) and attached to its report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
