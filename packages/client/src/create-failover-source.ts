import { computeBackoff, resolveBackoff, type BackoffOptions } from './compute-backoff';
import type { ConnectionStatus } from './connection-status';
import { createNetworkSource, type NetworkSourceOptions } from './create-network-source';
import type { TimerHandle } from './environment';
import type { HeartbeatSink, HeartbeatSource, HeartbeatSourceContext } from './heartbeat-source';

export interface FailoverSourceOptions {
  /**
   * Delays between rounds once every source failed in a row (a round tries
   * each once, at once).
   * @default { initialMs: 500, maxMs: 5000, jitter: 0.5 }
   */
  backoff?: BackoffOptions | undefined;
}

/**
 * Several sources serving the same sessions (a fleet's aggregators), used
 * one at a time: when the one in use loses its server (it reports
 * `reconnecting`), the next one is connected at once, and it starts with a
 * snapshot, as any connection does, so the client resyncs from it. Once
 * every source failed in a row, rounds go on with a backoff. Commands go to
 * the source in use.
 */
export function createFailoverSource(
  sources: readonly HeartbeatSource[],
  options: FailoverSourceOptions = {},
): HeartbeatSource {
  const first = sources[0];
  if (first === undefined) throw new RangeError('createFailoverSource needs at least one source');
  if (sources.length === 1) return first;
  const backoff = resolveBackoff(options.backoff);
  let index = 0;
  let active: { resync(): void } | undefined;

  const current = (): HeartbeatSource => sources[index] ?? first;

  function connect(sink: HeartbeatSink, context: HeartbeatSourceContext): () => void {
    const { environment: env, serverNow } = context;
    let stopped = false;
    let disconnect: (() => void) | undefined;
    /** Sources that failed since one was last heard: a full round backs off. */
    let failedInRow = 0;
    let rounds = 0;
    let retryTimer: TimerHandle | undefined;

    function hop(reason: string): void {
      disconnect?.();
      disconnect = undefined;
      index = (index + 1) % sources.length;
      failedInRow += 1;
      if (failedInRow < sources.length) return open();
      failedInRow = 0;
      rounds += 1;
      const delay = computeBackoff(rounds, backoff, env.random);
      const status: ConnectionStatus = {
        kind: 'reconnecting',
        since: serverNow(),
        attempt: rounds,
        nextRetryAt: serverNow() + delay,
        reason,
      };
      sink.status(status);
      retryTimer = env.setTimeout(() => {
        retryTimer = undefined;
        open();
      }, delay);
    }

    function open(): void {
      if (stopped) return;
      let mine = true;
      const release = current().connect(
        {
          frame: (frame, receivedAt, sentAt) => {
            if (mine) sink.frame(frame, receivedAt, sentAt);
          },
          problem: (problem) => {
            if (mine) sink.problem(problem);
          },
          status(status) {
            if (!mine) return;
            if (status.kind === 'reconnecting') {
              // Its server is gone: the next one may be there.
              mine = false;
              return hop(status.reason);
            }
            if (status.kind === 'live' || status.kind === 'polling') {
              failedInRow = 0;
              rounds = 0;
            }
            sink.status(status);
          },
        },
        context,
      );
      if (!mine) {
        // It failed while connecting, and hop() has already moved on.
        release();
        return;
      }
      disconnect = () => {
        mine = false;
        release();
      };
    }

    const connection = {
      resync() {
        if (stopped) return;
        if (disconnect === undefined) {
          if (retryTimer !== undefined) env.clearTimeout(retryTimer);
          retryTimer = undefined;
          open();
        } else current().resync?.();
      },
    };
    active = connection;
    open();
    return () => {
      stopped = true;
      if (active === connection) active = undefined;
      if (retryTimer !== undefined) env.clearTimeout(retryTimer);
      disconnect?.();
      disconnect = undefined;
    };
  }

  return {
    connect,
    resync: () => active?.resync(),
    fetchSession: async (sessionKey, signal) => {
      const source = current();
      if (source.fetchSession === undefined) throw new Error('this source fetches no session');
      return source.fetchSession(sessionKey, signal);
    },
    history: async (sessionKey, since, signal) => {
      const source = current();
      if (source.history === undefined) throw new Error('this source keeps no history');
      return source.history(sessionKey, since, signal);
    },
    act: async (sessionKey, action) => {
      const source = current();
      if (source.act === undefined) throw new Error(`this source cannot ${action} a session`);
      return source.act(sessionKey, action);
    },
    actions: async (signal) => (await current().actions?.(signal)) ?? [],
  };
}

/**
 * The contract's network transport to one server, or to several serving the
 * same fleet (`baseUrls`), moving to the next when one is gone.
 */
export function createNetworkSources(
  baseUrls: readonly string[],
  options: Omit<NetworkSourceOptions, 'baseUrl'>,
): HeartbeatSource {
  return createFailoverSource(
    baseUrls.map((baseUrl) => createNetworkSource({ ...options, baseUrl })),
    { backoff: options.backoff },
  );
}
