import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useClientFor } from './heartbeat-context';

/**
 * Restarts a session (`POST /api/sessions/:key/restart`, or the source's own
 * restart) as a TanStack mutation: `isPending`, `error` and retries for free.
 *
 * @example
 * const restart = useRestartSession();
 * <button onClick={() => restart.mutate(sessionKey)} disabled={restart.isPending}>Restart</button>
 */
export function useRestartSession(): UseMutationResult<void, Error, string> {
  const client = useClientFor('useRestartSession');
  return useMutation(client.restartMutationOptions());
}
