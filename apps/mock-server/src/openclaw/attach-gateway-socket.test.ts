import { parseServerFrame } from '@session-heartbeat/core';
import { createHeartbeatClient, type WebSocketConstructor } from '@session-heartbeat/client';
import { createTestEnvironment } from '@session-heartbeat/client/test-utils';
import { createGatewaySource } from '@session-heartbeat/openclaw/page';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEMO_CAST, OPENCLAW_EXTRA_CAST } from '../scenarios';
import { startMockServer, type MockServer } from '../start-mock-server';

const TOKEN = 'mock-gateway-token';
let server: MockServer | undefined;
const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = undefined;
});

async function start(): Promise<MockServer> {
  server = await startMockServer({ scenario: 'openclaw', token: TOKEN, interval: 1000, seed: 3 });
  return server;
}

interface Frame {
  type: string;
  event?: string;
  payload?: unknown;
  seq?: number;
  id?: string;
  ok?: boolean;
  error?: { code: string; message: string };
}

/** A bare gateway client: the frames it heard, and promises on what comes next. */
function open(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    waiters.forEach((check) => check());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  socket.on('error', () => undefined);
  cleanups.push(() => socket.terminate());
  let ids = 0;
  return {
    socket,
    frames,
    closed,
    next(check: (frame: Frame) => boolean): Promise<Frame> {
      return new Promise((resolve) => {
        const waiter = (): void => {
          const found = frames.find(check);
          if (found === undefined) return;
          waiters.delete(waiter);
          resolve(found);
        };
        waiters.add(waiter);
        waiter();
      });
    },
    request(method: string, params: unknown = {}): string {
      const id = `t-${(ids += 1)}`;
      socket.send(JSON.stringify({ type: 'req', id, method, params }));
      return id;
    },
  };
}

function connectParams(token?: string, scopes: readonly string[] = ['operator.read']) {
  return {
    minProtocol: 3,
    maxProtocol: 3,
    client: { id: 'webchat-ui', version: 'test', platform: 'node', mode: 'webchat' },
    role: 'operator',
    scopes,
    ...(token === undefined ? {} : { auth: { token } }),
  };
}

/** Restarting needs write access, as on the real gateway. */
const WRITE_SCOPES = ['operator.read', 'operator.write'];

describe('the openclaw scenario’s gateway socket', () => {
  it('challenges, refuses a wrong token with an answer then 1008', async () => {
    const { gatewayUrl } = await start();
    const client = open(gatewayUrl ?? '');
    await client.next((frame) => frame.event === 'connect.challenge');
    const id = client.request('connect', connectParams('nope'));
    const answer = await client.next((frame) => frame.id === id);
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('unauthorized') as unknown,
      },
    });
    expect((await client.closed).code).toBe(1008);
  });

  it('delivers hello-ok, a snapshot, then live session.heartbeat events beside the gateway’s own', async () => {
    const { gatewayUrl, emitter } = await start();
    expect(gatewayUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const client = open(gatewayUrl ?? '');
    const challenge = await client.next((frame) => frame.event === 'connect.challenge');
    expect(challenge.payload).toMatchObject({
      nonce: expect.any(String) as unknown,
      ts: expect.any(Number) as unknown,
    });
    const connectId = client.request('connect', connectParams(TOKEN));
    const hello = await client.next((frame) => frame.id === connectId);
    expect(hello).toMatchObject({
      ok: true,
      payload: { type: 'hello-ok', protocol: 3, policy: { tickIntervalMs: 30_000 } },
    });
    const snapshotId = client.request('session.heartbeat.snapshot');
    const snapshot = await client.next((frame) => frame.id === snapshotId);
    expect(parseServerFrame(snapshot.payload)).toMatchObject({
      ok: true,
      value: { type: 'snapshot', epoch: emitter.epoch, interval: 1000 },
    });
    const listed = (snapshot.payload as { heartbeats: { sessionKey: string }[] }).heartbeats;
    expect(listed.map((beat) => beat.sessionKey)).toEqual(
      expect.arrayContaining(
        [...DEMO_CAST, ...OPENCLAW_EXTRA_CAST].map((member) => member.sessionKey),
      ),
    );
    const live = await client.next((frame) => frame.event === 'session.heartbeat');
    expect(parseServerFrame(live.payload).ok).toBe(true);
    await client.next((frame) => frame.event === 'agent');
    // Events are numbered by one broadcast counter.
    const seqs = client.frames
      .filter((frame) => frame.type === 'event' && frame.seq !== undefined)
      .map((frame) => frame.seq ?? 0);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const listId = client.request('sessions.list');
    const list = await client.next((frame) => frame.id === listId);
    expect(list.payload).toMatchObject({
      sessions: expect.arrayContaining([
        expect.objectContaining({ key: 'agent:main:main', modelProvider: 'anthropic' }),
      ]) as unknown,
    });
    // The gateway's own admin method, refused as the gateway refuses it to a read-only client.
    const adminId = client.request('set-heartbeats', { enabled: false });
    expect(await client.next((frame) => frame.id === adminId)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'missing scope: operator.admin' },
    });
  });

  it('refuses a foreign Origin at the upgrade, and unknown paths', async () => {
    const { gatewayUrl } = await start();
    const foreign = open(gatewayUrl ?? '', { Origin: 'https://evil.example' });
    const elsewhere = open(`${gatewayUrl ?? ''}nowhere`);
    const statuses = await Promise.all(
      [foreign, elsewhere].map(
        (client) =>
          new Promise<number | undefined>((resolve) =>
            client.socket.on('unexpected-response', (_req, res) => resolve(res.statusCode)),
          ),
      ),
    );
    expect(statuses).toEqual([403, 404]);
  });

  it('shows its sessions through createGatewaySource and createHeartbeatClient, while the contract routes still serve the same emitter', async () => {
    const { gatewayUrl, url, emitter } = await start();
    const client = createHeartbeatClient({
      source: createGatewaySource({
        url: gatewayUrl ?? '',
        token: TOKEN,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
      }),
      environment: createTestEnvironment({ animationFrames: false }),
    });
    cleanups.push(() => client.stop());
    const live = new Promise<void>((resolve) => {
      const stop = client.store.subscribe((state) => {
        if (state.hasSnapshot && state.status.kind === 'live') {
          stop();
          resolve();
        }
      });
    });
    client.start();
    await live;
    const keys = [...client.store.getState().sessions.keys()];
    for (const member of [...DEMO_CAST, ...OPENCLAW_EXTRA_CAST])
      expect(keys).toContain(member.sessionKey);

    const response = await fetch(`${url}/api/sessions/heartbeat`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const body = (await response.json()) as { epoch: string; heartbeats: unknown[] };
    expect(response.status).toBe(200);
    expect(body.epoch).toBe(emitter.epoch);
    expect(body.heartbeats).toHaveLength(emitter.size);
  });

  it('session.heartbeat.restart goes through the same cooldown as HTTP restart', async () => {
    const { gatewayUrl, url } = await start();
    const client = open(gatewayUrl ?? '');
    await client.next((frame) => frame.event === 'connect.challenge');
    const connectId = client.request('connect', connectParams(TOKEN, WRITE_SCOPES));
    await client.next((frame) => frame.id === connectId);
    const sessionKey = 'agent:main:main';
    const answers: Frame[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const id = client.request('session.heartbeat.restart', { sessionKey });
      answers.push(await client.next((frame) => frame.id === id));
    }
    expect(answers.map((answer) => answer.ok)).toEqual([true, false, false, false, false]);
    expect(answers[1]?.error).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      retryAfterMs: expect.any(Number) as unknown,
    });
    // One cooldown per session, whichever way the restart came.
    const overHttp = await fetch(`${url}/api/sessions/${encodeURIComponent(sessionKey)}/restart`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(overHttp.status).toBe(429);
    expect(overHttp.headers.get('retry-after')).toBe('1');
  });

  it('refuses a rebinding Host at the upgrade with 421; without a token, restarts answer only on localhost', async () => {
    server = await startMockServer({
      scenario: 'openclaw',
      interval: 1000,
      seed: 3,
      allowHosts: ['gateway.example'],
    });
    const gatewayUrl = server.gatewayUrl ?? '';
    const rebinding = open(gatewayUrl, { Host: 'rebind.attacker.example' });
    const status = await new Promise<number | undefined>((resolve) =>
      rebinding.socket.on('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(421);
    const restartFrom = async (headers: Record<string, string>): Promise<Frame> => {
      const client = open(gatewayUrl, headers);
      await client.next((frame) => frame.event === 'connect.challenge');
      const connectId = client.request('connect', connectParams(undefined, WRITE_SCOPES));
      await client.next((frame) => frame.id === connectId);
      const id = client.request('session.heartbeat.restart', { sessionKey: 'agent:main:main' });
      return client.next((frame) => frame.id === id);
    };
    expect(await restartFrom({ Host: 'gateway.example' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no token') as unknown },
    });
    expect(await restartFrom({})).toMatchObject({ ok: true });
  });
});
