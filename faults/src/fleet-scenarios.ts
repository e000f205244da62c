import type { SourceStatus } from '@session-heartbeat/core';
import type { HeartbeatState } from '@session-heartbeat/client';
import { startRedis, type TestRedis } from '@session-heartbeat/fleet/test-utils';
import {
  startAggregatorProcess,
  startMockServerProcess,
  type AggregatorProcess,
  type MockServerProcess,
} from '@session-heartbeat/mock-server';
import { observeClient, type ObservedClient } from './observe-client';
import { sampleRss, type RssSampler } from './read-rss';
import {
  Checks,
  commonFigures,
  LIVE_WITHIN_MS,
  measureRecovery,
  sleep,
  type Scenario,
  type ScenarioFigures,
} from './scenario-kit';

const INTERVAL_MS = 1000;
/** The client's and the aggregators' limit: the defaults' ratio (15 s / 5 s). */
const UNRESPONSIVE_MS = 3 * INTERVAL_MS;
/**
 * On top of the limit, for "unreachable within the limit": the aggregator
 * polls beats every limit / 5, and two busy cores delay timers and frames.
 */
const DETECT_SLACK_MS = 1500;
const SESSIONS_PER_GATEWAY = 100;
const GATEWAYS = ['gw-1', 'gw-2'] as const;
/** An aggregator (tsx included) holding 200 sessions; measured ≈ 130 MB, the bound leaves room. */
const AGGREGATOR_RSS_MB = 250;
const FLEET_SCALE = `2 gateways × ${SESSIONS_PER_GATEWAY}, 2 aggregators; interval 1 s, unresponsive 3 s`;

/** Redis, two gateways publishing to it, two aggregators, and a client given both aggregators. */
interface FleetWorld {
  redis: TestRedis;
  gateway(id: string): MockServerProcess;
  aggregators: AggregatorProcess[];
  observed: ObservedClient;
  rss: RssSampler;
  interval: number;
  /** kill -9, then the same gateway on the same port; resolves when it listens again. */
  killGateway(id: string): Promise<void>;
  restartGateway(id: string): Promise<number>;
  close(): Promise<void>;
}

const total = SESSIONS_PER_GATEWAY * GATEWAYS.length;

function gatewayFlags(redisUrl: string, source: string, port = 0) {
  return {
    port,
    scenario: 'load' as const,
    sessions: SESSIONS_PER_GATEWAY,
    rate: 10,
    interval: INTERVAL_MS,
    fleet: { redisUrl, source },
  };
}

const sourceOf = (state: HeartbeatState, id: string): SourceStatus | undefined =>
  state.sources.find((source) => source.id === id);

/** The sessions of one source, as the client shows them. */
function sessionsOf(state: HeartbeatState, id: string) {
  return [...state.sessions.values()].filter((entry) => entry.heartbeat.source === id);
}

const allLive = (state: HeartbeatState): boolean =>
  state.sources.length === GATEWAYS.length &&
  state.sources.every((source) => source.status === 'live') &&
  state.sessions.size === total &&
  state.counts.unknown === 0;

async function startFleetWorld(): Promise<FleetWorld> {
  const redis = await startRedis();
  const gateways = new Map<string, MockServerProcess>();
  const aggregators: AggregatorProcess[] = [];
  try {
    for (const id of GATEWAYS) {
      gateways.set(id, await startMockServerProcess(gatewayFlags(redis.url, id)));
    }
    for (let index = 0; index < 2; index += 1) {
      aggregators.push(
        await startAggregatorProcess({
          redisUrl: redis.url,
          interval: INTERVAL_MS,
          unresponsiveAfterMs: UNRESPONSIVE_MS,
        }),
      );
    }
  } catch (error) {
    await Promise.all([...gateways.values(), ...aggregators].map((child) => child.kill()));
    await redis.stop();
    throw error;
  }
  const [first, second] = aggregators;
  if (first === undefined || second === undefined) throw new Error('two aggregators expected');
  const observed = observeClient({
    baseUrl: first.url,
    baseUrls: [first.url, second.url],
    thresholds: { unresponsiveAfterMs: UNRESPONSIVE_MS },
  });
  const rss = sampleRss(first.pid);
  await observed.waitFor(allLive, 20_000);
  const gateway = (id: string): MockServerProcess => {
    const found = gateways.get(id);
    if (found === undefined) throw new Error(`no gateway ${id}`);
    return found;
  };
  return {
    redis,
    gateway,
    aggregators,
    observed,
    rss,
    interval: INTERVAL_MS,
    async killGateway(id) {
      await gateway(id).kill();
    },
    async restartGateway(id) {
      const started = await startMockServerProcess(gatewayFlags(redis.url, id, gateway(id).port));
      gateways.set(id, started);
      return performance.now();
    },
    async close() {
      observed.stop();
      rss.stop();
      await Promise.all([...aggregators, ...gateways.values()].map((child) => child.stop()));
      await redis.stop();
    },
  };
}

const gatewayKilled: Scenario = {
  name: 'fleet: a gateway kill -9, back on the same port',
  where: 'node',
  scale: FLEET_SCALE,
  async run(): Promise<ScenarioFigures> {
    const checks = new Checks();
    const world = await startFleetWorld();
    const { observed } = world;
    try {
      const killedAt = performance.now();
      await world.killGateway('gw-2');
      const unreachableAt = await observed
        .waitFor((s) => sourceOf(s, 'gw-2')?.status === 'unreachable', 20_000)
        .catch(() => Infinity);
      const detectMs = unreachableAt - killedAt;
      checks.expect(
        detectMs <= UNRESPONSIVE_MS + DETECT_SLACK_MS,
        `gw-2 unreachable ${Math.round(detectMs)} ms after its kill (limit ${UNRESPONSIVE_MS} ms + ${DETECT_SLACK_MS} ms slack)`,
      );
      // Three limits of silence later: one notice for the source, no alarm per session.
      await sleep(3 * UNRESPONSIVE_MS);
      observed.client.flush();
      const state = observed.state();
      const dead = sessionsOf(state, 'gw-2');
      checks.expect(dead.length === SESSIONS_PER_GATEWAY, `${dead.length} gw-2 sessions shown`);
      const notUnknown = dead.filter(
        (entry) =>
          entry.verdict.health !== 'unknown' || entry.verdict.because !== 'source_unreachable',
      );
      checks.expect(
        notUnknown.length === 0,
        `${notUnknown.length} gw-2 sessions not unknown (source_unreachable), e.g. ${notUnknown[0]?.health}`,
      );
      const others = sessionsOf(state, 'gw-1').filter((entry) => entry.health === 'unknown');
      checks.expect(others.length === 0, `${others.length} gw-1 sessions unknown`);
      checks.expect(sourceOf(state, 'gw-1')?.status === 'live', 'gw-1 not live');

      const backAt = await world.restartGateway('gw-2');
      const liveAt = await observed.waitFor(allLive, 20_000).catch(() => Infinity);
      const timeToLiveMs = liveAt - backAt;
      checks.expect(
        timeToLiveMs <= LIVE_WITHIN_MS,
        `gw-2 and its sessions live ${Math.round(timeToLiveMs)} ms after it listened again (> 5 s)`,
      );
      const recovery = await measureRecovery(world, backAt, checks);
      return {
        ...recovery,
        timeToLiveMs,
        ...commonFigures(world, AGGREGATOR_RSS_MB, checks),
        note: `gw-2 unreachable ${Math.round(detectMs)} ms after kill -9 (limit ${UNRESPONSIVE_MS} ms)`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

const aggregatorKilled: Scenario = {
  name: 'fleet: one of two aggregators kill -9',
  where: 'node',
  scale: FLEET_SCALE,
  async run(): Promise<ScenarioFigures> {
    const checks = new Checks();
    const world = await startFleetWorld();
    const { observed } = world;
    try {
      const [first, second] = world.aggregators;
      if (first === undefined || second === undefined) throw new Error('two aggregators expected');
      const { epoch } = (await (await fetch(`${second.url}/api/sessions/heartbeat`)).json()) as {
        epoch: string;
      };
      checks.expect(observed.state().epoch !== epoch, 'the client was on the second one already');
      const killedAt = performance.now();
      await first.kill();
      const movedAt = await observed
        .waitFor((s) => s.epoch === epoch && s.status.kind === 'live' && allLive(s), 20_000)
        .catch(() => Infinity);
      const timeToLiveMs = movedAt - killedAt;
      checks.expect(
        timeToLiveMs <= LIVE_WITHIN_MS,
        `on the second aggregator with all ${total} sessions ${Math.round(timeToLiveMs)} ms after the kill (> 5 s)`,
      );
      const recovery = await measureRecovery(world, killedAt, checks);
      world.rss.follow(second.pid);
      return {
        ...recovery,
        timeToLiveMs,
        ...commonFigures(world, AGGREGATOR_RSS_MB, checks),
        note: `full resync from the second aggregator's snapshot (${observed.state().sessions.size} sessions)`,
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

const redisKilled: Scenario = {
  name: 'fleet: Redis kill -9, restarted empty',
  where: 'node',
  scale: FLEET_SCALE,
  async run(): Promise<ScenarioFigures> {
    const checks = new Checks();
    const world = await startFleetWorld();
    const { observed } = world;
    try {
      await world.redis.kill();
      // The aggregators say they cannot see the fleet: every source, not a session alarm.
      const blindAt = await observed
        .waitFor(
          (s) =>
            s.sources.length === GATEWAYS.length &&
            s.sources.every((source) => source.reason === 'broker_unreachable'),
          10_000,
        )
        .catch(() => Infinity);
      checks.expect(Number.isFinite(blindAt), 'the client was never told Redis is gone');
      observed.client.flush();
      const blind = observed.state();
      checks.expect(
        blind.counts.unknown === blind.sessions.size,
        `Redis gone, yet ${blind.sessions.size - blind.counts.unknown} sessions not unknown`,
      );
      const answer = (await (await fetch(`${world.aggregators[1]?.url}/api/sources`)).json()) as {
        sources: SourceStatus[];
      };
      checks.expect(
        answer.sources.every((source) => source.reason === 'broker_unreachable'),
        'the other aggregator still claims to see a source',
      );
      // The gateways do not notice beyond a log line: they serve and beat as before.
      await sleep(2 * INTERVAL_MS);
      for (const id of GATEWAYS) {
        const response = await fetch(`${world.gateway(id).url}/api/sessions/heartbeat`);
        const body = (await response.json()) as { heartbeats: unknown[] };
        checks.expect(
          response.status === 200 && body.heartbeats.length === SESSIONS_PER_GATEWAY,
          `${id} answered ${response.status} with ${body.heartbeats.length} sessions while Redis was gone`,
        );
      }
      await world.redis.restart();
      const backAt = performance.now();
      const liveAt = await observed.waitFor(allLive, 20_000).catch(() => Infinity);
      const timeToLiveMs = liveAt - backAt;
      checks.expect(
        timeToLiveMs <= LIVE_WITHIN_MS,
        `every source and session live ${Math.round(timeToLiveMs)} ms after Redis returned (> 5 s)`,
      );
      const recovery = await measureRecovery(world, backAt, checks);
      return {
        ...recovery,
        timeToLiveMs,
        ...commonFigures(world, AGGREGATOR_RSS_MB, checks),
        note: 'Redis restarted empty: the gateways rewrote their hashes, the aggregators reread them',
        failures: checks.failures,
      };
    } finally {
      await world.close();
    }
  },
};

/** The fleet's faults, against real processes and a real redis-server. */
export const FLEET_SCENARIOS: Scenario[] = [gatewayKilled, aggregatorKilled, redisKilled];
