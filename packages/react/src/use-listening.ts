import { useHeartbeatState } from './use-heartbeat-state';

/**
 * Whether the client hears the server now (`HeartbeatState.listening`): the
 * rule every session's health follows, so that what a view says about the
 * connection agrees with the rows. While `false`, every session is `unknown`.
 */
export function useListening(): boolean {
  return useHeartbeatState((state) => state.listening, 'useListening');
}
