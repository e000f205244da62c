import { expectLive, expectNoAxeViolations, sessionList, sessionRow } from './support/element-page';
import { advanceTime, expect, test } from './support/fixtures';

test('the plain page goes live, shows a stall, opens its tooltip — under the host CSP', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
  await control.createSession('agent:build:main', {
    state: 'tool_exec',
    toolName: 'exec',
    model: 'openai/gpt-5',
  });
  await page.clock.install();
  const response = await page.goto('/plain.html');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expectLive(page);
  await expect(sessionRow(page, 'agent:build:main')).toHaveAttribute('data-health', 'active');

  // 7.5 s of tool_exec on both clocks: under the default 30 s limit, still active…
  await advanceTime(page, control, 7500);
  await expect(sessionRow(page, 'agent:build:main')).toHaveAttribute('data-health', 'active');
  // …and stalled at once under a 5 s limit set through the attribute.
  await page.locator('session-heartbeat-list').evaluate((list) => {
    list.setAttribute('stall-after-ms', '5000');
  });
  const stalled = sessionRow(page, 'agent:build:main');
  await expect(stalled).toHaveAttribute('data-health', 'stalled');
  await expect(stalled).toContainText('Running tool exec');
  await expect(sessionList(page).locator('[role="listitem"]').first()).toHaveAttribute(
    'data-session-key',
    'agent:build:main',
  );

  // The tooltip opens on keyboard focus, portalled inside the shadow root, styled.
  await stalled.getByRole('button', { name: 'Stalled' }).focus();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('Stalled');
  await expect(tooltip).toContainText('limit 5s');
  await expect(page.locator('session-heartbeat-list .shb-tooltip')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(tooltip).toBeHidden();

  // Keyboard inside the shadow root: arrows move between rows, Enter selects.
  await stalled.focus();
  await page.keyboard.press('ArrowDown');
  await expect(sessionRow(page, 'agent:main:main')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#selected')).toHaveText('agent:main:main');
});

test('a hostile page stylesheet changes nothing inside; --shb-* properties and theme do', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main', { state: 'streaming', model: 'openai/gpt-5' });
  await page.goto('/plain.html');
  await expectLive(page);
  const list = page.locator('session-heartbeat-list');
  const looks = () =>
    list.evaluate((host) => {
      const shadow = host.shadowRoot as ShadowRoot;
      // The host is the page's (and takes the page's font); what is inside is the element's.
      const seen = [...shadow.querySelectorAll('*')].map((element) => {
        const style = getComputedStyle(element);
        return [
          element.tagName,
          element.getAttribute('class'),
          style.display,
          style.fontFamily,
          style.fontSize,
          style.fontWeight,
          style.lineHeight,
          style.color,
          style.backgroundColor,
        ].join(' | ');
      });
      const box = host.getBoundingClientRect();
      return { seen, width: box.width, height: box.height };
    });
  const before = await looks();
  await page.addStyleTag({
    content: '* { font: 40px serif !important; color: red !important } div { display: inline }',
  });
  await expect(page.locator('h1')).toHaveCSS('font-size', '40px'); // the page did change
  expect(await looks()).toEqual(before);

  // Theming: custom properties set on the element pierce the shadow root…
  const surface = page.locator('session-heartbeat-list .shb-list');
  await expect(surface).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  const tokens = await page.addStyleTag({
    content: 'session-heartbeat-list { --shb-bg: rgb(1, 2, 3) }',
  });
  await expect(surface).toHaveCSS('background-color', 'rgb(1, 2, 3)');
  await tokens.evaluate((style) => style.parentNode?.removeChild(style));
  // …and `theme` switches the tokens: dark, or auto following the system.
  await page.locator('#theme').selectOption('dark');
  await expect(surface).toHaveCSS('background-color', 'rgb(18, 18, 20)');
  await page.locator('#theme').selectOption('auto');
  await expect(surface).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(surface).toHaveCSS('background-color', 'rgb(18, 18, 20)');
});

test('dots pulse in the shadow root, not under reduced motion, and --shb-pulse: none on the element stills them', async ({
  page,
  control,
}) => {
  await control.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
  await page.goto('/plain.html');
  await expectLive(page);
  await expect(sessionRow(page, 'agent:build:main')).toHaveAttribute('data-health', 'active');
  const pulsing = () =>
    page
      .locator('session-heartbeat-list')
      .evaluate(
        (host) =>
          (host.shadowRoot as ShadowRoot)
            .getAnimations()
            .filter((animation) => animation.playState === 'running').length,
      );
  await expect.poll(pulsing).toBeGreaterThan(0);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(pulsing).toBe(0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(pulsing).toBeGreaterThan(0);
  // Custom properties set on the element cross the shadow boundary.
  await page.addStyleTag({ content: 'session-heartbeat-list { --shb-pulse: none }' });
  await expect.poll(pulsing).toBe(0);
});
