// The spec's "Browsers on other origins, and who may ask": CORS for allowed
// origins, a Host allow-list against DNS rebinding, and acting routes that
// need a token unless asked on localhost.
import { afterEach, describe, expect, it } from 'vitest';
import { startHeartbeatServer, type RunningHeartbeatServer } from './start-heartbeat-server';
import { rawRequest, upgradeStatus } from './test-utils/connect-test-client';

const DASHBOARD = 'https://dash.example';
const TOKEN = 'cors-token';

let running: RunningHeartbeatServer | undefined;

async function start(
  options: Parameters<typeof startHeartbeatServer>[0] = {},
): Promise<RunningHeartbeatServer> {
  running = await startHeartbeatServer(options);
  return running;
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('CORS for allowed origins', () => {
  it('answers a preflight from an allowed origin with 204, its own origin (never *), and no token needed', async () => {
    const { url } = await start({ token: TOKEN, allowedOrigins: ['self', DASHBOARD] });
    const preflight = await rawRequest(url, '/api/sessions/agent%3Amain%3Amain/restart', {
      method: 'OPTIONS',
      headers: {
        Origin: DASHBOARD,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': DASHBOARD,
      'access-control-allow-methods': 'GET, POST, PUT',
      'access-control-allow-headers': 'Authorization, Content-Type',
      'access-control-max-age': expect.stringMatching(/^\d+$/) as unknown,
      vary: 'Origin',
    });
  });

  it('sets Access-Control-Allow-Origin and Vary: Origin on every /api answer to an allowed origin, errors included', async () => {
    const { url, emitter } = await start({ token: TOKEN, allowedOrigins: [DASHBOARD] });
    emitter.session('agent:main:main');
    const auth = { Origin: DASHBOARD, Authorization: `Bearer ${TOKEN}` };
    const answers = await Promise.all([
      rawRequest(url, '/api/sessions/heartbeat', { headers: auth }),
      rawRequest(url, '/api/sessions/agent%3Amain%3Amain/heartbeat', { headers: auth }),
      rawRequest(url, '/api/sessions/agent%3Amain%3Amain/restart', {
        method: 'POST',
        headers: auth,
      }),
      rawRequest(url, '/api/sessions/heartbeat', { headers: { Origin: DASHBOARD } }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 202, 401]);
    for (const answer of answers) {
      expect(answer.headers['access-control-allow-origin']).toBe(DASHBOARD);
      expect(answer.headers.vary).toBe('Origin');
    }
  });

  it('gives an origin off the list no CORS headers', async () => {
    const { url } = await start({ allowedOrigins: [DASHBOARD] });
    const foreign = await rawRequest(url, '/api/sessions/heartbeat', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never answers `*`: an allow-list of `*` echoes the one origin that asked', async () => {
    const { url } = await start({ allowedOrigins: ['*'] });
    const answer = await rawRequest(url, '/api/sessions/heartbeat', {
      headers: { Origin: 'https://any.example' },
    });
    expect(answer.headers['access-control-allow-origin']).toBe('https://any.example');
  });
});

describe('the Host allow-list', () => {
  it('refuses a rebinding page (Host and Origin both rebind.attacker.example) with 421 before anything else', async () => {
    const { url, port, emitter } = await start({ onApiRequest: () => true });
    emitter.session('agent:main:main');
    const rebinding = {
      Host: `rebind.attacker.example:${port}`,
      Origin: `http://rebind.attacker.example:${port}`,
    };
    const read = await rawRequest(url, '/api/sessions/heartbeat', { headers: rebinding });
    expect(read.status).toBe(421);
    expect(JSON.parse(read.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    expect(read.body).not.toContain('agent:main:main');
    const control = await rawRequest(url, '/api/mock/sessions', {
      method: 'POST',
      headers: rebinding,
      body: '{}',
    });
    expect(control.status).toBe(421);
    expect(await upgradeStatus(url, rebinding.Origin, { Host: rebinding.Host })).toBe(421);
    // Outside /api too: nothing on this server answers that name.
    expect((await rawRequest(url, '/', { headers: rebinding })).status).toBe(421);
  });

  it('answers loopback names on any port, and the names it was told', async () => {
    const { url, port } = await start({ allowedHosts: ['gateway.example'] });
    for (const host of [
      `127.0.0.1:${port}`,
      'localhost',
      'app.localhost:80',
      '[::1]:9',
      'gateway.example:443',
      'GATEWAY.EXAMPLE',
    ]) {
      const answer = await rawRequest(url, '/api/sessions/heartbeat', { headers: { Host: host } });
      expect(answer.status, host).toBe(200);
    }
    expect(await upgradeStatus(url, undefined, { Host: 'gateway.example' })).toBe(101);
    expect(
      (await rawRequest(url, '/api/sessions/heartbeat', { headers: { Host: 'other.example' } }))
        .status,
    ).toBe(421);
  });

  it('refuses an allowedHosts entry that is not a host name, saying what to write', async () => {
    await expect(start({ allowedHosts: ['https://gateway.example/'] })).rejects.toThrow(
      /allowed host "https:\/\/gateway.example\/" is not a host name/,
    );
  });
});

describe('acting routes without a token', () => {
  it('serves restarts and control routes to a loopback Host only; reads stay open to allowed names', async () => {
    const { url, emitter } = await start({
      allowedHosts: ['gateway.example'],
      onApiRequest: (_req, res) => {
        res.writeHead(200).end('controlled');
        return true;
      },
    });
    emitter.session('agent:main:main');
    const named = { Host: 'gateway.example' };
    const restartPath = '/api/sessions/agent%3Amain%3Amain/restart';
    expect((await rawRequest(url, '/api/sessions/heartbeat', { headers: named })).status).toBe(200);
    const restart = await rawRequest(url, restartPath, { method: 'POST', headers: named });
    expect(restart.status).toBe(403);
    expect(JSON.parse(restart.body)).toMatchObject({
      error: { code: 'forbidden', message: expect.stringContaining('no token') as unknown },
    });
    expect((await rawRequest(url, '/api/mock/anything', { headers: named })).status).toBe(403);
    // On localhost, as before.
    expect((await rawRequest(url, restartPath, { method: 'POST' })).status).toBe(202);
    expect((await rawRequest(url, '/api/mock/anything')).body).toBe('controlled');
  });

  it('with a token, a named Host may act when it carries the token', async () => {
    const { url, emitter } = await start({ token: TOKEN, allowedHosts: ['gateway.example'] });
    emitter.session('agent:main:main');
    const answer = await rawRequest(url, '/api/sessions/agent%3Amain%3Amain/restart', {
      method: 'POST',
      headers: { Host: 'gateway.example', Authorization: `Bearer ${TOKEN}` },
    });
    expect(answer.status).toBe(202);
  });
});
