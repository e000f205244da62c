import { useRestartSession } from '@session-heartbeat/react';
import { useState } from 'react';
import type { RestartActionViewProps } from './restart-action-view';
import { restartPhase } from './restart-phase';

/** What `RestartActionView` needs from the flow, ready to spread. */
export type RestartFlow = Pick<
  RestartActionViewProps,
  'sessionKey' | 'phase' | 'errorMessage' | 'onRequest' | 'onCancel' | 'onConfirm'
>;

/**
 * The restart flow of one session, through `useRestartSession`: request,
 * confirm, then pending, then done (until the session leaves the state it
 * was in when the restart was accepted) or an error with a retry.
 *
 * @param stateSince when the session entered its state
 */
export function useRestartFlow(sessionKey: string, stateSince: number | undefined): RestartFlow {
  const restart = useRestartSession();
  const [confirming, setConfirming] = useState(false);
  const [requestedAt, setRequestedAt] = useState<number | undefined>();
  const phase = restartPhase(
    {
      confirming,
      pending: restart.isPending,
      failed: restart.isError,
      accepted: restart.isSuccess,
      requestedAt,
    },
    stateSince,
  );
  return {
    sessionKey,
    phase,
    errorMessage: restart.error?.message,
    onRequest: () => setConfirming(true),
    onCancel: () => {
      setConfirming(false);
      restart.reset();
    },
    onConfirm: () => {
      setConfirming(false);
      restart.mutate(sessionKey, { onSuccess: () => setRequestedAt(stateSince) });
    },
  };
}
