import { useHeartbeatClient } from '@session-heartbeat/react';
import { createContext, useContext, useMemo } from 'react';
import { createRestartFlows, type RestartFlows } from './restart-flows';

const RestartFlowsContext = createContext<RestartFlows | undefined>(undefined);

/** Shares a list's restart requests with its rows (`SessionList` provides one). */
export const RestartFlowsProvider = RestartFlowsContext.Provider;

/**
 * The restart requests of the enclosing `SessionList`, or else this
 * component's own, sent through the provider's client (a new client starts
 * afresh).
 */
export function useRestartFlows(): RestartFlows {
  const list = useContext(RestartFlowsContext);
  const client = useHeartbeatClient();
  return useMemo(
    () => list ?? createRestartFlows((sessionKey) => client.restartSession(sessionKey)),
    [list, client],
  );
}
