import { useHeartbeatClient } from '@session-heartbeat/react';
import { createContext, useContext, useMemo } from 'react';
import { createRestartFlows, type RestartFlows } from './restart-flows';

const RestartFlowsContext = createContext<RestartFlows | undefined>(undefined);

/** Shares a list's restart requests with its rows (`SessionList` provides one). */
export const RestartFlowsProvider = RestartFlowsContext.Provider;

/** The list's restart requests, or `undefined` for a row outside a list. */
export function useListRestartFlows(): RestartFlows | undefined {
  return useContext(RestartFlowsContext);
}

/** Restart requests for one list, sent through the provider's client (a new client starts afresh). */
export function useOwnRestartFlows(): RestartFlows {
  const client = useHeartbeatClient();
  return useMemo(
    () => createRestartFlows((sessionKey) => client.restartSession(sessionKey)),
    [client],
  );
}
