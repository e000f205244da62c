import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { connectTestClient, type TestClient } from '@session-heartbeat/emitter/node/test-utils';
import { createFleetPublisher } from '../create-fleet-publisher';
import { startRedis, type TestRedis } from '../test-utils';
import { startAggregatorServer, type RunningAggregatorServer } from './start-aggregator-server';

const INTERVAL = 200;
let redis: TestRedis;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fleetOfTwo(keyPrefix: string) {
  const gateways = ['gw-1', 'gw-2'].map((source) => {
    const emitter = createHeartbeatEmitter({ interval: INTERVAL });
    emitter.session('agent:main:main');
    const publisher = createFleetPublisher({
      hub: emitter,
      redisUrl: redis.url,
      source,
      keyPrefix,
    });
    cleanups.push(async () => {
      await publisher.close();
      emitter.dispose();
    });
    return { emitter, publisher };
  });
  await Promise.all(gateways.map(({ publisher }) => publisher.flushed()));
  const server: RunningAggregatorServer = await startAggregatorServer({
    token: 'fleet-token',
    fleet: { redisUrl: redis.url, keyPrefix, interval: INTERVAL },
  });
  cleanups.push(() => server.close());
  await server.aggregator.ready();
  return { gateways, server };
}

describe('the aggregator’s sources', () => {
  it('answers GET /api/sources behind the token, 405 for another method', async () => {
    const { server } = await fleetOfTwo('src1:');
    const auth = { Authorization: 'Bearer fleet-token' };
    const answer = await fetch(`${server.url}/api/sources`, { headers: auth });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      serverTime: expect.any(Number),
      sources: [
        { id: 'gw-1', status: 'live', lastSeenAt: expect.any(Number), sessions: 1 },
        { id: 'gw-2', status: 'live', lastSeenAt: expect.any(Number), sessions: 1 },
      ],
    });
    expect((await fetch(`${server.url}/api/sources`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/sources`, { method: 'POST', headers: auth })).status,
    ).toBe(405);
  });

  it('puts the sources in the snapshot and sends a sources frame when one goes unreachable', async () => {
    const { gateways, server } = await fleetOfTwo('src2:');
    const socket: TestClient = await connectTestClient(server.url, { token: 'fleet-token' });
    cleanups.push(() => socket.close());
    const snapshot = (await socket.next()) as { type: string; sources?: { id: string }[] };
    expect(snapshot.type).toBe('snapshot');
    expect(snapshot.sources?.map((source) => source.id)).toEqual(['gw-1', 'gw-2']);
    const second = gateways[1];
    second?.emitter.dispose();
    await second?.publisher.close();
    const frame = (await socket.next((next) => next.type === 'sources', 3000)) as unknown as {
      sources: { id: string; status: string; reason?: string }[];
    };
    expect(frame.sources.map(({ id, status, reason }) => ({ id, status, reason }))).toEqual([
      { id: 'gw-1', status: 'live', reason: undefined },
      { id: 'gw-2', status: 'unreachable', reason: 'silent' },
    ]);
  });
});
