import { parseThresholdsBody, Routes } from '@session-heartbeat/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '../test-utils';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import type { StartHeartbeatServerOptions } from './start-heartbeat-server';
import { rawRequest } from './test-utils';

const TOKEN = 's3cret-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'Content-Type': 'application/json' };

describe('GET and PUT /api/sessions/thresholds, GET /metrics', () => {
  let clock: ManualClock;
  let running: RunningHeartbeatServer;

  async function start(options: StartHeartbeatServerOptions = {}): Promise<void> {
    clock = createManualClock();
    // Sessions and their health on a clock the test moves; the sockets are real.
    running = await startHeartbeatServer({
      token: TOKEN,
      emitterOptions: { now: clock.now, timers: clock.timers },
      ...options,
      health: { timers: clock.timers, ...options.health },
    });
  }

  afterEach(async () => {
    await running.close();
  });

  const put = (body: string, headers: Record<string, string> = json) =>
    rawRequest(running.url, Routes.thresholds, { method: 'PUT', headers, body });
  const scrape = async (headers: Record<string, string> = auth): Promise<string> => {
    const answer = await rawRequest(running.url, '/metrics', { headers });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it('serves the thresholds in force, global limits written out, in a body core reads back', async () => {
    await start({ health: { thresholds: { byTool: { exec: { stallAfterMs: 120_000 } } } } });
    const answer = await rawRequest(running.url, Routes.thresholds, { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = parseThresholdsBody(JSON.parse(answer.body));
    expect(body).toEqual({
      ok: true,
      problems: [],
      value: {
        serverTime: clock.now(),
        canChange: true,
        thresholds: {
          stallAfterMs: 30_000,
          unresponsiveAfterMs: 15_000,
          loopAfterRepeats: 5,
          turnMaxMs: 900_000,
          byTool: { exec: { stallAfterMs: 120_000 } },
        },
      },
    });
  });

  it('PUT replaces them and the server classifies with them at once', async () => {
    await start();
    running.emitter.session('agent:build:main').transition('tool_exec', { toolName: 'exec' });
    clock.advance(40_000);
    expect(running.heartbeat.health.verdict('agent:build:main')?.health).toBe('stalled');

    const answer = await put(JSON.stringify({ byTool: { exec: { stallAfterMs: 60_000 } } }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({
      canChange: true,
      thresholds: { stallAfterMs: 30_000, byTool: { exec: { stallAfterMs: 60_000 } } },
    });
    expect(running.heartbeat.health.verdict('agent:build:main')?.health).toBe('active');
    const read = await rawRequest(running.url, Routes.thresholds, { headers: auth });
    expect(JSON.parse(read.body)).toMatchObject({
      thresholds: { byTool: { exec: { stallAfterMs: 60_000 } } },
    });
  });

  it('refuses a bad PUT with a 400 naming the field, and keeps the thresholds it had', async () => {
    await start({ health: { thresholds: { stallAfterMs: 45_000 } } });
    const cases: [string, string][] = [
      [
        JSON.stringify({ byTool: { exec: { stallAfterMs: -5 } } }),
        'byTool["exec"].stallAfterMs must be a whole number of ms from 1 to 2147483647, got -5',
      ],
      [JSON.stringify({ stalAfterMs: 60_000 }), 'stalAfterMs is not a threshold'],
      [
        JSON.stringify({ byState: { streaming: { unresponsiveAfterMs: 2_000 } } }),
        'byState["streaming"].unresponsiveAfterMs must be more than the heartbeat interval (5000 ms), got 2000',
      ],
      [JSON.stringify([1, 2]), 'thresholds must be a JSON object, got an array'],
      ['', 'the body must be a ThresholdConfig (JSON)'],
      ['{"stallAfterMs": ', 'request body is not valid JSON'],
    ];
    for (const [body, message] of cases) {
      const answer = await put(body);
      expect(answer.status, body).toBe(400);
      const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
      expect(error.code).toBe('bad_request');
      expect(error.message).toContain(message);
    }
    expect(running.heartbeat.health.thresholds.stallAfterMs).toBe(45_000);
  });

  it('needs the token to change them, as the control routes do', async () => {
    await start();
    const refusals: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }];
    for (const headers of refusals) {
      const answer = await put('{"stallAfterMs": 60000}', headers);
      expect(answer.status).toBe(401);
    }
    expect((await rawRequest(running.url, Routes.thresholds)).status).toBe(401);
    expect(running.heartbeat.health.thresholds.stallAfterMs).toBe(30_000);
    const wrongMethod = await rawRequest(running.url, Routes.thresholds, {
      method: 'POST',
      headers: auth,
    });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, PUT');
  });

  it('without a server token, only a loopback Host may change them (and is told it can)', async () => {
    await start({ token: undefined, allowedHosts: ['gateway.example'] });
    const named = { Host: 'gateway.example', 'Content-Type': 'application/json' };
    const read = await rawRequest(running.url, Routes.thresholds, { headers: named });
    expect(JSON.parse(read.body)).toMatchObject({ canChange: false });
    const refused = await put('{"stallAfterMs": 60000}', named);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect(running.heartbeat.health.thresholds.stallAfterMs).toBe(30_000);

    const local = await put('{"stallAfterMs": 60000}', { 'Content-Type': 'application/json' });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toMatchObject({ canChange: true });
    expect(running.heartbeat.health.thresholds.stallAfterMs).toBe(60_000);
  });

  it('GET /metrics writes the families in the Prometheus text format, counts by health', async () => {
    await start({ health: { tools: ['exec'] } });
    running.emitter.session('agent:main:main');
    const build = running.emitter.session('agent:build:main');
    build.transition('tool_exec', { toolName: 'exec' });
    running.emitter.session('agent:ops:main').crash();
    clock.advance(31_000);
    build.transition('awaiting_model');

    const answer = await rawRequest(running.url, '/metrics', { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    const lines = answer.body.split('\n');
    for (const family of [
      'session_heartbeat_sessions gauge',
      'session_heartbeat_source_up gauge',
      'session_heartbeat_stalls_total counter',
      'session_heartbeat_unresponsive_total counter',
      'session_heartbeat_emitted_total counter',
      'session_heartbeat_state_duration_seconds histogram',
    ]) {
      expect(lines).toContain(`# TYPE ${family}`);
    }
    expect(lines).toContain('session_heartbeat_sessions{health="idle",state="idle"} 1');
    expect(lines).toContain('session_heartbeat_sessions{health="unresponsive",state="idle"} 1');
    expect(lines).toContain(
      'session_heartbeat_sessions{health="waiting",state="awaiting_model"} 1',
    );
    expect(lines).toContain('session_heartbeat_stalls_total{reason="no_progress"} 1');
    expect(lines).toContain('session_heartbeat_unresponsive_total 1');
    expect(lines).toContain('session_heartbeat_source_up{source="local"} 1');
    expect(lines).toContain(
      'session_heartbeat_state_duration_seconds_bucket{state="tool_exec",tool="exec",le="60"} 1',
    );
    expect(lines).toContain(
      'session_heartbeat_state_duration_seconds_sum{state="tool_exec",tool="exec"} 31',
    );
    // Bounded: no session key ever becomes a label.
    expect(answer.body).not.toContain('agent:');
  });

  it('serves /metrics behind the same token and Host rules as /api, and only to GET', async () => {
    await start();
    expect((await rawRequest(running.url, '/metrics')).status).toBe(401);
    const rebound = await rawRequest(running.url, '/metrics', {
      headers: { ...auth, Host: 'rebind.attacker.example' },
    });
    expect(rebound.status).toBe(421);
    const posted = await rawRequest(running.url, '/metrics', { method: 'POST', headers: auth });
    expect(posted.status).toBe(405);
    expect(await scrape()).toContain('session_heartbeat_emitted_total 0');
  });

  it('serves the metrics where metricsPath says, or nowhere', async () => {
    await start({ metricsPath: '/internal/metrics' });
    expect(await rawRequest(running.url, '/internal/metrics', { headers: auth })).toMatchObject({
      status: 200,
    });
    // Left to the host: startHeartbeatServer's JSON 404.
    expect((await rawRequest(running.url, '/metrics', { headers: auth })).status).toBe(404);
    await running.close();
    await start({ metricsPath: false });
    expect((await rawRequest(running.url, '/metrics', { headers: auth })).status).toBe(404);
  });
});
