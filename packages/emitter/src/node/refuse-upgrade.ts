import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/**
 * Refuses a WebSocket upgrade with a plain HTTP answer: `status`, and the
 * contract's JSON error body when `error` is given (none otherwise). A peer
 * that never reads must not hold the socket open: it is destroyed after 1 s.
 * A socket already answered (or gone) is left alone, so that two listeners
 * may both refuse, and the first one speaks.
 */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  error?: { code: string; message: string },
): void {
  if (socket.writableEnded || socket.destroyed) return;
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n`;
  if (error === undefined) {
    socket.end(`${head}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  } else {
    const body = JSON.stringify({ error });
    socket.end(
      head +
        'Content-Type: application/json; charset=utf-8\r\n' +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  setTimeout(() => socket.destroy(), 1000).unref();
}
