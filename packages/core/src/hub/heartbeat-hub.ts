import type { SessionAction, SessionHeartbeat, SourceStatus, StateChange } from '../protocol/types';

/**
 * What a hub's subscriber receives: heartbeats (one, or a batch emitted
 * together), or the removal of a session. Events arrive in emission order.
 */
export type HubEvent =
  | { type: 'heartbeats'; heartbeats: readonly SessionHeartbeat[] }
  | { type: 'removed'; sessionKey: string };

export type HubListener = (event: HubEvent) => void;

/**
 * Fleet: the gateways a hub hears when it aggregates several (the fleet
 * aggregator). A server adapter puts `list()` in every snapshot, serves it at
 * `GET /api/sources`, and sends a `sources` frame on every change.
 */
export interface SourceDirectory {
  /** Every source, sorted by id. */
  list(): SourceStatus[];
  /**
   * Listens to changes of status (live ⇄ unreachable, a new source); returns
   * the unsubscribe function. Heartbeats emitted before a change are
   * delivered to hub subscribers before it.
   */
  subscribe(listener: (sources: readonly SourceStatus[]) => void): () => void;
}

/**
 * The newest heartbeat of every session of one emitter run, and every
 * emission as it happens: what a server adapter, the OpenClaw broadcast or
 * an in-page source reads. `@session-heartbeat/emitter` implements it.
 */
export interface HeartbeatHub {
  /** Identifies this run: when it changes, `seq` numbering starts over. */
  readonly epoch: string;
  /** The periodic emission interval in ms. */
  readonly interval: number;
  /** The hub's clock, in epoch ms; servers stamp `serverTime` with it. */
  now(): number;
  /** The newest heartbeat of every listed session, crashed ones included. */
  snapshot(): SessionHeartbeat[];
  /** The newest heartbeat of one listed session. */
  heartbeat(sessionKey: string): SessionHeartbeat | undefined;
  /** Listens to every emission and removal; returns the unsubscribe function. */
  subscribe(listener: HubListener): () => void;
  /**
   * A listed session's changes from `since` (default: 60 minutes ago), oldest
   * first; `undefined` for an unknown key.
   */
  history(sessionKey: string, since?: number): StateChange[] | undefined;
  /** The actions the host supports (`GET /api/sessions/actions`). */
  readonly actions: readonly SessionAction[];
  /**
   * Asks the host to act on a session; false for an unknown key. It refuses
   * by throwing an error whose `code` says why: `action_not_supported` (not
   * in `actions`), `action_too_soon` (with `retryAfterMs`; the emitter's
   * `HeartbeatEmitterError`).
   */
  act(sessionKey: string, action: SessionAction): boolean;
  /** Fleet: the sources this hub aggregates; absent for a single emitter. */
  readonly sources?: SourceDirectory;
}
