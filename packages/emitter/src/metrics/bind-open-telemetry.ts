import type { SessionState } from '@session-heartbeat/core';
import type { HealthMetrics } from '../health/health-monitor-types';
import {
  HEALTH_METRIC_FAMILIES,
  STATE_DURATION_BUCKETS_SECONDS,
  type MetricFamily,
} from './health-metric-families';
import type {
  MeterLike,
  MeterProviderLike,
  ObservableCallbackLike,
  ObservableLike,
} from './meter-provider-like';

/** The OpenTelemetry side of the health metrics. */
export interface OpenTelemetryBinding {
  /** A state that ended (the histogram is the one synchronous instrument). */
  stateCompleted(state: SessionState, tool: string | undefined, seconds: number): void;
  /** Removes the observable callbacks. */
  close(): void;
}

function options(family: MetricFamily): { description: string; unit?: string } {
  return family.unit === ''
    ? { description: family.help }
    : { description: family.help, unit: family.unit };
}

/**
 * The same families as `GET /metrics`, on a host's `MeterProvider`: gauges
 * and counters are observed from the monitor's totals when the SDK collects
 * (nothing per heartbeat), the histogram is recorded as states end.
 */
export function bindOpenTelemetry(
  provider: MeterProviderLike,
  read: () => HealthMetrics,
): OpenTelemetryBinding {
  const meter: MeterLike = provider.getMeter('@session-heartbeat/emitter');
  const families = HEALTH_METRIC_FAMILIES;
  const observed: [ObservableLike, ObservableCallbackLike][] = [];

  function observe(instrument: ObservableLike, callback: ObservableCallbackLike): void {
    instrument.addCallback(callback);
    observed.push([instrument, callback]);
  }

  observe(
    meter.createObservableGauge(families.sessions.otelName, options(families.sessions)),
    (result) => {
      for (const { health, state, count } of read().sessions) {
        result.observe(count, { health, state });
      }
    },
  );
  observe(
    meter.createObservableGauge(families.sourceUp.otelName, options(families.sourceUp)),
    (result) => {
      for (const { id, up } of read().sources) result.observe(up ? 1 : 0, { source: id });
    },
  );
  observe(
    meter.createObservableCounter(families.stalls.otelName, options(families.stalls)),
    (result) => {
      for (const [reason, count] of Object.entries(read().stalls)) {
        result.observe(count, { reason });
      }
    },
  );
  observe(
    meter.createObservableCounter(families.unresponsive.otelName, options(families.unresponsive)),
    (result) => result.observe(read().unresponsive),
  );
  observe(
    meter.createObservableCounter(families.emitted.otelName, options(families.emitted)),
    (result) => result.observe(read().emitted),
  );
  const durations = meter.createHistogram(families.stateDuration.otelName, {
    ...options(families.stateDuration),
    advice: { explicitBucketBoundaries: [...STATE_DURATION_BUCKETS_SECONDS] },
  });

  return {
    stateCompleted(state, tool, seconds) {
      durations.record(seconds, tool === undefined ? { state } : { state, tool });
    },
    close() {
      for (const [instrument, callback] of observed) instrument.removeCallback(callback);
      observed.length = 0;
    },
  };
}
