import type { WebSocket } from '@playwright/test';
import { expectLive, expectNoAxeViolations, sessionRow } from './support/element-page';
import { expect, test } from './support/fixtures';

test('the Lit chat shares one connection and follows the chosen session in its header', async ({
  page,
  control,
}) => {
  await control.createSession('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
  await control.createSession('agent:ops:main', { state: 'tool_wait', toolName: 'approve' });
  const sockets: WebSocket[] = [];
  page.on('websocket', (socket) => sockets.push(socket));
  await page.goto('/lit.html');
  await expectLive(page);
  const header = page.locator('heartbeat-chat-app .chat-header');
  await expect(header).toContainText('Choose a session below');

  await sessionRow(page, 'agent:ops:main').click();
  await expect(header.getByRole('heading')).toHaveText('agent:ops:main');
  const dot = header.getByRole('button', { name: 'Waiting: agent:ops:main' });
  await expect(dot).toBeVisible();
  await dot.focus();
  await expect(page.getByRole('tooltip')).toContainText('approve');
  await expectNoAxeViolations(page);

  // The list and the dot: one WebSocket between them…
  expect(sockets.map((socket) => new URL(socket.url()).pathname)).toEqual([
    '/api/sessions/heartbeat/ws',
  ]);
  // …closed once both elements are gone.
  await page.locator('heartbeat-chat-app').evaluate((app) => app.remove());
  await expect.poll(() => sockets[0]?.isClosed()).toBe(true);
});
