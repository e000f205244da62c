import { QueryObserver, type QueryClient, type QueryObserverResult } from '@tanstack/query-core';
import {
  type BatchHeartbeatsBody,
  CloseCode,
  DEFAULT_INTERVAL_MS,
  Routes,
  type SnapshotFrame,
  resolveRoute,
} from '@session-heartbeat/core';
import { computeBackoff, resolveBackoff, type BackoffOptions } from './compute-backoff';
import { continueStatus, sameStatus, type ConnectionStatus } from './connection-status';
import type { TimerHandle } from './environment';
import {
  silenceLimitMs,
  usableInterval,
  type HeartbeatSink,
  type HeartbeatSource,
  type HeartbeatSourceContext,
} from './heartbeat-source';
import {
  fetchBatch,
  fetchSessionHeartbeat,
  isUnauthorized,
  fetchActions,
  fetchHistory,
  postAction,
  type HeartbeatHttp,
  type Timed,
} from './heartbeat-http';
import { heartbeatQueryKeys } from './heartbeat-query-keys';
import { openHeartbeatSocket, type WebSocketConstructor } from './open-heartbeat-socket';

/** How the client reaches the server: push with a polling fallback, or one of them only. */
export type TransportMode = 'auto' | 'websocket' | 'polling';

export interface NetworkSourceOptions {
  /**
   * The server, e.g. `http://127.0.0.1:4000`. A path is the API's prefix:
   * `https://gw.example/heartbeat/` is asked `…/heartbeat/api/sessions/heartbeat`.
   */
  baseUrl: string;
  /** The `QueryClient` that polls the batch endpoint (the client passes its own). */
  queryClient: QueryClient;
  /** Sent in the hello frame and as `Authorization: Bearer`, never in a URL. */
  token?: string | undefined;
  /**
   * `auto`: WebSocket first, polling while it cannot be opened, back to push
   * when it can. `websocket` or `polling`: that one only. Without a
   * WebSocket implementation (none given, none global), polling.
   * @default 'auto'
   */
  transport?: TransportMode | undefined;
  /** The WebSocket implementation (`ws` in Node). @default globalThis.WebSocket */
  WebSocket?: WebSocketConstructor | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch | undefined;
  /** Reconnect delays. @default { initialMs: 500, maxMs: 5000, jitter: 0.5 } */
  backoff?: BackoffOptions | undefined;
  /**
   * In `auto`, this many consecutive WebSocket failures start polling (push
   * attempts go on).
   * @default 2
   */
  fallbackAfterFailures?: number | undefined;
  /**
   * While polling works and push does not, push is retried with a backoff
   * from `backoff.maxMs` up to this delay.
   * @default 30000
   */
  upgradeIntervalMs?: number | undefined;
}

type BatchData = Timed<BatchHeartbeatsBody>;

function socketUrl(baseUrl: string): string {
  const url = resolveRoute(baseUrl, Routes.socket);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/**
 * The contract's own transport: WebSocket first (hello with the token;
 * reconnect forever with exponential backoff and jitter; never after `4401`),
 * falling back automatically to polling the batch endpoint (a TanStack
 * `QueryObserver` with `refetchInterval`) while push cannot be opened, and
 * back to push when it can. HTTP `401` is `unauthorized` too.
 *
 * In Node, TanStack Query treats the runtime as a server and runs no refetch
 * interval: call `environmentManager.setIsServer(() => false)` there to poll.
 */
export function createNetworkSource(options: NetworkSourceOptions): HeartbeatSource {
  const mode = options.transport ?? 'auto';
  const http: HeartbeatHttp = {
    baseUrl: options.baseUrl,
    token: options.token,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
  const backoff = resolveBackoff(options.backoff);
  const upgradeBackoff = {
    ...backoff,
    initialMs: backoff.maxMs,
    maxMs: options.upgradeIntervalMs ?? 30_000,
  };
  const fallbackAfter = options.fallbackAfterFailures ?? 2;
  let active: { resync(): void } | undefined;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    const { queryClient } = options;
    const WebSocketImpl =
      options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    const transport = mode === 'polling' || WebSocketImpl === undefined ? 'polling' : 'websocket';
    let stopped = false;
    let status: ConnectionStatus = { kind: 'stopped', since: serverNow() };
    let interval = DEFAULT_INTERVAL_MS;
    let socket: { close(): void } | undefined;
    let socketLive = false;
    /** Push was live once in this connection: when polling gets through again, so will push. */
    let pushWorked = false;
    let socketFailures = 0;
    let upgradeAttempts = 0;
    let retryTimer: TimerHandle | undefined;
    let retryAt = 0;
    let polling: { refetch(): void; stop(): void } | undefined;
    let pollingOk = false;
    let pollFailures = 0;

    function report(next: ConnectionStatus): void {
      const continued = continueStatus(status, next);
      if (sameStatus(continued, status)) return;
      status = continued;
      sink.status(status);
    }

    function stopPolling(): void {
      polling?.stop();
      polling = undefined;
      pollingOk = false;
    }

    function stopAll(): void {
      socket?.close();
      socket = undefined;
      socketLive = false;
      if (retryTimer !== undefined) env.clearTimeout(retryTimer);
      retryTimer = undefined;
      stopPolling();
    }

    function unauthorized(reason: string): void {
      stopAll();
      report({ kind: 'unauthorized', since: serverNow(), reason });
    }

    function begin(): void {
      stopAll();
      socketFailures = 0;
      pollFailures = 0;
      upgradeAttempts = 0;
      if (!env.isOnline()) return report({ kind: 'offline', since: serverNow() });
      report({ kind: 'connecting', since: serverNow(), attempt: 1, transport });
      if (transport === 'polling' || WebSocketImpl === undefined) startPolling();
      else openSocket(WebSocketImpl);
    }

    function reportPolling(): void {
      const next: ConnectionStatus = { kind: 'polling', since: serverNow(), intervalMs: interval };
      if (retryTimer !== undefined) next.nextUpgradeAt = retryAt;
      report(next);
    }

    function reportReconnecting(attempt: number, nextRetryAt: number, reason: string): void {
      report({ kind: 'reconnecting', since: serverNow(), attempt, nextRetryAt, reason });
    }

    function openSocket(WebSocket: WebSocketConstructor): void {
      retryTimer = undefined;
      socket = openHeartbeatSocket(
        {
          url: socketUrl(options.baseUrl),
          token: options.token,
          WebSocket,
          environment: env,
          silenceLimitMs: () => silenceLimitMs(interval),
        },
        {
          frame(frame, receivedAt) {
            if (frame.type === 'snapshot') interval = usableInterval(frame.interval);
            sink.frame(frame, receivedAt);
            if (frame.type !== 'snapshot' || socketLive) return;
            socketLive = true;
            pushWorked = true;
            socketFailures = 0;
            upgradeAttempts = 0;
            stopPolling();
            report({ kind: 'live', since: serverNow() });
          },
          problem: (problem) => sink.problem(problem),
          end(end) {
            socket = undefined;
            socketLive = false;
            if (end.code === CloseCode.Unauthorized)
              return unauthorized('the server refused the token (4401)');
            socketFailures += 1;
            if (mode === 'auto' && socketFailures >= fallbackAfter) startPolling();
            const delay = pollingOk
              ? computeBackoff((upgradeAttempts += 1), upgradeBackoff, env.random)
              : computeBackoff(socketFailures, backoff, env.random);
            retryAt = serverNow() + delay;
            retryTimer = env.setTimeout(() => openSocket(WebSocket), delay);
            if (pollingOk) reportPolling();
            else reportReconnecting(socketFailures, retryAt, end.reason);
          },
        },
      );
    }

    function onPollResult(
      result: QueryObserverResult<BatchData>,
      seen: { dataAt: number; errorAt: number },
    ): void {
      if (stopped || polling === undefined) return;
      if (result.data !== undefined && result.dataUpdatedAt > seen.dataAt) {
        seen.dataAt = result.dataUpdatedAt;
        const { body, problems, sentAt, receivedAt } = result.data;
        interval = usableInterval(body.interval);
        for (const reason of problems) sink.problem({ dropped: 'heartbeat', reason });
        const frame: SnapshotFrame = { type: 'snapshot', ...body };
        sink.frame(frame, receivedAt, sentAt);
        const recovered = !pollingOk;
        pollingOk = true;
        pollFailures = 0;
        if (recovered) pushAgainNow();
        if (!socketLive) reportPolling();
      }
      if (result.error !== null && result.errorUpdatedAt > seen.errorAt) {
        seen.errorAt = result.errorUpdatedAt;
        if (isUnauthorized(result.error)) return unauthorized('the server refused the token (401)');
        pollingOk = false;
        pollFailures += 1;
        if (socketLive) return;
        const nextPollAt = serverNow() + interval;
        const nextRetryAt = retryTimer === undefined ? nextPollAt : Math.min(retryAt, nextPollAt);
        reportReconnecting(
          Math.max(pollFailures, socketFailures),
          nextRetryAt,
          result.error.message,
        );
      }
    }

    /**
     * The first poll that gets through after an outage: the server is back,
     * so push (which worked before it) is tried at once, not after a backoff
     * of up to 7.5 s. Once per outage; a push that never worked here keeps
     * its slower upgrade schedule.
     */
    function pushAgainNow(): void {
      if (!pushWorked || socketLive || socket !== undefined || retryTimer === undefined) return;
      if (WebSocketImpl === undefined || transport === 'polling') return;
      env.clearTimeout(retryTimer);
      openSocket(WebSocketImpl);
    }

    function startPolling(): void {
      if (polling !== undefined) return;
      const observer = new QueryObserver(queryClient, {
        queryKey: heartbeatQueryKeys.batch(options.baseUrl),
        queryFn: ({ signal }) => fetchBatch(http, env.now, signal),
        refetchInterval: () => interval,
        refetchIntervalInBackground: true,
        refetchOnWindowFocus: 'always',
        refetchOnReconnect: 'always',
        staleTime: 0,
        gcTime: 0,
        structuralSharing: false,
        // A refused token does not get better by asking again; the next poll retries the rest.
        retry: (failureCount, error) => !isUnauthorized(error) && failureCount < 1,
      });
      const current = observer.getCurrentResult();
      // Data cached by an earlier connection is not news.
      const seen = { dataAt: current.dataUpdatedAt, errorAt: current.errorUpdatedAt };
      const unsubscribe = observer.subscribe((result) => onPollResult(result, seen));
      polling = {
        refetch: () => void observer.refetch(),
        stop() {
          unsubscribe();
          observer.destroy();
        },
      };
    }

    const unsubscribeOnline = env.onOnlineChange(() => {
      if (stopped) return;
      if (env.isOnline()) return begin();
      stopAll();
      report({ kind: 'offline', since: serverNow() });
    });

    const connection = {
      resync() {
        if (stopped) return;
        // Polling that works only needs another poll; anything else starts over.
        if (polling !== undefined && pollingOk && !socketLive) polling.refetch();
        else begin();
      },
    };
    active = connection;
    begin();
    return () => {
      stopped = true;
      if (active === connection) active = undefined;
      unsubscribeOnline();
      stopAll();
    };
  }

  return {
    connect,
    resync: () => active?.resync(),
    fetchSession: (sessionKey, signal) => fetchSessionHeartbeat(http, sessionKey, signal),
    history: (sessionKey, since, signal) => fetchHistory(http, sessionKey, since, signal),
    act: (sessionKey, action) => postAction(http, sessionKey, action),
    actions: (signal) => fetchActions(http, signal),
  };
}
