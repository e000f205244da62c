import { CloseCode, type SessionHeartbeat } from '@session-heartbeat/core';
import { decodeClientFrame } from '@session-heartbeat/core/server';
import type { RawData, WebSocket } from 'ws';
import type { ResolvedServerOptions } from './resolve-server-options';
import type { TokenCheck } from './create-token-check';

export type SocketConnectionStatus = 'awaiting_hello' | 'open' | 'closing' | 'closed';

/** What a connection needs from the server that owns it. */
export interface SocketConnectionHost {
  readonly options: ResolvedServerOptions;
  readonly tokenCheck: TokenCheck;
  /** The hello was valid: send the snapshot and start the stream. */
  onAuthorized(client: SocketConnection): void;
  onClosed(client: SocketConnection, code: number): void;
}

/** What a client's bookkeeping looks like from outside (tests, benches, metrics). */
export interface SocketConnectionStats {
  id: number;
  status: SocketConnectionStatus;
  bufferedAmount: number;
  pendingHeartbeats: number;
  pendingRemovals: number;
  /** How long it has been over its buffer bound, or undefined if it is keeping up. */
  backloggedForMs: number | undefined;
}

const MAX_CLOSE_REASON_BYTES = 123;

function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1);
  return reason;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One WebSocket connection: its hello handshake, its frames, and its bounded
 * backlog. While the socket's send buffer is over `maxBufferedBytes` nothing
 * more is written; only the newest heartbeat per session (and removals) is
 * kept, so a client that stops reading costs at most one entry per session,
 * and is closed with 1013 when it stays stuck or the backlog passes its bound.
 */
export class SocketConnection {
  readonly id: number;
  readonly ws: WebSocket;
  /** When something was last written to this client (performance.now ms). */
  lastSentAt = performance.now();
  /** A WebSocket-level ping is out and unanswered. */
  pongPending = false;
  #host: SocketConnectionHost;
  #status: SocketConnectionStatus = 'awaiting_hello';
  #backlog = new Map<string, SessionHeartbeat>();
  /** Fleet: the newest `sources` frame, held while backlogged. */
  #heldSources: (() => Buffer) | undefined;
  #removals = new Set<string>();
  #backloggedSince: number | undefined;
  #helloTimer: NodeJS.Timeout | undefined;
  #terminateTimer: NodeJS.Timeout | undefined;
  /** Told once the snapshot was written out (or the connection ended first). */
  #snapshotWritten: (() => void) | undefined;

  constructor(id: number, ws: WebSocket, host: SocketConnectionHost) {
    this.id = id;
    this.ws = ws;
    this.#host = host;
    const { helloTimeoutMs } = host.options;
    this.#helloTimer = setTimeout(() => {
      this.close(CloseCode.Unauthorized, `no valid hello within ${helloTimeoutMs} ms`);
    }, helloTimeoutMs);
    ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
    ws.on('pong', () => {
      this.pongPending = false;
    });
    // ws reports oversize frames (it closes them 1009 itself) and socket
    // errors here; without a listener they would crash the process.
    ws.on('error', (error) => {
      host.options.logger.info?.(`client #${id}: ${error.message}`);
    });
    ws.on('close', (code) => {
      this.#status = 'closed';
      clearTimeout(this.#helloTimer);
      clearTimeout(this.#terminateTimer);
      this.#dropBacklog();
      this.#snapshotWritten?.();
      this.#snapshotWritten = undefined;
      host.onClosed(this, code);
    });
  }

  get status(): SocketConnectionStatus {
    return this.#status;
  }

  /** Whether frames for this client are being held back. */
  get isBacklogged(): boolean {
    return this.#backloggedSince !== undefined;
  }

  stats(): SocketConnectionStats {
    return {
      id: this.id,
      status: this.#status,
      bufferedAmount: this.ws.bufferedAmount,
      pendingHeartbeats: this.#backlog.size,
      pendingRemovals: this.#removals.size,
      backloggedForMs:
        this.#backloggedSince === undefined ? undefined : performance.now() - this.#backloggedSince,
    };
  }

  /** Writes now, whatever the buffer: the snapshot and backlog flushes. */
  write(bytes: Buffer): void {
    if (this.#status !== 'open') return;
    this.ws.send(bytes, { binary: false });
    this.lastSentAt = performance.now();
  }

  /**
   * The snapshot, as one message in fragments (some of them shared with
   * other clients); `written` is called once they left for the network, or
   * the connection ended first.
   */
  writeSnapshot(fragments: readonly Buffer[], written: () => void): void {
    if (this.#status !== 'open') {
      written();
      return;
    }
    this.#snapshotWritten = written;
    const last = fragments.length - 1;
    fragments.forEach((fragment, index) => {
      const fin = index === last;
      this.ws.send(fragment, { binary: false, fin }, fin ? () => this.#snapshotDone() : undefined);
    });
    this.lastSentAt = performance.now();
  }

  #snapshotDone(): void {
    this.#snapshotWritten?.();
    this.#snapshotWritten = undefined;
  }

  /** A shared heartbeats frame: written if the client keeps up, else folded into its backlog. */
  offerHeartbeats(heartbeats: readonly SessionHeartbeat[], encode: () => Buffer): void {
    if (this.#status !== 'open') return;
    if (!this.#mustHoldBack()) {
      this.write(encode());
      return;
    }
    for (const heartbeat of heartbeats) {
      const held = this.#backlog.get(heartbeat.sessionKey);
      // A superseded heartbeat is dropped: the newest one says all it said.
      if (!held || held.seq < heartbeat.seq) this.#backlog.set(heartbeat.sessionKey, heartbeat);
    }
    this.#enforceBound();
  }

  /**
   * Fleet: a `sources` frame. A backlogged client gets the newest one after
   * its held heartbeats, when it drained.
   */
  offerSources(encode: () => Buffer): void {
    if (this.#status !== 'open') return;
    if (!this.#mustHoldBack()) {
      this.write(encode());
      return;
    }
    this.#heldSources = encode;
  }

  offerRemoval(sessionKey: string, encode: () => Buffer): void {
    if (this.#status !== 'open') return;
    if (!this.#mustHoldBack()) {
      this.write(encode());
      return;
    }
    // Removals are flushed before heartbeats, so a heartbeat still held for
    // this key belongs to the old session and must go.
    this.#backlog.delete(sessionKey);
    this.#removals.add(sessionKey);
    this.#enforceBound();
  }

  /**
   * Called while backlogged: flushes the backlog once the socket drained,
   * or gives up on a client that stayed stuck for `maxBackpressureMs`.
   */
  checkBacklog(serverTime: number): void {
    if (this.#status !== 'open' || this.#backloggedSince === undefined) return;
    const { maxBufferedBytes, maxBackpressureMs } = this.#host.options;
    if (this.ws.bufferedAmount <= maxBufferedBytes) {
      this.#flushBacklog(serverTime);
      return;
    }
    const stuckForMs = performance.now() - this.#backloggedSince;
    if (stuckForMs > maxBackpressureMs) {
      this.close(
        CloseCode.TryAgainLater,
        `client too slow: stuck for ${Math.round(stuckForMs)} ms`,
      );
    }
  }

  /** Starts a close with `code`; a client that does not answer is terminated after `closeGraceMs`. */
  close(code: number, reason: string): void {
    if (this.#status === 'closing' || this.#status === 'closed') return;
    const wasOpen = this.#status === 'open';
    this.#status = 'closing';
    clearTimeout(this.#helloTimer);
    this.#dropBacklog();
    if (code !== CloseCode.GoingAway || !wasOpen) {
      this.#host.options.logger.warn?.(`client #${this.id} closed ${code}: ${reason}`);
    }
    this.ws.close(code, closeReason(reason));
    this.#terminateTimer = setTimeout(() => this.ws.terminate(), this.#host.options.closeGraceMs);
    this.#terminateTimer.unref();
  }

  #mustHoldBack(): boolean {
    if (this.#backloggedSince !== undefined) return true;
    if (this.ws.bufferedAmount <= this.#host.options.maxBufferedBytes) return false;
    this.#backloggedSince = performance.now();
    return true;
  }

  #enforceBound(): void {
    const pending = this.#backlog.size + this.#removals.size;
    const bound = this.#host.options.maxPendingHeartbeats;
    if (pending > bound) {
      this.close(CloseCode.TryAgainLater, `client too slow: over ${bound} pending heartbeats`);
    }
  }

  #flushBacklog(serverTime: number): void {
    const removals = [...this.#removals];
    const heartbeats = [...this.#backlog.values()];
    const sources = this.#heldSources;
    this.#dropBacklog();
    for (const sessionKey of removals) {
      this.write(Buffer.from(JSON.stringify({ type: 'removed', serverTime, sessionKey })));
    }
    if (heartbeats.length > 0) {
      this.write(Buffer.from(JSON.stringify({ type: 'heartbeats', serverTime, heartbeats })));
    }
    if (sources !== undefined) this.write(sources());
  }

  #dropBacklog(): void {
    this.#backlog = new Map();
    this.#removals = new Set();
    this.#heldSources = undefined;
    this.#backloggedSince = undefined;
  }

  #receive(data: RawData, isBinary: boolean): void {
    if (this.#status === 'closing' || this.#status === 'closed') return;
    if (isBinary) {
      this.close(CloseCode.InvalidPayload, 'frames must be JSON text, not binary');
      return;
    }
    const bytes = toBuffer(data);
    const decoded = decodeClientFrame(bytes.toString('utf8'), bytes.byteLength);
    if (!decoded.ok) {
      this.close(decoded.closeCode, decoded.reason);
      return;
    }
    if (this.#status === 'open') {
      this.close(CloseCode.PolicyViolation, 'hello was already received');
      return;
    }
    if (!this.#host.tokenCheck.matches(decoded.frame.token)) {
      this.close(CloseCode.Unauthorized, 'unauthorized: wrong or missing token');
      return;
    }
    clearTimeout(this.#helloTimer);
    this.#status = 'open';
    this.#host.onAuthorized(this);
  }
}
