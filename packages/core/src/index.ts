export * from './protocol/types';
export { isSessionKey } from './protocol/parse-heartbeat';
export { decodeSessionKeySegment, encodeSessionKeySegment } from './protocol/session-key-segment';
export { resolveRoute } from './protocol/resolve-route';
export { parseHeartbeat, parseHeartbeatList, type ParseResult } from './protocol/parse-heartbeat';
export { parseServerFrame, decodeServerFrame, parseBatchBody } from './protocol/parse-server-frame';
export {
  parseSessionHeartbeatBody,
  parseRestartBody,
  parseErrorBody,
} from './protocol/parse-http-body';
export {
  decodeClientFrame,
  parseClientFrame,
  type ClientFrameError,
  type ClientFrameResult,
} from './protocol/parse-client-frame';
export {
  DEFAULT_THRESHOLDS,
  resolveThresholds,
  matchPattern,
  type HealthThresholds,
  type ThresholdConfig,
  type ThresholdOverride,
} from './health/resolve-thresholds';
export {
  assessHealth,
  classifyHealth,
  msUntilHealthChange,
  healthDeadlines,
  stallClockSince,
  SESSION_HEALTHS,
  type SessionHealth,
  type HealthCause,
  type HealthVerdict,
  type HealthAssessment,
  type HealthContext,
} from './health/classify-health';
export {
  createClockOffset,
  type ClockOffset,
  type ClockOffsetOptions,
  type ClockSample,
} from './clock/create-clock-offset';
export {
  compareByKey,
  compareByLastActivity,
  compareBySeverity,
  lastActivityAt,
  sessionComparators,
  severityRank,
  type SessionSortKey,
  type SortableSession,
} from './sort/compare-sessions';
export * from './client';
