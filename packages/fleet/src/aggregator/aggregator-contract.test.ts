import { afterAll, beforeAll } from 'vitest';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { describeHeartbeatContract, waitFor } from '@session-heartbeat/emitter/node/test-utils';
import { createFleetPublisher } from '../create-fleet-publisher';
import { startRedis, type TestRedis } from '../test-utils';
import { startAggregatorServer } from './start-aggregator-server';

let redis: TestRedis;
let runs = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

// The same contract a single gateway passes, through Redis: one gateway
// (`gw-1`) publishing, one aggregator serving.
describeHeartbeatContract('the fleet aggregator', async ({ token, interval, server }) => {
  const keyPrefix = `contract${(runs += 1)}:`;
  const restarts: string[] = [];
  const emitter = createHeartbeatEmitter({
    interval,
    onAction: (sessionKey, action) => {
      if (action === 'restart') restarts.push(sessionKey);
    },
  });
  const publisher = createFleetPublisher({
    hub: emitter,
    redisUrl: redis.url,
    source: 'gw-1',
    keyPrefix,
  });
  await publisher.flushed();
  const running = await startAggregatorServer({
    ...server,
    ...(token === undefined ? {} : { token }),
    fleet: { redisUrl: redis.url, keyPrefix, interval },
  });
  await running.aggregator.ready();
  const keyOf = (sessionKey: string): string => `gw-1/${sessionKey}`;
  return {
    url: running.url,
    emitter,
    keyOf,
    async settled() {
      await publisher.flushed();
      // Served: every session as the gateway has it, and nothing else.
      await waitFor(() => {
        const served = running.aggregator.snapshot();
        const own = emitter.snapshot();
        return (
          served.length === own.length &&
          own.every(
            (beat) =>
              running.aggregator.heartbeat(keyOf(beat.sessionKey))?.emittedAt === beat.emittedAt,
          )
        );
      });
    },
    restarts,
    async close() {
      await running.close();
      await publisher.close();
      emitter.dispose();
    },
  };
});
