// @vitest-environment node
import { MessageChannel } from 'node:worker_threads';
import {
  createHeartbeatClient,
  serveHeartbeatWorker,
  transportWorker,
  type FromWorker,
  type HeartbeatClient,
  type HeartbeatWorkerLike,
  type ToWorker,
} from '@session-heartbeat/client';
import { startHeartbeatServer, type RunningHeartbeatServer } from '@session-heartbeat/emitter/node';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingWebSocket, waitForState } from './integration-helpers';

/**
 * A worker on a real `MessageChannel` (structured clones, messages in tasks
 * of their own), running the worker's side in this process: Node has no web
 * `Worker`. The page's side is the client's own.
 */
function portWorker() {
  const { port1: page, port2: inWorker } = new MessageChannel();
  const worker = recordingWebSocket();
  const stopServing = serveHeartbeatWorker(
    {
      postMessage: (message) => inWorker.postMessage(message),
      addEventListener: (_type, listener) =>
        inWorker.on('message', (data: ToWorker) => listener({ data })),
    },
    { WebSocket: worker.WebSocket },
  );
  const heard: FromWorker[] = [];
  let terminated = false;
  const like: HeartbeatWorkerLike = {
    postMessage: (message) => page.postMessage(message),
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type !== 'message') return;
      page.on('message', (data: FromWorker) => {
        heard.push(data);
        (listener as (event: { data: unknown }) => void)({ data });
      });
    },
    terminate() {
      terminated = true;
      stopServing();
      page.close();
    },
  };
  return {
    like,
    heard,
    sockets: worker.sockets,
    get terminated() {
      return terminated;
    },
  };
}

const servers: RunningHeartbeatServer[] = [];
const clients: HeartbeatClient[] = [];

async function serve(sessions: number) {
  // A long interval: no periodic heartbeat fills in what a snapshot would miss.
  const server = await startHeartbeatServer({ emitterOptions: { interval: 60_000 } });
  servers.push(server);
  for (let index = 0; index < sessions; index += 1) {
    server.emitter.session(`agent:load:${index}`).transition('streaming');
  }
  return server;
}

function start(client: HeartbeatClient): HeartbeatClient {
  clients.push(client);
  client.start();
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.stop();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('the client with its transport in a worker', () => {
  it('hears the server through the worker: the snapshot in parts, then live updates', async () => {
    const server = await serve(2500);
    const worker = portWorker();
    // No WebSocket for the page: Node 20 has none, so in the page this client
    // could only poll. Live over a socket means the worker's socket.
    const client = start(
      createHeartbeatClient({ baseUrl: server.url, worker: transportWorker(() => worker.like) }),
    );
    const state = await waitForState(
      client,
      (s) => s.status.kind === 'live' && s.hasSnapshot && s.sessions.size === 2500,
    );
    expect(worker.sockets).toHaveLength(1);
    expect(worker.heard.filter((message) => message.kind === 'snapshot')).toHaveLength(1);
    expect(worker.heard.filter((message) => message.kind === 'part')).toHaveLength(2);
    expect(state.counts.active).toBe(2500);
    // A status's times are on the server's clock, as the client's own are.
    expect(Math.abs(state.status.since - client.serverNow())).toBeLessThan(5000);

    server.emitter.get('agent:load:7')?.transition('tool_exec', { toolName: 'bash' });
    const updated = await waitForState(
      client,
      (s) => s.sessions.get('agent:load:7')?.heartbeat.state === 'tool_exec',
    );
    expect(updated.sessions.get('agent:load:7')?.heartbeat.toolName).toBe('bash');
    expect(updated.sessions.size).toBe(2500);
  });

  it('keeps commands in the page: a single fetch reaches the server', async () => {
    const server = await serve(1);
    const worker = portWorker();
    const client = start(
      createHeartbeatClient({ baseUrl: server.url, worker: transportWorker(() => worker.like) }),
    );
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 1);
    await expect(client.fetchSession('agent:load:0')).resolves.toMatchObject({
      state: 'streaming',
    });
  });

  it('stops the worker with the client, and the server sees the socket go', async () => {
    const server = await serve(3);
    const worker = portWorker();
    const client = start(
      createHeartbeatClient({ baseUrl: server.url, worker: transportWorker(() => worker.like) }),
    );
    await waitForState(client, (s) => s.status.kind === 'live');
    const socket = worker.sockets[0];
    client.stop();
    expect(worker.terminated).toBe(true);
    expect(socket?.readyState).toBeGreaterThanOrEqual(2); // CLOSING or CLOSED
    expect(client.store.getState().status.kind).toBe('stopped');
  });

  it('connects in the page when the worker cannot start', async () => {
    const server = await serve(2);
    const page = recordingWebSocket();
    const broken: HeartbeatWorkerLike = {
      postMessage: () => undefined,
      addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
        // As a worker whose script is missing or forbidden by the page's CSP.
        if (type === 'error') setTimeout(() => (listener as (event: object) => void)({}), 10);
      },
      terminate: () => undefined,
    };
    const client = start(
      createHeartbeatClient({
        baseUrl: server.url,
        WebSocket: page.WebSocket,
        worker: transportWorker(() => broken),
      }),
    );
    await waitForState(client, (s) => s.status.kind === 'live' && s.sessions.size === 2);
    expect(page.sockets).toHaveLength(1);
  });
});
