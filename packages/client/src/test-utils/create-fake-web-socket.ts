import type { WebSocketConstructor, WebSocketLike } from '../open-heartbeat-socket';

type Listener = (event: never) => void;

/** One socket the client opened, driven by the test as if it were the server. */
export interface FakeSocket {
  readonly url: string;
  /** Frames the client sent, parsed. */
  readonly sent: unknown[];
  /** The code the client closed with, if it did. */
  readonly closedByClient: number | undefined;
  open(): void;
  /** Delivers a frame: an object is JSON-encoded, a string goes as is. */
  receive(frame: unknown): void;
  /** The server closes the connection. */
  close(code?: number, reason?: string): void;
  /** The connection cannot be made (refused, 404 at the upgrade): error, then close 1006. */
  refuse(): void;
}

/**
 * A WebSocket constructor for unit tests that records every socket the client
 * opens; the test plays the server.
 */
export function createFakeWebSocket(): {
  WebSocket: WebSocketConstructor;
  readonly sockets: FakeSocket[];
  /** The newest socket (throws if none was opened). */
  latest(): FakeSocket;
} {
  const sockets: FakeSocket[] = [];

  class FakeWebSocket implements WebSocketLike {
    readonly #listeners = new Map<string, Listener[]>();
    #closed = false;
    readonly url: string;
    readonly sent: unknown[] = [];
    closedByClient: number | undefined;

    constructor(url: string) {
      this.url = url;
      const closedByClient = () => this.closedByClient;
      sockets.push({
        url,
        sent: this.sent,
        get closedByClient() {
          return closedByClient();
        },
        open: () => this.#emit('open', {}),
        receive: (frame) =>
          this.#emit('message', {
            data: typeof frame === 'string' ? frame : JSON.stringify(frame),
          }),
        close: (code = 1000, reason = '') => this.#end(code, reason),
        refuse: () => {
          this.#emit('error', {});
          this.#end(1006, '');
        },
      });
    }

    #emit(type: string, event: object): void {
      if (this.#closed) return;
      for (const listener of this.#listeners.get(type) ?? [])
        (listener as (event: object) => void)(event);
    }

    #end(code: number, reason: string): void {
      if (this.#closed) return;
      this.#emit('close', { code, reason });
      this.#closed = true;
    }

    send(data: string): void {
      this.sent.push(JSON.parse(data));
    }

    close(code = 1000): void {
      this.closedByClient ??= code;
      this.#end(code, '');
    }

    addEventListener(type: string, listener: Listener): void {
      this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
    }
  }

  return {
    WebSocket: FakeWebSocket,
    sockets,
    latest() {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error('no socket was opened');
      return socket;
    },
  };
}
