import {
  DataPointType,
  MeterProvider,
  MetricReader,
  type CollectionResult,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeartbeatEmitter } from '../create-heartbeat-emitter';
import { createHealthMonitor } from '../health/create-health-monitor';
import type { HealthMonitor } from '../health/health-monitor-types';
import { createManualClock } from '../test-utils';
import type { HeartbeatEmitter } from '../types';
import { STATE_DURATION_BUCKETS_SECONDS } from './health-metric-families';

/** The SDK's reader, collected when the test says (as a periodic exporter would on its timer). */
class CollectingReader extends MetricReader {
  protected onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}

function metric(collected: CollectionResult, name: string): MetricData | undefined {
  return collected.resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .find((data) => data.descriptor.name === name);
}

describe('the health metrics through OpenTelemetry', () => {
  let emitter: HeartbeatEmitter;
  let monitor: HealthMonitor;

  afterEach(() => {
    monitor.dispose();
    emitter.dispose();
  });

  it('reports the same families on a real SDK MeterProvider, observed at collection', async () => {
    const clock = createManualClock();
    emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
    const reader = new CollectingReader();
    // The SDK's own provider, passed as it is: MeterProviderLike fits it.
    const meterProvider = new MeterProvider({ readers: [reader] });
    monitor = createHealthMonitor(emitter, {
      timers: clock.timers,
      tools: ['exec'],
      meterProvider,
    });

    const build = emitter.session('agent:build:main');
    build.transition('tool_exec', { toolName: 'exec' });
    emitter.session('agent:main:main');
    clock.advance(31_000);
    build.transition('awaiting_model');
    emitter.session('agent:web:main').transition('tool_exec', { toolName: 'browser' });
    clock.advance(31_000);

    const collected = await reader.collect();
    expect(collected.errors).toEqual([]);
    const sessions = metric(collected, 'session_heartbeat.sessions');
    expect(sessions?.descriptor).toMatchObject({ unit: '{session}' });
    expect(sessions?.dataPoints).toContainEqual(
      expect.objectContaining({ attributes: { health: 'stalled', state: 'tool_exec' }, value: 1 }),
    );
    expect(sessions?.dataPoints).toContainEqual(
      expect.objectContaining({
        attributes: { health: 'stalled', state: 'awaiting_model' },
        value: 1,
      }),
    );
    expect(metric(collected, 'session_heartbeat.stalls')?.dataPoints).toContainEqual(
      expect.objectContaining({ attributes: { reason: 'no_progress' }, value: 3 }),
    );
    expect(metric(collected, 'session_heartbeat.source.up')?.dataPoints).toEqual([
      expect.objectContaining({ attributes: { source: 'local' }, value: 1 }),
    ]);
    expect(metric(collected, 'session_heartbeat.emitted')?.dataPoints).toEqual([
      expect.objectContaining({ value: monitor.metrics().emitted }),
    ]);

    const durations = metric(collected, 'session_heartbeat.state.duration');
    expect(durations?.dataPointType).toBe(DataPointType.HISTOGRAM);
    expect(durations?.descriptor.unit).toBe('s');
    // (The idle states the sessions began in ended at once: 0 s.)
    expect(durations?.dataPoints).toContainEqual(
      expect.objectContaining({
        attributes: { state: 'tool_exec', tool: 'exec' },
        value: expect.objectContaining({
          count: 1,
          sum: 31,
          buckets: expect.objectContaining({
            boundaries: [...STATE_DURATION_BUCKETS_SECONDS],
          }) as unknown,
        }) as unknown,
      }),
    );
    await meterProvider.shutdown();
  });

  it('stops observing once the monitor is disposed: a collection reads nothing of it', async () => {
    const clock = createManualClock();
    emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers });
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    let sourceReads = 0;
    const sources = () => {
      sourceReads += 1;
      return [{ id: 'local', up: true }];
    };
    monitor = createHealthMonitor(emitter, { timers: clock.timers, meterProvider, sources });
    emitter.session('agent:main:main');
    expect(metric(await reader.collect(), 'session_heartbeat.sessions')?.dataPoints).toContainEqual(
      expect.objectContaining({ attributes: { health: 'idle', state: 'idle' }, value: 1 }),
    );
    expect(sourceReads).toBeGreaterThan(0);
    monitor.dispose();
    const readsBefore = sourceReads;
    await reader.collect();
    expect(sourceReads).toBe(readsBefore);
    await meterProvider.shutdown();
  });
});
