// The v1.1 routes on a real server on 127.0.0.1: a session's history, the
// actions the host supports, and actions (restart kept at its v1 path).
import type { SessionAction } from '@session-heartbeat/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HeartbeatEmitterOptions } from '../types';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import { rawRequest } from './test-utils/connect-test-client';

const TOKEN = 'v11-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const T0 = 1_800_000_000_000;
const MINUTE = 60_000;

let running: RunningHeartbeatServer | undefined;

async function start(
  emitterOptions: HeartbeatEmitterOptions = {},
  token: string | null = TOKEN,
): Promise<RunningHeartbeatServer> {
  running = await startHeartbeatServer({
    ...(token === null ? {} : { token }),
    allowedHosts: ['gateway.example'],
    emitterOptions,
  });
  return running;
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});

const post = (url: string, path: string, headers: Record<string, string> = auth) =>
  rawRequest(url, path, { method: 'POST', headers });

describe('GET /api/sessions/:key/history', () => {
  it('answers the changes since a time, oldest first, with serverTime and epoch, uncached', async () => {
    let clock = T0;
    const { url, emitter } = await start({ now: () => clock });
    const session = emitter.session('agent:ops:main', { model: 'openai/gpt-5' });
    clock += 90 * MINUTE;
    session.transition('awaiting_model', { turnId: 'run-1' });
    clock += 1000;
    session.toolCall('exec', 'fp');
    session.progress(undefined, 'tests 42/120');
    clock += 1000;
    const path = '/api/sessions/agent%3Aops%3Amain/history';
    const all = await rawRequest(url, path, { headers: auth });
    expect(all.status).toBe(200);
    expect(all.headers['cache-control']).toBe('no-store');
    // By default the last 60 minutes: the idle start, 90 minutes ago, is not in it.
    expect(JSON.parse(all.body)).toEqual({
      serverTime: clock,
      epoch: emitter.epoch,
      changes: [
        { state: 'awaiting_model', at: T0 + 90 * MINUTE, model: 'openai/gpt-5', turnId: 'run-1' },
        {
          state: 'tool_exec',
          at: T0 + 90 * MINUTE + 1000,
          toolName: 'exec',
          model: 'openai/gpt-5',
          turnId: 'run-1',
          activity: 'tests 42/120',
        },
      ],
    });
    const since = await rawRequest(url, `${path}?since=${T0 + 90 * MINUTE + 1}`, {
      headers: auth,
    });
    expect(JSON.parse(since.body).changes).toEqual([
      expect.objectContaining({ state: 'tool_exec' }),
    ]);
  });

  it('answers 400 to a since that is not whole ms, 404 to an unknown key, 405 to a POST', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:ops:main');
    const path = '/api/sessions/agent%3Aops%3Amain/history';
    for (const since of ['abc', '-5', '1.5', '', '1e12']) {
      const answer = await rawRequest(url, `${path}?since=${since}`, { headers: auth });
      expect(answer.status, since).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({
        error: {
          code: 'bad_request',
          message: expect.stringContaining('since must be') as unknown,
        },
      });
    }
    const missing = await rawRequest(url, '/api/sessions/agent%3Anobody/history', {
      headers: auth,
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({
      error: { code: 'not_found', message: 'no session "agent:nobody"' },
    });
    const posted = await post(url, path);
    expect(posted.status).toBe(405);
    expect(posted.headers.allow).toBe('GET, HEAD');
  });

  it('needs the token like every read', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:ops:main');
    const answer = await rawRequest(url, '/api/sessions/agent%3Aops%3Amain/history');
    expect(answer.status).toBe(401);
  });
});

describe('GET /api/sessions/actions', () => {
  it('lists only restart when the host gave no hook', async () => {
    const { url } = await start();
    const answer = await rawRequest(url, '/api/sessions/actions', { headers: auth });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ actions: ['restart'] });
  });

  it('lists what the host supports, in ladder order', async () => {
    const { url } = await start({ actions: ['abort', 'nudge'], onAction: () => undefined });
    const answer = await rawRequest(url, '/api/sessions/actions', { headers: auth });
    expect(JSON.parse(answer.body)).toEqual({ actions: ['nudge', 'abort'] });
    expect((await post(url, '/api/sessions/actions')).status).toBe(405);
  });
});

describe('POST /api/sessions/:key/actions/:action', () => {
  it('answers 202 and asks the host, for every action it supports', async () => {
    const onAction = vi.fn();
    const { url, emitter } = await start({
      actions: ['nudge', 'abort', 'restart'],
      onAction,
      actionCooldownMs: 0,
    });
    emitter.session('agent:ops:main', { state: 'streaming', turnId: 'run-3' });
    for (const action of ['nudge', 'abort', 'restart'] as SessionAction[]) {
      const answer = await post(url, `/api/sessions/agent%3Aops%3Amain/actions/${action}`);
      expect(answer.status, action).toBe(202);
      expect(JSON.parse(answer.body)).toEqual({ serverTime: expect.any(Number) as unknown });
    }
    expect(onAction.mock.calls.map(([key, action]) => `${key} ${action}`)).toEqual([
      'agent:ops:main nudge',
      'agent:ops:main abort',
      'agent:ops:main restart',
    ]);
  });

  it('answers 404 to an unknown key or action, 501 not_supported to an action the host lacks', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:ops:main');
    const unknownKey = await post(url, '/api/sessions/agent%3Anobody/actions/restart');
    expect(unknownKey.status).toBe(404);
    const unknownAction = await post(url, '/api/sessions/agent%3Aops%3Amain/actions/steer');
    expect(unknownAction.status).toBe(404);
    expect(JSON.parse(unknownAction.body)).toEqual({
      error: { code: 'not_found', message: 'no action "steer"' },
    });
    const unsupported = await post(url, '/api/sessions/agent%3Aops%3Amain/actions/abort');
    expect(unsupported.status).toBe(501);
    expect(JSON.parse(unsupported.body)).toEqual({
      error: {
        code: 'not_supported',
        message: 'this server does not support abort; it supports restart',
      },
    });
    expect(
      (await rawRequest(url, '/api/sessions/agent%3Aops%3Amain/actions/restart', { headers: auth }))
        .status,
    ).toBe(405);
  });

  it('answers 429 with Retry-After to any action too soon after the last, the v1 restart path included', async () => {
    const { url, emitter } = await start({
      actions: ['nudge', 'restart'],
      onAction: () => undefined,
      actionCooldownMs: 2500,
    });
    emitter.session('agent:ops:main');
    expect((await post(url, '/api/sessions/agent%3Aops%3Amain/actions/nudge')).status).toBe(202);
    for (const path of ['actions/restart', 'restart']) {
      const again = await post(url, `/api/sessions/agent%3Aops%3Amain/${path}`);
      expect(again.status, path).toBe(429);
      expect(again.headers['retry-after']).toBe('3');
      expect(JSON.parse(again.body)).toMatchObject({ error: { code: 'action_too_soon' } });
    }
  });

  it('restart at its v1 path recovers a crashed session as before', async () => {
    const { url, emitter } = await start();
    const session = emitter.session('agent:ops:main', { state: 'streaming' });
    session.crash();
    expect((await post(url, '/api/sessions/agent%3Aops%3Amain/restart')).status).toBe(202);
    expect(session.heartbeat).toMatchObject({ state: 'idle', seq: 2 });
  });

  it('without a token, acts only for a loopback Host; history and the action list stay readable', async () => {
    const onAction = vi.fn();
    const { url, emitter } = await start({ actions: ['abort'], onAction }, null);
    emitter.session('agent:ops:main', { state: 'streaming' });
    const named = { Host: 'gateway.example' };
    const abortPath = '/api/sessions/agent%3Aops%3Amain/actions/abort';
    const refused = await post(url, abortPath, named);
    expect(refused.status).toBe(403);
    expect(onAction).not.toHaveBeenCalled();
    expect((await rawRequest(url, '/api/sessions/actions', { headers: named })).status).toBe(200);
    const history = await rawRequest(url, '/api/sessions/agent%3Aops%3Amain/history', {
      headers: named,
    });
    expect(history.status).toBe(200);
    expect((await post(url, abortPath, {})).status).toBe(202);
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it('answers a preflight for an action from an allowed origin', async () => {
    const { url } = await start();
    const preflight = await rawRequest(url, '/api/sessions/agent%3Aops%3Amain/actions/abort', {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, PUT');
  });
});
