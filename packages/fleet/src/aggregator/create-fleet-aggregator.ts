import { randomUUID } from 'node:crypto';
import {
  DEFAULT_INTERVAL_MS,
  type HeartbeatHub,
  type HubEvent,
  type HubListener,
  type SessionAction,
  type SourceDirectory,
  type SourceStatus,
  type StateChange,
} from '@session-heartbeat/core';
import { HeartbeatEmitterError } from '@session-heartbeat/emitter';
import { decodeMeta, isStoredHeartbeat } from '../fleet-entry';
import { DEFAULT_KEY_PREFIX, sourcesSetKey } from '../fleet-keys';
import { describeError, type FleetLogger } from '../fleet-logger';
import { connectInBackground, createRedisConnection } from '../redis-connection';
import { FleetSessions, splitFleetKey } from './fleet-sessions';
import { readFleetStreams, type StreamPosition } from './read-fleet-streams';
import { SourceStatuses } from './source-statuses';
import { sourceKeys } from '../fleet-keys';

export interface FleetAggregatorOptions {
  /** The Redis server, `redis://host:port`. */
  redisUrl: string;
  /** Prefix of every key (as the publishers'). @default 'shb:' */
  keyPrefix?: string;
  /**
   * The gateways' periodic emission interval, served to clients as the
   * snapshot's `interval`: give the gateways' own.
   * @default 5000
   */
  interval?: number;
  /**
   * The clients' silence limit for a session (their `unresponsiveAfterMs`).
   * @default 3 × interval (15000, the client's default)
   */
  unresponsiveAfterMs?: number;
  /**
   * A source unheard (no heartbeat, no source beat) for longer than this is
   * unreachable: its sessions are `unknown`, not `unresponsive`. It must
   * come before any of its sessions passes the clients' limit, and a
   * session's last heartbeat may be one interval older than the last thing
   * heard from its gateway: with the limit itself, a killed gateway's
   * sessions turned `unresponsive` first (the fleet fault scenario).
   * @default min(1.5 × interval, unresponsiveAfterMs − interval)
   */
  unreachableAfterMs?: number;
  /**
   * The actions the fleet view offers (`GET /api/sessions/actions`): every
   * gateway behind it must take them, or they are lost at the gateway.
   * @default ['restart']
   */
  actions?: readonly SessionAction[];
  /** How often the source set and beats are read. @default unreachableAfterMs / 5 */
  pollIntervalMs?: number;
  /** The clock, in epoch ms. @default Date.now */
  now?: () => number;
  /** @default no logging */
  logger?: FleetLogger;
}

/** What an aggregator did so far: for a debug page or a benchmark. */
export interface FleetAggregatorStats {
  entriesRead: number;
  /** Sources read again from their hash (a reset, a gap, a reconnection, a new source). */
  resyncs: number;
  actionsSent: number;
  problems: number;
}

/**
 * The fleet as one hub: every source's sessions under `<source>/<key>`, with
 * `source` set, and the sources' statuses. Serve it with the emitter's Node
 * adapter (`startAggregatorServer`). Several aggregators may run against the
 * same Redis: each reads every stream on its own (`XREAD`, no consumer
 * group), so none needs the others.
 */
export interface FleetAggregator extends HeartbeatHub {
  readonly sources: SourceDirectory;
  /** Whether Redis is reachable now. */
  readonly connected: boolean;
  /**
   * Asks a session's gateway to act (`restart`, or any action it supports)
   * through its command stream; false for an unknown key.
   */
  act(sessionKey: string, action: SessionAction): boolean;
  stats(): FleetAggregatorStats;
  /** Resolves once Redis was reached and every source known then was read (for tests, startup). */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createFleetAggregator(options: FleetAggregatorOptions): FleetAggregator {
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const interval = options.interval ?? DEFAULT_INTERVAL_MS;
  const unresponsiveAfterMs = options.unresponsiveAfterMs ?? 3 * interval;
  const unreachableAfterMs =
    options.unreachableAfterMs ??
    Math.max(interval / 2, Math.min(1.5 * interval, unresponsiveAfterMs - interval));
  const pollIntervalMs = options.pollIntervalMs ?? Math.max(50, unreachableAfterMs / 5);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? {};
  const epoch = randomUUID();
  const actions: readonly SessionAction[] = Object.freeze([...(options.actions ?? ['restart'])]);
  const listeners = new Set<HubListener>();
  const sourceListeners = new Set<(sources: readonly SourceStatus[]) => void>();
  const stats: FleetAggregatorStats = { entriesRead: 0, resyncs: 0, actionsSent: 0, problems: 0 };
  let closed = false;
  let readyOnce = false;
  const readyWaiters = new Set<() => void>();

  function emit(event: HubEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error?.('fleet: a hub listener failed', error);
      }
    }
  }

  const sessions = new FleetSessions(emit, (message) => {
    stats.problems += 1;
    logger.warn?.(`fleet: dropped ${message}`);
  });
  const statuses = new SourceStatuses({
    unreachableAfterMs,
    now,
    sessionsOf: (id) => sessions.count(id),
    onChange(list) {
      // Heartbeats relayed before the change go first (see SourceDirectory).
      sessions.flush();
      for (const listener of sourceListeners) listener(list);
    },
  });
  /** Per source: where its stream was read up to, and its run. */
  const positions = new Map<string, StreamPosition>();
  /** Per source: the last beat value seen (a new one means it is alive). */
  const beats = new Map<string, string | null>();

  const client = createRedisConnection({
    url: options.redisUrl,
    onError: (error) => logger.warn?.(`fleet: Redis: ${error.message}`),
    onReady() {
      statuses.brokerUp();
      // Whatever was missed while away: read every source again.
      for (const position of positions.values()) position.stale = true;
      void poll();
    },
    onDown: () => statuses.brokerDown(),
  });
  connectInBackground(client);

  const resyncing = new Map<string, Promise<void>>();

  /** One read of a source's hash at a time: the poll and the stream reader may both ask. */
  function resync(source: string): Promise<void> {
    const running = resyncing.get(source);
    if (running !== undefined) return running;
    const started = readSource(source).finally(() => resyncing.delete(source));
    resyncing.set(source, started);
    return started;
  }

  /** Reads a source's hash and stream tail in one transaction, and replaces its sessions. */
  async function readSource(source: string): Promise<void> {
    const keys = sourceKeys(prefix, source);
    const [tail, hash, meta] = await client
      .multi()
      .xRevRange(keys.events, '+', '-', { COUNT: 1 })
      .hGetAll(keys.sessions)
      .hGetAll(keys.meta)
      .exec<'typed'>();
    const run = decodeMeta(meta);
    if (run === undefined) {
      // Nothing in Redis for it (Redis lost its data, or the gateway has not
      // written yet): keep what is held until its publisher writes again.
      positions.set(source, { lastId: '0-0', epoch: '', n: 0, stale: true });
      return;
    }
    const heartbeats = [];
    for (const [sessionKey, text] of Object.entries(hash)) {
      try {
        const heartbeat: unknown = JSON.parse(text);
        if (isStoredHeartbeat(heartbeat) && heartbeat.sessionKey === sessionKey) {
          heartbeats.push(heartbeat);
          continue;
        }
      } catch {
        // counted below
      }
      stats.problems += 1;
    }
    const last = tail?.[0];
    positions.set(source, {
      lastId: last?.id ?? '0-0',
      epoch: run.epoch,
      n: Number(last?.message.n ?? 0),
      stale: false,
    });
    stats.resyncs += 1;
    sessions.replace(source, run.epoch, heartbeats);
    sessions.flush();
  }

  /** Reads the source set and beats: new sources are read whole, changed beats count as heard. */
  let polling = false;

  async function poll(): Promise<void> {
    if (closed || polling || !client.isReady) return;
    polling = true;
    try {
      const ids = await client.sMembers(sourcesSetKey(prefix));
      const values =
        ids.length === 0 ? [] : await client.mGet(ids.map((id) => sourceKeys(prefix, id).beat));
      for (const [index, id] of ids.entries()) {
        const beat = values[index] ?? null;
        const changed = beat !== null && beat !== beats.get(id);
        beats.set(id, beat);
        const position = positions.get(id);
        if (position === undefined || position.stale || (changed && !statuses.isLive(id))) {
          // New, missed something, or back: its sessions are read fresh before it counts as live.
          await resync(id);
        }
        if (!statuses.has(id)) {
          const meta = await client.hGet(sourceKeys(prefix, id).meta, 'beatAt');
          statuses.add(id, beat !== null, Number(meta ?? 0));
        } else if (changed) {
          statuses.heard(id);
        }
      }
      if (!readyOnce) {
        readyOnce = true;
        for (const wake of readyWaiters) wake();
        readyWaiters.clear();
      }
    } catch (error) {
      logger.warn?.(`fleet: reading sources failed: ${describeError(error)}`);
    } finally {
      polling = false;
    }
  }

  const pollTimer = setInterval(() => void poll(), pollIntervalMs);
  pollTimer.unref();

  const reader = readFleetStreams({
    client,
    prefix,
    positions,
    blockMs: Math.min(1000, pollIntervalMs),
    onEntry(source, entry) {
      stats.entriesRead += 1;
      for (const sessionKey of entry.removed) sessions.remove(source, sessionKey);
      for (const heartbeat of entry.heartbeats) sessions.upsert(source, entry.epoch, heartbeat);
    },
    onRead(sources) {
      sessions.flush();
      for (const source of sources) statuses.heard(source);
    },
    resync,
    logger,
  });

  const directory: SourceDirectory = {
    list: () => statuses.list(),
    subscribe(listener) {
      sourceListeners.add(listener);
      return () => sourceListeners.delete(listener);
    },
  };

  function act(sessionKey: string, action: SessionAction): boolean {
    const split = splitFleetKey(sessionKey);
    if (split === undefined || !sessions.has(split.source, split.sessionKey)) return false;
    if (!actions.includes(action)) {
      throw new HeartbeatEmitterError(
        'action_not_supported',
        sessionKey,
        `this fleet does not offer ${action}; it offers ${actions.join(', ') || 'no action'}`,
      );
    }
    const runEpoch = positions.get(split.source)?.epoch ?? '';
    stats.actionsSent += 1;
    client
      .xAdd(
        sourceKeys(prefix, split.source).commands,
        '*',
        { sessionKey: split.sessionKey, action, epoch: runEpoch },
        { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 1000 } },
      )
      .catch((error: unknown) =>
        logger.warn?.(
          `fleet: could not send ${action} to ${split.source}: ${describeError(error)}`,
        ),
      );
    return true;
  }

  return {
    epoch,
    interval,
    now,
    snapshot: () => sessions.snapshot(),
    heartbeat: (sessionKey) => sessions.heartbeat(sessionKey),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions,
    act,
    history(sessionKey, since) {
      // The gateways keep their histories; the fleet view has only what each
      // session shows now: the change that began its current state.
      const heartbeat = sessions.heartbeat(sessionKey);
      if (heartbeat === undefined) return undefined;
      const change: StateChange = { state: heartbeat.state, at: heartbeat.stateSince };
      if (heartbeat.toolName !== undefined) change.toolName = heartbeat.toolName;
      if (heartbeat.model !== undefined) change.model = heartbeat.model;
      if (heartbeat.turnId !== undefined) change.turnId = heartbeat.turnId;
      if (heartbeat.activity !== undefined) change.activity = heartbeat.activity;
      return since === undefined || change.at >= since ? [change] : [];
    },
    sources: directory,
    get connected() {
      return client.isReady;
    },
    stats: () => ({ ...stats, entriesRead: stats.entriesRead }),
    ready(timeoutMs = 5000) {
      if (readyOnce) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          readyWaiters.delete(done);
          reject(
            new Error(`fleet: Redis at ${options.redisUrl} not reached within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        readyWaiters.add(done);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pollTimer);
      statuses.dispose();
      await reader.stop();
      client.destroy();
    },
  };
}
