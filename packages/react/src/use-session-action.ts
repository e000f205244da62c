import type { SessionAction, SessionActionVariables } from '@session-heartbeat/client';
import type { MutationState } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useClientFor } from './heartbeat-context';

/** Where one run of a session action stands: TanStack's mutation state. */
export type SessionActionRun = MutationState<void, Error, SessionActionVariables>;

export interface SessionActionResult {
  /**
   * The newest run of this action on this session, from whichever view ran
   * it; `undefined` before the first (or once the cache forgot it).
   */
  latest: SessionActionRun | undefined;
  /** Runs it (`client.runAction`); the promise rejects with the server's error. */
  run(variables?: SessionActionVariables): Promise<void>;
}

/**
 * One action on one session (restart), as the client's mutations keyed by
 * session and action (what `useMutationState` would filter on): every view
 * of that session reads the same runs, and a component that is handed
 * another session shows that session's at once.
 *
 * @example
 * const restart = useSessionAction(sessionKey, 'restart');
 * <button onClick={() => void restart.run()} disabled={restart.latest?.status === 'pending'}>
 *   Restart
 * </button>
 */
export function useSessionAction(sessionKey: string, action: SessionAction): SessionActionResult {
  const client = useClientFor('useSessionAction');
  const cache = client.queryClient.getMutationCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  // Read afresh for the session asked about now (a row may show another
  // session than at its last render); a run's state keeps its reference
  // until it changes, so this re-renders only when the newest run moves on.
  const read = (): SessionActionRun | undefined =>
    cache
      .findAll({
        mutationKey: client.actionMutationOptions(sessionKey, action).mutationKey,
        exact: true,
      })
      .at(-1)?.state as SessionActionRun | undefined;
  const latest = useSyncExternalStore(subscribe, read, read);
  const run = useCallback(
    (variables?: SessionActionVariables) => client.runAction(sessionKey, action, variables),
    [client, sessionKey, action],
  );
  return { latest, run };
}
