import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startMockServer, type MockServer, type MockServerOptions } from '../start-mock-server';

let server: MockServer | undefined;

async function start(options: MockServerOptions): Promise<MockServer> {
  server = await startMockServer({ scenario: 'quiet', interval: 200, control: true, ...options });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server?.url ?? ''}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const session = (key: string, action = ''): string =>
  `/api/mock/sessions/${encodeURIComponent(key)}${action ? `/${action}` : ''}`;

describe('the control API', () => {
  it('creates a session (201), refuses a duplicate (409) and bad input with precise 400s', async () => {
    await start({});
    const created = await call('POST', '/api/mock/sessions', {
      sessionKey: 'agent:main:main',
      state: 'awaiting_model',
      model: 'openai/gpt-5',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(await created.json()).toEqual({
      serverTime: expect.any(Number),
      heartbeat: expect.objectContaining({
        sessionKey: 'agent:main:main',
        state: 'awaiting_model',
        model: 'openai/gpt-5',
        seq: 1,
      }),
    });
    const duplicate = await call('POST', '/api/mock/sessions', { sessionKey: 'agent:main:main' });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({
      error: { code: 'conflict', message: 'session "agent:main:main" already exists' },
    });
    const badKey = await call('POST', '/api/mock/sessions', { sessionKey: '' });
    expect(badKey.status).toBe(400);
    expect(await badKey.json()).toEqual({
      error: {
        code: 'bad_request',
        message: 'session key must be a string of 1–512 characters, got ""',
      },
    });
    const badState = await call('POST', '/api/mock/sessions', {
      sessionKey: 'agent:x:main',
      state: 'busy',
    });
    expect(badState.status).toBe(400);
    expect(((await badState.json()) as { error: { message: string } }).error.message).toBe(
      'unknown state "busy"; expected one of idle, awaiting_model, streaming, tool_exec, tool_wait, complete',
    );
    expect((await call('POST', '/api/mock/sessions', 'not json')).status).toBe(400);
    expect((await call('POST', '/api/mock/sessions', [1])).status).toBe(400);
    expect(server?.emitter.size).toBe(1);
  });

  it('creates a session with its human name, and refuses a label that is not text', async () => {
    await start({});
    const created = await call('POST', '/api/mock/sessions', {
      sessionKey: 'agent:ops:main',
      label: 'Ops on-call',
    });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { heartbeat: { label?: string } }).heartbeat.label).toBe(
      'Ops on-call',
    );
    const badLabel = await call('POST', '/api/mock/sessions', {
      sessionKey: 'agent:x:main',
      label: 42,
    });
    expect(badLabel.status).toBe(400);
    expect(((await badLabel.json()) as { error: { message: string } }).error.message).toMatch(
      /label/,
    );
    expect(server?.emitter.size).toBe(1);
  });

  it('transitions, records tokens, crashes and removes, each with its status code', async () => {
    await start({});
    await call('POST', '/api/mock/sessions', { sessionKey: 'agent:ops:main' });
    const moved = await call('POST', session('agent:ops:main', 'transition'), {
      state: 'tool_exec',
      toolName: 'exec',
      turnId: 'run-9',
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      changed: true,
      heartbeat: { state: 'tool_exec', toolName: 'exec', turnId: 'run-9', reason: 'transition' },
    });
    expect((await call('POST', session('agent:ops:main', 'transition'), {})).status).toBe(400);
    expect(
      (await call('POST', session('agent:ops:main', 'transition'), { state: 'nope' })).status,
    ).toBe(400);
    expect(
      (await call('POST', session('agent:nobody:main', 'transition'), { state: 'idle' })).status,
    ).toBe(404);

    expect((await call('POST', session('agent:ops:main', 'token'))).status).toBe(200);
    expect(server?.emitter.get('agent:ops:main')?.heartbeat.lastTokenAt).toBeUndefined();
    await call('POST', session('agent:ops:main', 'transition'), { state: 'streaming' });
    expect(server?.emitter.heartbeat('agent:ops:main')?.lastTokenAt).toEqual(expect.any(Number));

    const crashed = await call('POST', session('agent:ops:main', 'crash'));
    expect(crashed.status).toBe(200);
    expect(
      (await call('POST', session('agent:ops:main', 'transition'), { state: 'idle' })).status,
    ).toBe(409);
    const listed = (await (await fetch(`${server?.url}/api/sessions/heartbeat`)).json()) as {
      heartbeats: unknown[];
    };
    expect(listed.heartbeats).toHaveLength(1);

    expect((await call('GET', session('agent:ops:main'))).status).toBe(405);
    expect((await call('DELETE', session('agent:ops:main'))).status).toBe(200);
    expect((await call('DELETE', session('agent:ops:main'))).status).toBe(404);
  });

  it('sends a removed frame when a session is deleted', async () => {
    const { url } = await start({});
    await call('POST', '/api/mock/sessions', { sessionKey: 'agent:gone:main' });
    const ws = new WebSocket(`${url.replace('http', 'ws')}/api/sessions/heartbeat/ws`);
    const frames: { type: string; sessionKey?: string }[] = [];
    const removed = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; sessionKey?: string };
        frames.push(frame);
        if (frame.type === 'snapshot') void call('DELETE', session('agent:gone:main'));
        if (frame.type === 'removed') resolve();
      });
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: 1 })));
    await removed;
    expect(frames.at(-1)).toEqual({
      type: 'removed',
      serverTime: expect.any(Number),
      sessionKey: 'agent:gone:main',
    });
    ws.terminate();
  });

  it('needs the token like every /api route, and answers 404 without --control', async () => {
    await start({ token: 'tok' });
    expect((await call('POST', '/api/mock/sessions', { sessionKey: 'a' })).status).toBe(401);
    const allowed = await call(
      'POST',
      '/api/mock/sessions',
      { sessionKey: 'a' },
      { Authorization: 'Bearer tok' },
    );
    expect(allowed.status).toBe(201);
    await server?.close();
    await start({ control: false });
    expect((await call('POST', '/api/mock/sessions', { sessionKey: 'a' })).status).toBe(404);
  });

  it('takes a demo session away from the scenario once the control API touches it', async () => {
    await start({ scenario: 'demo' });
    expect(server?.scenario.isDriving('agent:main:main')).toBe(true);
    const response = await call('POST', session('agent:main:main', 'transition'), {
      state: 'tool_wait',
      toolName: 'exec',
    });
    expect(response.status).toBe(200);
    expect(server?.scenario.isDriving('agent:main:main')).toBe(false);
    expect(server?.scenario.isDriving('agent:ops:telegram:direct:4711')).toBe(true);
  });

  it('restarts a crashed session through the contract route: idle and emitting again', async () => {
    await start({});
    await call('POST', '/api/mock/sessions', { sessionKey: 'agent:main:main', state: 'streaming' });
    await call('POST', session('agent:main:main', 'crash'));
    const restarted = await fetch(`${server?.url}/api/sessions/agent%3Amain%3Amain/restart`, {
      method: 'POST',
    });
    expect(restarted.status).toBe(202);
    const heartbeat = server?.emitter.get('agent:main:main');
    expect(heartbeat?.status).toBe('live');
    expect(heartbeat?.heartbeat).toMatchObject({ state: 'idle', reason: 'transition' });
  });

  it('advances the server clock: overdue live sessions beat at once, crashed ones stay silent', async () => {
    await start({ interval: 5000 });
    await call('POST', '/api/mock/sessions', {
      sessionKey: 'agent:main:main',
      state: 'tool_exec',
      toolName: 'exec',
    });
    await call('POST', '/api/mock/sessions', { sessionKey: 'agent:ops:main' });
    await call('POST', session('agent:ops:main', 'crash'));
    const before = server?.emitter.heartbeat('agent:main:main');
    const silentSince = server?.emitter.heartbeat('agent:ops:main')?.emittedAt ?? 0;

    const advanced = await call('POST', '/api/mock/clock', { advanceMs: 35_000 });
    expect(advanced.status).toBe(200);
    const body = (await advanced.json()) as {
      serverTime: number;
      skewMs: number;
      beats: string[];
      beatAt: number;
    };
    expect(body.skewMs).toBe(35_000);
    expect(body.beats).toEqual(['agent:main:main']);
    expect(body.beatAt).toBe(server?.emitter.heartbeat('agent:main:main')?.emittedAt);
    expect(body.serverTime - Date.now()).toBeGreaterThanOrEqual(34_000);
    const after = server?.emitter.heartbeat('agent:main:main');
    expect(after).toMatchObject({ reason: 'periodic', state: 'tool_exec', seq: 2 });
    // The state began before the jump: that is what makes the session stall.
    expect(after?.stateSince).toBe(before?.stateSince);
    expect((after?.emittedAt ?? 0) - (before?.emittedAt ?? 0)).toBeGreaterThanOrEqual(35_000);
    expect(server?.emitter.heartbeat('agent:ops:main')?.emittedAt).toBe(silentSince);
    const batch = (await (await call('GET', '/api/sessions/heartbeat')).json()) as {
      serverTime: number;
    };
    expect(batch.serverTime).toBeGreaterThanOrEqual(body.serverTime);

    // Nothing is due right after: no beats.
    const again = await call('POST', '/api/mock/clock', { advanceMs: 0 });
    expect(await again.json()).toMatchObject({ skewMs: 35_000, beats: [] });
    expect((await call('POST', '/api/mock/clock', { advanceMs: -1 })).status).toBe(400);
    expect((await call('POST', '/api/mock/clock', { advanceMs: 'soon' })).status).toBe(400);
    expect((await call('GET', '/api/mock/clock')).status).toBe(405);
  });

  it('steps the server clock either way, as NTP does, and sessions keep beating every interval', async () => {
    await start({ interval: 200 });
    await call('POST', '/api/mock/sessions', { sessionKey: 'agent:main:main' });
    const stepped = await call('POST', '/api/mock/clock', { stepMs: -3_600_000 });
    expect(stepped.status).toBe(200);
    const body = (await stepped.json()) as { serverTime: number; skewMs: number };
    expect(body.skewMs).toBe(-3_600_000);
    expect(Date.now() - body.serverTime).toBeGreaterThanOrEqual(3_599_000);
    const beatsAfter: number[] = [];
    await new Promise<void>((resolve) => {
      const stop = server?.emitter.subscribe((event) => {
        if (event.type !== 'heartbeats') return;
        beatsAfter.push(...event.heartbeats.map((beat) => beat.emittedAt));
        if (beatsAfter.length >= 3) {
          stop?.();
          resolve();
        }
      });
    });
    expect(beatsAfter.every((at) => at < Date.now() - 3_599_000)).toBe(true);
    expect((await call('POST', '/api/mock/clock', { stepMs: 1.5 })).status).toBe(400);
  });

  it('creates and removes sessions in bulk under fresh keys, leaving none behind', async () => {
    await start({});
    const connected = new WebSocket(
      `${server?.url.replace('http', 'ws') ?? ''}/api/sessions/heartbeat/ws`,
    );
    const removals = new Set<string>();
    connected.on('open', () => connected.send(JSON.stringify({ type: 'hello', protocol: 1 })));
    connected.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; sessionKey?: string };
      if (frame.type === 'removed' && frame.sessionKey) removals.add(frame.sessionKey);
    });
    await new Promise((resolve) => connected.once('message', resolve));
    const answer = await call('POST', '/api/mock/churn', { count: 2500, batchSize: 1000 });
    expect(await answer.json()).toMatchObject({ created: 2500, removed: 2500 });
    expect(server?.emitter.size).toBe(0);
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (removals.size === 2500) resolve();
        else setTimeout(check, 10);
      };
      check();
    });
    connected.terminate();
    expect((await call('POST', '/api/mock/churn', { count: 0 })).status).toBe(400);
  });
});
