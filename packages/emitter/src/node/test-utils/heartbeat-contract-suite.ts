import { afterEach, describe, expect, it } from 'vitest';
import type { HeartbeatEmitter } from '../../types';
import type { HeartbeatServerOptions } from '../resolve-server-options';
import {
  connectTestClient,
  rawRequest,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestFrame,
} from './connect-test-client';

/** A heartbeat server under test, and the gateway emitter whose sessions it serves. */
export interface ContractServer {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** The sessions' emitter (the gateway's, behind an aggregator). */
  emitter: HeartbeatEmitter;
  /** The key a client sees for one of the emitter's keys (`gw-1/agent:main:main` behind an aggregator). */
  keyOf(sessionKey: string): string;
  /** Resolves once everything the emitter emitted so far is what the server serves. */
  settled(): Promise<void>;
  /** Keys the emitter was asked to restart, in order. */
  restarts: readonly string[];
  close(): Promise<void>;
}

export interface ContractServerOptions {
  token?: string;
  /** The emitter's periodic interval (ms). */
  interval: number;
  /** Adapter options the contract's limits are tested with. */
  server?: Pick<HeartbeatServerOptions, 'helloTimeoutMs' | 'allowedOrigins' | 'allowedHosts'>;
}

const TOKEN = 'contract-token';
const INTERVAL = 250;

/**
 * The contract (docs/protocol.md) as a user of the server sees it, for any
 * server that claims to speak it: the emitter's Node adapter and the fleet
 * aggregator both run these. Each test starts its own server.
 */
export function describeHeartbeatContract(
  name: string,
  start: (options: ContractServerOptions) => Promise<ContractServer>,
): void {
  describe(`the heartbeat contract: ${name}`, () => {
    const open: { close(): Promise<void> }[] = [];

    async function server(options: Partial<ContractServerOptions> = {}): Promise<ContractServer> {
      const running = await start({ interval: INTERVAL, ...options });
      open.push(running);
      return running;
    }

    async function client(url: string, options?: Parameters<typeof connectTestClient>[1]) {
      const connected = await connectTestClient(url, options);
      open.push(connected);
      return connected;
    }

    const beatsOf = (frames: TestClient['frames'], key: string) =>
      frames.flatMap(({ frame }) =>
        frame.type === 'heartbeats'
          ? (frame.heartbeats ?? []).filter((beat) => beat.sessionKey === key)
          : [],
      );

    const isBeatOf =
      (key: string, state?: string) =>
      (frame: TestFrame): boolean =>
        frame.type === 'heartbeats' &&
        (frame.heartbeats ?? []).some(
          (beat) => beat.sessionKey === key && (state === undefined || beat.state === state),
        );

    afterEach(async () => {
      for (const running of open.splice(0).reverse()) await running.close();
    });

    it('answers a hello with a snapshot of every session, crashed ones included', async () => {
      const running = await server({ token: TOKEN });
      running.emitter.session('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
      running.emitter.session('agent:ops:main', { state: 'streaming' }).crash();
      await running.settled();
      const socket = await client(running.url, { token: TOKEN });
      const snapshot = await socket.next();
      expect(snapshot).toMatchObject({
        type: 'snapshot',
        serverTime: expect.any(Number),
        epoch: expect.any(String),
        interval: INTERVAL,
      });
      expect(
        (snapshot.heartbeats ?? []).map((beat) => [beat.sessionKey, beat.state]).sort(),
      ).toEqual([
        [running.keyOf('agent:main:main'), 'idle'],
        [running.keyOf('agent:ops:main'), 'streaming'],
      ]);
    });

    it('delivers a transition in well under 100 ms, then beats periodically with seq rising', async () => {
      const running = await server();
      const session = running.emitter.session('agent:main:main');
      await running.settled();
      const socket = await client(running.url);
      await socket.next((frame) => frame.type === 'snapshot');
      const key = running.keyOf('agent:main:main');
      const sentAt = performance.now();
      session.transition('awaiting_model', { turnId: 'run-1' });
      await socket.next(isBeatOf(key, 'awaiting_model'));
      expect(performance.now() - sentAt).toBeLessThan(100);
      for (let beat = 0; beat < 3; beat += 1) await socket.next(isBeatOf(key), INTERVAL * 4);
      const beats = beatsOf(socket.frames, key);
      for (let index = 1; index < beats.length; index += 1) {
        expect(beats[index]?.seq).toBeGreaterThan(beats[index - 1]?.seq ?? Infinity);
        // A little room for a busy machine; a missed beat would be ≥ 2 × interval.
        expect((beats[index]?.emittedAt ?? 0) - (beats[index - 1]?.emittedAt ?? 0)).toBeLessThan(
          INTERVAL + 60,
        );
      }
    });

    it('sends removed once, nothing of that session after it, and leaves it out of the next snapshot', async () => {
      const running = await server();
      const gone = running.emitter.session('agent:gone:main');
      running.emitter.session('agent:other:main');
      await running.settled();
      const socket = await client(running.url);
      await socket.next((frame) => frame.type === 'snapshot');
      gone.remove();
      const key = running.keyOf('agent:gone:main');
      expect(await socket.next((frame) => frame.type === 'removed')).toEqual({
        type: 'removed',
        serverTime: expect.any(Number),
        sessionKey: key,
      });
      const other = running.keyOf('agent:other:main');
      await socket.next(isBeatOf(other), INTERVAL * 4);
      await socket.next(isBeatOf(other), INTERVAL * 4);
      expect(beatsOf(socket.frames, key)).toEqual([]);
      const later = await client(running.url);
      const snapshot = await later.next((frame) => frame.type === 'snapshot');
      expect((snapshot.heartbeats ?? []).map((beat) => beat.sessionKey)).toEqual([other]);
    });

    it('sends a ping when it has sent nothing else for an interval', async () => {
      const running = await server();
      await running.settled();
      const socket = await client(running.url);
      await socket.next((frame) => frame.type === 'snapshot');
      const ping = await socket.next((frame) => frame.type === 'ping', INTERVAL * 4);
      expect(ping).toEqual({ type: 'ping', serverTime: expect.any(Number) });
    });

    it('closes with 4401 on a wrong token, a missing token and no hello in time', async () => {
      const running = await server({ token: TOKEN, server: { helloTimeoutMs: 300 } });
      const wrong = await client(running.url, { token: 'nope' });
      const missing = await client(running.url);
      const silent = await client(running.url, { token: false });
      for (const socket of [wrong, missing, silent]) {
        expect((await socket.closed).code).toBe(4401);
      }
    });

    it('closes a client that sends what is not JSON (1007), of an unknown type (1008), or over 64 KiB (1009)', async () => {
      const running = await server();
      const cases: [string, number][] = [
        ['not json', 1007],
        [JSON.stringify({ type: 'subscribe' }), 1008],
        [JSON.stringify({ type: 'hello', protocol: 1, pad: 'x'.repeat(70_000) }), 1009],
      ];
      for (const [text, code] of cases) {
        const socket = await client(running.url, { token: false });
        socket.ws.send(text);
        expect((await socket.closed).code).toBe(code);
      }
      // Others carry on.
      const fine = await client(running.url);
      expect((await fine.next()).type).toBe('snapshot');
    });

    it('refuses a foreign Origin at the upgrade (403) and over HTTP, and a foreign Host with 421', async () => {
      const running = await server();
      expect(await upgradeStatus(running.url, 'https://evil.example')).toBe(403);
      expect(await upgradeStatus(running.url, 'http://localhost:5173')).toBe(101);
      expect(await upgradeStatus(running.url, undefined, { Host: 'rebind.example' })).toBe(421);
      const foreign = await rawRequest(running.url, '/api/sessions/heartbeat', {
        headers: { Origin: 'https://evil.example' },
      });
      expect(foreign.status).toBe(403);
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const rebound = await rawRequest(running.url, '/api/sessions/heartbeat', {
        headers: { Host: 'rebind.example' },
      });
      expect(rebound.status).toBe(421);
    });

    it('answers a preflight from an allowed origin with 204 and its own origin, never *', async () => {
      const origin = 'https://dash.example';
      const running = await server({ token: TOKEN, server: { allowedOrigins: [origin] } });
      const preflight = await rawRequest(running.url, '/api/sessions/heartbeat', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    });

    it('serves the batch and one session over HTTP, uncached, with the token; 401 without it', async () => {
      const running = await server({ token: TOKEN });
      running.emitter.session('agent:main:main', { state: 'tool_exec', toolName: 'exec' });
      await running.settled();
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const batch = await fetch(`${running.url}/api/sessions/heartbeat`, { headers: auth });
      expect(batch.status).toBe(200);
      expect(batch.headers.get('cache-control')).toBe('no-store');
      const body = (await batch.json()) as {
        epoch: string;
        interval: number;
        heartbeats: TestFrame['heartbeats'];
      };
      expect(body).toMatchObject({
        serverTime: expect.any(Number),
        epoch: expect.any(String),
        interval: INTERVAL,
      });
      expect(body.heartbeats?.map((beat) => beat.sessionKey)).toEqual([
        running.keyOf('agent:main:main'),
      ]);
      const key = encodeURIComponent(running.keyOf('agent:main:main'));
      const one = await fetch(`${running.url}/api/sessions/${key}/heartbeat`, { headers: auth });
      expect(((await one.json()) as { heartbeat: { toolName: string } }).heartbeat.toolName).toBe(
        'exec',
      );
      const unknown = await fetch(`${running.url}/api/sessions/nobody/heartbeat`, {
        headers: auth,
      });
      expect(unknown.status).toBe(404);
      expect((await fetch(`${running.url}/api/sessions/heartbeat`)).status).toBe(401);
      const wrongMethod = await fetch(`${running.url}/api/sessions/heartbeat`, {
        method: 'POST',
        headers: auth,
      });
      expect(wrongMethod.status).toBe(405);
    });

    it('passes a restart to the session’s host (202), and answers 404 for an unknown session', async () => {
      const running = await server({ token: TOKEN });
      running.emitter.session('agent:main:main');
      await running.settled();
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const key = encodeURIComponent(running.keyOf('agent:main:main'));
      const asked = await fetch(`${running.url}/api/sessions/${key}/restart`, {
        method: 'POST',
        headers: auth,
      });
      expect(asked.status).toBe(202);
      await waitFor(() => running.restarts.length === 1);
      expect(running.restarts).toEqual(['agent:main:main']);
      const unknown = await fetch(`${running.url}/api/sessions/nobody/restart`, {
        method: 'POST',
        headers: auth,
      });
      expect(unknown.status).toBe(404);
    });
  });
}
