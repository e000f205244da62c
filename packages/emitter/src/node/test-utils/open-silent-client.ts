import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A WebSocket client that says hello and then never reads a byte. */
export interface SilentClient {
  socket: Socket;
  /** Resolves when the server closed or dropped the connection. */
  closed: Promise<void>;
  destroy(): void;
}

/** One masked text frame, as a client must send it (RFC 6455 §5.2). */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x81, 0x80 | length])
      : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.alloc(length);
  for (let index = 0; index < length; index += 1) {
    masked[index] = (payload[index] ?? 0) ^ (mask[index % 4] ?? 0);
  }
  return Buffer.concat([header, mask, masked]);
}

/**
 * Opens the heartbeat socket over raw TCP, sends the upgrade and the hello in
 * one write, and pauses: the server's answer, its snapshot and everything
 * after pile up in its buffers, as with a client that stopped reading (a
 * frozen tab, a stuck proxy, a hostile peer).
 */
export async function openSilentClient(
  httpUrl: string,
  options: { token?: string; path?: string } = {},
): Promise<SilentClient> {
  const url = new URL(httpUrl);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const hello = JSON.stringify({
    type: 'hello',
    protocol: 1,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  socket.pause();
  socket.write(
    `GET ${options.path ?? '/api/sessions/heartbeat/ws'} HTTP/1.1\r\n` +
      `Host: ${url.host}\r\n` +
      'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  );
  socket.write(maskedTextFrame(hello));
  return { socket, closed, destroy: () => socket.destroy() };
}
