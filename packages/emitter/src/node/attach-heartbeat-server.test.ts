import { createServer } from 'node:http';
import { connect as connectTcp, type AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import { attachHeartbeatServer } from './attach-heartbeat-server';
import {
  startHeartbeatServer,
  type RunningHeartbeatServer,
  type StartHeartbeatServerOptions,
} from './start-heartbeat-server';
import {
  connectTestClient,
  socketUrl,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestFrame,
} from './test-utils/connect-test-client';
import { openSilentClient } from './test-utils/open-silent-client';

const INTERVAL = 200;
const TOKEN = 'hello-token';

let running: RunningHeartbeatServer | undefined;
const clients: TestClient[] = [];

async function start(options: StartHeartbeatServerOptions = {}): Promise<RunningHeartbeatServer> {
  running = await startHeartbeatServer({ emitterOptions: { interval: INTERVAL }, ...options });
  return running;
}

async function connect(
  url: string,
  options?: Parameters<typeof connectTestClient>[1],
): Promise<TestClient> {
  const client = await connectTestClient(url, options);
  clients.push(client);
  return client;
}

const isHeartbeatOf =
  (key: string, state?: string) =>
  (frame: TestFrame): boolean =>
    frame.type === 'heartbeats' &&
    (frame.heartbeats ?? []).some(
      (beat) => beat.sessionKey === key && (!state || beat.state === state),
    );

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await running?.close();
  running = undefined;
});

describe('the WebSocket endpoint', () => {
  it('answers a hello with a snapshot: serverTime, epoch, interval and every session, crashed ones included', async () => {
    const { url, emitter } = await start({ token: TOKEN });
    emitter.session('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
    emitter.session('agent:ops:telegram:direct:4711', { state: 'streaming' }).crash();
    const client = await connect(url, { token: TOKEN });
    const snapshot = await client.next();
    expect(snapshot).toEqual({
      type: 'snapshot',
      serverTime: expect.any(Number),
      epoch: emitter.epoch,
      interval: INTERVAL,
      heartbeats: [
        expect.objectContaining({
          sessionKey: 'agent:main:main',
          model: 'anthropic/claude-sonnet-4-5',
        }),
        expect.objectContaining({
          sessionKey: 'agent:ops:telegram:direct:4711',
          state: 'streaming',
        }),
      ],
    });
  });

  it('delivers a transition in well under 100 ms', async () => {
    const { url, emitter } = await start();
    const session = emitter.session('agent:main:main');
    const client = await connect(url);
    await client.next((frame) => frame.type === 'snapshot');
    const sentAt = performance.now();
    session.transition('awaiting_model', { turnId: 'run-1' });
    await client.next(isHeartbeatOf('agent:main:main', 'awaiting_model'));
    expect(performance.now() - sentAt).toBeLessThan(100);
  });

  it('re-sends idle sessions periodically, at most an interval apart, with seq strictly increasing', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:idle:main');
    const busy = emitter.session('agent:busy:main');
    const client = await connect(url);
    await client.next((frame) => frame.type === 'snapshot');
    const states = ['awaiting_model', 'streaming', 'complete', 'idle'] as const;
    for (let round = 0; round < 6; round += 1) {
      busy.transition(states[round % 4] ?? 'idle');
      await client.next(isHeartbeatOf('agent:idle:main'), INTERVAL * 3);
    }
    const beats = client.frames.flatMap(({ frame }) =>
      frame.type === 'heartbeats' ? (frame.heartbeats ?? []) : [],
    );
    for (const key of ['agent:idle:main', 'agent:busy:main']) {
      const own = beats.filter((beat) => beat.sessionKey === key);
      expect(own.length).toBeGreaterThan(3);
      for (let index = 1; index < own.length; index += 1) {
        const previous = own[index - 1];
        const current = own[index];
        if (!previous || !current) continue;
        expect(current.seq).toBeGreaterThan(previous.seq);
        // Room for a late timer on two busy cores (38 ms seen); a missing beat would be ≥ 2 × interval.
        expect(current.emittedAt - previous.emittedAt).toBeLessThan(INTERVAL * 1.5);
      }
    }
    expect(
      beats
        .filter((beat) => beat.sessionKey === 'agent:idle:main')
        .every((beat) => beat.reason === 'periodic'),
    ).toBe(true);
  });

  it('sends removed once, and nothing for that session after it', async () => {
    const { url, emitter } = await start();
    const session = emitter.session('agent:gone:main');
    const client = await connect(url);
    await client.next((frame) => frame.type === 'snapshot');
    session.remove();
    const removed = await client.next((frame) => frame.type === 'removed');
    expect(removed).toEqual({
      type: 'removed',
      serverTime: expect.any(Number),
      sessionKey: 'agent:gone:main',
    });
    emitter.session('agent:other:main');
    await client.next(isHeartbeatOf('agent:other:main'));
    // Two periodic beats of the other session later (two intervals), nothing came for the removed one.
    await client.next(isHeartbeatOf('agent:other:main'));
    await client.next(isHeartbeatOf('agent:other:main'));
    const after = client.frames.slice(
      client.frames.findIndex(({ frame }) => frame.type === 'removed') + 1,
    );
    expect(
      after.some(
        ({ frame }) => frame.type === 'removed' || isHeartbeatOf('agent:gone:main')(frame),
      ),
    ).toBe(false);
  });

  it('leaves a removed session out of the next snapshot', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:stays:main');
    emitter.session('agent:gone:main').remove();
    const client = await connect(url);
    const snapshot = await client.next((frame) => frame.type === 'snapshot');
    expect(snapshot.heartbeats?.map((beat) => beat.sessionKey)).toEqual(['agent:stays:main']);
  });

  it('terminates a client that stops answering WebSocket pings, and keeps one that answers', async () => {
    const { url, heartbeat } = await start({ pingIntervalMs: 60 });
    const deaf = new WebSocket(socketUrl(url), { autoPong: false });
    const deafClosed = new Promise<number>((resolve) => deaf.on('close', (code) => resolve(code)));
    deaf.on('open', () => deaf.send(JSON.stringify({ type: 'hello', protocol: 1 })));
    const answering = await connect(url);
    await answering.next((frame) => frame.type === 'snapshot');
    // 1006: the server dropped the connection without a close frame.
    expect(await deafClosed).toBe(1006);
    await waitFor(() => heartbeat.clientCount === 1);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('sends an application ping when it has sent nothing else for an interval', async () => {
    const { url } = await start();
    const client = await connect(url);
    const snapshot = await client.next((frame) => frame.type === 'snapshot');
    const ping = await client.next(() => true, INTERVAL * 3);
    expect(ping).toEqual({ type: 'ping', serverTime: expect.any(Number) });
    expect(ping.serverTime).toBeGreaterThanOrEqual((snapshot.serverTime ?? 0) + INTERVAL - 5);
  });

  it('closes with 4401 on a wrong token, a missing token and no hello in time', async () => {
    const { url } = await start({ token: TOKEN, helloTimeoutMs: 150 });
    const wrong = await connect(url, { token: 'nope' });
    const missing = await connect(url);
    const silent = await connect(url, { token: false });
    const startedAt = performance.now();
    expect((await wrong.closed).code).toBe(4401);
    expect((await missing.closed).code).toBe(4401);
    expect((await silent.closed).code).toBe(4401);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(wrong.frames).toEqual([]);
  });

  it('refuses a foreign Origin at the upgrade with 403, and lets loopback and origin-less clients in', async () => {
    const { url, port } = await start();
    expect(await upgradeStatus(url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(url, `http://localhost:${port + 1}`)).toBe(101);
    expect(await upgradeStatus(url, `http://127.0.0.1:${port}`)).toBe(101);
    expect(await upgradeStatus(url)).toBe(101);
  });

  it.each([
    ['a frame that is not JSON', 'hello there', 1007],
    ['a JSON array', '[1, 2]', 1007],
    ['a JSON number', '42', 1007],
    ['an unknown type', JSON.stringify({ type: 'subscribe' }), 1008],
    ['a second hello', JSON.stringify({ type: 'hello', protocol: 1 }), 1008],
    ['a 65 KiB frame', JSON.stringify({ type: 'hello', pad: 'x'.repeat(65 * 1024) }), 1009],
  ])('closes only the sender of %s, with %i', async (_label, payload, code) => {
    const { url, emitter } = await start();
    const session = emitter.session('agent:main:main');
    const bystander = await connect(url);
    const sender = await connect(url);
    await sender.next((frame) => frame.type === 'snapshot');
    await bystander.next((frame) => frame.type === 'snapshot');
    sender.ws.send(payload);
    expect((await sender.closed).code).toBe(code);
    session.transition('streaming');
    await bystander.next(isHeartbeatOf('agent:main:main', 'streaming'));
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    await waitFor(() => running?.heartbeat.clientCount === 1);
  });

  it('closes a client that sends a binary frame with 1007', async () => {
    const { url } = await start();
    const client = await connect(url, { token: false });
    client.ws.send(Buffer.from('{"type":"hello","protocol":1}'), { binary: true });
    expect((await client.closed).code).toBe(1007);
  });

  it('brings a crashed session back through POST restart, emitting again', async () => {
    const { url, emitter } = await start();
    emitter.session('agent:main:main', { state: 'streaming' }).crash();
    const client = await connect(url);
    await client.next((frame) => frame.type === 'snapshot');
    const response = await fetch(`${url}/api/sessions/agent%3Amain%3Amain/restart`, {
      method: 'POST',
    });
    expect(response.status).toBe(202);
    await client.next(isHeartbeatOf('agent:main:main', 'idle'));
    const periodic = await client.next(isHeartbeatOf('agent:main:main'), INTERVAL * 3);
    expect(periodic.heartbeats?.[0]).toMatchObject({ reason: 'periodic', state: 'idle' });
  });

  it('closes every client with 1001 on close() and leaves nothing running', async () => {
    const server = await start();
    const first = await connect(server.url);
    const second = await connect(server.url, { token: false });
    await first.next((frame) => frame.type === 'snapshot');
    await server.close();
    expect((await first.closed).code).toBe(1001);
    expect((await second.closed).code).toBe(1001);
    expect(server.heartbeat.clientCount).toBe(0);
  });
});

describe('attachHeartbeatServer upgrades', () => {
  it('leaves other upgrade paths to the host', async () => {
    const emitter = createHeartbeatEmitter({ interval: INTERVAL });
    const server = createServer();
    const heartbeat = attachHeartbeatServer(server, emitter);
    const hostSockets = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (req.url !== '/host/ws') return;
      hostSockets.handleUpgrade(req, socket, head, (ws) => ws.send('from the host'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const hostClient = new WebSocket(`ws://127.0.0.1:${port}/host/ws`);
      const message = await new Promise<string>((resolve) =>
        hostClient.once('message', (data) => resolve(String(data))),
      );
      expect(message).toBe('from the host');
      hostClient.terminate();
      const ours = await connect(`http://127.0.0.1:${port}`);
      expect((await ours.next()).type).toBe('snapshot');
    } finally {
      await heartbeat.close();
      for (const ws of hostSockets.clients) ws.terminate();
      hostSockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      emitter.dispose();
    }
  });
});

describe('startHeartbeatServer extend', () => {
  it('hands its upgrade paths to an extension, refuses the rest, and closes it with the server', async () => {
    const extraSockets = new WebSocketServer({ noServer: true });
    let extensionClosed = false;
    const server = await start({
      extend(httpServer) {
        httpServer.on('upgrade', (req, socket, head) => {
          if (req.url !== '/gateway') return;
          extraSockets.handleUpgrade(req, socket, head, (ws) => ws.send('gateway says hi'));
        });
        return {
          upgradePaths: ['/gateway'],
          close: async () => {
            for (const ws of extraSockets.clients) ws.terminate();
            extraSockets.close();
            extensionClosed = true;
          },
        };
      },
    });
    const port = server.port;
    const gatewayClient = new WebSocket(`ws://127.0.0.1:${port}/gateway`);
    const message = await new Promise<string>((resolve) =>
      gatewayClient.once('message', (data) => resolve(String(data))),
    );
    expect(message).toBe('gateway says hi');
    gatewayClient.terminate();
    const refused = await new Promise<number>((resolve) => {
      const stray = new WebSocket(`ws://127.0.0.1:${port}/elsewhere`);
      stray.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      stray.on('error', () => undefined);
    });
    expect(refused).toBe(404);
    expect(await upgradeStatus(server.url)).toBe(101);
    await server.close();
    expect(extensionClosed).toBe(true);
  });
});

describe('shutting down', () => {
  it('answers an upgrade that arrives while closing with 503 at once, and close() does not hang on it', async () => {
    const server = await start({ closeGraceMs: 2000 });
    // A client that never answers the close frame keeps close() busy for closeGraceMs.
    const deaf = await openSilentClient(server.url);
    await waitFor(() => server.heartbeat.clientCount === 1);
    const socket = connectTcp(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    const requestArrived = new Promise((resolve) => server.server.once('request', resolve));
    // An upgrade the server reads only once close() began: pipelined behind a
    // request whose body is still on its way.
    socket.write(
      'POST /api/sessions/x/restart HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n',
    );
    await requestArrived;
    const closing = server.close();
    socket.write(
      '{}GET /api/sessions/heartbeat/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await waitFor(() => answer.includes('HTTP/1.1 503'), 1500);
    expect(answer).toContain('"message":"the server is shutting down"');
    await closing;
    deaf.destroy();
    socket.destroy();
  });
});
