import type { WebSocketConstructor } from '@session-heartbeat/client';
import { createTestEnvironment } from '@session-heartbeat/client/test-utils';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  createGatewayEventSource,
  type GatewayHostConnection,
  type HostGatewayEvent,
} from './create-gateway-event-source';
import { DEFAULT_GATEWAY_CLIENT } from './create-gateway-source';
import { createGatewayBroadcast } from './gateway-broadcast';
import { answerSessionHeartbeatRequest } from './session-heartbeat-methods';
import { openGatewaySocket } from './open-gateway-socket';
import { listenToSource } from './test-utils/listen-to-source';
import { startTestGateway } from './test-utils/start-test-gateway';

const T0 = 1_800_000_000_000;

/** The host's own client, in memory: the test decides what it hears and answers. */
function createFakeHost(emitter: HeartbeatEmitter) {
  const handlers = new Set<(event: HostGatewayEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const requests: string[] = [];
  let connected = true;
  let seq = 0;
  let failNext: string | undefined;
  let hangNext = false;
  const emit = (event: string, payload: unknown, skip = 0): void => {
    seq += 1 + skip;
    for (const handler of [...handlers]) handler({ event, payload, seq });
  };
  const broadcast = createGatewayBroadcast(emitter, (event, payload) => {
    if (connected) emit(event, payload);
  });
  const host: GatewayHostConnection = {
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    request(method, params) {
      requests.push(method);
      if (!connected) return Promise.reject(new Error('gateway not connected'));
      if (hangNext) {
        hangNext = false;
        return new Promise(() => undefined);
      }
      if (failNext !== undefined) {
        const message = failNext;
        failNext = undefined;
        return Promise.reject(new Error(message));
      }
      const answer = answerSessionHeartbeatRequest(emitter, method, params);
      if (answer?.ok === true) return Promise.resolve(answer.payload);
      return Promise.reject(new Error(answer?.error.message ?? `unknown method: ${method}`));
    },
    isConnected: () => connected,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
  return {
    host,
    requests,
    emit,
    failNext(message: string) {
      failNext = message;
    },
    hangNext() {
      hangNext = true;
    },
    setConnected(next: boolean) {
      connected = next;
      for (const listener of [...connectionListeners]) listener(next);
    },
    stop: () => broadcast.stop(),
  };
}

describe('createGatewayEventSource (riding the host’s connection)', () => {
  let emitter: HeartbeatEmitter;
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    emitter = createHeartbeatEmitter({ interval: 1000, epoch: 'epoch-1' });
  });
  afterEach(() => {
    emitter.dispose();
    vi.useRealTimers();
  });

  it('asks for a snapshot, goes live, and reads only session.heartbeat events', async () => {
    emitter.session('agent:main:main');
    const fake = createFakeHost(emitter);
    const heard = listenToSource(createGatewayEventSource(fake.host));
    await vi.advanceTimersByTimeAsync(0);
    expect(heard.kinds()).toEqual(['connecting', 'live']);
    expect(fake.requests).toEqual(['session.heartbeat.snapshot']);
    fake.emit('heartbeat', { ts: T0, status: 'ok-empty' });
    fake.emit('chat', { runId: 'r', sessionKey: 'agent:main:main', seq: 1, state: 'delta' });
    emitter.get('agent:main:main')?.transition('awaiting_model', { turnId: 'r' });
    expect(heard.frames.map((frame) => frame.type)).toEqual(['snapshot', 'heartbeats']);
    expect(heard.frames[1]).toMatchObject({ heartbeats: [{ state: 'awaiting_model' }] });
    expect(heard.problems).toEqual([]);
    heard.disconnect();
    fake.stop();
  });

  it('waits for the host to connect, and follows it through a lost connection', async () => {
    const fake = createFakeHost(emitter);
    fake.setConnected(false);
    const heard = listenToSource(createGatewayEventSource(fake.host));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.requests).toEqual([]);
    fake.setConnected(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(heard.kinds()).toEqual(['connecting', 'live']);
    fake.setConnected(false);
    expect(heard.statuses.at(-1)).toMatchObject({
      kind: 'reconnecting',
      attempt: 1,
      nextRetryAt: T0 + 800,
      reason: 'the gateway connection was lost',
    });
    fake.setConnected(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(heard.kinds()).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(fake.requests).toEqual(['session.heartbeat.snapshot', 'session.heartbeat.snapshot']);
    heard.disconnect();
    fake.stop();
  });

  it('re-asks for a snapshot on a seq gap, a restarted emitter, or 2 × interval of silence', async () => {
    const fake = createFakeHost(emitter);
    const heard = listenToSource(createGatewayEventSource(fake.host));
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('presence', {});
    fake.emit('presence', {}, 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.requests).toHaveLength(2);
    fake.emit('session.heartbeat', { type: 'ping', serverTime: Date.now(), epoch: 'epoch-2' });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.requests).toHaveLength(3);
    fake.stop(); // nothing more from the emitter: not even pings
    await vi.advanceTimersByTimeAsync(1999);
    expect(fake.requests).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.requests).toHaveLength(4);
    expect(heard.frames.filter((frame) => frame.type === 'snapshot')).toHaveLength(4);
    heard.disconnect();
  });

  it('retries a snapshot that failed or got no answer, with the host’s backoff', async () => {
    const fake = createFakeHost(emitter);
    fake.failNext('unknown method: session.heartbeat.snapshot');
    const heard = listenToSource(createGatewayEventSource(fake.host, { timeoutMs: 3000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(heard.statuses.at(-1)).toMatchObject({
      kind: 'reconnecting',
      attempt: 1,
      reason: 'session.heartbeat.snapshot: unknown method: session.heartbeat.snapshot',
    });
    fake.hangNext();
    await vi.advanceTimersByTimeAsync(800);
    expect(fake.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(heard.statuses.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(1360);
    expect(heard.kinds().at(-1)).toBe('live');
    heard.disconnect();
    fake.stop();
  });
});

describe('createGatewayEventSource over a real gateway socket', () => {
  it('rides a connection the host opened and handshook', async () => {
    const gateway = await startTestGateway({ token: 't0ken' });
    gateway.emitter.session('agent:main:main');
    const environment = createTestEnvironment({ animationFrames: false });
    const handlers = new Set<(event: HostGatewayEvent) => void>();
    const connection = new Set<(connected: boolean) => void>();
    let ready = false;
    // The host's client: it owns the socket and the handshake.
    const socket = openGatewaySocket(
      {
        url: gateway.url,
        token: 't0ken',
        password: undefined,
        client: { ...DEFAULT_GATEWAY_CLIENT, id: 'openclaw-control-ui', mode: 'ui' },
        role: 'operator',
        scopes: ['operator.admin'],
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        environment,
        timeoutMs: 5000,
      },
      {
        ready() {
          ready = true;
          for (const listener of connection) listener(true);
        },
        event: (frame) => handlers.forEach((handler) => handler(frame)),
        gap: () => undefined,
        end: () => connection.forEach((listener) => listener(false)),
      },
    );
    const source = createGatewayEventSource({
      subscribe: (handler) => (handlers.add(handler), () => handlers.delete(handler)),
      request: (method, params) => socket.request(method, params),
      isConnected: () => ready,
      onConnectionChange: (listener) => (
        connection.add(listener),
        () => connection.delete(listener)
      ),
    });
    const heard = listenToSource(source);
    await heard.until(() => heard.kinds().includes('live'));
    gateway.emitter.session('agent:ops:main');
    await heard.until(() => heard.frames.some((frame) => frame.type === 'heartbeats'));
    expect(heard.kinds()).toEqual(['connecting', 'live']);
    expect(heard.frames[0]).toMatchObject({
      type: 'snapshot',
      heartbeats: [{ sessionKey: 'agent:main:main' }],
    });
    heard.disconnect();
    socket.close();
    await gateway.close();
  });
});
