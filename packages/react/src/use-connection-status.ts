import type { ConnectionStatus } from '@session-heartbeat/client';
import { useHeartbeatState } from './use-heartbeat-state';

/**
 * How the client hears the server: `connecting`, `live`, `polling`,
 * `reconnecting` (with `nextRetryAt`), `offline`, `unauthorized` or `stopped`.
 */
export function useConnectionStatus(): ConnectionStatus {
  return useHeartbeatState((state) => state.status, 'useConnectionStatus');
}
