import type { FleetCommand } from './fleet-entry';
import { describeError, type FleetLogger } from './fleet-logger';
import type { RedisClient } from './redis-connection';

export interface ReadCommandsOptions {
  /** The publisher's client; the blocking reads get a connection of their own. */
  client: RedisClient;
  key: string;
  /** The run the commands must be for: one asked of a previous run is not this one's. */
  epoch: () => string;
  now: () => number;
  /** Older commands (by their stream id's time) are ignored. */
  maxAgeMs: number;
  onCommand(command: FleetCommand): void;
  logger: FleetLogger;
}

/** How long one blocking read waits, so that `stop()` is never held longer. */
const BLOCK_MS = 1000;

/** The time part of a stream id (`1700000000000-0`), in epoch ms. */
export function streamIdTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/**
 * Reads a source's command stream with blocking `XREAD`s on a connection of
 * its own, from the start of the (trimmed) stream: a command counts only if
 * it names this run's epoch and is younger than `maxAgeMs`, so an action
 * asked of a gateway that since restarted, or that waited out an outage,
 * never runs late.
 */
export function readCommands(options: ReadCommandsOptions): { stop(): Promise<void> } {
  const blocking = options.client.duplicate();
  blocking.on('error', () => undefined); // the publisher's client reports the outage
  let stopped = false;
  let lastId = '0-0';

  async function loop(): Promise<void> {
    await blocking.connect().catch(() => undefined);
    while (!stopped) {
      if (!blocking.isReady) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      try {
        const read = await blocking.xRead([{ key: options.key, id: lastId }], {
          COUNT: 100,
          BLOCK: BLOCK_MS,
        });
        for (const stream of read ?? []) {
          for (const { id, message } of stream.messages) {
            lastId = id;
            const { sessionKey, action, epoch } = message;
            if (sessionKey === undefined || action === undefined) continue;
            if (epoch !== options.epoch()) continue;
            if (options.now() - streamIdTime(id) > options.maxAgeMs) continue;
            options.onCommand({ sessionKey, action });
          }
        }
      } catch (error) {
        if (stopped) break;
        options.logger.warn?.(`fleet: reading actions failed: ${describeError(error)}`);
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
