// Test-only helpers: real servers on 127.0.0.1 ephemeral ports, and a client
// that speaks to them with `ws` (Node 20 has no global WebSocket).
import {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
  type HeartbeatState,
  type WebSocketConstructor,
} from '@session-heartbeat/client';
import { createTestEnvironment, type TestEnvironment } from '@session-heartbeat/client/test-utils';
import WebSocket, { WebSocketServer } from 'ws';

/** `ws`, recording every socket the client opens (to pause one, as a sleeping machine would). */
export function recordingWebSocket(): { WebSocket: WebSocketConstructor; sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: RecordingWebSocket, sockets };
}

export interface TestClient {
  client: HeartbeatClient;
  environment: TestEnvironment;
  sockets: WebSocket[];
  state(): HeartbeatState;
}

/** A started client of `baseUrl` over real sockets; stopped by `clients.stopAll()`. */
export function startClient(
  options: Partial<HeartbeatClientOptions> & { baseUrl: string },
  environment: TestEnvironment = createTestEnvironment(),
): TestClient {
  const recording = recordingWebSocket();
  const client = createHeartbeatClient({ WebSocket: recording.WebSocket, environment, ...options });
  client.start();
  started.add(client);
  return { client, environment, sockets: recording.sockets, state: () => client.store.getState() };
}

const started = new Set<HeartbeatClient>();

export function stopAllClients(): void {
  for (const client of started) client.stop();
  started.clear();
}

/**
 * Resolves with the first state (now or after an update) that satisfies
 * `predicate`; fails after `timeoutMs` with what the state was. Waits for an
 * event, never for a fixed time.
 */
export function waitForState(
  client: HeartbeatClient,
  predicate: (state: HeartbeatState) => boolean,
  timeoutMs = 5000,
): Promise<HeartbeatState> {
  return new Promise((resolve, reject) => {
    const check = (state: HeartbeatState): boolean => {
      if (!predicate(state)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(state);
      return true;
    };
    const unsubscribe = client.store.subscribe((state) => {
      check(state);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      const state = client.store.getState();
      reject(
        new Error(
          `state not reached in ${timeoutMs} ms: status ${JSON.stringify(state.status)}, ` +
            `listening ${state.listening}, sessions ${JSON.stringify([...state.sessions.keys()])}`,
        ),
      );
    }, timeoutMs);
    check(client.store.getState());
  });
}

/** A scripted WebSocket server: the test plays the server frame by frame. */
export async function startScriptedServer(
  onHello: (socket: WebSocket) => void,
): Promise<{ url: string; close(): Promise<void>; connections: number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  let connections = 0;
  server.on('connection', (socket) => {
    connections += 1;
    socket.once('message', () => onHello(socket));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
