import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * What the proxy does to the bytes between clients and the server:
 *
 * - `forward`: passes them on.
 * - `partition`: holds them, both ways, on every connection, new ones
 *   included (they are accepted and held too), like a network that stopped
 *   routing; leaving it delivers what was held, as TCP does once it heals.
 * - `drop`: resets every connection and every new one at once, like a host
 *   that is unreachable (RST, ICMP unreachable).
 * - `latency`: delivers every chunk `delayMs` late, in order.
 *
 * A half-open connection is an event, not a mode: see `halfOpen()`.
 */
export type FaultMode =
  | { kind: 'forward' }
  | { kind: 'partition' }
  | { kind: 'drop' }
  | { kind: 'latency'; delayMs: number };

export interface FaultProxyStats {
  /** Connections accepted so far. */
  accepted: number;
  /** Connections open now (either side). */
  open: number;
  /** Bytes held back right now, both ways. */
  heldBytes: number;
}

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:PORT`: where clients go instead of the server. */
  readonly url: string;
  readonly mode: FaultMode;
  setMode(mode: FaultMode): void;
  /**
   * Every connection open now stops forwarding for good, both sockets kept
   * open and told nothing (a NAT or load balancer that lost their state);
   * connections made after it pass.
   */
  halfOpen(): void;
  stats(): FaultProxyStats;
  close(): Promise<void>;
}

interface Chunk {
  data: Buffer | 'end';
  deliverAt: number;
}

/** One direction of one connection: chunks in order, each delivered at its time. */
class Lane {
  readonly #to: Socket;
  #queue: Chunk[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** Bytes vanish from now on (half-open). */
  dead = false;

  constructor(to: Socket) {
    this.#to = to;
  }

  get heldBytes(): number {
    let bytes = 0;
    for (const chunk of this.#queue) if (chunk.data !== 'end') bytes += chunk.data.length;
    return bytes;
  }

  push(data: Buffer | 'end', mode: FaultMode): void {
    if (this.dead) return;
    const now = performance.now();
    let deliverAt = now;
    if (mode.kind === 'partition') deliverAt = Infinity;
    if (mode.kind === 'latency') deliverAt = now + mode.delayMs;
    // Order is kept: nothing overtakes what waits before it.
    const last = this.#queue.at(-1);
    if (last !== undefined && last.deliverAt > deliverAt) deliverAt = last.deliverAt;
    this.#queue.push({ data, deliverAt });
    this.pump();
  }

  /** Holds everything queued (a partition began) or releases what was held (it healed). */
  retime(deliverAt: number): void {
    for (const chunk of this.#queue) chunk.deliverAt = deliverAt;
    this.pump();
  }

  kill(): void {
    this.dead = true;
    this.#queue = [];
    clearTimeout(this.#timer);
  }

  pump(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = performance.now();
    while (this.#queue.length > 0 && (this.#queue[0]?.deliverAt ?? Infinity) <= now) {
      const chunk = this.#queue.shift();
      if (chunk === undefined || this.#to.destroyed) continue;
      if (chunk.data === 'end') this.#to.end();
      else this.#to.write(chunk.data);
    }
    const next = this.#queue[0]?.deliverAt;
    if (next !== undefined && Number.isFinite(next)) {
      this.#timer = setTimeout(() => this.pump(), Math.max(0, next - now));
    }
  }
}

interface Pipe {
  client: Socket;
  server: Socket;
  up: Lane;
  down: Lane;
}

/**
 * A TCP proxy on `node:net` between clients and `target`, whose faults the
 * suite turns on and off: real sockets on both sides, so the client's and
 * the server's own timeouts, pings and reconnects are what get tested.
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = { kind: 'forward' };
  const pipes = new Set<Pipe>();
  let accepted = 0;

  function end(pipe: Pipe): void {
    pipe.up.kill();
    pipe.down.kill();
    pipe.client.destroy();
    pipe.server.destroy();
    pipes.delete(pipe);
  }

  const server = createServer({ noDelay: true }, (client) => {
    accepted += 1;
    client.on('error', () => undefined);
    if (mode.kind === 'drop') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: target.host, port: target.port, noDelay: true });
    upstream.on('error', () => undefined);
    const pipe: Pipe = { client, server: upstream, up: new Lane(upstream), down: new Lane(client) };
    pipes.add(pipe);
    client.on('data', (data) => pipe.up.push(data, mode));
    upstream.on('data', (data) => pipe.down.push(data, mode));
    client.on('end', () => pipe.up.push('end', mode));
    upstream.on('end', () => pipe.down.push('end', mode));
    // A side that is gone for good takes the other with it, unless the
    // connection is half-open: then nothing, not even that, gets through.
    const closed = (other: Socket) => () => {
      if (pipe.up.dead) return;
      other.destroy();
      end(pipe);
    };
    client.on('close', closed(upstream));
    upstream.on('close', closed(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    setMode(next) {
      const was = mode;
      mode = next;
      if (next.kind === 'drop') {
        for (const pipe of [...pipes]) {
          pipe.client.resetAndDestroy();
          pipe.server.resetAndDestroy();
          end(pipe);
        }
        return;
      }
      for (const pipe of pipes) {
        if (next.kind === 'partition') {
          pipe.up.retime(Infinity);
          pipe.down.retime(Infinity);
        } else if (was.kind === 'partition') {
          pipe.up.retime(performance.now());
          pipe.down.retime(performance.now());
        }
      }
    },
    halfOpen() {
      for (const pipe of pipes) {
        pipe.up.kill();
        pipe.down.kill();
        // Whatever either side does later (FIN, close) is never seen by the other.
        pipe.client.removeAllListeners('close');
        pipe.server.removeAllListeners('close');
        pipe.client.on('close', () => pipes.delete(pipe));
      }
    },
    stats() {
      let heldBytes = 0;
      let open = 0;
      for (const pipe of pipes) {
        heldBytes += pipe.up.heldBytes + pipe.down.heldBytes;
        if (!pipe.client.destroyed || !pipe.server.destroyed) open += 1;
      }
      return { accepted, open, heldBytes };
    },
    async close() {
      for (const pipe of [...pipes]) end(pipe);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
