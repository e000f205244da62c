export { attachHeartbeatServer, type AttachedHeartbeatServer } from './attach-heartbeat-server';
export {
  startHeartbeatServer,
  type RunningHeartbeatServer,
  type ServerExtension,
  type StartHeartbeatServerOptions,
} from './start-heartbeat-server';
export type {
  ApiRouteHandler,
  HeartbeatServerLogger,
  HeartbeatServerOptions,
} from './resolve-server-options';
export type { SocketConnectionStats, SocketConnectionStatus } from './socket-connection';
export { DEFAULT_ALLOWED_ORIGINS, createOriginPolicy } from './create-origin-policy';
export {
  createHostPolicy,
  hostNameOf,
  MISDIRECTED_REQUEST,
  type HostPolicy,
} from './create-host-policy';
export { createTokenCheck, bearerToken, tokenProblem, type TokenCheck } from './create-token-check';
export { sendError, sendJson } from './send-json';
export { refuseUpgrade } from './refuse-upgrade';
export {
  readBody,
  readJsonBody,
  sendBodyError,
  type BodyResult,
  type JsonBodyResult,
} from './read-body';
export { pathOf } from './create-api-handler';
export type {
  HealthMetrics,
  HealthMonitor,
  HealthMonitorOptions,
  SourceStatus,
} from '../health/health-monitor-types';
