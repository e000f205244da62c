import { afterEach, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { waitFor } from '@session-heartbeat/emitter/node/test-utils';
import { createFleetPublisher, type FleetPublisher } from './create-fleet-publisher';
import { decodeEntry } from './fleet-entry';
import { sourceKeys } from './fleet-keys';
import { createRedisConnection, type RedisClient } from './redis-connection';
import { startRedis, type TestRedis } from './test-utils';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redisWithReader(): Promise<{
  redis: TestRedis;
  reader: RedisClient;
}> {
  const redis = await startRedis();
  const reader = createRedisConnection({ url: redis.url });
  await reader.connect();
  cleanups.push(async () => {
    reader.destroy();
    await redis.stop();
  });
  return { redis, reader };
}

function publish(redisUrl: string, interval = 200, warnings: string[] = []) {
  const emitter = createHeartbeatEmitter({ interval });
  const publisher: FleetPublisher = createFleetPublisher({
    hub: emitter,
    redisUrl,
    source: 'gw-1',
    logger: { warn: (message) => warnings.push(message) },
  });
  cleanups.push(async () => {
    await publisher.close();
    emitter.dispose();
  });
  return { emitter, publisher };
}

describe('createFleetPublisher', () => {
  it('refuses a source id an aggregator could not route back to, naming what is allowed', () => {
    const emitter = createHeartbeatEmitter();
    cleanups.push(() => emitter.dispose());
    expect(() =>
      createFleetPublisher({ hub: emitter, redisUrl: 'redis://127.0.0.1:1', source: 'a/b' }),
    ).toThrow('source: a source id is 1–128 letters, digits, ".", "_", ":" or "-", got "a/b"');
  });

  it('writes one entry per burst, with the newest heartbeat per session, and the hash beside it', async () => {
    const { redis, reader } = await redisWithReader();
    const { emitter, publisher } = publish(redis.url, 60_000);
    const session = emitter.session('agent:main:main');
    await publisher.flushed();
    const keys = sourceKeys('shb:', 'gw-1');
    const before = await reader.xLen(keys.events);
    // Four transitions in one turn of the event loop: only the last one is news.
    session.transition('awaiting_model');
    session.transition('streaming');
    session.transition('tool_exec', { toolName: 'exec' });
    session.transition('awaiting_model');
    await publisher.flushed();
    const entries = (await reader.xRange(keys.events, '-', '+')) ?? [];
    expect(entries).toHaveLength(before + 1);
    const last = decodeEntry(entries.at(-1)?.message ?? {});
    expect(
      last.ok && last.entry.type === 'batch' && last.entry.heartbeats.map((beat) => beat.state),
    ).toEqual(['awaiting_model']);
    expect(publisher.stats().supersededDropped).toBe(3);
    const stored = JSON.parse((await reader.hGet(keys.sessions, 'agent:main:main')) ?? '{}') as {
      state: string;
    };
    expect(stored.state).toBe('awaiting_model');
    expect(await reader.pTTL(keys.beat)).toBeGreaterThan(0);
  });

  it('keeps the gateway running while Redis is gone, and rewrites the hash when it is back', async () => {
    const { redis, reader } = await redisWithReader();
    const warnings: string[] = [];
    const { emitter, publisher } = publish(redis.url, 200, warnings);
    const kept = emitter.session('agent:kept:main');
    const gone = emitter.session('agent:gone:main');
    await publisher.flushed();
    await redis.kill();
    // The host goes on reporting; nothing it calls throws or waits.
    for (let turn = 0; turn < 50; turn += 1) kept.transition(turn % 2 === 0 ? 'streaming' : 'idle');
    kept.transition('tool_exec', { toolName: 'exec' });
    gone.remove();
    emitter.session('agent:new:main');
    await waitFor(() => !publisher.connected);
    // Retries go on (every 100 ms, then more): the gateway's log says so once.
    await waitFor(() => warnings.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(warnings.filter((line) => line.startsWith('fleet: Redis:'))).toHaveLength(1);
    await redis.restart();
    await publisher.flushed(10_000);
    await waitFor(() => reader.isReady, 5000);
    const keys = sourceKeys('shb:', 'gw-1');
    const hash = await reader.hGetAll(keys.sessions);
    expect(Object.keys(hash).sort()).toEqual(['agent:kept:main', 'agent:new:main']);
    expect((JSON.parse(hash['agent:kept:main'] ?? '{}') as { state: string }).state).toBe(
      'tool_exec',
    );
    // Redis came back empty: the first thing written to it is the reset.
    const [reset] = (await reader.xRange(keys.events, '-', '+', { COUNT: 1 })) ?? [];
    expect(reset?.message.t).toBe('reset');
    expect(publisher.stats().resets).toBeGreaterThanOrEqual(2);
  });
});
