import {
  decodeServerFrame,
  type HelloFrame,
  PROTOCOL_VERSION,
  type ServerFrame,
} from '@session-heartbeat/core';
import type { HeartbeatEnvironment, TimerHandle } from './environment';
import type { SourceProblem } from './heartbeat-source';

/**
 * The part of a WebSocket the client uses: the browser's `WebSocket` and
 * Node's `ws` both fit.
 */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: 'close',
    listener: (event: { code: number; reason: string }) => void,
  ): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Why a socket ended (a close the client did not ask for). */
export interface SocketEnd {
  /** The close code, or `4000` when the client dropped a silent connection. */
  code: number;
  reason: string;
}

export interface SocketHandlers {
  frame(frame: ServerFrame, receivedAt: number): void;
  problem(problem: SourceProblem): void;
  /** Called once, unless the client closed the socket itself. */
  end(end: SocketEnd): void;
}

export interface HeartbeatSocketOptions {
  url: string;
  token: string | undefined;
  WebSocket: WebSocketConstructor;
  environment: HeartbeatEnvironment;
  /** No frame for this long (from the attempt's start, then from the last frame): dead. */
  silenceLimitMs(): number;
}

/** Close code the client uses when it drops a silent connection. */
export const SILENT_CLOSE_CODE = 4000;

/**
 * One WebSocket attempt of the contract: hello (with the token) on open, then
 * frames, validated one by one. A frame that fails validation is dropped and
 * reported, never thrown; a bad heartbeat inside a frame costs only itself.
 * A connection with no frame for `silenceLimitMs` is dead: it is dropped and
 * reported as ended (browsers cannot see WebSocket-level pings).
 */
export function openHeartbeatSocket(
  options: HeartbeatSocketOptions,
  handlers: SocketHandlers,
): { close(): void } {
  const { environment } = options;
  let ended = false;
  let lastHeardAt = environment.now();
  let watchdog: TimerHandle | undefined;
  let socket: WebSocketLike | undefined;

  function finish(end: SocketEnd | undefined): void {
    if (ended) return;
    ended = true;
    if (watchdog !== undefined) environment.clearTimeout(watchdog);
    try {
      socket?.close(end?.code === SILENT_CLOSE_CODE ? SILENT_CLOSE_CODE : 1000);
    } catch {
      // Closing a socket that never opened may throw; it is gone either way.
    }
    if (end !== undefined) handlers.end(end);
  }

  function watch(): void {
    const due = lastHeardAt + options.silenceLimitMs();
    watchdog = environment.setTimeout(
      () => {
        watchdog = undefined;
        if (environment.now() - lastHeardAt >= options.silenceLimitMs()) {
          finish({ code: SILENT_CLOSE_CODE, reason: 'no frame for 2 × interval' });
        } else {
          watch();
        }
      },
      Math.max(0, due - environment.now()),
    );
  }

  function receive(data: unknown): void {
    if (ended) return;
    const receivedAt = environment.now();
    lastHeardAt = receivedAt;
    if (typeof data !== 'string') {
      handlers.problem({ dropped: 'frame', reason: 'binary frame' });
      return;
    }
    const read = decodeServerFrame(data);
    if (!read.ok) {
      handlers.problem({ dropped: 'frame', reason: read.error });
      return;
    }
    for (const reason of read.problems) handlers.problem({ dropped: 'heartbeat', reason });
    handlers.frame(read.value, receivedAt);
    if (read.value.type === 'snapshot' && !ended) {
      // The snapshot tells the interval: the silence limit may be shorter now.
      if (watchdog !== undefined) environment.clearTimeout(watchdog);
      watch();
    }
  }

  try {
    socket = new options.WebSocket(options.url);
  } catch (error) {
    // An invalid URL or a blocked scheme: report it as a failed attempt, after this call returns.
    const reason = error instanceof Error ? error.message : 'cannot open a WebSocket';
    environment.setTimeout(() => finish({ code: 1006, reason }), 0);
    return { close: () => finish(undefined) };
  }
  const opened = socket;
  opened.addEventListener('open', () => {
    if (ended) return;
    const hello: HelloFrame = { type: 'hello', protocol: PROTOCOL_VERSION };
    if (options.token !== undefined) hello.token = options.token;
    opened.send(JSON.stringify(hello));
  });
  // A failed attempt is reported by the close event that follows; a listener
  // must exist all the same (Node's `ws` throws an unheard error).
  opened.addEventListener('error', () => undefined);
  opened.addEventListener('message', (event) => receive(event.data));
  opened.addEventListener('close', (event) =>
    finish({ code: event.code, reason: event.reason || `closed with ${event.code}` }),
  );
  watch();
  return { close: () => finish(undefined) };
}
