import {
  createHeartbeatClient,
  type HeartbeatSource,
  type WebSocketConstructor,
} from '@session-heartbeat/client';
import { createTestEnvironment } from '@session-heartbeat/client/test-utils';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createGatewaySource, type GatewaySourceOptions } from './create-gateway-source';
import { listenToSource } from './test-utils/listen-to-source';
import { startTestGateway, type TestGateway } from './test-utils/start-test-gateway';

const WS = WebSocket as unknown as WebSocketConstructor;
const TOKEN = 'gateway-secret-token';
const FAST = { initialMs: 10, maxMs: 50 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(options: Parameters<typeof startTestGateway>[0] = {}): Promise<TestGateway> {
  const started = await startTestGateway(options);
  cleanups.push(() => started.close());
  return started;
}

/** `listenToSource`, disconnected after the test, each wait with a 5 s safety net. */
function listen(source: HeartbeatSource) {
  const heard = listenToSource(source);
  cleanups.push(heard.disconnect);
  return {
    ...heard,
    until: (check: () => boolean, what: string) => heard.until(check, what, 5000),
  };
}

function source(server: TestGateway, options: Partial<GatewaySourceOptions> = {}) {
  return createGatewaySource({
    url: server.url,
    token: TOKEN,
    WebSocket: WS,
    backoff: FAST,
    ...options,
  });
}

describe('createGatewaySource', () => {
  it('answers the challenge with connect (token inside, not in the URL), then snapshot, then events', async () => {
    const server = await gateway({ token: TOKEN });
    server.emitter.session('agent:main:main', { model: 'openai/gpt-5' });
    const heard = listen(source(server));
    await heard.until(() => heard.kinds().includes('live'), 'live');

    expect(heard.kinds()).toEqual(['connecting', 'live']);
    expect(server.upgradeUrls).toEqual(['/']);
    expect(server.upgradeUrls.join()).not.toContain(TOKEN);
    expect(server.connects[0]).toMatchObject({
      minProtocol: 3,
      maxProtocol: 3,
      client: { id: 'webchat-ui', mode: 'webchat' },
      role: 'operator',
      scopes: ['operator.read'],
      auth: { token: TOKEN },
    });
    expect(server.requests('session.heartbeat.snapshot')).toBe(1);
    expect(heard.frames[0]).toMatchObject({
      type: 'snapshot',
      epoch: server.emitter.epoch,
      interval: 1000,
      heartbeats: [{ sessionKey: 'agent:main:main', state: 'idle', model: 'openai/gpt-5' }],
    });

    server.emitter.get('agent:main:main')?.transition('awaiting_model', { turnId: 'run-1' });
    server.emitter.session('agent:ops:main').remove();
    await heard.until(() => heard.frames.some((frame) => frame.type === 'removed'), 'removed');
    const live = heard.frames.slice(1).filter((frame) => frame.type !== 'ping');
    expect(live.map((frame) => frame.type)).toEqual(['heartbeats', 'heartbeats', 'removed']);
    expect(live[0]).toMatchObject({ heartbeats: [{ state: 'awaiting_model', turnId: 'run-1' }] });
  });

  it('ignores every other gateway event (the gateway’s own `heartbeat` included) and unreadable frames', async () => {
    const server = await gateway({ token: TOKEN });
    const heard = listen(source(server));
    await heard.until(() => heard.kinds().includes('live'), 'live');
    server.broadcast('heartbeat', {
      ts: Date.now(),
      status: 'sent',
      to: 'telegram',
      preview: 'hi',
    });
    server.broadcast('tick', { ts: Date.now() });
    server.broadcast('agent', { runId: 'r', seq: 1, stream: 'lifecycle', ts: 1, data: {} });
    server.broadcast('session.heartbeat', { type: 'heartbeats', serverTime: 'soon' });
    for (const text of [
      'not json',
      '[1,2]',
      '{"type":"res","id":"nobody","ok":true}',
      '{"type":"event"}',
    ]) {
      server.sendRaw(text);
    }
    server.emitter.session('agent:main:main');
    await heard.until(
      () => heard.frames.some((frame) => frame.type === 'heartbeats'),
      'a heartbeat',
    );
    expect(heard.frames.map((frame) => frame.type)).toEqual(['snapshot', 'heartbeats']);
    expect(heard.problems).toEqual([
      { dropped: 'frame', reason: expect.stringContaining('serverTime') as unknown as string },
    ]);
    expect(heard.kinds()).toEqual(['connecting', 'live']);
  });

  it('stops at unauthorized on a wrong token, with the gateway’s reason, and never retries', async () => {
    const server = await gateway({ token: TOKEN });
    const refused = listen(source(server, { token: 'wrong', backoff: { initialMs: 1, maxMs: 1 } }));
    await refused.until(() => refused.kinds().includes('unauthorized'), 'unauthorized');
    expect(refused.statuses.at(-1)).toMatchObject({
      kind: 'unauthorized',
      reason: expect.stringContaining('token mismatch') as unknown as string,
    });
    // Another client connecting takes many event-loop turns: a 1 ms retry would show by then.
    const other = listen(source(server));
    await other.until(() => other.kinds().includes('live'), 'the other client live');
    expect(server.upgradeUrls).toHaveLength(2);
    expect(refused.kinds()).toEqual(['connecting', 'unauthorized']);
  });

  it('re-asks for a snapshot when the gateway’s event seq skips', async () => {
    const server = await gateway({ token: TOKEN });
    const heard = listen(source(server));
    await heard.until(() => heard.kinds().includes('live'), 'live');
    server.broadcast('presence', { presence: [] });
    server.skipSeq(3);
    server.broadcast('presence', { presence: [] });
    await heard.until(
      () => heard.frames.filter((frame) => frame.type === 'snapshot').length === 2,
      'a second snapshot',
    );
    expect(server.requests('session.heartbeat.snapshot')).toBe(2);
    expect(server.upgradeUrls).toHaveLength(1);
  });

  it('reconnects after the gateway restarts, and takes the new run’s snapshot', async () => {
    const first = await startTestGateway({ token: TOKEN });
    const heard = listen(source(first));
    await heard.until(() => heard.kinds().includes('live'), 'live');
    const firstEpoch = first.emitter.epoch;
    await first.close();
    await heard.until(() => heard.kinds().includes('reconnecting'), 'reconnecting');
    const emitter = createHeartbeatEmitter({ interval: 1000 });
    cleanups.push(() => emitter.dispose());
    const second = await gateway({ token: TOKEN, port: first.port, emitter });
    await heard.until(() => heard.kinds().at(-1) === 'live', 'live again');
    const snapshots = heard.frames.filter((frame) => frame.type === 'snapshot');
    expect(snapshots.map((frame) => frame.epoch)).toEqual([firstEpoch, second.emitter.epoch]);
    expect(heard.statuses.find((status) => status.kind === 'reconnecting')).toMatchObject({
      attempt: 1,
    });
  });

  it('reconnects after 2 × interval without a session.heartbeat frame', async () => {
    const server = await gateway({ token: TOKEN, interval: 150 });
    const heard = listen(source(server));
    await heard.until(() => heard.kinds().includes('live'), 'live');
    server.mute(true);
    await heard.until(() => heard.kinds().includes('reconnecting'), 'reconnecting');
    expect(heard.statuses.at(-1)).toMatchObject({
      reason: 'no session.heartbeat frame for 2 × interval',
    });
    server.mute(false);
    await heard.until(() => heard.kinds().at(-1) === 'live', 'live again');
    expect(server.upgradeUrls.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps retrying, with backoff, a gateway that does not serve session.heartbeat', async () => {
    const server = await gateway({ token: TOKEN, serveHeartbeats: false });
    const heard = listen(source(server));
    await heard.until(
      () => heard.statuses.filter((status) => status.kind === 'reconnecting').length >= 2,
      'two failures',
    );
    const [first, second] = heard.statuses.filter((status) => status.kind === 'reconnecting');
    expect(first).toMatchObject({
      attempt: 1,
      reason: expect.stringContaining('unknown method') as unknown as string,
    });
    expect(second).toMatchObject({ attempt: 2 });
  });

  it('fetches one session and restarts it over the socket', async () => {
    const server = await gateway({ token: TOKEN });
    server.emitter.session('agent:main:main').transition('streaming', { turnId: 'r1' });
    const gatewaySource = source(server);
    const heard = listen(gatewaySource);
    await heard.until(() => heard.kinds().includes('live'), 'live');
    const body = await gatewaySource.fetchSession?.('agent:main:main');
    expect(body?.heartbeat).toMatchObject({ sessionKey: 'agent:main:main', state: 'streaming' });
    await expect(gatewaySource.fetchSession?.('agent:nobody:main')).rejects.toThrow(
      'unknown session',
    );
    await gatewaySource.act?.('agent:main:main', 'restart');
    expect(server.emitter.heartbeat('agent:main:main')?.state).toBe('idle');
  });
});

describe('createGatewaySource with createHeartbeatClient', () => {
  it('shows the gateway’s sessions, live, and follows them', async () => {
    const server = await gateway({ token: TOKEN });
    server.emitter.session('agent:main:main', { model: 'anthropic/claude-sonnet-4-5' });
    server.emitter.session('agent:ops:telegram:direct:4711');
    const client = createHeartbeatClient({
      source: source(server),
      environment: createTestEnvironment({ animationFrames: false }),
    });
    cleanups.push(() => client.stop());
    const until = (check: () => boolean, what: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
        const stop = client.store.subscribe(() => {
          if (!check()) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      });
    client.start();
    await until(() => client.store.getState().hasSnapshot, 'the snapshot');
    const state = client.store.getState();
    expect(state.status.kind).toBe('live');
    expect([...state.sessions.keys()].sort()).toEqual([
      'agent:main:main',
      'agent:ops:telegram:direct:4711',
    ]);
    expect(state.sessions.get('agent:main:main')?.health).toBe('idle');

    server.emitter
      .get('agent:main:main')
      ?.transition('tool_exec', { toolName: 'exec', turnId: 'r' });
    await until(
      () =>
        client.store.getState().sessions.get('agent:main:main')?.heartbeat.state === 'tool_exec',
      'tool_exec',
    );
    expect(client.store.getState().sessions.get('agent:main:main')).toMatchObject({
      health: 'active',
      heartbeat: { toolName: 'exec', model: 'anthropic/claude-sonnet-4-5' },
    });
  });
});
