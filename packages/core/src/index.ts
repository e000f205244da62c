// @session-heartbeat/core: the contract and the rules, pure TypeScript, no
// dependencies. What the client, the emitter and the OpenClaw bridge share.

// The wire contract (docs/protocol.md) and its validation.
export {
  CloseCode,
  DEFAULT_INTERVAL_MS,
  isRestingState,
  isRunningState,
  isSessionAction,
  isSessionState,
  isToolState,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  Routes,
  SESSION_ACTIONS,
  SESSION_KEY_MAX_LENGTH,
  SESSION_STATES,
  SOURCE_ID_MAX_LENGTH,
  TEXT_FIELD_MAX_LENGTH,
  type ActionAcceptedBody,
  type ActionsBody,
  type BatchHeartbeatsBody,
  type ClientFrame,
  type ErrorBody,
  type ErrorCode,
  type HeartbeatReason,
  type HeartbeatsFrame,
  type HelloFrame,
  type HistoryBody,
  type OutgoingServerFrame,
  type PingFrame,
  type ReceivedHeartbeat,
  type ReceivedStateChange,
  type RemovedFrame,
  type ServerFrame,
  type SessionAction,
  type SessionHeartbeat,
  type SessionHeartbeatBody,
  type SessionState,
  type SnapshotFrame,
  type StateChange,
  type ThresholdsBody,
  type SourcesBody,
  type SourcesFrame,
  type SourceStatus,
  type SourceUnreachableReason,
} from './protocol/types';
export { isSourceId, parseSourcesBody } from './protocol/parse-sources';
export { boundedText, isSessionKey, type ParseResult } from './protocol/parse-heartbeat';
export { encodeSessionKeySegment } from './protocol/session-key-segment';
export { resolveRoute } from './protocol/resolve-route';
export { decodeServerFrame, parseBatchBody, parseServerFrame } from './protocol/parse-server-frame';
export {
  parseActionAcceptedBody,
  parseActionsBody,
  parseErrorBody,
  parseHistoryBody,
  parseSessionHeartbeatBody,
  parseStateChange,
} from './protocol/parse-http-body';

// Health: the verdict, why, and how long it holds.
export {
  assessHealth,
  baseHealth,
  classifyHealth,
  needsAttention,
  SESSION_HEALTHS,
  type AlarmingHealth,
  type HealthAssessment,
  type HealthCause,
  type HealthContext,
  type HealthVerdict,
  type SessionHealth,
  type StallReason,
} from './health/classify-health';
export { stallClockSince } from './health/health-deadlines';
export {
  createDurationLearner,
  type DurationEstimates,
  type DurationLearner,
  type DurationLearnerOptions,
} from './health/create-duration-learner';
export {
  DEFAULT_THRESHOLDS,
  matchPattern,
  resolveAdaptive,
  resolveThresholds,
  type AdaptiveThresholds,
  type HealthThresholds,
  type ThresholdConfig,
  type ThresholdOverride,
} from './health/resolve-thresholds';
export { parseThresholdConfig, parseThresholdsBody } from './health/parse-threshold-config';

// Order, time and scheduling.
export {
  lastActivityAt,
  sessionComparators,
  type SessionSortKey,
  type SortableSession,
} from './sort/compare-sessions';
export {
  createClockOffset,
  type ClockOffset,
  type ClockOffsetOptions,
  type ClockSample,
} from './clock/create-clock-offset';
export { DueHeap, type DueEntry } from './schedule/due-heap';

// The hub an emitter implements and its readers read.
export type { HeartbeatHub, HubEvent, HubListener, SourceDirectory } from './hub/heartbeat-hub';
