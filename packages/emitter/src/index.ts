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
