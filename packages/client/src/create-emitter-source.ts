import { parseHistoryBody, parseServerFrame, type HeartbeatHub } from '@session-heartbeat/core';
import type { TimerHandle } from './environment';
import type { HeartbeatSink, HeartbeatSource } from './heartbeat-source';

/**
 * A source fed directly by an emitter hub in the same page: Storybook, demos,
 * tests. No network: it is `live` from the start, delivers a snapshot, then
 * every emission, and a `ping` when the hub was quiet for an interval (as the
 * server does), all validated like frames from a socket.
 *
 * @example
 * const emitter = createHeartbeatEmitter();
 * const client = createHeartbeatClient({ source: createEmitterSource(emitter) });
 */
export function createEmitterSource(hub: HeartbeatHub): HeartbeatSource {
  let resyncActive: (() => void) | undefined;

  function connect(
    sink: HeartbeatSink,
    { environment }: Parameters<HeartbeatSource['connect']>[1],
  ) {
    let quietSince = environment.now();
    let pingTimer: TimerHandle | undefined;

    function deliver(input: unknown): void {
      const read = parseServerFrame(input);
      if (!read.ok) return sink.problem({ dropped: 'frame', reason: read.error });
      for (const reason of read.problems) sink.problem({ dropped: 'heartbeat', reason });
      quietSince = environment.now();
      sink.frame(read.value, quietSince);
    }

    function snapshot(): void {
      deliver({
        type: 'snapshot',
        serverTime: hub.now(),
        epoch: hub.epoch,
        interval: hub.interval,
        heartbeats: hub.snapshot(),
      });
    }

    function schedulePing(): void {
      const dueIn = quietSince + hub.interval - environment.now();
      pingTimer = environment.setTimeout(
        () => {
          if (environment.now() - quietSince >= hub.interval) {
            deliver({ type: 'ping', serverTime: hub.now() });
          }
          schedulePing();
        },
        Math.max(0, dueIn),
      );
    }

    const unsubscribe = hub.subscribe((event) => {
      deliver(
        event.type === 'heartbeats'
          ? { type: 'heartbeats', serverTime: hub.now(), heartbeats: event.heartbeats }
          : { type: 'removed', serverTime: hub.now(), sessionKey: event.sessionKey },
      );
    });
    snapshot();
    sink.status({ kind: 'live', since: hub.now() });
    schedulePing();
    resyncActive = snapshot;
    return () => {
      if (resyncActive === snapshot) resyncActive = undefined;
      unsubscribe();
      if (pingTimer !== undefined) environment.clearTimeout(pingTimer);
    };
  }

  return {
    connect,
    resync: () => resyncActive?.(),
    async fetchSession(sessionKey) {
      const heartbeat = hub.heartbeat(sessionKey);
      const read = parseServerFrame({
        type: 'heartbeats',
        serverTime: hub.now(),
        heartbeats: heartbeat === undefined ? [] : [heartbeat],
      });
      const found =
        read.ok && read.value.type === 'heartbeats' ? read.value.heartbeats[0] : undefined;
      if (found === undefined) throw new Error(`no session ${JSON.stringify(sessionKey)}`);
      return { serverTime: hub.now(), heartbeat: found };
    },
    async act(sessionKey, action) {
      // The hub refuses an action it does not support, or one too soon, by throwing.
      if (!hub.act(sessionKey, action)) throw new Error(`no session ${JSON.stringify(sessionKey)}`);
    },
    actions: async () => hub.actions,
    async history(sessionKey, since) {
      const changes = hub.history(sessionKey, since);
      if (changes === undefined) throw new Error(`no session ${JSON.stringify(sessionKey)}`);
      const read = parseHistoryBody({ serverTime: hub.now(), epoch: hub.epoch, changes });
      if (!read.ok) throw new Error(read.error);
      return read.value;
    },
  };
}
