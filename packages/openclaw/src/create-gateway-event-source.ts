import { DEFAULT_INTERVAL_MS, parseSessionHeartbeatBody } from '@session-heartbeat/core';
import {
  computeBackoff,
  type BackoffOptions,
  type HeartbeatSink,
  type HeartbeatSource,
  type HeartbeatSourceContext,
  silenceLimitMs,
  usableInterval,
} from '@session-heartbeat/client';
import { GATEWAY_BACKOFF } from './gateway-backoff';
import { SESSION_HEARTBEAT_EVENT, SessionHeartbeatMethods } from './gateway-types';
import { isRecord } from './read-gateway-payloads';
import { readHeartbeatPayload } from './read-heartbeat-payload';

/** An event frame as the host's client hands it over (`{event, payload, seq}`). */
export interface HostGatewayEvent {
  event: string;
  payload?: unknown;
  seq?: number;
}

/**
 * The host's own gateway connection, structurally: the Control UI's
 * `GatewayBrowserClient` fits with a few lines of glue (its `onEvent`,
 * `request`, `onHello`, `onClose`).
 */
export interface GatewayHostConnection {
  /** Listens to every event frame the host receives; returns an unsubscribe. */
  subscribe(handler: (event: HostGatewayEvent) => void): () => void;
  /** Sends a request over the host's socket; resolves with the answer's payload. */
  request(method: string, params?: unknown): Promise<unknown>;
  /** Whether the host's socket is connected (handshake done) now. Absent: assumed connected. */
  isConnected?(): boolean;
  /** Told when the host connects (after `hello-ok`) or loses its socket; returns an unsubscribe. */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
}

export interface GatewayEventSourceOptions {
  /**
   * Delays between snapshot attempts that failed, and the estimate shown
   * while the host reconnects. @default the host's: 800 ms × 1.7, up to 15 s
   */
  backoff?: BackoffOptions | undefined;
  /** A snapshot request with no answer by then has failed. @default 10000 */
  timeoutMs?: number | undefined;
}

/**
 * Reads heartbeats over a connection the host already has (the Control UI's
 * socket): asks for `session.heartbeat.snapshot` whenever that connection
 * (re)connects, then reads `session.heartbeat` events, ignoring all others.
 * It never opens or closes the host's socket: a gap in `seq`, a restarted
 * emitter or 2 × interval of silence re-asks for a snapshot instead.
 *
 * @example
 * const source = createGatewayEventSource({
 *   subscribe: (handler) => hostEvents.on(handler),
 *   request: (method, params) => gatewayClient.request(method, params),
 * });
 */
export function createGatewayEventSource(
  host: GatewayHostConnection,
  options: GatewayEventSourceOptions = {},
): HeartbeatSource {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let active: { resync(): void } | undefined;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    let stopped = false;
    let live = false;
    let epoch: string | undefined;
    let interval = DEFAULT_INTERVAL_MS;
    let failures = 0;
    let lastSeq: number | undefined;
    /** Each snapshot request gets a number; only the newest one counts. */
    let snapshotRequest = 0;
    let inFlight = false;
    let retryTimer: unknown;
    let watchdog: unknown;

    function clear(timer: unknown): undefined {
      if (timer !== undefined) env.clearTimeout(timer);
      return undefined;
    }

    function lost(reason: string, retry: boolean): void {
      live = false;
      watchdog = clear(watchdog);
      retryTimer = clear(retryTimer);
      failures += 1;
      const delay = computeBackoff(
        failures,
        { ...GATEWAY_BACKOFF, ...options.backoff },
        env.random,
      );
      sink.status({
        kind: 'reconnecting',
        since: serverNow(),
        attempt: failures,
        nextRetryAt: serverNow() + delay,
        reason,
      });
      if (retry) {
        retryTimer = env.setTimeout(() => {
          retryTimer = undefined;
          requestSnapshot();
        }, delay);
      }
    }

    function watch(): void {
      watchdog = clear(watchdog);
      watchdog = env.setTimeout(() => {
        watchdog = undefined;
        requestSnapshot();
      }, silenceLimitMs(interval));
    }

    function deliver(payload: unknown, asSnapshot: boolean): boolean {
      const read = readHeartbeatPayload(payload);
      if (!read.ok || (asSnapshot && read.frame.type !== 'snapshot')) {
        sink.problem({
          dropped: 'frame',
          reason: read.ok ? 'session.heartbeat.snapshot: not a snapshot' : read.reason,
        });
        return false;
      }
      for (const reason of read.problems) sink.problem({ dropped: 'heartbeat', reason });
      const { frame } = read;
      if (frame.type === 'snapshot') {
        epoch = frame.epoch;
        interval = usableInterval(frame.interval);
      } else if (!live) {
        return true; // the snapshot on its way includes it
      } else if (read.epoch !== undefined && epoch !== undefined && read.epoch !== epoch) {
        requestSnapshot(); // the emitter restarted: start over
        return true;
      }
      watch();
      sink.frame(frame, env.now());
      if (frame.type === 'snapshot' && !live) {
        live = true;
        failures = 0;
        sink.status({ kind: 'live', since: serverNow() });
      }
      return true;
    }

    function requestSnapshot(): void {
      if (stopped || inFlight) return;
      retryTimer = clear(retryTimer);
      inFlight = true;
      const request = (snapshotRequest += 1);
      let timer: unknown;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = env.setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      let answer: Promise<unknown>;
      try {
        answer = host.request(SessionHeartbeatMethods.snapshot, {});
      } catch (error) {
        answer = Promise.reject(error instanceof Error ? error : new Error('request failed'));
      }
      Promise.race([answer, timeout]).then(
        (payload) => {
          clear(timer);
          inFlight = false;
          if (stopped || request !== snapshotRequest) return;
          if (!deliver(payload, true)) lost('the snapshot could not be read', true);
        },
        (error: unknown) => {
          clear(timer);
          inFlight = false;
          if (stopped || request !== snapshotRequest) return;
          const message = error instanceof Error ? error.message : 'failed';
          lost(`${SessionHeartbeatMethods.snapshot}: ${message}`, true);
        },
      );
    }

    function onEvent(event: HostGatewayEvent): void {
      if (stopped || !isRecord(event) || typeof event.event !== 'string') return;
      if (typeof event.seq === 'number' && Number.isInteger(event.seq)) {
        const gap = lastSeq !== undefined && event.seq > lastSeq + 1;
        lastSeq = event.seq;
        if (gap && live) requestSnapshot();
      }
      if (event.event === SESSION_HEARTBEAT_EVENT) deliver(event.payload, false);
    }

    const unsubscribers: (() => void)[] = [];
    try {
      unsubscribers.push(host.subscribe(onEvent));
      if (host.onConnectionChange !== undefined) {
        unsubscribers.push(
          host.onConnectionChange((connected) => {
            if (stopped) return;
            lastSeq = undefined;
            snapshotRequest += 1; // an answer from the old connection is not news
            inFlight = false;
            if (connected) requestSnapshot();
            else lost('the gateway connection was lost', false);
          }),
        );
      }
    } catch (error) {
      sink.problem({ dropped: 'frame', reason: `cannot listen to the host: ${String(error)}` });
    }
    sink.status({ kind: 'connecting', since: serverNow(), attempt: 1, transport: 'websocket' });
    if (host.isConnected?.() ?? true) requestSnapshot();

    const handle = { resync: requestSnapshot };
    active = handle;
    return () => {
      stopped = true;
      if (active === handle) active = undefined;
      for (const unsubscribe of unsubscribers) unsubscribe();
      retryTimer = clear(retryTimer);
      watchdog = clear(watchdog);
    };
  }

  return {
    connect,
    resync: () => active?.resync(),
    async fetchSession(sessionKey) {
      const read = parseSessionHeartbeatBody(
        await host.request(SessionHeartbeatMethods.session, { sessionKey }),
      );
      if (!read.ok) throw new Error(read.error);
      return read.value;
    },
    // The gateway's `session.heartbeat` methods restart; other actions are the host's own methods.
    actions: async () => ['restart'],
    async act(sessionKey, action) {
      if (action !== 'restart') throw new Error(`This gateway source cannot ${action} sessions.`);
      await host.request(SessionHeartbeatMethods.restart, { sessionKey });
    },
  };
}
