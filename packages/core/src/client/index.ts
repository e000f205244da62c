export {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
} from './create-heartbeat-client';
export {
  createNetworkSource,
  type NetworkSourceOptions,
  type TransportMode,
} from './create-network-source';
export type {
  HeartbeatSink,
  HeartbeatSource,
  HeartbeatSourceContext,
  SourceProblem,
} from './heartbeat-source';
export { silenceLimitMs, usableInterval } from './heartbeat-source';
export {
  createBrowserEnvironment,
  type HeartbeatEnvironment,
  type TimerHandle,
} from './environment';
export {
  isListening,
  type ConnectionStatus,
  type ConnectionStatusKind,
  type TransportKind,
} from './connection-status';
export { computeBackoff, DEFAULT_BACKOFF, type BackoffOptions } from './compute-backoff';
export type { HeartbeatState, HeartbeatStats, HeartbeatStore } from './heartbeat-store';
export type { SessionEntry } from './session-entry';
export { DEFAULT_HISTORY_LIMITS, type HistoryLimits, type StateChange } from './session-history';
export { HeartbeatHttpError } from './heartbeat-http';
export { heartbeatQueryKeys } from './heartbeat-query-keys';
export type { WebSocketConstructor, WebSocketLike } from './open-heartbeat-socket';
export {
  createEmitterSource,
  type EmitterHubEvent,
  type EmitterHubLike,
} from './create-emitter-source';
export { createServerTicker, type ServerTicker } from './create-server-ticker';
export {
  createSessionKeysSelector,
  type SessionFilter,
  type SessionKeysQuery,
} from './create-session-keys-selector';
export { DueHeap, type DueEntry } from './due-heap';
