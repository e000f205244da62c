import {
  isSessionAction,
  type HeartbeatHub,
  type HubEvent,
  type SessionHeartbeat,
} from '@session-heartbeat/core';
import { encodeEntry, encodeMeta } from './fleet-entry';
import { DEFAULT_KEY_PREFIX, sourceIdProblem, sourceKeys, sourcesSetKey } from './fleet-keys';
import { describeError, type FleetLogger } from './fleet-logger';
import { readCommands } from './read-commands';
import { connectInBackground, createRedisConnection, type RedisClient } from './redis-connection';

export interface FleetPublisherOptions {
  /** What to publish: the gateway's emitter (any `HeartbeatHub`). */
  hub: HeartbeatHub;
  /** The Redis server, `redis://host:port`. */
  redisUrl: string;
  /** This gateway's id in the fleet (1–128 of `A-Z a-z 0-9 . _ : -`), e.g. `gw-2`. */
  source: string;
  /** Prefix of every key. @default 'shb:' */
  keyPrefix?: string;
  /**
   * The event stream is trimmed to about this many entries (`XADD MAXLEN ~`).
   * It only has to cover an aggregator's read lag (one that falls further
   * behind rereads the hash), and it is the fleet's largest use of Redis
   * memory: about 3.8 kB an entry at 300 transitions/s (docs/fleet.md).
   * @default 1000
   */
  maxStreamLength?: number;
  /** How often the source beat is rewritten. @default hub.interval (5000) */
  beatIntervalMs?: number;
  /** The beat's TTL: gone this long after the last one. @default 3 × beatIntervalMs */
  beatTtlMs?: number;
  /**
   * Sessions whose newest event waits for Redis; past this many (a long
   * outage with many sessions) nothing more is held and the hash is
   * rewritten from the hub when Redis is back.
   * @default 100000
   */
  maxPendingSessions?: number;
  /** The actions this gateway takes, listed for aggregators. @default the hub's `actions` */
  actions?: readonly string[];
  /**
   * Runs an action asked through the fleet for one of this gateway's
   * sessions. @default `hub.act(key, action)`
   */
  onAction?: (sessionKey: string, action: string) => void;
  /** Actions asked longer ago than this (a gateway that was away) are ignored. @default 60000 */
  maxActionAgeMs?: number;
  /** @default no logging */
  logger?: FleetLogger;
}

/** What a publisher did so far: for a debug page or a benchmark. */
export interface FleetPublisherStats {
  /** Stream entries written (batches and resets). */
  entriesWritten: number;
  heartbeatsWritten: number;
  /** Heartbeats replaced by a newer one of the same session before they were written. */
  supersededDropped: number;
  /** Times the hash was rewritten from the hub (start, every reconnection, an overflow). */
  resets: number;
  writeFailures: number;
  actionsReceived: number;
}

/** A gateway's link to the fleet. It never throws into the host and never blocks it. */
export interface FleetPublisher {
  readonly source: string;
  /** Whether Redis is reachable now. */
  readonly connected: boolean;
  stats(): FleetPublisherStats;
  /** Resolves once everything emitted so far is in Redis (rejects after `timeoutMs`). */
  flushed(timeoutMs?: number): Promise<void>;
  /** Stops publishing and closes its connections; the keys stay and the beat expires. */
  close(): Promise<void>;
}

/**
 * Publishes a gateway's heartbeats to Redis for the fleet's aggregators:
 *
 * - a stream per source (`…:events`, trimmed with `MAXLEN ~`): one entry per
 *   batch of heartbeats and removals, newest per session;
 * - a hash per source (`…:sessions`): the newest heartbeat of every session,
 *   written in the same `MULTI` as the entry, for snapshots;
 * - a source beat (`…:beat`, a key with a TTL, rewritten every beat), as
 *   Sidekiq's processes do;
 * - actions come back on `…:commands` and reach `onAction`.
 *
 * Redis being down never blocks or crashes the gateway: commands are never
 * queued by the client, one write is in flight at a time, what waits is one
 * entry per session (a newer heartbeat replaces an older one), and after
 * every reconnection the hash is rewritten from the hub (a `reset` entry
 * tells aggregators to read it again).
 */
export function createFleetPublisher(options: FleetPublisherOptions): FleetPublisher {
  const { hub, source } = options;
  const problem = sourceIdProblem(source);
  if (problem !== undefined) throw new RangeError(`source: ${problem}`);
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const keys = sourceKeys(prefix, source);
  const maxStreamLength = options.maxStreamLength ?? 1000;
  const beatIntervalMs = options.beatIntervalMs ?? hub.interval;
  const beatTtlMs = options.beatTtlMs ?? 3 * beatIntervalMs;
  const maxPending = options.maxPendingSessions ?? 100_000;
  const actions = [...(options.actions ?? hub.actions)];
  const logger = options.logger ?? {};
  const act =
    options.onAction ??
    ((sessionKey: string, action: string): void => {
      if (isSessionAction(action)) hub.act(sessionKey, action);
      else logger.warn?.(`fleet: action ${JSON.stringify(action)} is not supported here`);
    });
  const stats: FleetPublisherStats = {
    entriesWritten: 0,
    heartbeatsWritten: 0,
    supersededDropped: 0,
    resets: 0,
    writeFailures: 0,
    actionsReceived: 0,
  };
  /** The newest event per session not yet written: a heartbeat, or `null` for a removal. */
  let pending = new Map<string, SessionHeartbeat | null>();
  /** The hash must be rewritten from the hub before anything else is written. */
  let mustReset = true;
  let entryCount = 0;
  let writing = false;
  let scheduled = false;
  let closed = false;
  const idleWaiters = new Set<() => void>();

  const client: RedisClient = createRedisConnection({
    url: options.redisUrl,
    onError: (error) => logger.warn?.(`fleet: Redis: ${error.message}`),
    onReady() {
      // Whatever happened while away, the hash is rewritten from the hub.
      mustReset = true;
      schedule();
    },
  });
  connectInBackground(client);

  function isIdle(): boolean {
    return !writing && !mustReset && pending.size === 0;
  }

  function settle(): void {
    if (!isIdle()) return;
    for (const wake of idleWaiters) wake();
    idleWaiters.clear();
  }

  function onEvent(event: HubEvent): void {
    if (mustReset) return; // the reset writes the hub's snapshot, which holds this
    if (event.type === 'heartbeats') {
      for (const heartbeat of event.heartbeats) {
        if (pending.get(heartbeat.sessionKey)) stats.supersededDropped += 1;
        pending.set(heartbeat.sessionKey, heartbeat);
      }
    } else {
      pending.set(event.sessionKey, null);
    }
    if (pending.size > maxPending) {
      // Holding more costs memory for nothing: the hub itself has it all.
      pending = new Map();
      mustReset = true;
    }
    schedule();
  }

  function schedule(): void {
    if (scheduled || writing || closed) return;
    scheduled = true;
    // Everything emitted in this turn of the event loop goes in one entry.
    setImmediate(() => {
      scheduled = false;
      void write();
    });
  }

  function beatValue(): string {
    return JSON.stringify({ epoch: hub.epoch, at: hub.now() });
  }

  async function reset(): Promise<void> {
    pending = new Map();
    mustReset = false;
    const snapshot = hub.snapshot();
    const multi = client.multi().del(keys.sessions);
    for (let start = 0; start < snapshot.length; start += 1000) {
      const fields: Record<string, string> = {};
      for (const heartbeat of snapshot.slice(start, start + 1000)) {
        fields[heartbeat.sessionKey] = JSON.stringify(heartbeat);
      }
      multi.hSet(keys.sessions, fields);
    }
    entryCount += 1;
    await multi
      .hSet(keys.meta, { ...encodeMeta({ epoch: hub.epoch, interval: hub.interval, actions }) })
      .hSet(keys.meta, 'beatAt', String(hub.now()))
      .xAdd(keys.events, '*', encodeEntry({ type: 'reset', epoch: hub.epoch, n: entryCount }), {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxStreamLength },
      })
      .set(keys.beat, beatValue(), { PX: beatTtlMs })
      .sAdd(sourcesSetKey(prefix), source)
      .exec();
    stats.resets += 1;
    stats.entriesWritten += 1;
  }

  async function writeBatch(): Promise<void> {
    const batch = pending;
    pending = new Map();
    const heartbeats: SessionHeartbeat[] = [];
    const removed: string[] = [];
    const fields: Record<string, string> = {};
    for (const [sessionKey, heartbeat] of batch) {
      if (heartbeat === null) {
        removed.push(sessionKey);
      } else {
        heartbeats.push(heartbeat);
        fields[sessionKey] = JSON.stringify(heartbeat);
      }
    }
    entryCount += 1;
    const entry = encodeEntry({
      type: 'batch',
      epoch: hub.epoch,
      n: entryCount,
      heartbeats,
      removed,
    });
    const multi = client.multi().xAdd(keys.events, '*', entry, {
      TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxStreamLength },
    });
    if (heartbeats.length > 0) multi.hSet(keys.sessions, fields);
    if (removed.length > 0) multi.hDel(keys.sessions, removed);
    await multi.exec();
    stats.entriesWritten += 1;
    stats.heartbeatsWritten += heartbeats.length;
  }

  async function write(): Promise<void> {
    if (writing || closed || !client.isReady) return settle();
    if (!mustReset && pending.size === 0) return settle();
    writing = true;
    try {
      if (mustReset) await reset();
      else await writeBatch();
    } catch (error) {
      // Whether or not it landed, a reset makes Redis right again once it is back.
      stats.writeFailures += 1;
      pending = new Map();
      mustReset = true;
      logger.warn?.(`fleet: write to Redis failed: ${describeError(error)}`);
    } finally {
      writing = false;
    }
    if (mustReset || pending.size > 0) schedule();
    settle();
  }

  const beatTimer = setInterval(() => {
    if (!client.isReady || mustReset) return;
    client
      .multi()
      .set(keys.beat, beatValue(), { PX: beatTtlMs })
      .hSet(keys.meta, 'beatAt', String(hub.now()))
      .exec()
      .catch((error: unknown) => logger.warn?.(`fleet: beat failed: ${describeError(error)}`));
  }, beatIntervalMs);
  beatTimer.unref();

  const commands = readCommands({
    client,
    key: keys.commands,
    epoch: () => hub.epoch,
    now: () => hub.now(),
    maxAgeMs: options.maxActionAgeMs ?? 60_000,
    onCommand({ sessionKey, action }) {
      stats.actionsReceived += 1;
      try {
        act(sessionKey, action);
      } catch (error) {
        // A refused action (too soon, unknown session) is the host's answer, not a crash.
        logger.warn?.(`fleet: ${action} of ${JSON.stringify(sessionKey)}: ${describeError(error)}`);
      }
    },
    logger,
  });

  const unsubscribe = hub.subscribe(onEvent);

  return {
    source,
    get connected() {
      return client.isReady;
    },
    stats: () => ({ ...stats }),
    flushed(timeoutMs = 5000) {
      schedule();
      if (isIdle() && client.isReady) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          idleWaiters.delete(done);
          reject(new Error(`fleet: not flushed within ${timeoutMs} ms`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        idleWaiters.add(done);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(beatTimer);
      await commands.stop();
      client.destroy();
    },
  };
}
