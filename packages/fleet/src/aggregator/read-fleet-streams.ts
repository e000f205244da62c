import { decodeEntry, type FleetEntry } from '../fleet-entry';
import { sourceKeys } from '../fleet-keys';
import { describeError, type FleetLogger } from '../fleet-logger';
import type { RedisClient } from '../redis-connection';

/** Where an aggregator stands in one source's stream. */
export interface StreamPosition {
  /** The last stream id applied. */
  lastId: string;
  /** The source's run, and the counter of the last entry applied in it. */
  epoch: string;
  n: number;
  /** Something was missed (a reconnection, no data yet): read the hash again before the stream. */
  stale: boolean;
}

export interface ReadFleetStreamsOptions {
  /** The aggregator's client; the blocking reads get a connection of their own. */
  client: RedisClient;
  prefix: string;
  /** Every source's position, shared with the aggregator (which adds sources). */
  positions: Map<string, StreamPosition>;
  /** A read waits at most this long, so that new sources join soon. */
  blockMs: number;
  /** An entry that follows the last one applied (same run, counter + 1). */
  onEntry(source: string, entry: Extract<FleetEntry, { type: 'batch' }>): void;
  /** After each read: the sources it brought entries of. */
  onRead(sources: ReadonlySet<string>): void;
  /** Reads the source's hash again (a reset, a gap, another run, an entry it cannot read). */
  resync(source: string): Promise<void>;
  logger: FleetLogger;
}

/**
 * Reads every source's stream with blocking `XREAD`s on a connection of its
 * own, from each source's last id: no consumer group, so any number of
 * aggregators each see every entry. An entry is applied only if it follows
 * the last one (same run, counter + 1); anything else, and every `reset`,
 * sends the source back to its hash.
 */
export function readFleetStreams(options: ReadFleetStreamsOptions): { stop(): Promise<void> } {
  const { positions } = options;
  const blocking = options.client.duplicate();
  blocking.on('error', () => undefined); // the aggregator's own client reports the outage
  let stopped = false;

  async function readOnce(): Promise<void> {
    const streams: { key: string; id: string }[] = [];
    const sourceOf = new Map<string, string>();
    for (const [source, position] of positions) {
      if (position.stale) continue;
      const key = sourceKeys(options.prefix, source).events;
      sourceOf.set(key, source);
      streams.push({ key, id: position.lastId });
    }
    if (streams.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, options.blockMs));
      return;
    }
    const read = await blocking.xRead(streams, { COUNT: 1000, BLOCK: options.blockMs });
    const heard = new Set<string>();
    for (const stream of read ?? []) {
      const source = sourceOf.get(String(stream.name));
      if (source === undefined) continue;
      heard.add(source);
      for (const { id, message } of stream.messages) {
        const position = positions.get(source);
        if (position === undefined || position.stale) break;
        const decoded = decodeEntry(message);
        const follows =
          decoded.ok &&
          decoded.entry.type === 'batch' &&
          decoded.entry.epoch === position.epoch &&
          decoded.entry.n === position.n + 1;
        if (!follows || !decoded.ok || decoded.entry.type !== 'batch') {
          await options.resync(source);
          break;
        }
        position.lastId = id;
        position.n = decoded.entry.n;
        options.onEntry(source, decoded.entry);
      }
    }
    options.onRead(heard);
  }

  async function loop(): Promise<void> {
    await blocking.connect().catch(() => undefined);
    while (!stopped) {
      if (!blocking.isReady) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      try {
        await readOnce();
      } catch (error) {
        if (stopped) break;
        options.logger.warn?.(`fleet: reading the streams failed: ${describeError(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  const running = loop();
  return {
    async stop() {
      stopped = true;
      blocking.destroy();
      await running;
    },
  };
}
