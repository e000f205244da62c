import type { HeartbeatClient } from '@session-heartbeat/client';
import { createContext, useContext } from 'react';

export const HeartbeatContext = createContext<HeartbeatClient | undefined>(undefined);
HeartbeatContext.displayName = 'HeartbeatContext';

/** The provider's client, or a clear error naming the hook and the provider. */
export function useClientFor(hookName: string): HeartbeatClient {
  const client = useContext(HeartbeatContext);
  if (client === undefined) {
    throw new Error(`\`${hookName}\` must be used within \`HeartbeatProvider\`.`);
  }
  return client;
}

/**
 * The client of the nearest `HeartbeatProvider`: commands (`reconnect`,
 * `setThresholds`, `fetchSession`…) and the store, for anything the hooks
 * do not cover.
 */
export function useHeartbeatClient(): HeartbeatClient {
  return useClientFor('useHeartbeatClient');
}
