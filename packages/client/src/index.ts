// @session-heartbeat/client: the browser client, framework-agnostic. One
// client per server: a store views select from, a few commands, sources.

// The contract's types that the client's state and options are made of.
export type {
  HealthCause,
  HealthThresholds,
  HealthVerdict,
  ReceivedHeartbeat,
  SessionHealth,
  SessionHeartbeat,
  SessionSortKey,
  SessionState,
  SourceStatus,
  SourceUnreachableReason,
  ThresholdConfig,
  ThresholdOverride,
} from '@session-heartbeat/core';

export {
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatClientOptions,
} from './create-heartbeat-client';
export type { HeartbeatState, HeartbeatStats, HeartbeatStore } from './heartbeat-store';
export type { SessionAction, SessionActionVariables } from './session-action';
export type { SessionEntry } from './session-entry';
export type { SnapshotProgress, SnapshotSliceOptions } from './snapshot-slicer';
export type { HistoryLimits, HealthStretch } from './session-history';
export type { ServerTicker } from './create-server-ticker';
export type { HeartbeatView } from './create-heartbeat-view';
export {
  createApprovalCountSelector,
  createSessionKeysSelector,
  defaultSearchText,
  isApprovalWait,
  type SessionFilter,
  type SessionKeysQuery,
} from './create-session-keys-selector';
export type { ConnectionStatus, ConnectionStatusKind, TransportKind } from './connection-status';
export { HeartbeatHttpError } from './heartbeat-http';
export {
  createBrowserEnvironment,
  type HeartbeatEnvironment,
  type TimerHandle,
} from './environment';

// Where heartbeats come from: the network (built in), an in-page hub, or a
// source of your own (the OpenClaw gateway's socket is one).
export type { NetworkSourceOptions, TransportMode } from './create-network-source';
export { createFailoverSource, type FailoverSourceOptions } from './create-failover-source';
export { createEmitterSource } from './create-emitter-source';
// The network transport off the main thread (the client's `worker`).
export {
  transportWorker,
  type HeartbeatWorkerLike,
  type HeartbeatWorkerOption,
  type TransportWorker,
  type WorkerTransportOptions,
} from './create-worker-source';
export { serveHeartbeatWorker, type HeartbeatWorkerOverrides } from './serve-heartbeat-worker';
export type { FromWorker, ToWorker, WorkerConnectOptions, WorkerScope } from './worker-messages';
export {
  silenceLimitMs,
  usableInterval,
  type HeartbeatSink,
  type HeartbeatSource,
  type HeartbeatSourceContext,
  type SourceProblem,
} from './heartbeat-source';
export type { WebSocketConstructor, WebSocketLike } from './open-heartbeat-socket';
// One connection for every tab of an origin (the client's `shareConnection`).
export type { SharedConnectionOptions } from './shared-connection';
export type {
  TabChannel,
  TabChannelConstructor,
  TabLockManager,
  TabLockSnapshot,
} from './tab-channel';
export { computeBackoff, type BackoffOptions } from './compute-backoff';
