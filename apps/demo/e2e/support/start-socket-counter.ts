import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of a server that counts the WebSocket connections made through it. */
export interface SocketCounter {
  /** Where pages go instead of the server (same host, the proxy's port). */
  readonly url: string;
  /** WebSocket connections open now, as the server sees them. */
  readonly open: number;
  /** WebSocket connections opened so far. */
  readonly opened: number;
  close(): Promise<void>;
}

/** The request head of a WebSocket handshake (RFC 6455: an `Upgrade: websocket` header). */
const UPGRADE = /\r\nupgrade:\s*websocket\r\n/i;

/**
 * Counts what the server sees, not what a page says it opened: every TCP
 * connection goes through, and one whose request asks to upgrade to a
 * WebSocket counts until either side closes it. Loopback only; the server's
 * host and origin checks accept a loopback proxy.
 */
export async function startSocketCounter(serverUrl: string): Promise<SocketCounter> {
  const target = new URL(serverUrl);
  let open = 0;
  let opened = 0;
  const connections = new Set<Socket>();

  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    connections.add(client);
    connections.add(upstream);
    let counted = false;
    const watch = (chunk: Buffer): void => {
      if (!UPGRADE.test(chunk.toString('latin1'))) return;
      counted = true;
      open += 1;
      opened += 1;
      client.off('data', watch);
    };
    client.on('data', watch);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      if (counted) open -= 1;
      counted = false;
      client.destroy();
      upstream.destroy();
      connections.delete(client);
      connections.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    get open() {
      return open;
    },
    get opened() {
      return opened;
    },
    close() {
      for (const socket of connections) socket.destroy();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}
