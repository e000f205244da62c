import type { HealthVerdict, ThresholdConfig } from '@session-heartbeat/core';
import type { EmitterTimers } from '../emitter-timers';
import type { MeterProviderLike } from '../metrics/meter-provider-like';
import type { HealthTallies } from './create-health-tally';

/** A source of sessions and whether it is heard: one gateway, for an aggregator. */
export interface SourceStatus {
  id: string;
  up: boolean;
}

/** Every health figure at one moment (`session_heartbeat_*`); none is per session. */
export interface HealthMetrics extends HealthTallies {
  sources: SourceStatus[];
}

export interface HealthMonitorOptions {
  /**
   * The limits sessions are classified with: the same ones dashboards read
   * from `GET /api/sessions/thresholds`, so that alerts and dashboards agree.
   * Global limits left out take their defaults. Thresholds it cannot use
   * (a bad value, a field that is not a threshold, a silence limit not above
   * the interval) throw a `RangeError` naming the field.
   * @default DEFAULT_THRESHOLDS
   */
  thresholds?: ThresholdConfig;
  /**
   * Tool names that may become the `tool` label of the state-duration
   * histogram; any other tool counts as `other`, so that a host's tool
   * names never grow the metrics without bound.
   * @default [] (every tool is `other`)
   */
  tools?: readonly string[];
  /**
   * The sources `session_heartbeat_source_up` reports. An emitter is one
   * source, up while it answers; an aggregator passes the gateways it hears.
   * @default () => [{ id: 'local', up: true }]
   */
  sources?: () => readonly SourceStatus[];
  /**
   * Also report the metrics through OpenTelemetry: a `MeterProvider` of
   * `@opentelemetry/api` 1.x, such as the SDK's. The emitter depends on no
   * OpenTelemetry package: it uses only the methods `MeterProviderLike`
   * writes out.
   * @default undefined
   */
  meterProvider?: MeterProviderLike;
  /** The timer for the next change of any session. @default globalThis */
  timers?: EmitterTimers;
  /** Told of every change of the thresholds (to keep them across restarts). @default undefined */
  onThresholdsChange?: (thresholds: ThresholdConfig) => void;
}

/**
 * Every session of a hub classified on the hub's own clock with core's rules
 * (`assessHealth`): re-assessed when its heartbeat arrives or its next
 * change is due, by one timer for all sessions.
 */
export interface HealthMonitor {
  /** The thresholds in force, global limits filled in. */
  readonly thresholds: ThresholdConfig;
  /**
   * Replaces the thresholds and re-assesses every session; throws a
   * `RangeError` naming the field for thresholds it cannot use (see
   * `checkThresholds`), keeping those it had.
   */
  setThresholds(thresholds: ThresholdConfig): void;
  /** A session's verdict now; `undefined` for a session the hub does not list. */
  verdict(sessionKey: string): HealthVerdict | undefined;
  /** Every figure now (due changes applied first). */
  metrics(): HealthMetrics;
  /** Sessions watched. */
  readonly size: number;
  /** Stops listening and the timer; figures stay readable. */
  dispose(): void;
}
