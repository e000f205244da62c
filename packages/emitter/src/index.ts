export { createHeartbeatEmitter } from './create-heartbeat-emitter';
export type {
  HeartbeatEmitter,
  HeartbeatEmitterOptions,
  SessionHandle,
  ToolCallDetails,
} from './types';
export { HISTORY_MAX_AGE_MS, HISTORY_MAX_CHANGES } from './session-history';
export type { SessionInit, SessionStatus } from './session-record';
export {
  assertSessionKey,
  assertSessionState,
  type TransitionDetails,
} from './assert-session-input';
export { HeartbeatEmitterError, type HeartbeatEmitterErrorCode } from './heartbeat-emitter-error';
export {
  createPeriodicScheduler,
  type PeriodicScheduler,
  type PeriodicSchedulerOptions,
} from './create-periodic-scheduler';
export { defaultTimers, unrefTimer, type EmitterTimers } from './emitter-timers';
export { createHealthMonitor } from './health/create-health-monitor';
export type {
  HealthMetrics,
  HealthMonitor,
  HealthMonitorOptions,
  SourceStatus,
} from './health/health-monitor-types';
export type {
  HealthTallies,
  SessionCount,
  StateDurationSeries,
} from './health/create-health-tally';
export { PROMETHEUS_CONTENT_TYPE, writePrometheusText } from './metrics/write-prometheus-text';
export type {
  HistogramLike,
  MeterLike,
  MeterProviderLike,
  MetricAttributesLike,
  MetricOptionsLike,
  ObservableCallbackLike,
  ObservableLike,
  ObservableResultLike,
} from './metrics/meter-provider-like';
