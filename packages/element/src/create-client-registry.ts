import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
  type HeartbeatSource,
  type TransportMode,
} from '@session-heartbeat/client';

/** What an element connects through. */
export type ClientSpec =
  | {
      kind: 'url';
      /** An absolute `http(s):` URL. */
      baseUrl: string;
      token: string | undefined;
      transport: TransportMode;
    }
  /** A source (a gateway socket, a host's connection): one client per source object. */
  | { kind: 'source'; source: HeartbeatSource }
  /** A client the host made: held while an element shows it; the host's own hold is its own. */
  | { kind: 'client'; client: HeartbeatClient };

/** One element's hold on a shared client. */
export interface ClientLease {
  readonly client: HeartbeatClient;
  /** `false` once released (or moved away from). */
  readonly held: boolean;
  /**
   * This holder's thresholds (`undefined`: none of its own). Holders of one
   * client share its thresholds: the newest setting of any holder applies,
   * and when none has any, the client's own (defaults for a client made here).
   */
  setThresholds(thresholds: ThresholdConfig | undefined): void;
  /**
   * Moves to another spec and returns the lease to use from then on. When
   * only the transport changes and no one else holds the client, the client
   * stays and switches transport (`setTransport`), keeping its data;
   * otherwise this lease is released and another acquired.
   */
  moveTo(spec: ClientSpec): ClientLease;
  /** Lets go (idempotent); the last holder of a client stops it. */
  release(): void;
}

export interface ClientRegistry {
  /** Holds the client for `spec`, making and starting one if no one holds it yet. */
  acquire(spec: ClientSpec): ClientLease;
  /** How many clients are held right now. */
  readonly size: number;
}

export interface ClientRegistryOptions {
  /** Makes the client for a URL or a source. @default createHeartbeatClient */
  createClient?: (options: HeartbeatClientOptions) => HeartbeatClient;
  /** Hears that holders of one client asked for different thresholds. @default console.warn */
  warn?: (message: string) => void;
}

type EntryId = string | object;

interface Entry {
  id: EntryId;
  spec: ClientSpec;
  client: HeartbeatClient;
  /** Made here: stopped and forgotten when its last holder lets go. */
  owned: boolean;
  /** The thresholds the client had before any holder set some. */
  baseThresholds: ThresholdConfig | undefined;
  applied: string;
  leases: Set<ClientLease>;
  /** Each holder's own thresholds, oldest setting first. */
  thresholds: Map<ClientLease, ThresholdConfig>;
  warnedConflict: boolean;
}

function idOf(spec: ClientSpec): EntryId {
  switch (spec.kind) {
    case 'url':
      // A string key: the same server, token and transport written twice is one connection.
      return JSON.stringify([spec.baseUrl, spec.token ?? null, spec.transport]);
    case 'source':
      return spec.source;
    case 'client':
      return spec.client;
    default:
      return spec satisfies never;
  }
}

function thresholdsKey(thresholds: ThresholdConfig | undefined): string {
  return thresholds === undefined ? '' : JSON.stringify(thresholds);
}

/**
 * Shares one client (one connection) among every element that points at the
 * same server with the same token and transport, or at the same source or
 * client object, and merges their thresholds. Each lease holds its client
 * (`start()` when acquired, `stop()` when released), as each element's
 * `HeartbeatProvider` does; the client counts those calls, so a host's own
 * client keeps running while the host holds it. The registry forgets a
 * client when its last lease lets go. Pure bookkeeping: no page globals.
 */
export function createClientRegistry({
  createClient = createHeartbeatClient,
  warn = (message) => console.warn(message),
}: ClientRegistryOptions = {}): ClientRegistry {
  const entries = new Map<EntryId, Entry>();

  function makeEntry(id: EntryId, spec: ClientSpec): Entry {
    let client: HeartbeatClient;
    let owned = true;
    switch (spec.kind) {
      case 'url':
        client = createClient({
          baseUrl: spec.baseUrl,
          token: spec.token,
          transport: spec.transport,
        });
        break;
      case 'source':
        client = createClient({ source: spec.source });
        break;
      case 'client':
        client = spec.client;
        owned = false;
        break;
      default:
        return spec satisfies never;
    }
    const baseThresholds = owned ? undefined : client.store.getState().thresholds;
    return {
      id,
      spec,
      client,
      owned,
      baseThresholds,
      applied: thresholdsKey(baseThresholds),
      leases: new Set(),
      thresholds: new Map(),
      warnedConflict: false,
    };
  }

  function applyThresholds(entry: Entry): void {
    let newest: ThresholdConfig | undefined;
    const distinct = new Set<string>();
    for (const config of entry.thresholds.values()) {
      newest = config;
      distinct.add(thresholdsKey(config));
    }
    if (distinct.size > 1 && !entry.warnedConflict) {
      entry.warnedConflict = true;
      warn(
        'session-heartbeat: elements that share one connection set different thresholds; ' +
          'the newest setting applies to all of them.',
      );
    }
    const effective = newest ?? entry.baseThresholds;
    const key = thresholdsKey(effective);
    if (key === entry.applied) return;
    entry.applied = key;
    entry.client.setThresholds(effective);
  }

  function retire(entry: Entry): void {
    entries.delete(entry.id);
    if (entry.owned) return;
    // A host's client goes back to its own thresholds (the host may show it elsewhere).
    entry.thresholds.clear();
    applyThresholds(entry);
  }

  function lease(entry: Entry): ClientLease {
    let current: Entry | undefined = entry;
    const self: ClientLease = {
      client: entry.client,
      get held() {
        return current !== undefined;
      },
      setThresholds(thresholds) {
        if (current === undefined) return;
        current.thresholds.delete(self);
        if (thresholds !== undefined) current.thresholds.set(self, thresholds);
        applyThresholds(current);
      },
      moveTo(spec) {
        if (current === undefined) return acquire(spec);
        const id = idOf(spec);
        if (id === current.id) return self;
        const alone = current.leases.size === 1 && !entries.has(id);
        if (alone && current.spec.kind === 'url' && spec.kind === 'url') {
          const { baseUrl, token } = current.spec;
          if (spec.baseUrl === baseUrl && spec.token === token) {
            entries.delete(current.id);
            current.id = id;
            current.spec = spec;
            entries.set(id, current);
            current.client.setTransport(spec.transport);
            return self;
          }
        }
        const next = acquire(spec);
        next.setThresholds(current.thresholds.get(self));
        self.release();
        return next;
      },
      release() {
        if (current === undefined) return;
        const from = current;
        current = undefined;
        from.leases.delete(self);
        from.thresholds.delete(self);
        if (from.leases.size === 0) retire(from);
        else applyThresholds(from);
        from.client.stop();
      },
    };
    entry.leases.add(self);
    // A lease is a hold on the client: `start()` now, `stop()` on release.
    // The client counts them (with its providers' and the host's own).
    entry.client.start();
    return self;
  }

  function acquire(spec: ClientSpec): ClientLease {
    const id = idOf(spec);
    let entry = entries.get(id);
    if (entry === undefined) {
      entry = makeEntry(id, spec);
      entries.set(id, entry);
    }
    return lease(entry);
  }

  return {
    acquire,
    get size() {
      return entries.size;
    },
  };
}

/** The registry every element on the page shares. */
export const sharedClientRegistry: ClientRegistry = createClientRegistry();
