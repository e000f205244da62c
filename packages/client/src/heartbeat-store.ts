import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_INTERVAL_MS,
  type SourceStatus,
  type ThresholdConfig,
} from '@session-heartbeat/core';
import type { ConnectionStatus } from './connection-status';
import type { SessionAction } from './session-action';
import type { SessionTableView } from './create-session-table';
import type { SnapshotProgress } from './snapshot-slicer';

/** What the client dropped or ignored so far: for a debug panel or an alert. */
export interface HeartbeatStats {
  /** Valid frames heard (snapshots, heartbeats, removed, pings; a batch body counts as one). */
  framesReceived: number;
  /** Frames that failed validation and were dropped whole. */
  framesDropped: number;
  /** Heartbeats that failed validation and were dropped from an otherwise good frame. */
  heartbeatsDropped: number;
  /** Heartbeats ignored as duplicates or out of order (`seq` not above the last seen). */
  heartbeatsIgnored: number;
}

export const EMPTY_STATS: Readonly<HeartbeatStats> = Object.freeze({
  framesReceived: 0,
  framesDropped: 0,
  heartbeatsDropped: 0,
  heartbeatsIgnored: 0,
});

/**
 * Everything a view reads, in one zustand store per client. Times are on the
 * server's clock. Every field keeps its reference until its content changes:
 * select the narrowest slice (`state.sessions.get(key)`, `state.order.severity`).
 */
export interface HeartbeatState extends SessionTableView {
  status: ConnectionStatus;
  /**
   * Whether the client hears the server now: `status` is `live` or `polling`
   * and a frame arrived within 2 × interval. While `false`, every session is
   * `unknown`.
   */
  listening: boolean;
  /** The emitter run the data belongs to (from the last snapshot). */
  epoch: string | undefined;
  /** The server's periodic emission interval, in ms. @default 5000 */
  interval: number;
  /**
   * Whether a snapshot has been applied in full (before that, show a loading
   * state; what a view compares with the last state, such as "newly stalled",
   * starts from here).
   */
  hasSnapshot: boolean;
  /**
   * Set while a big first snapshot is applied over several frames (most
   * severe first): the sessions in the store so far are right, but the
   * counts and the list are not complete yet.
   */
  snapshotProgress: SnapshotProgress | undefined;
  /** `serverTime` of the last frame heard (pings included). */
  lastUpdateAt: number | undefined;
  /**
   * What the server lets a person do to a session (`nudge`, `abort`,
   * `restart`), in ladder order; empty until the source said (views offer
   * only these).
   */
  supportedActions: readonly SessionAction[];
  thresholds: ThresholdConfig | undefined;
  /**
   * Fleet: the gateways an aggregator hears, sorted by id (empty from a
   * single gateway). The sessions of an `unreachable` one are `unknown`
   * (`source_unreachable`): show one notice per source, not an alarm per session.
   */
  sources: readonly SourceStatus[];
  stats: HeartbeatStats;
}

/** The store as views see it: read and subscribe; only the client writes. */
export type HeartbeatStore = Pick<
  StoreApi<HeartbeatState>,
  'getState' | 'getInitialState' | 'subscribe'
>;

export function createHeartbeatStore(
  initial: Omit<
    HeartbeatState,
    | 'interval'
    | 'epoch'
    | 'hasSnapshot'
    | 'snapshotProgress'
    | 'lastUpdateAt'
    | 'stats'
    | 'supportedActions'
    | 'sources'
  >,
): StoreApi<HeartbeatState> {
  return createStore<HeartbeatState>()(() => ({
    ...initial,
    sources: [],
    epoch: undefined,
    interval: DEFAULT_INTERVAL_MS,
    hasSnapshot: false,
    snapshotProgress: undefined,
    lastUpdateAt: undefined,
    supportedActions: [],
    stats: EMPTY_STATS,
  }));
}

/** Replaces the state only if a field changed, so idle flushes notify nobody. */
export function publishState(store: StoreApi<HeartbeatState>, next: HeartbeatState): void {
  const current = store.getState();
  for (const key of Object.keys(next) as (keyof HeartbeatState)[]) {
    if (!Object.is(current[key], next[key])) {
      store.setState(next, true);
      return;
    }
  }
}
