import type { MutationOptions, QueryClient } from '@tanstack/query-core';
import type { ReceivedHeartbeat, ThresholdConfig } from '@session-heartbeat/core';
import type { NetworkSourceOptions, TransportMode } from './create-network-source';
import type { HeartbeatView } from './create-heartbeat-view';
import type { ServerTicker } from './create-server-ticker';
import type { TransportWorker } from './create-worker-source';
import type { HeartbeatEnvironment } from './environment';
import type { HeartbeatSource, SourceProblem } from './heartbeat-source';
import type { HeartbeatStore } from './heartbeat-store';
import type { SessionAction, SessionActionVariables } from './session-action';
import type { HistoryLimits } from './session-history';
import type { SharedConnectionOptions } from './shared-connection';
import type { SnapshotSliceOptions } from './snapshot-slicer';

export interface HeartbeatClientOptions extends Partial<Omit<NetworkSourceOptions, 'queryClient'>> {
  /**
   * Where heartbeats come from instead of `baseUrl`: an in-page emitter hub
   * (`createEmitterSource`), a host's own socket. One of the two is required.
   */
  source?: HeartbeatSource | undefined;
  /**
   * Fleet: several servers serving the same sessions (aggregators), instead
   * of one `baseUrl`. The client uses the first and moves to the next when
   * its server is gone, resyncing from that one's snapshot.
   */
  baseUrls?: readonly string[] | undefined;
  /** Stall and silence limits, with overrides. @default DEFAULT_THRESHOLDS */
  thresholds?: ThresholdConfig | undefined;
  /** The `QueryClient` for HTTP (polling, single fetches, restarts). @default a new one */
  queryClient?: QueryClient | undefined;
  /** The page: clock, timers, frames, visibility, network. @default createBrowserEnvironment() */
  environment?: HeartbeatEnvironment | undefined;
  /** How much state history to keep per session. @default { windowMs: 600000, maxEntries: 50 } */
  history?: HistoryLimits | undefined;
  /**
   * One connection for every tab of the origin (a `baseUrl` client): the
   * tabs elect a leader with a Web Lock, which alone connects and passes
   * what it hears to the others over a BroadcastChannel; when it closes,
   * another tab takes over and resyncs, without a false alarm. `true` shares
   * where the browser has both APIs and connects alone where it has not; an
   * object gives them (tests).
   * @default true in a browser with Web Locks and BroadcastChannel, unless the
   * client is given its own `environment`, `WebSocket` or `fetch`; false otherwise
   */
  shareConnection?: boolean | SharedConnectionOptions | undefined;
  /**
   * Hears the server from a dedicated Worker (a `baseUrl` client): see
   * `transportWorker`, which makes this option.
   * @default undefined: in the page
   */
  worker?: TransportWorker | undefined;
  /** Called for every frame or heartbeat that failed validation and was dropped. */
  onProblem?: ((problem: SourceProblem) => void) | undefined;
  /**
   * How a big first snapshot is applied over several frames, most severe
   * first (see `HeartbeatState.snapshotProgress`). @default { sliceAbove: 2000, firstSlice: 300, budgetMs: 8 }
   */
  snapshotSlices?: SnapshotSliceOptions | undefined;
}

/**
 * A live view of the sessions of one server. Framework-agnostic: a store to
 * select from (`client.store`), a few commands, and nothing global.
 */
export interface HeartbeatClient {
  /** The zustand store; one per client. Every change is told to its subscribers at once. */
  readonly store: HeartbeatStore;
  /**
   * The store as a page shows it, for rendering (the React hooks read it):
   * changes made while the page is hidden are told once, when it is shown
   * again, so a tab in the background renders nothing. Subscribe to `store`
   * for what must not wait (a page title, notifications).
   */
  readonly view: HeartbeatView;
  readonly queryClient: QueryClient;
  /**
   * Connects on the first call. Calls are counted, like TanStack Query's
   * `mount()`: every holder (a provider, an element, the host) calls
   * `start()` once and `stop()` once, and the connection lives while any
   * holder remains.
   */
  start(): void;
  /**
   * Lets go of one `start()`; the last one disconnects, and sessions turn
   * `unknown`. A `stop()` with no `start()` left does nothing. `start()`
   * again resumes.
   */
  stop(): void;
  /** Now on the server's clock, as estimated from every `serverTime` heard. */
  serverNow(): number;
  /** Replaces the thresholds and re-evaluates every session. */
  setThresholds(thresholds: ThresholdConfig | undefined): void;
  /** Switches transport (a `baseUrl` client only); the data stays while it reconnects. */
  setTransport(transport: TransportMode): void;
  /** Reconnects now and resyncs (also after `unauthorized`). */
  reconnect(): void;
  /** Applies what was received now instead of in the next flush (at most one a frame). */
  flush(): void;
  /** Fetches one session's heartbeat and applies it (if newer than the one held). */
  fetchSession(sessionKey: string): Promise<ReceivedHeartbeat>;
  /**
   * Loads one session's history from the server (v1.1, `GET …/history`) into
   * its timeline, so it covers the time before the client listened; once per
   * session. A source without history, or a v1 server, adds nothing.
   */
  loadHistory(sessionKey: string): Promise<void>;
  /** One ticking clock (server time) for every elapsed-time text; see `ServerTicker`. */
  readonly ticker: ServerTicker;
  /**
   * Asks the server to act on a session (restart it), as a mutation in the
   * client's `QueryClient` keyed by session and action; rejects with the
   * server's error (`HeartbeatHttpError`).
   */
  runAction(
    sessionKey: string,
    action: SessionAction,
    variables?: SessionActionVariables,
  ): Promise<void>;
  /**
   * The mutation options `runAction` uses: their `mutationKey` is what
   * `useMutationState` filters on to read where an action stands.
   */
  actionMutationOptions(
    sessionKey: string,
    action: SessionAction,
  ): MutationOptions<void, Error, SessionActionVariables>;
}
