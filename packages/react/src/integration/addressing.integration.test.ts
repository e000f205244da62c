// @vitest-environment node
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { attachHeartbeatServer, startHeartbeatServer } from '@session-heartbeat/emitter/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startClient, stopAllClients, waitForState } from './integration-helpers';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  stopAllClients();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * The heartbeat routes under `/heartbeat/`, as behind a gateway's reverse
 * proxy that strips the prefix: everything else answers 404.
 */
async function serveUnderPrefix(prefix: string) {
  const emitter = createHeartbeatEmitter({ interval: 500, actionCooldownMs: 0 });
  const server = createServer();
  const strip = (req: { url?: string }): boolean => {
    if (!req.url?.startsWith(`${prefix}/`)) return false;
    req.url = req.url.slice(prefix.length);
    return true;
  };
  // Before the heartbeat's own upgrade listener, as a proxy would.
  server.prependListener('upgrade', strip);
  const heartbeat = attachHeartbeatServer(server, emitter);
  server.on('request', (req, res) => {
    if (strip(req) && heartbeat.handleRequest(req, res)) return;
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await heartbeat.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    emitter.dispose();
  });
  return { emitter, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('where the client asks', () => {
  it('keeps a path in the server URL: https://gw.example/heartbeat/ is asked …/heartbeat/api/…', async () => {
    const { emitter, origin } = await serveUnderPrefix('/heartbeat');
    emitter.session('agent:main:main').transition('tool_exec', { toolName: 'exec' });
    for (const baseUrl of [`${origin}/heartbeat/`, `${origin}/heartbeat`]) {
      const { client } = startClient({ baseUrl });
      await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 1);
      await expect(client.fetchSession('agent:main:main')).resolves.toMatchObject({
        state: 'tool_exec',
      });
      await client.runAction('agent:main:main', 'restart');
      await waitForState(
        client,
        (s) => s.sessions.get('agent:main:main')?.heartbeat.state === 'idle',
      );
      client.stop();
      emitter.get('agent:main:main')?.transition('tool_exec', { toolName: 'exec' });
    }
  });

  it('fetches and restarts sessions keyed "." and "..", which URL parsing would turn into other routes', async () => {
    const server = await startHeartbeatServer({
      emitterOptions: { interval: 500, actionCooldownMs: 0 },
    });
    cleanups.push(() => server.close());
    server.emitter.session('.').transition('streaming');
    server.emitter.session('..').transition('tool_exec', { toolName: 'exec' });
    const { client } = startClient({ baseUrl: server.url });
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 2);
    await expect(client.fetchSession('.')).resolves.toMatchObject({ sessionKey: '.' });
    await expect(client.fetchSession('..')).resolves.toMatchObject({ sessionKey: '..' });
    await client.runAction('..', 'restart');
    await waitForState(client, (s) => s.sessions.get('..')?.heartbeat.state === 'idle');
    expect(server.emitter.get('.')?.state).toBe('streaming');
  });
});
