import { MutationObserver, type MutationOptions, type QueryClient } from '@tanstack/query-core';
import type { HistoryBody, ServerFrame } from '@session-heartbeat/core';
import type { HeartbeatClient } from './heartbeat-client';
import { HeartbeatHttpError, isUnauthorized } from './heartbeat-http';
import { heartbeatQueryKeys } from './heartbeat-query-keys';
import type { HeartbeatSource } from './heartbeat-source';
import type { SessionAction, SessionActionVariables } from './session-action';
import { stretchesFromChanges, type HealthStretch } from './session-history';

/** What the client's one-session requests need of the client. */
export interface SessionRequestsContext {
  queryClient: QueryClient;
  /** The client's scope in the query and mutation keys (its base URL). */
  scope: string;
  /** The source now (it changes with the transport). */
  source(): HeartbeatSource;
  /** Feeds a fetched heartbeat in as a frame would (when the client runs). */
  receive(frame: ServerFrame, receivedAt: number, sentAt: number): void;
  localNow(): number;
  serverNow(): number;
  historyWindowMs: number;
  /** Adds older stretches to a session's history; whether it changed. */
  prependHistory(sessionKey: string, older: readonly HealthStretch[], serverNow: number): boolean;
  /** Asks for a flush (to publish what changed). */
  requestFlush(): void;
}

/**
 * The client's requests about one session, through TanStack Query: a fresh
 * fetch, the history from before the page listened, and actions (mutations
 * keyed by session and action, so every view of a session reads the same
 * runs). None of them retries a refused token.
 */
export function createSessionRequests(
  context: SessionRequestsContext,
): Pick<HeartbeatClient, 'fetchSession' | 'loadHistory' | 'runAction' | 'actionMutationOptions'> {
  const { queryClient, scope } = context;
  const retry = (failureCount: number, error: unknown): boolean =>
    !isUnauthorized(error) && failureCount < 2;

  function actionMutationOptions(
    sessionKey: string,
    action: SessionAction,
  ): MutationOptions<void, Error, SessionActionVariables> {
    return {
      mutationKey: heartbeatQueryKeys.action(scope, sessionKey, action),
      mutationFn: async ({ handledByHost = false }) => {
        if (handledByHost) return;
        const source = context.source();
        if (source.act === undefined) {
          throw new Error(`This heartbeat source cannot ${action} sessions.`);
        }
        return source.act(sessionKey, action);
      },
    };
  }

  return {
    fetchSession(sessionKey) {
      const source = context.source();
      const fetchFromSource = source.fetchSession?.bind(source);
      if (fetchFromSource === undefined) {
        return Promise.reject(new Error('This heartbeat source cannot fetch a single session.'));
      }
      return queryClient.fetchQuery({
        queryKey: heartbeatQueryKeys.session(scope, sessionKey),
        queryFn: async ({ signal }) => {
          const sentAt = context.localNow();
          const body = await fetchFromSource(sessionKey, signal);
          const frame: ServerFrame = {
            type: 'heartbeats',
            serverTime: body.serverTime,
            heartbeats: [body.heartbeat],
          };
          context.receive(frame, context.localNow(), sentAt);
          return body.heartbeat;
        },
        staleTime: 0,
        retry,
      });
    },
    loadHistory(sessionKey) {
      const source = context.source();
      const fetchHistory = source.history?.bind(source);
      if (fetchHistory === undefined) return Promise.resolve();
      return queryClient
        .fetchQuery({
          queryKey: heartbeatQueryKeys.history(scope, sessionKey),
          queryFn: async ({ signal }) => {
            let body: HistoryBody;
            try {
              body = await fetchHistory(
                sessionKey,
                context.serverNow() - context.historyWindowMs,
                signal,
              );
            } catch (error) {
              // A v1 server has no history route: the client's own is all there is.
              if (error instanceof HeartbeatHttpError && error.status === 404) return null;
              throw error;
            }
            // Applied at once: it only adds what came before, and the next flush publishes it.
            const older = stretchesFromChanges(body.changes);
            if (context.prependHistory(sessionKey, older, context.serverNow())) {
              context.requestFlush();
            }
            return null;
          },
          // Once per session: what came before the client listened does not change.
          staleTime: Infinity,
          retry,
        })
        .then(() => undefined);
    },
    runAction(sessionKey, action, variables = {}) {
      return new MutationObserver(queryClient, actionMutationOptions(sessionKey, action)).mutate(
        variables,
      );
    },
    actionMutationOptions,
  };
}
