import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import { attachHeartbeatServer } from './attach-heartbeat-server';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';

const TOKEN = 's3cret-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('the HTTP routes', () => {
  let running: RunningHeartbeatServer;

  beforeEach(async () => {
    running = await startHeartbeatServer({ token: TOKEN, emitterOptions: { interval: 5000 } });
  });
  afterEach(async () => {
    await running.close();
  });

  const get = (path: string, headers: Record<string, string> = auth): Promise<Response> =>
    fetch(running.url + path, { headers });

  it('GET /api/sessions/heartbeat answers every session, epoch and interval, uncached', async () => {
    running.emitter.session('agent:main:main', { model: 'openai/gpt-5' });
    const crashed = running.emitter.session('agent:ops:telegram:direct:4711', {
      state: 'tool_exec',
      toolName: 'exec',
    });
    crashed.crash();
    const response = await get('/api/sessions/heartbeat');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      serverTime: expect.any(Number),
      epoch: running.emitter.epoch,
      interval: 5000,
      heartbeats: [
        expect.objectContaining({ sessionKey: 'agent:main:main', state: 'idle', seq: 1 }),
        expect.objectContaining({ sessionKey: 'agent:ops:telegram:direct:4711', toolName: 'exec' }),
      ],
    });
  });

  it('GET /api/sessions/:key/heartbeat reads a percent-encoded key, 404 for an unknown one', async () => {
    const key = 'agent:research:discord:group:42/odd key?';
    running.emitter.session(key, { state: 'streaming' });
    const found = await get(`/api/sessions/${encodeURIComponent(key)}/heartbeat`);
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(await found.json()).toEqual({
      serverTime: expect.any(Number),
      heartbeat: expect.objectContaining({ sessionKey: key, state: 'streaming' }),
    });
    const missing = await get('/api/sessions/agent%3Anobody%3Amain/heartbeat');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'no session "agent:nobody:main"' },
    });
  });

  it('POST /api/sessions/:key/restart answers 202 and brings a crashed session back', async () => {
    const session = running.emitter.session('agent:main:main', { state: 'streaming' });
    session.crash();
    const response = await fetch(`${running.url}/api/sessions/agent%3Amain%3Amain/restart`, {
      method: 'POST',
      headers: auth,
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ serverTime: expect.any(Number) });
    expect(session.status).toBe('live');
    expect(session.heartbeat).toMatchObject({ state: 'idle', seq: 2 });
  });

  it('answers 404 to a restart of an unknown session and 429 to a restart right after another', async () => {
    running.emitter.session('agent:main:main');
    const restart = (key: string): Promise<Response> =>
      fetch(`${running.url}/api/sessions/${encodeURIComponent(key)}/restart`, {
        method: 'POST',
        headers: auth,
      });
    expect((await restart('agent:nobody:main')).status).toBe(404);
    expect((await restart('agent:main:main')).status).toBe(202);
    const again = await restart('agent:main:main');
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('1');
    expect(await again.json()).toMatchObject({ error: { code: 'action_too_soon' } });
  });

  it('answers 401 without the right bearer token, and never echoes the token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const response = await get('/api/sessions/heartbeat', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(text).not.toContain(TOKEN);
    }
    // Unknown /api paths too: no route is revealed before authentication.
    expect((await get('/api/nothing', {})).status).toBe(401);
  });

  it('answers 405 with an Allow header for a wrong method on a known route', async () => {
    const cases: [string, string, string][] = [
      ['POST', '/api/sessions/heartbeat', 'GET, HEAD'],
      ['DELETE', '/api/sessions/agent%3Amain%3Amain/heartbeat', 'GET, HEAD'],
      ['GET', '/api/sessions/agent%3Amain%3Amain/restart', 'POST'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await fetch(running.url + path, { method, headers: auth });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    }
  });

  it('answers 413 to a body over 64 KiB, counted as it streams', async () => {
    running.emitter.session('agent:main:main');
    const response = await fetch(`${running.url}/api/sessions/agent%3Amain%3Amain/restart`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(65 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    // The restart did not happen.
    expect(running.emitter.heartbeat('agent:main:main')?.seq).toBe(1);
  });

  it('answers a JSON 404 to an unknown /api path, 400 to a bad key, 426 to the socket route without upgrade', async () => {
    const unknown = await get('/api/sessions');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await get('/api/sessions/%E0%A4%A/heartbeat')).status).toBe(400);
    expect((await get(`/api/sessions/${'k'.repeat(513)}/heartbeat`)).status).toBe(400);
    expect((await get('/api/sessions/heartbeat/ws')).status).toBe(426);
  });

  it('answers 403 to a request from a foreign Origin, and lets loopback origins in', async () => {
    const foreign = await get('/api/sessions/heartbeat', {
      ...auth,
      Origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'forbidden' } });
    const local = await get('/api/sessions/heartbeat', {
      ...auth,
      Origin: 'http://localhost:5173',
    });
    expect(local.status).toBe(200);
  });
});

describe('attachHeartbeatServer on a host server', () => {
  it('answers /api and leaves every other path to the host', async () => {
    const emitter = createHeartbeatEmitter();
    const server = createServer();
    const heartbeat = attachHeartbeatServer(server, emitter);
    server.on('request', (req, res) => {
      if (heartbeat.handleRequest(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('host page');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${url}/dashboard`)).text()).toBe('host page');
      const api = await fetch(`${url}/api/sessions/heartbeat`);
      expect(api.status).toBe(200);
      expect(await api.json()).toMatchObject({ heartbeats: [] });
    } finally {
      await heartbeat.close();
      await new Promise((resolve) => server.close(resolve));
      emitter.dispose();
    }
  });
});
