import type { Locator, Page } from '@playwright/test';
import type { ControlApi } from '@session-heartbeat/mock-server';
import { expectNoAxeViolations, sessionList } from './support/element-page';
import { expect, test } from './support/fixtures';

/** The dot before a key in the host's table (`examples/host-table.html`). */
function tableDot(page: Page, sessionKey: string): Locator {
  return page.locator(`td.key session-heartbeat-dot[session-key="${sessionKey}"]`);
}

function dotButton(page: Page, sessionKey: string): Locator {
  return tableDot(page, sessionKey).locator('button.shb-element-dot');
}

async function openPage(page: Page, control: ControlApi): Promise<void> {
  await control.createSession('agent:main:main', {
    state: 'streaming',
    model: 'anthropic/claude-sonnet-4-5',
  });
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await control.createSession('agent:ops:slack:group:deploys', {
    state: 'tool_wait',
    toolName: 'exec',
  });
  await page.goto('/host-table.html');
  await expect(dotButton(page, 'agent:main:main')).toHaveAttribute('data-health', 'active');
  await expect(dotButton(page, 'agent:ops:slack:group:deploys')).toHaveAttribute(
    'data-health',
    'waiting',
  );
}

test('the dot sits inline before each key, as big as the text, on the key’s line', async ({
  page,
  control,
}) => {
  await openPage(page, control);
  for (const key of ['agent:main:main', 'agent:build:main', 'agent:ops:slack:group:deploys']) {
    const cell = page.locator('td.key', {
      has: page.locator(`session-heartbeat-dot[session-key="${key}"]`),
    });
    const geometry = await cell.evaluate((td) => {
      const link = td.querySelector('a') as HTMLAnchorElement;
      const dot = td.querySelector('session-heartbeat-dot') as HTMLElement;
      const glyph = dot.shadowRoot?.querySelector('.shb-status-dot') as HTMLElement;
      const lines = link.getClientRects();
      const line = lines[0] as DOMRect;
      const box = glyph.getBoundingClientRect();
      return {
        lines: lines.length,
        line: { top: line.top, bottom: line.bottom, left: line.left },
        dot: { top: box.top, bottom: box.bottom, right: box.right, width: box.width },
        display: getComputedStyle(dot).display,
        fontSize: parseFloat(getComputedStyle(td).fontSize),
      };
    });
    expect(geometry.display).toBe('inline-flex');
    expect(geometry.lines).toBe(1);
    // 1em of the cell's text, before the key, within the key's line box.
    expect(geometry.dot.width).toBeCloseTo(geometry.fontSize, 0);
    expect(geometry.dot.right).toBeLessThanOrEqual(geometry.line.left);
    expect(geometry.dot.top).toBeGreaterThanOrEqual(geometry.line.top - 1);
    expect(geometry.dot.bottom).toBeLessThanOrEqual(geometry.line.bottom + 1);
  }
  // `size` still sets pixels.
  await tableDot(page, 'agent:main:main').evaluate((dot) => dot.setAttribute('size', 'lg'));
  await expect(tableDot(page, 'agent:main:main').locator('.shb-status-dot')).toHaveCSS(
    'width',
    '20px',
  );
});

test('in a table row, the dot’s tooltip opens and its click stays out of the row and its link', async ({
  page,
  control,
}) => {
  await openPage(page, control);
  const button = dotButton(page, 'agent:build:main');

  await button.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('Running tool exec');
  await expect(tooltip).toBeInViewport();
  // It shows over the next row's sticky key cell (its own stacking context), not under it.
  const nextCell = page.locator('td.key').nth(2);
  const [tip, cell] = await Promise.all([tooltip.boundingBox(), nextCell.boundingBox()]);
  if (tip === null || cell === null) throw new Error('no boxes');
  const x = Math.max(tip.x, cell.x) + 8;
  const y = Math.max(tip.y, cell.y) + 8;
  expect(y).toBeLessThan(Math.min(tip.y + tip.height, cell.y + cell.height)); // they overlap
  const topmost = await page.evaluate(
    ([px, py]) => {
      const hit = document.elementFromPoint(px ?? 0, py ?? 0);
      return hit?.closest('session-heartbeat-dot')?.getAttribute('session-key') ?? hit?.tagName;
    },
    [x, y],
  );
  expect(topmost).toBe('agent:build:main');
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(tooltip).toBeHidden();

  // A click selects the session, and nothing else: no row click, no link followed.
  await button.click();
  await expect(page.locator('#selected')).toHaveText('agent:build:main');
  await expect(page.locator('#row-clicks')).toHaveText('0');
  expect(new URL(page.url()).hash).toBe('');
  // The same from the keyboard.
  await dotButton(page, 'agent:main:main').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#selected')).toHaveText('agent:main:main');
  await expect(page.locator('#row-clicks')).toHaveText('0');
  await page.keyboard.press('Escape'); // the focused dot's tooltip covers the rows below

  // A host that wants the row to hear it says so.
  const dot = tableDot(page, 'agent:ops:slack:group:deploys');
  await dot.evaluate((element) => element.setAttribute('click-through', ''));
  await dot.locator('button').click();
  await expect(page.locator('#selected')).toHaveText('agent:ops:slack:group:deploys');
  await expect(page.locator('#row-clicks')).toHaveText('1');
  // Inside the link it would follow it; beside it (as here) the row's handler ran.
  await page.locator('a[href="#chat/agent:main:main"]').click();
  await expect(page).toHaveURL(/#chat\/agent:main:main$/);
});

test('theme="inherit" takes the host’s font, colours, radius and light/dark mode', async ({
  page,
  control,
}, testInfo) => {
  // Two axe runs into the shadow roots take 5–10 s each on two shared cores.
  testInfo.setTimeout(60_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await openPage(page, control);
  const surface = sessionList(page);
  const body = await page.locator('body').evaluate((element) => {
    const style = getComputedStyle(element);
    return { fontFamily: style.fontFamily, fontSize: style.fontSize };
  });
  // Inheritance: the host's font and text colour.
  await expect(surface).toHaveCSS('font-family', body.fontFamily);
  await expect(surface).toHaveCSS('font-size', body.fontSize);
  await expect(surface).toHaveCSS('color', 'rgb(60, 60, 67)'); // the host's --text, light
  // The host's tokens, mapped onto --shb-* in its stylesheet.
  const list = page.locator('session-heartbeat-list .shb-list');
  await expect(list).toHaveCSS('background-color', 'rgb(255, 255, 255)'); // --card
  await expect(list).toHaveCSS('border-radius', '10px'); // --radius-md
  const activeDot = tableDot(page, 'agent:main:main').locator('.shb-status-dot');
  await expect(activeDot).toHaveCSS('color', 'rgb(21, 145, 63)'); // our light palette
  await expectNoAxeViolations(page);

  // The host's dark mode, while the system stays light: the host wins.
  await page.locator('#mode').selectOption('dark');
  await expect(list).toHaveCSS('background-color', 'rgb(22, 25, 32)');
  await expect(surface).toHaveCSS('color', 'rgb(212, 212, 216)');
  await expect(activeDot).toHaveCSS('color', 'rgb(34, 197, 94)'); // our dark palette
  await expectNoAxeViolations(page);

  // The host's system mode: the system's scheme, through the host.
  await page.locator('#mode').selectOption('system');
  await expect(activeDot).toHaveCSS('color', 'rgb(21, 145, 63)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(activeDot).toHaveCSS('color', 'rgb(34, 197, 94)');

  // A token the host changes at run time reaches inside at once.
  await page.evaluate(() => document.documentElement.style.setProperty('--radius-md', '3px'));
  await expect(list).toHaveCSS('border-radius', '3px');
});
