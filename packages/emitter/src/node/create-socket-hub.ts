import type { HeartbeatHub, SessionHeartbeat, SourceStatus } from '@session-heartbeat/core';
import { CloseCode } from '@session-heartbeat/core';
import type { HubEvent } from '@session-heartbeat/core';
import { SocketConnection, type SocketConnectionStats } from './socket-connection';
import type { ResolvedServerOptions } from './resolve-server-options';
import type { TokenCheck } from './create-token-check';
import type { WebSocket } from 'ws';

/** Everything WebSocket-side: connections, coalescing, pings and backlogs. */
export interface SocketHub {
  /** Takes over an upgraded connection (it must say hello first). */
  accept(ws: WebSocket): SocketConnection;
  readonly clientCount: number;
  stats(): SocketConnectionStats[];
  /** Closes every client with 1001 and stops every timer. */
  close(): Promise<void>;
}

/** How often a backlogged client's socket is checked for having drained. */
const DRAIN_CHECK_MS = 20;

const HEARTBEATS_FIELD = Buffer.from(',"heartbeats":');
const OBJECT_END = Buffer.from('}');

/**
 * Fans the emitter out to WebSocket clients. Emissions within `coalesceMs`
 * are merged (newest heartbeat per session) and encoded once into a frame
 * that every keeping-up client receives as the same buffer; slow clients
 * fold it into their own bounded backlog instead. All clients share three
 * timers (coalesce flush, app-level ping, WebSocket ping), plus one drain
 * check while some client is backlogged.
 *
 * Snapshots are encoded once and shared by every hello until the next
 * flush, and a new encoding is made only while less than
 * `maxPendingSnapshotBytes` of older ones are still being written: a hello
 * beyond that is closed with 1013 (the client retries), so many clients
 * that never read cost one snapshot each at most, not one each.
 */
export function createSocketHub(
  emitter: HeartbeatHub,
  options: ResolvedServerOptions,
  tokenCheck: TokenCheck,
): SocketHub {
  const clients = new Set<SocketConnection>();
  const open = new Set<SocketConnection>();
  let nextId = 1;
  let pending = new Map<string, SessionHeartbeat>();
  let flushTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  const closedWaiters = new Set<() => void>();
  /**
   * The snapshot's heartbeats, encoded once for every hello until the next
   * flush: a client that joins before it gets the flushed frame, which holds
   * everything emitted since (see `onEvent`).
   */
  let sharedSnapshot: Buffer | undefined;
  /** Snapshot encodings still being written to some client, with how many clients hold each. */
  const snapshotsInFlight = new Map<Buffer, number>();
  let snapshotBytesInFlight = 0;

  const encode = (frame: object): Buffer => Buffer.from(JSON.stringify(frame));

  function holdSnapshot(bytes: Buffer): () => void {
    const holders = snapshotsInFlight.get(bytes) ?? 0;
    if (holders === 0) snapshotBytesInFlight += bytes.length;
    snapshotsInFlight.set(bytes, holders + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (snapshotsInFlight.get(bytes) ?? 1) - 1;
      if (left > 0) {
        snapshotsInFlight.set(bytes, left);
        return;
      }
      snapshotsInFlight.delete(bytes);
      snapshotBytesInFlight -= bytes.length;
    };
  }

  /** The heartbeats of a snapshot to send now, or undefined while too many are in flight. */
  function snapshotHeartbeats(): Buffer | undefined {
    if (sharedSnapshot !== undefined) return sharedSnapshot;
    // Sharing costs nothing; a new encoding waits until older ones are written.
    if (snapshotBytesInFlight >= options.maxPendingSnapshotBytes) return undefined;
    sharedSnapshot = encode(emitter.snapshot());
    return sharedSnapshot;
  }

  function flush(): void {
    sharedSnapshot = undefined;
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (pending.size === 0) return;
    const heartbeats = [...pending.values()];
    pending = new Map();
    let bytes: Buffer | undefined;
    const frame = (): Buffer =>
      (bytes ??= encode({ type: 'heartbeats', serverTime: emitter.now(), heartbeats }));
    for (const client of open) client.offerHeartbeats(heartbeats, frame);
    armDrainCheck();
  }

  function onEvent(event: HubEvent): void {
    if (open.size === 0) {
      // Nothing is pending for the next flush, so the shared snapshot is stale now.
      sharedSnapshot = undefined;
      return;
    }
    if (event.type === 'heartbeats') {
      for (const heartbeat of event.heartbeats) pending.set(heartbeat.sessionKey, heartbeat);
      // Periodic beats are already batched by the scheduler, and waiting
      // would stretch the gap a client sees past `interval`.
      if (options.coalesceMs === 0 || event.heartbeats[0]?.reason === 'periodic') flush();
      else flushTimer ??= setTimeout(flush, options.coalesceMs);
      return;
    }
    // What was pending goes first, so a removal is never followed by an
    // older heartbeat of the same session.
    pending.delete(event.sessionKey);
    flush();
    let bytes: Buffer | undefined;
    const frame = (): Buffer =>
      (bytes ??= encode({
        type: 'removed',
        serverTime: emitter.now(),
        sessionKey: event.sessionKey,
      }));
    for (const client of open) client.offerRemoval(event.sessionKey, frame);
    armDrainCheck();
  }

  /** Without copying the set: this runs after every flushed frame. */
  function anyBacklogged(): boolean {
    for (const client of open) if (client.isBacklogged) return true;
    return false;
  }

  function armDrainCheck(): void {
    if (drainTimer) return;
    if (!anyBacklogged()) return;
    drainTimer = setTimeout(() => {
      drainTimer = undefined;
      const serverTime = emitter.now();
      for (const client of open) client.checkBacklog(serverTime);
      armDrainCheck();
    }, DRAIN_CHECK_MS);
  }

  // App-level pings go to clients that heard nothing for `interval`; the
  // check runs at a tenth of it, so a ping is at most that late, far inside
  // the 2 × interval after which a client gives up.
  const interval = emitter.interval;
  const appPingTick = Math.max(10, Math.floor(interval / 10));
  const appPingTimer = setInterval(() => {
    const threshold = performance.now() - interval;
    let bytes: Buffer | undefined;
    for (const client of open) {
      if (client.lastSentAt > threshold || client.isBacklogged) continue;
      if (client.ws.bufferedAmount > options.maxBufferedBytes) continue;
      client.write((bytes ??= encode({ type: 'ping', serverTime: emitter.now() })));
    }
  }, appPingTick);
  appPingTimer.unref();

  const wsPingTimer = setInterval(() => {
    for (const client of clients) {
      if (client.status !== 'open' && client.status !== 'awaiting_hello') continue;
      if (client.pongPending) {
        options.logger.warn?.(`client #${client.id} missed a WebSocket pong; terminated`);
        client.ws.terminate();
        continue;
      }
      client.pongPending = true;
      client.ws.ping();
    }
  }, options.pingIntervalMs);
  wsPingTimer.unref();

  /**
   * Fleet: a change of the sources' status. What was emitted before it goes
   * first: a source said live again is followed by nothing older than the
   * heartbeats it was resynced with.
   */
  function onSources(sources: readonly SourceStatus[]): void {
    flush();
    let bytes: Buffer | undefined;
    const frame = (): Buffer =>
      (bytes ??= encode({ type: 'sources', serverTime: emitter.now(), sources }));
    for (const client of open) client.offerSources(frame);
    armDrainCheck();
  }

  const unsubscribe = emitter.subscribe(onEvent);
  const unsubscribeSources = emitter.sources?.subscribe(onSources);

  const host = {
    options,
    tokenCheck,
    onAuthorized(client: SocketConnection) {
      const heartbeats = snapshotHeartbeats();
      if (heartbeats === undefined) {
        client.close(
          CloseCode.TryAgainLater,
          `server busy: over ${options.maxPendingSnapshotBytes} bytes of snapshots being sent`,
        );
        return;
      }
      open.add(client);
      // Only the head (serverTime) is this client's own; the heartbeats are shared bytes.
      const head = encode({
        type: 'snapshot',
        serverTime: emitter.now(),
        epoch: emitter.epoch,
        interval: emitter.interval,
        ...(emitter.sources === undefined ? {} : { sources: emitter.sources.list() }),
      });
      client.writeSnapshot(
        [head.subarray(0, head.length - 1), HEARTBEATS_FIELD, heartbeats, OBJECT_END],
        holdSnapshot(heartbeats),
      );
    },
    onClosed(client: SocketConnection) {
      clients.delete(client);
      open.delete(client);
      if (clients.size === 0) for (const resolve of closedWaiters) resolve();
    },
  };

  return {
    accept(ws) {
      const client = new SocketConnection(nextId++, ws, host);
      clients.add(client);
      return client;
    },
    get clientCount() {
      return clients.size;
    },
    stats: () => [...clients].map((client) => client.stats()),
    async close() {
      unsubscribe();
      unsubscribeSources?.();
      clearTimeout(flushTimer);
      clearTimeout(drainTimer);
      clearInterval(appPingTimer);
      clearInterval(wsPingTimer);
      pending = new Map();
      if (clients.size === 0) return;
      const allClosed = new Promise<void>((resolve) => closedWaiters.add(resolve));
      for (const client of clients) client.close(CloseCode.GoingAway, 'server shutting down');
      await allClosed;
    },
  };
}
