// @session-heartbeat/react: thin hooks over the client. Everything the client
// exports is exported here too (as @tanstack/react-query does with its core),
// so a React app installs and imports one package.
export * from '@session-heartbeat/client';

export { HeartbeatProvider, type HeartbeatProviderProps } from './heartbeat-provider';
export { useHeartbeatClient } from './heartbeat-context';
export { useHeartbeatState } from './use-heartbeat-state';
export { useSessionEntry } from './use-session-entry';
export { useSessionHeartbeat } from './use-session-heartbeat';
export { useSessionHealth } from './use-session-health';
export { useSessionKeys } from './use-session-keys';
export { useHealthCounts } from './use-health-counts';
export { useConnectionStatus } from './use-connection-status';
export { useListening } from './use-listening';
export { useSessionHistory } from './use-session-history';
export {
  useSessionAction,
  type SessionActionResult,
  type SessionActionRun,
} from './use-session-action';
export { useServerNow } from './use-server-now';
export { useLastUpdate } from './use-last-update';
