import { expectLive, sessionList } from './support/element-page';
import { expect, test } from './support/fixtures';

test('the elements ride the OpenClaw gateway socket through createGatewaySource', async ({
  page,
  gatewayServer,
}) => {
  const sockets: string[] = [];
  const events = new Set<string>();
  const methods = new Set<string>();
  page.on('websocket', (socket) => {
    sockets.push(new URL(socket.url()).pathname);
    socket.on('framereceived', ({ payload }) => {
      const event = /"event":"([^"]+)"/.exec(String(payload))?.[1];
      if (event !== undefined) events.add(event);
    });
    socket.on('framesent', ({ payload }) => {
      const method = /"method":"([^"]+)"/.exec(String(payload))?.[1];
      if (method !== undefined) methods.add(method);
    });
  });
  await page.goto(`${gatewayServer.url}/openclaw.html`);
  await expectLive(page);
  // The OpenClaw scenario's cast, as the gateway's session.heartbeat events tell it.
  await expect(
    sessionList(page).locator('[data-session-key="agent:main:webchat:direct:operator"]'),
  ).toBeVisible();
  expect(await sessionList(page).locator('[role="listitem"]').count()).toBeGreaterThan(5);

  // One socket, the gateway's own (at its root), and never the contract's WebSocket route.
  expect(sockets).toEqual(['/']);
  expect(events).toContain('connect.challenge');
  expect([...methods]).toEqual(['connect', 'session.heartbeat.snapshot']);
  // Then events: a change, or at the latest a ping one interval (5 s) after the last frame.
  await expect.poll(() => events.has('session.heartbeat'), { timeout: 8000 }).toBe(true);
});
