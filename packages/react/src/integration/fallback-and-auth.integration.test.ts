// @vitest-environment node
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Routes } from '@session-heartbeat/core';
import { heartbeatQueryKeys } from '@session-heartbeat/client/test-utils';
import { startHeartbeatServer } from '@session-heartbeat/emitter/node';
import { environmentManager } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startClient, stopAllClients, waitForState } from './integration-helpers';

const servers: { close(): Promise<void> }[] = [];
async function serve(options: Parameters<typeof startHeartbeatServer>[0] = {}) {
  const server = await startHeartbeatServer(options);
  servers.push(server);
  return server;
}

beforeAll(() => {
  // TanStack Query runs no refetch interval on a "server"; this client is a page.
  environmentManager.setIsServer(() => false);
});
afterAll(() => {
  environmentManager.setIsServer(() => true);
});
afterEach(async () => {
  stopAllClients();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** What a proxy that does not pass WebSockets answers to an upgrade. */
function refuseUpgrade(_request: IncomingMessage, socket: Duplex): void {
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
}

function countRequests(server: { server: Server }) {
  const counts = { upgrades: 0, batch: 0 };
  server.server.on('upgrade', () => (counts.upgrades += 1));
  server.server.on('request', (request: IncomingMessage) => {
    if (request.url === Routes.batch) counts.batch += 1;
  });
  return counts;
}

describe('transport fallback', () => {
  it('polls when the WebSocket route is refused, and goes back to push when it returns', async () => {
    const server = await serve({ emitterOptions: { interval: 300 } });
    const upgradeListeners = server.server.listeners('upgrade') as ((...args: unknown[]) => void)[];
    server.server.removeAllListeners('upgrade');
    server.server.on('upgrade', refuseUpgrade);
    server.emitter.session('a');
    server.emitter.session('b').transition('streaming');

    const { client, state } = startClient({
      baseUrl: server.url,
      backoff: { initialMs: 100, maxMs: 400 },
      upgradeIntervalMs: 800,
    });
    const polling = await waitForState(
      client,
      (s) => s.status.kind === 'polling' && s.sessions.size === 2,
    );
    expect(polling.status).toMatchObject({ kind: 'polling', intervalMs: 300 });
    expect(polling.sessions.get('b')?.health).toBe('active');

    // Polling keeps the data live.
    server.emitter.get('a')?.transition('awaiting_model');
    await waitForState(client, (s) => s.sessions.get('a')?.heartbeat.state === 'awaiting_model');
    expect(state().listening).toBe(true);

    // The WebSocket route comes back: the client upgrades by itself.
    server.server.off('upgrade', refuseUpgrade);
    for (const listener of upgradeListeners) server.server.on('upgrade', listener);
    await waitForState(client, (s) => s.status.kind === 'live', 5000);
    const batch = client.queryClient
      .getQueryCache()
      .find({ queryKey: heartbeatQueryKeys.batch(server.url) });
    expect(batch?.getObserversCount() ?? 0).toBe(0); // polling stopped
    server.emitter.get('a')?.transition('streaming');
    await waitForState(client, (s) => s.sessions.get('a')?.heartbeat.state === 'streaming');
  });
});

describe('runtime transport changes', () => {
  it('switches from push to polling and back without losing the sessions', async () => {
    const server = await serve({ emitterOptions: { interval: 200 } });
    server.emitter.session('a').transition('streaming');
    const { client } = startClient({ baseUrl: server.url });
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 1);
    client.setTransport('polling');
    await waitForState(client, (s) => s.status.kind === 'polling' && s.listening);
    server.emitter.get('a')?.transition('tool_exec', { toolName: 'grep' });
    await waitForState(client, (s) => s.sessions.get('a')?.heartbeat.state === 'tool_exec');
    client.setTransport('websocket');
    const live = await waitForState(client, (s) => s.status.kind === 'live' && s.listening);
    expect(live.sessions.get('a')?.health).toBe('active');
  });
});

describe('authentication', () => {
  it('4401 is unauthorized, with no retry storm', async () => {
    const server = await serve({ token: 'right' });
    const counts = countRequests(server);
    const { client } = startClient({
      baseUrl: server.url,
      token: 'wrong',
      transport: 'websocket',
      backoff: { initialMs: 10, maxMs: 20 },
    });
    const state = await waitForState(client, (s) => s.status.kind === 'unauthorized');
    expect(state.status).toMatchObject({ reason: expect.stringContaining('4401') });
    // With a 10–20 ms backoff, a storm would show dozens of attempts by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counts.upgrades).toBe(1);
    expect(client.store.getState().status.kind).toBe('unauthorized');
  });

  it('the right token gets in, over both transports', async () => {
    const server = await serve({ token: 'right' });
    server.emitter.session('a');
    const push = startClient({ baseUrl: server.url, token: 'right' });
    await waitForState(push.client, (s) => s.status.kind === 'live' && s.sessions.size === 1);
    const poll = startClient({ baseUrl: server.url, token: 'right', transport: 'polling' });
    await waitForState(poll.client, (s) => s.status.kind === 'polling' && s.sessions.size === 1);
  });

  it('HTTP 401 is unauthorized, and polling stops', async () => {
    const server = await serve({ token: 'right', emitterOptions: { interval: 100 } });
    const counts = countRequests(server);
    const { client } = startClient({ baseUrl: server.url, token: 'wrong', transport: 'polling' });
    await waitForState(client, (s) => s.status.kind === 'unauthorized');
    expect(counts.batch).toBe(1);
    const batch = client.queryClient
      .getQueryCache()
      .find({ queryKey: heartbeatQueryKeys.batch(server.url) });
    expect(batch?.getObserversCount() ?? 0).toBe(0);
  });
});
