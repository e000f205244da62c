// @vitest-environment node
import { startHeartbeatServer, type RunningHeartbeatServer } from '@session-heartbeat/emitter/node';
import { makeHeartbeat } from '@session-heartbeat/core/test-utils';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startClient,
  startScriptedServer,
  stopAllClients,
  waitForState,
} from './integration-helpers';

const servers: { close(): Promise<void> }[] = [];
async function serve(options: Parameters<typeof startHeartbeatServer>[0] = {}) {
  const server = await startHeartbeatServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  stopAllClients();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('the client against the real server', () => {
  it('gets a snapshot, then live updates', async () => {
    const server = await serve({ emitterOptions: { interval: 500 } });
    server.emitter
      .session('agent:main:main')
      .transition('awaiting_model', { model: 'openai/gpt-5' });
    server.emitter.session('agent:ops:telegram:direct:4711');
    const { client, state } = startClient({ baseUrl: server.url });
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 2);
    expect(state()).toMatchObject({
      epoch: server.emitter.epoch,
      interval: 500,
      hasSnapshot: true,
    });
    expect(state().sessions.get('agent:main:main')?.verdict).toMatchObject({
      health: 'waiting',
      because: 'awaiting_model',
    });

    server.emitter.get('agent:main:main')?.transition('tool_exec', { toolName: 'bash' });
    const updated = await waitForState(
      client,
      (s) => s.sessions.get('agent:main:main')?.heartbeat.state === 'tool_exec',
    );
    expect(updated.sessions.get('agent:main:main')?.heartbeat.toolName).toBe('bash');
    expect(updated.order.severity[0]).toBe('agent:main:main');

    server.emitter.get('agent:ops:telegram:direct:4711')?.remove();
    await waitForState(client, (s) => !s.sessions.has('agent:ops:telegram:direct:4711'));
  });

  it('fetches one session and restarts one over HTTP, with the token in a header', async () => {
    const server = await serve({ token: 's3cret', emitterOptions: { actionCooldownMs: 0 } });
    server.emitter.session('agent:main:main').transition('tool_exec', { toolName: 'bash' });
    const { client } = startClient({ baseUrl: server.url, token: 's3cret' });
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 1);
    await expect(client.fetchSession('agent:main:main')).resolves.toMatchObject({
      state: 'tool_exec',
      toolName: 'bash',
    });
    await client.runAction('agent:main:main', 'restart');
    await waitForState(
      client,
      (s) => s.sessions.get('agent:main:main')?.heartbeat.state === 'idle',
    );
    await expect(client.runAction('agent:nobody', 'restart')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('reconnects after a server restart on the same port: new epoch, full resync', async () => {
    const first: RunningHeartbeatServer = await startHeartbeatServer({
      emitterOptions: { interval: 500 },
    });
    first.emitter.session('a').transition('streaming');
    first.emitter.session('b').transition('tool_exec', { toolName: 'bash' });
    first.emitter.session('c');
    const { client, state } = startClient({ baseUrl: first.url });
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 3);
    expect(state().counts.active).toBe(2);

    await first.close();
    const down = await waitForState(client, (s) => !s.listening);
    expect(down.counts).toMatchObject({ active: 0, unresponsive: 0, unknown: 3 });

    const second = await serve({ port: first.port, emitterOptions: { interval: 500 } });
    second.emitter.session('a'); // back, idle now
    second.emitter.session('d');
    const upAt = performance.now();
    const back = await waitForState(
      client,
      (s) => s.status.kind === 'live' && s.epoch === second.emitter.epoch && s.listening,
    );
    const reconnectMs = performance.now() - upAt;
    console.log(
      `[reconnect] server back up → live with the new snapshot applied: ${reconnectMs.toFixed(0)} ms`,
    );
    expect([...back.sessions.keys()].sort()).toEqual(['a', 'd']);
    expect(back.sessions.get('a')?.health).toBe('idle'); // nothing stuck active
    expect(back.counts).toMatchObject({ active: 0, idle: 2 });
    expect(reconnectMs).toBeLessThan(5000);
  });

  it('ignores duplicate and out-of-order heartbeats', async () => {
    const at = Date.now();
    const beat = (seq: number, state: 'idle' | 'streaming' | 'tool_exec') =>
      makeHeartbeat({ sessionKey: 'a', seq, state, at });
    const scripted = await startScriptedServer((socket) => {
      const serverTime = Date.now();
      socket.send(
        JSON.stringify({
          type: 'snapshot',
          serverTime,
          epoch: 'e',
          interval: 5000,
          heartbeats: [beat(5, 'idle')],
        }),
      );
      socket.send(
        JSON.stringify({ type: 'heartbeats', serverTime, heartbeats: [beat(5, 'streaming')] }),
      );
      socket.send(
        JSON.stringify({ type: 'heartbeats', serverTime, heartbeats: [beat(3, 'streaming')] }),
      );
      socket.send(
        JSON.stringify({ type: 'heartbeats', serverTime, heartbeats: [beat(6, 'tool_exec')] }),
      );
      socket.send(
        JSON.stringify({ type: 'heartbeats', serverTime, heartbeats: [beat(4, 'streaming')] }),
      );
      socket.send(JSON.stringify({ type: 'ping', serverTime }));
    });
    servers.push(scripted);
    const { client } = startClient({ baseUrl: scripted.url });
    const state = await waitForState(client, (s) => s.stats.framesReceived === 6);
    client.flush();
    expect(client.store.getState().sessions.get('a')?.heartbeat).toMatchObject({
      seq: 6,
      state: 'tool_exec',
    });
    expect(client.store.getState().stats.heartbeatsIgnored).toBe(3);
    expect(state.status.kind).toBe('live');
  });

  it('detects a silent connection within 2 × interval and replaces it', async () => {
    let snapshotSentAt = 0;
    const scripted = await startScriptedServer((socket) => {
      snapshotSentAt = performance.now();
      socket.send(
        JSON.stringify({
          type: 'snapshot',
          serverTime: Date.now(),
          epoch: 'e',
          interval: 200,
          heartbeats: [],
        }),
      );
      // …and then nothing at all: no ping, no close.
    });
    servers.push(scripted);
    const { client } = startClient({ baseUrl: scripted.url, transport: 'websocket' });
    await waitForState(client, (s) => s.status.kind === 'live');
    await waitForState(client, (s) => s.status.kind !== 'live');
    const detectedMs = performance.now() - snapshotSentAt;
    console.log(
      `[silence] a silent connection (interval 200 ms) was dropped after ${detectedMs.toFixed(0)} ms`,
    );
    expect(detectedMs).toBeGreaterThanOrEqual(390);
    // The limit is 2 × interval (400 ms); the slack is for a loaded machine's timers.
    expect(detectedMs).toBeLessThan(1000);
    await waitForState(client, () => scripted.connections >= 2);
  });

  it('10,000 malformed or hostile frames over a real socket: nothing throws, sessions intact', async () => {
    const frames = fc.sample(
      fc.oneof(
        fc.anything().map((value) => JSON.stringify(value) ?? 'null'),
        fc.string(),
        fc.constantFrom(
          '{"__proto__":{"polluted":true},"type":"ping","serverTime":1}',
          '{"type":"heartbeats","serverTime":1,"heartbeats":[{"__proto__":{"polluted":true}}]}',
          JSON.stringify({
            type: 'heartbeats',
            serverTime: 1,
            heartbeats: [{ ...makeHeartbeat({ sessionKey: 'x' }), seq: 1e308 }],
          }),
          JSON.stringify({ type: 'removed', serverTime: 1, sessionKey: 42 }),
        ),
      ),
      { numRuns: 10_000, seed: 7 },
    );
    const scripted = await startScriptedServer((socket) => {
      const serverTime = Date.now();
      const heartbeats = ['intact:1', 'intact:2'].map((sessionKey) =>
        makeHeartbeat({ sessionKey, state: 'streaming', at: serverTime }),
      );
      socket.send(
        JSON.stringify({ type: 'snapshot', serverTime, epoch: 'e', interval: 5000, heartbeats }),
      );
      for (const frame of frames) socket.send(frame);
      socket.send(
        JSON.stringify({
          type: 'heartbeats',
          serverTime: Date.now(),
          heartbeats: [makeHeartbeat({ sessionKey: 'marker', at: Date.now() })],
        }),
      );
    });
    servers.push(scripted);
    const { client } = startClient({ baseUrl: scripted.url });
    const state = await waitForState(client, (s) => s.sessions.has('marker'), 15_000);
    expect(state.status.kind).toBe('live');
    expect(scripted.connections).toBe(1);
    for (const key of ['intact:1', 'intact:2']) {
      expect(state.sessions.get(key)?.heartbeat.state).toBe('streaming');
    }
    expect(state.stats.framesDropped).toBeGreaterThan(5000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
