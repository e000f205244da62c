import { QueryClient } from '@tanstack/query-core';
import {
  createClockOffset,
  DEFAULT_INTERVAL_MS,
  type ServerFrame,
  type ThresholdConfig,
} from '@session-heartbeat/core';
import { continueStatus, isConnectedStatus, type ConnectionStatus } from './connection-status';
import { createFrameScheduler } from './create-frame-scheduler';
import { createHeartbeatView } from './create-heartbeat-view';
import { createServerTicker } from './create-server-ticker';
import { createSessionTable } from './create-session-table';
import { createSessionRequests } from './create-session-requests';
import { createSourceTracker } from './create-source-tracker';
import { createTransportSource } from './create-transport-source';
import { createSnapshotSlicer } from './snapshot-slicer';
import { healthNow } from './session-entry';
import { createWakeTimer } from './create-wake-timer';
import { createBrowserEnvironment } from './environment';
import { createFrameInbox } from './frame-inbox';
import type { HeartbeatClient, HeartbeatClientOptions } from './heartbeat-client';
import {
  silenceLimitMs,
  usableInterval,
  type HeartbeatSink,
  type HeartbeatSource,
} from './heartbeat-source';
import {
  createHeartbeatStore,
  EMPTY_STATS,
  publishState,
  type HeartbeatStats,
} from './heartbeat-store';
import type { SessionAction } from './session-action';
import { DEFAULT_HISTORY_LIMITS } from './session-history';

export type { HeartbeatClient, HeartbeatClientOptions } from './heartbeat-client';

let sourceCount = 0;

function copyConfig(config: ThresholdConfig | undefined): ThresholdConfig | undefined {
  return config === undefined ? undefined : { ...config };
}

/**
 * Creates a client: nothing happens until `start()`.
 *
 * @example
 * const client = createHeartbeatClient({ baseUrl: 'http://127.0.0.1:4000', token });
 * client.start();
 * client.store.subscribe((state) => render(state.order.severity, state.sessions));
 */
export function createHeartbeatClient(options: HeartbeatClientOptions): HeartbeatClient {
  const baseUrls = options.baseUrls ?? (options.baseUrl === undefined ? [] : [options.baseUrl]);
  const baseUrl = baseUrls[0];
  if (options.source === undefined && baseUrl === undefined) {
    throw new TypeError('createHeartbeatClient needs a `baseUrl` or a `source`.');
  }
  const env = options.environment ?? createBrowserEnvironment();
  const ownsQueryClient = options.queryClient === undefined;
  const queryClient = options.queryClient ?? new QueryClient();
  const scope = baseUrl ?? `source-${(sourceCount += 1)}`;
  /** The network transport for a mode, shared with the other tabs of the origin when asked. */
  const networkSource = createTransportSource(options, baseUrls, queryClient);
  let transport = options.transport ?? 'auto';
  let source = options.source ?? networkSource(transport);
  /**
   * A copy of what was passed: a change is told by a new object (the table
   * re-evaluates every session then), so a config changed in place and
   * passed again still counts as new.
   */
  let thresholds = copyConfig(options.thresholds);
  const clock = createClockOffset();
  const serverNow = (): number => clock.serverNow(env.now());
  const ticker = createServerTicker(serverNow, env);
  const inbox = createFrameInbox();
  const slicer = createSnapshotSlicer(options.snapshotSlices);
  const historyWindowMs = options.history?.windowMs ?? DEFAULT_HISTORY_LIMITS.windowMs;
  const fleet = createSourceTracker();
  const table = createSessionTable({
    windowMs: historyWindowMs,
    maxEntries: options.history?.maxEntries ?? DEFAULT_HISTORY_LIMITS.maxEntries,
  });
  let status: ConnectionStatus = { kind: 'stopped', since: serverNow() };
  let pendingStatus: ConnectionStatus | undefined;
  let epoch: string | undefined;
  let interval = DEFAULT_INTERVAL_MS;
  let hasSnapshot = false;
  let lastUpdateAt: number | undefined;
  /** Local time the last frame arrived: the ear's own heartbeat. */
  let lastFrameAt: number | undefined;
  let resyncRequested = false;
  /** What the server lets a person do to a session: asked once per connection to a run. */
  let supportedActions: readonly SessionAction[] = [];
  let actionsAsked = false;
  /** Set after a silence: the next `serverTime` starts the clock estimate afresh. */
  let clockStale = false;
  const stats: HeartbeatStats = { ...EMPTY_STATS };
  let statsChanged = false;
  let running = false;
  /** `start()` calls not yet matched by a `stop()`: the connection lives while any remains. */
  let starts = 0;
  let generation = 0;
  let disconnect: (() => void) | undefined;
  let unsubscribePage: (() => void)[] = [];
  const frames = createFrameScheduler(env, flush);
  // One timer for the next health change of any session, and for the silence
  // limit. A late wake-up (a throttled or sleeping page) lands in `flush`
  // too, which checks the silence limit before any verdict.
  const wakeTimer = createWakeTimer(env, flush);
  const store = createHeartbeatStore({ ...table.view(), status, listening: false, thresholds });
  const view = createHeartbeatView(store, () => env.isHidden());

  function hearing(localNow: number): boolean {
    return (
      running &&
      isConnectedStatus(status) &&
      lastFrameAt !== undefined &&
      localNow - lastFrameAt <= silenceLimitMs(interval)
    );
  }

  function receive(frame: ServerFrame, receivedAt: number, sentAt?: number): void {
    stats.framesReceived += 1;
    statsChanged = true;
    const newRun =
      frame.type === 'snapshot' && inbox.epoch !== undefined && frame.epoch !== inbox.epoch;
    // The local clock went back, or leapt further than a live server can be
    // silent: it was stepped (NTP, a sleep), even if no timer noticed a gap.
    const localClockJumped =
      lastFrameAt !== undefined &&
      (receivedAt < lastFrameAt || receivedAt - lastFrameAt > silenceLimitMs(interval));
    // A frame that looks later than 2 × interval on a connection we hear
    // cannot be late (the socket would have been dropped as silent): the
    // server's clock was stepped back. Kept, the old estimate would run ahead
    // of every new heartbeat and call live sessions unresponsive.
    const serverClockSteppedBack =
      clock.sampleCount > 0 &&
      frame.serverTime - receivedAt < clock.offsetMs - silenceLimitMs(interval);
    // A new server run may have another clock; after a gap or a step of
    // either clock, old samples mislead: start the estimate afresh.
    if (newRun || clockStale || localClockJumped || serverClockSteppedBack) clock.reset();
    clockStale = false;
    clock.addSample({
      serverTime: frame.serverTime,
      receivedAt,
      ...(sentAt === undefined ? {} : { sentAt }),
    });
    lastFrameAt = receivedAt;
    resyncRequested = false;
    stats.heartbeatsIgnored += inbox.accept(frame, clock.serverNow(receivedAt));
    if (frame.type === 'snapshot') frames.requestFrame();
    else frames.request();
  }

  /** When the next health change or the silence limit is due, in local time. */
  function nextWakeAt(localNow: number, now: number, listening: boolean): number {
    const nextChangeAt = table.nextChangeAt();
    let at = Number.isFinite(nextChangeAt) ? localNow + Math.max(0, nextChangeAt - now) : Infinity;
    if (listening && lastFrameAt !== undefined) {
      at = Math.min(at, lastFrameAt + silenceLimitMs(interval) + 1);
    }
    return at;
  }

  function flush(): void {
    frames.cancel();
    const localNow = env.now();
    const now = clock.serverNow(localNow);
    const taken = inbox.take();
    if (pendingStatus !== undefined) {
      status = continueStatus(status, pendingStatus);
      pendingStatus = undefined;
    }
    if (taken?.resync !== undefined) {
      if (epoch !== undefined && taken.resync.epoch !== epoch) actionsAsked = false; // a new run
      epoch = taken.resync.epoch;
      interval = usableInterval(taken.resync.interval);
    }
    if (taken?.heardAt !== undefined) lastUpdateAt = taken.heardAt;
    if (taken?.sources !== undefined) fleet.apply(taken.sources);
    const listening = hearing(localNow);
    if (listening) askActions();
    const context = {
      serverNow: now,
      listening,
      thresholds,
      heardAt: lastUpdateAt,
      unreachableSources: fleet.unreachable,
    };
    const batch = slicer.next(
      taken,
      table.view().sessions.size === 0,
      (heartbeat) => healthNow(heartbeat, context),
      env.isHidden(),
    );
    // A snapshot counts as applied once its last slice is in.
    if (taken?.resync !== undefined || batch !== taken) hasSnapshot = slicer.progress === undefined;
    const updateStartedAt = env.now();
    table.update({ batch, ...context });
    if (batch !== taken) slicer.measured(batch?.upserts.size ?? 0, env.now() - updateStartedAt);
    const previous = store.getState();
    publishState(store, {
      ...table.view(),
      status,
      listening,
      epoch,
      interval,
      hasSnapshot,
      snapshotProgress: slicer.progress,
      lastUpdateAt,
      supportedActions,
      thresholds,
      sources: fleet.sources,
      stats: statsChanged ? { ...stats } : previous.stats,
    });
    statsChanged = false;
    // Nothing heard for 2 × interval while the source claims a connection: a
    // sleep, a frozen page or a dead socket. Verdicts are `unknown` until a
    // fresh snapshot says otherwise.
    const silent = lastFrameAt !== undefined && localNow - lastFrameAt > silenceLimitMs(interval);
    if (running && isConnectedStatus(status) && silent && !resyncRequested) {
      resyncRequested = true;
      clockStale = true;
      source.resync?.();
    }
    wakeTimer.wakeAt(nextWakeAt(localNow, now, listening), localNow);
    if (slicer.progress !== undefined) frames.requestFrame(); // the next slice, after this one is painted
  }

  /** Asks the source which actions the server supports, once it is heard. */
  function askActions(): void {
    const asked = source;
    if (actionsAsked || asked.actions === undefined) return;
    actionsAsked = true;
    asked.actions().then(
      (actions) => {
        if (asked !== source) return;
        supportedActions = actions;
        frames.request();
      },
      () => {
        // Asked again the next time the client hears the server.
        if (asked === source) actionsAsked = false;
      },
    );
  }

  function connect(): void {
    const current = (generation += 1);
    const active = (): boolean => running && current === generation;
    const sink: HeartbeatSink = {
      frame(frame, receivedAt, sentAt) {
        if (active()) receive(frame, receivedAt, sentAt);
      },
      status(next) {
        if (!active()) return;
        pendingStatus = next;
        frames.request();
      },
      problem(problem) {
        if (!active()) return;
        if (problem.dropped === 'frame') stats.framesDropped += 1;
        else stats.heartbeatsDropped += 1;
        statsChanged = true;
        options.onProblem?.(problem);
        frames.request();
      },
    };
    disconnect = source.connect(sink, { environment: env, serverNow });
  }

  function replaceSource(next: HeartbeatSource): void {
    disconnect?.();
    disconnect = undefined;
    source = next;
    if (running) connect();
  }

  function networkOnly(what: string): void {
    if (options.source !== undefined) {
      throw new Error(`${what} needs a client created with a baseUrl, not a custom source.`);
    }
  }

  const requests = createSessionRequests({
    queryClient,
    scope,
    source: () => source,
    receive(frame, receivedAt, sentAt) {
      if (running) receive(frame, receivedAt, sentAt);
    },
    localNow: () => env.now(),
    serverNow,
    historyWindowMs,
    prependHistory: (sessionKey, older, now) => table.prependHistory(sessionKey, older, now),
    requestFlush: () => frames.request(),
  });

  return {
    store,
    view,
    queryClient,
    ticker,
    start() {
      starts += 1;
      if (starts > 1) return;
      running = true;
      // Refetch on focus and on reconnect need a mounted QueryClient; a given one is the host's to mount.
      if (ownsQueryClient) queryClient.mount();
      unsubscribePage = [
        env.onVisibilityChange(() => {
          frames.visibilityChanged();
          ticker.visibilityChanged();
          if (!env.isHidden()) flush(); // back in view: re-evaluate at once
          view.visibilityChanged(); // and render what changed while hidden, once
        }),
        env.onResume(flush),
      ];
      connect();
    },
    stop() {
      if (starts === 0) return;
      starts -= 1;
      if (starts > 0) return;
      running = false;
      if (ownsQueryClient) queryClient.unmount();
      disconnect?.();
      disconnect = undefined;
      for (const unsubscribe of unsubscribePage) unsubscribe();
      unsubscribePage = [];
      pendingStatus = { kind: 'stopped', since: serverNow() };
      flush();
      wakeTimer.cancel();
    },
    serverNow,
    setThresholds(next) {
      thresholds = copyConfig(next);
      flush();
    },
    setTransport(next) {
      networkOnly('setTransport');
      if (next === transport) return;
      transport = next;
      replaceSource(networkSource(next));
    },
    reconnect() {
      if (running) source.resync?.();
    },
    flush,
    ...requests,
  };
}
