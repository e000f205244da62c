/**
 * TanStack Query keys of the client's requests, under one prefix per server
 * (`scope` is the base URL, or a source's name), so a host can invalidate or
 * inspect them with its own `QueryClient`.
 */
export const heartbeatQueryKeys = {
  all: (scope: string) => ['session-heartbeat', scope] as const,
  batch: (scope: string) => ['session-heartbeat', scope, 'batch'] as const,
  session: (scope: string, sessionKey: string) =>
    ['session-heartbeat', scope, 'session', sessionKey] as const,
  /** One session's history from the server (v1.1), loaded once for a timeline. */
  history: (scope: string, sessionKey: string) =>
    ['session-heartbeat', scope, 'history', sessionKey] as const,
  /** One session's action: every view of that session reads the same mutations. */
  action: (scope: string, sessionKey: string, action: string) =>
    ['session-heartbeat', scope, 'action', sessionKey, action] as const,
};
