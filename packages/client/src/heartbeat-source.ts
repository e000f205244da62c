import type {
  HistoryBody,
  ServerFrame,
  SessionAction,
  SessionHeartbeatBody,
} from '@session-heartbeat/core';
import type { ConnectionStatus } from './connection-status';
import type { HeartbeatEnvironment } from './environment';

/** A frame, or one heartbeat of a frame, that failed validation and was dropped. */
export interface SourceProblem {
  dropped: 'frame' | 'heartbeat';
  reason: string;
}

/** Where a source delivers what it hears. */
export interface HeartbeatSink {
  /**
   * One frame of the contract, already validated. `receivedAt` is the local
   * time it arrived (`environment.now()`); `sentAt`, the local time the
   * request left, when the source knows it (HTTP): both feed the clock.
   * A batch body is delivered as a `snapshot` frame.
   */
  frame(frame: ServerFrame, receivedAt: number, sentAt?: number): void;
  /** The connection changed. Times are on the server's clock (`context.serverNow()`). */
  status(status: ConnectionStatus): void;
  /** Something was dropped (a frame that failed validation, a bad heartbeat in a frame). */
  problem(problem: SourceProblem): void;
}

/** What the client lends a source while it is connected. */
export interface HeartbeatSourceContext {
  environment: HeartbeatEnvironment;
  /** The server's clock now, as the client estimates it. */
  serverNow(): number;
}

/**
 * Anything that hears heartbeats: the built-in WebSocket + polling transport
 * (`createNetworkSource`), an in-page emitter hub (`createEmitterSource`), a
 * host's own socket. A source reports frames of the contract and its
 * connection status; the client does everything else (ordering, resync,
 * clock, health, coalescing).
 *
 * While it reports `live` or `polling`, a source delivers a frame at least
 * every `interval` ms (a `ping` when nothing else happened), as the
 * contract's server does: the client treats 2 × interval without one as not
 * hearing the server.
 */
export interface HeartbeatSource {
  /** Starts listening; returns a function that stops and releases everything. */
  connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void;
  /**
   * Drop what may be stale and deliver a fresh snapshot as soon as possible
   * (after a sleep, or a silence the page could not listen through).
   */
  resync?(): void;
  /**
   * Fetches one session's current heartbeat, as `GET /api/sessions/:key/heartbeat`
   * answers it. The client times the call for its clock.
   */
  fetchSession?(sessionKey: string, signal?: AbortSignal): Promise<SessionHeartbeatBody>;
  /**
   * One session's changes from `since` (server clock), oldest first, as
   * `GET /api/sessions/:key/history` answers them (v1.1): the time before the
   * client listened. A source without it has no history but what it hears.
   */
  history?(sessionKey: string, since: number, signal?: AbortSignal): Promise<HistoryBody>;
  /**
   * Asks the emitter's host to act on a session (nudge, abort, restart);
   * rejects with the server's error (an action it does not support, too
   * soon after the last one).
   */
  act?(sessionKey: string, action: SessionAction): Promise<void>;
  /**
   * The actions the host supports, for a view to offer only those. A source
   * without it offers none; a server of the v1 contract offers `restart`.
   */
  actions?(signal?: AbortSignal): Promise<readonly SessionAction[]>;
}

/**
 * The emission interval to time things by: the server's, within sane bounds,
 * so that a wrong (or hostile) `interval` cannot make the client poll in a
 * tight loop or never notice a silence.
 */
export function usableInterval(interval: number): number {
  return Math.min(Math.max(interval, 100), 600_000);
}

/** How long a connection may stay silent before it counts as dead: 2 × the interval. */
export function silenceLimitMs(interval: number): number {
  return 2 * interval;
}
