import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import type { HubEvent } from '@session-heartbeat/core';
import { waitFor } from '@session-heartbeat/emitter/node/test-utils';
import { createFleetPublisher, type FleetPublisher } from '../create-fleet-publisher';
import { startRedis, type TestRedis } from '../test-utils';
import { createFleetAggregator, type FleetAggregator } from './create-fleet-aggregator';

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

let prefixCount = 0;

function gateway(source: string, keyPrefix: string, restarts: string[] = []) {
  const emitter: HeartbeatEmitter = createHeartbeatEmitter({
    interval: INTERVAL,
    onAction: (key, action) => {
      if (action === 'restart') restarts.push(key);
    },
  });
  const publisher: FleetPublisher = createFleetPublisher({
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
}

function aggregator(keyPrefix: string): { hub: FleetAggregator; events: HubEvent[] } {
  const hub = createFleetAggregator({
    redisUrl: redis.url,
    keyPrefix,
    interval: INTERVAL,
    unresponsiveAfterMs: 3 * INTERVAL,
  });
  const events: HubEvent[] = [];
  hub.subscribe((event) => events.push(event));
  cleanups.push(() => hub.close());
  return { hub, events };
}

describe('a gateway published to Redis, read by an aggregator', () => {
  it('lists every session as <source>/<key> with its source, and relays transitions and removals', async () => {
    const prefix = `t${(prefixCount += 1)}:`;
    const gw1 = gateway('gw-1', prefix);
    const gw2 = gateway('gw-2', prefix);
    gw1.emitter.session('agent:main:main', { model: 'openai/gpt-5' });
    gw2.emitter.session('agent:main:main');
    const ops = gw2.emitter.session('agent:ops:main');
    await Promise.all([gw1.publisher.flushed(), gw2.publisher.flushed()]);
    const { hub, events } = aggregator(prefix);
    await hub.ready();
    expect(
      hub
        .snapshot()
        .map((beat) => [beat.sessionKey, beat.source, beat.model])
        .sort(),
    ).toEqual([
      ['gw-1/agent:main:main', 'gw-1', 'openai/gpt-5'],
      ['gw-2/agent:main:main', 'gw-2', undefined],
      ['gw-2/agent:ops:main', 'gw-2', undefined],
    ]);
    expect(hub.sources.list()).toEqual([
      { id: 'gw-1', status: 'live', lastSeenAt: expect.any(Number), sessions: 1 },
      { id: 'gw-2', status: 'live', lastSeenAt: expect.any(Number), sessions: 2 },
    ]);

    ops.transition('tool_exec', { toolName: 'exec' });
    await waitFor(() => hub.heartbeat('gw-2/agent:ops:main')?.state === 'tool_exec');
    const seqs = events.flatMap((event) =>
      event.type === 'heartbeats'
        ? event.heartbeats.filter((beat) => beat.sessionKey === 'gw-2/agent:ops:main')
        : [],
    );
    expect(seqs.at(-1)?.toolName).toBe('exec');
    ops.remove();
    await waitFor(() =>
      events.some(
        (event) => event.type === 'removed' && event.sessionKey === 'gw-2/agent:ops:main',
      ),
    );
    expect(hub.heartbeat('gw-2/agent:ops:main')).toBeUndefined();
    expect(hub.sources.list().find((source) => source.id === 'gw-2')?.sessions).toBe(1);
  });

  it('sends an action back to the session’s gateway, and nowhere else', async () => {
    const prefix = `t${(prefixCount += 1)}:`;
    const restarts1: string[] = [];
    const restarts2: string[] = [];
    const gw1 = gateway('gw-1', prefix, restarts1);
    const gw2 = gateway('gw-2', prefix, restarts2);
    gw1.emitter.session('agent:main:main');
    gw2.emitter.session('agent:main:main');
    await Promise.all([gw1.publisher.flushed(), gw2.publisher.flushed()]);
    const { hub } = aggregator(prefix);
    await hub.ready();
    expect(hub.act('gw-2/agent:main:main', 'restart')).toBe(true);
    expect(hub.act('gw-3/agent:main:main', 'restart')).toBe(false);
    expect(hub.act('agent:main:main', 'restart')).toBe(false);
    await waitFor(() => restarts2.length === 1);
    expect(restarts2).toEqual(['agent:main:main']);
    expect(restarts1).toEqual([]);
  });

  it('relays a restarted gateway’s sessions as new news (its seq starts over), and drops those it lost', async () => {
    const prefix = `t${(prefixCount += 1)}:`;
    const first = gateway('gw-1', prefix);
    const kept = first.emitter.session('agent:kept:main');
    first.emitter.session('agent:lost:main');
    for (let turn = 0; turn < 5; turn += 1) kept.transition(turn % 2 === 0 ? 'streaming' : 'idle');
    await first.publisher.flushed();
    const { hub, events } = aggregator(prefix);
    await hub.ready();
    const before = hub.heartbeat('gw-1/agent:kept:main');
    expect(before?.seq).toBeGreaterThan(0);
    await first.publisher.close();
    first.emitter.dispose();

    const second = gateway('gw-1', prefix);
    second.emitter.session('agent:kept:main', { state: 'awaiting_model' });
    await second.publisher.flushed();
    await waitFor(() => hub.heartbeat('gw-1/agent:kept:main')?.state === 'awaiting_model');
    expect(hub.heartbeat('gw-1/agent:kept:main')?.seq).toBeGreaterThan(before?.seq ?? Infinity);
    await waitFor(() => hub.heartbeat('gw-1/agent:lost:main') === undefined);
    expect(events).toContainEqual({ type: 'removed', sessionKey: 'gw-1/agent:lost:main' });
  });

  it('calls a source that stops beating unreachable, and live again when it is back', async () => {
    const prefix = `t${(prefixCount += 1)}:`;
    const gw = gateway('gw-1', prefix);
    gw.emitter.session('agent:main:main');
    await gw.publisher.flushed();
    const changes: string[] = [];
    const { hub } = aggregator(prefix);
    hub.sources.subscribe((sources) => changes.push(sources.map((s) => s.status).join()));
    await hub.ready();
    expect(hub.sources.list()[0]?.status).toBe('live');
    // The process hangs: no heartbeat, no beat (the emitter's timer stops).
    gw.emitter.dispose();
    await gw.publisher.close();
    await waitFor(() => hub.sources.list()[0]?.status === 'unreachable', 3000);
    expect(hub.sources.list()[0]).toMatchObject({ reason: 'silent', sessions: 1 });
    const back = gateway('gw-1', prefix);
    back.emitter.session('agent:main:main');
    await waitFor(() => hub.sources.list()[0]?.status === 'live', 3000);
    expect(changes).toEqual(['live', 'unreachable', 'live']);
  });

  it('calls a dead gateway unreachable before any of its sessions is unresponsiveAfterMs old: one notice, not an alarm per session', async () => {
    const prefix = `t${(prefixCount += 1)}:`;
    const gw = gateway('gw-1', prefix);
    for (let index = 0; index < 20; index += 1) gw.emitter.session(`agent:s${index}:main`);
    const { hub } = aggregator(prefix);
    await hub.ready();
    await waitFor(() => hub.sources.list()[0]?.status === 'live', 3000);
    // Let periodic beats run, then the process dies between two of them.
    await waitFor(() => (hub.heartbeat('gw-1/agent:s0:main')?.seq ?? 0) >= 3, 3000);
    let unreachableAt = Infinity;
    hub.sources.subscribe((sources) => {
      if (sources[0]?.status === 'unreachable') unreachableAt = Math.min(unreachableAt, Date.now());
    });
    gw.emitter.dispose();
    await gw.publisher.close();
    await waitFor(() => Number.isFinite(unreachableAt), 3000);
    const newest = Math.max(...hub.snapshot().map((heartbeat) => heartbeat.emittedAt));
    const oldest = Math.min(...hub.snapshot().map((heartbeat) => heartbeat.emittedAt));
    // The client calls a session unresponsive at emittedAt + 3 × interval;
    // the source must be unreachable before the oldest one gets there.
    expect(unreachableAt).toBeLessThan(oldest + 3 * INTERVAL);
    expect(newest - oldest).toBeLessThanOrEqual(INTERVAL + 50);
  });
});
