import { useRestartSession } from '@session-heartbeat/react';
import { RestartActionView, type RestartPhase } from '@session-heartbeat/ui';
import { useState } from 'react';

export interface DetailRestartProps {
  sessionKey: string;
  /** When the session entered its state: "Requested" holds until it moves on. */
  stateSince: number | undefined;
}

/**
 * Restart from the detail panel: always offered (a healthy session can be
 * restarted too), with the confirm step, pending, done and error states of
 * the list's own action. It stays mounted while the session's health
 * changes, so keyboard focus is never lost when a restart succeeds.
 */
export function DetailRestart({ sessionKey, stateSince }: DetailRestartProps) {
  const restart = useRestartSession();
  const [confirming, setConfirming] = useState(false);
  const [requestedAt, setRequestedAt] = useState<number | undefined>();
  const done = restart.isSuccess && requestedAt !== undefined && requestedAt === stateSince;

  let phase: RestartPhase;
  if (restart.isPending) phase = 'pending';
  else if (restart.isError) phase = 'error';
  else if (done) phase = 'done';
  else if (confirming) phase = 'confirming';
  else phase = 'idle';

  return (
    <RestartActionView
      sessionKey={sessionKey}
      phase={phase}
      errorMessage={restart.error?.message}
      onRequest={() => setConfirming(true)}
      onCancel={() => {
        setConfirming(false);
        restart.reset();
      }}
      onConfirm={() => {
        setConfirming(false);
        restart.mutate(sessionKey, { onSuccess: () => setRequestedAt(stateSince) });
      }}
    />
  );
}
