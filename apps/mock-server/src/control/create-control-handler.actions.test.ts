// v1.1 on the real mock server (127.0.0.1): the control API reports progress
// and tool calls, and the contract's actions reach the scenario, which plays
// the host.
import type { SessionHeartbeat } from '@session-heartbeat/core';
import { afterEach, describe, expect, it } from 'vitest';
import { NUDGE_ACTIVITY } from '../scenarios';
import { startMockServer, type MockServer, type MockServerOptions } from '../start-mock-server';
import { controlApi } from './control-client';

let server: MockServer | undefined;

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startMockServer({ scenario: 'quiet', interval: 200, control: true, ...options });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function post(path: string, body?: unknown): Promise<Response> {
  return fetch(`${server?.url ?? ''}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const control = (key: string, action: string): string =>
  `/api/mock/sessions/${encodeURIComponent(key)}/${action}`;

/** What a session shows, whatever periodic beats came in between (the server's timers are real). */
function shown(heartbeat: SessionHeartbeat | undefined): Partial<SessionHeartbeat> {
  if (heartbeat === undefined) return {};
  const { seq: _seq, emittedAt: _emittedAt, reason: _reason, ...rest } = heartbeat;
  return rest;
}

async function errorOf(response: Response): Promise<{ status: number; message: string }> {
  const body = (await response.json()) as { error: { message: string } };
  return { status: response.status, message: body.error.message };
}

describe('the control API, v1.1', () => {
  it('records progress (carried by the next beat) and tool calls with their repeats', async () => {
    const { url, emitter, clock } = await start();
    const api = controlApi(url);
    await api.createSession('agent:ci:main', { state: 'awaiting_model', turnId: 'run-1' });
    const first = await api.toolCall('agent:ci:main', {
      toolName: 'exec',
      fingerprint: 'npm test',
    });
    expect(first).toMatchObject({ state: 'tool_exec', toolName: 'exec', toolRepeat: 1 });
    expect(first).toMatchObject({ turnToolCalls: 1, reason: 'transition' });
    clock.advance(1500);
    await api.progress('agent:ci:main', { activity: 'npm test: 42/120' });
    // The next periodic beat carries it (the server's timers run on real time).
    clock.advance(200);
    emitter.flushDue();
    expect(emitter.heartbeat('agent:ci:main')).toMatchObject({
      state: 'tool_exec',
      activity: 'npm test: 42/120',
    });
    const { lastProgressAt } = emitter.heartbeat('agent:ci:main') ?? {};
    expect(lastProgressAt).toBeGreaterThanOrEqual(first.stateSince + 1500);
    const again = await api.toolCall('agent:ci:main', {
      toolName: 'exec',
      fingerprint: 'npm test',
    });
    expect(again).toMatchObject({ toolRepeat: 2, turnToolCalls: 2 });
    expect(again).not.toHaveProperty('activity');
  });

  it('answers bad progress or tool input with the emitter’s precise 400, and changes nothing', async () => {
    const { emitter } = await start();
    await post('/api/mock/sessions', { sessionKey: 'agent:ci:main', state: 'streaming' });
    const before = shown(emitter.heartbeat('agent:ci:main'));
    expect(
      await errorOf(await post(control('agent:ci:main', 'progress'), { activity: 7 })),
    ).toEqual({
      status: 400,
      message: 'activity must be a string, got 7',
    });
    expect(await errorOf(await post(control('agent:ci:main', 'progress'), { at: 'soon' }))).toEqual(
      { status: 400, message: 'progress time must be a finite number of ms, got "soon"' },
    );
    const noTool = await post(control('agent:ci:main', 'tool'), { fingerprint: 'x' });
    expect(await errorOf(noTool)).toEqual({
      status: 400,
      message: 'toolName must be a string, got undefined',
    });
    const longPrint = await post(control('agent:ci:main', 'tool'), {
      toolName: 'read',
      fingerprint: 'x'.repeat(513),
    });
    expect((await errorOf(longPrint)).message).toMatch(
      /^fingerprint must be a string of at most 512 characters/,
    );
    expect((await post(control('agent:nobody:main', 'tool'), {})).status).toBe(404);
    expect(shown(emitter.heartbeat('agent:ci:main'))).toEqual(before);
  });
});

describe('actions on the mock', () => {
  it('lists nudge, abort and restart; openclaw lists what its gateway can do', async () => {
    const { url } = await start();
    expect(await (await fetch(`${url}/api/sessions/actions`)).json()).toEqual({
      actions: ['nudge', 'abort', 'restart'],
    });
    await server?.close();
    const openclaw = await start({ scenario: 'openclaw' });
    expect(await (await fetch(`${openclaw.url}/api/sessions/actions`)).json()).toEqual({
      actions: ['abort', 'restart'],
    });
  });

  it('nudge: a working session reports, so its stall clock starts over', async () => {
    const { url, emitter, clock } = await start();
    const api = controlApi(url);
    await api.createSession('agent:build:main', { state: 'tool_exec', toolName: 'exec' });
    const since = emitter.heartbeat('agent:build:main')?.stateSince ?? 0;
    clock.advance(45_000);
    await api.act('agent:build:main', 'nudge');
    clock.advance(200);
    emitter.flushDue();
    const nudged = emitter.heartbeat('agent:build:main');
    expect(nudged).toMatchObject({
      state: 'tool_exec',
      stateSince: since,
      activity: NUDGE_ACTIVITY,
    });
    expect(nudged?.lastProgressAt).toBeGreaterThanOrEqual(since + 45_000);
  });

  it('abort: a turn ends, complete; an idle or crashed session is left as it is', async () => {
    const { url, emitter } = await start();
    const api = controlApi(url);
    await api.createSession('agent:ops:main', { state: 'streaming', turnId: 'run-9' });
    await api.createSession('agent:idle:main');
    await api.createSession('agent:hung:main', { state: 'tool_exec', toolName: 'exec' });
    await api.crash('agent:hung:main');
    for (const key of ['agent:ops:main', 'agent:idle:main', 'agent:hung:main']) {
      await api.act(key, 'abort');
    }
    // Periodic beats (every 200 ms of real time) may have followed the abort's.
    expect(emitter.heartbeat('agent:ops:main')).toMatchObject({
      state: 'complete',
      turnId: 'run-9',
    });
    const idle = emitter.heartbeat('agent:idle:main');
    expect(idle?.state).toBe('idle');
    expect(idle?.reason).not.toBe('transition');
    expect(emitter.get('agent:hung:main')?.status).toBe('crashed');
  });

  it('restart brings a crashed session back idle; a second action within 1 s gets 429', async () => {
    const { url, emitter } = await start();
    const api = controlApi(url);
    await api.createSession('agent:hung:main', { state: 'tool_exec', toolName: 'exec' });
    await api.crash('agent:hung:main');
    await api.act('agent:hung:main', 'restart');
    expect(emitter.get('agent:hung:main')?.status).toBe('live');
    expect(emitter.heartbeat('agent:hung:main')).toMatchObject({ state: 'idle' });
    const again = await post('/api/sessions/agent%3Ahung%3Amain/actions/nudge');
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('1');
  });
});
