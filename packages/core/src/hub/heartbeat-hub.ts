import type { SessionHeartbeat, SourceStatus } from '../protocol/types';

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
   * Asks the host to restart a session; false for an unknown key. It may
   * refuse one asked too soon after the last by throwing (the emitter's
   * `restart_too_soon`).
   */
  restart(sessionKey: string): boolean;
  /** Fleet: the sources this hub aggregates; absent for a single emitter. */
  readonly sources?: SourceDirectory;
}
