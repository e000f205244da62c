import type { SessionHealth } from '@session-heartbeat/core';
import { useRestartSession } from '@session-heartbeat/react';
import { useState } from 'react';
import { RestartActionView, type RestartPhase } from './restart-action-view';

export interface SessionRestartActionProps {
  sessionKey: string;
  health: SessionHealth;
  /** When the session entered its state: a restart is "done" until the session moves on. */
  stateSince: number | undefined;
  tabbable: boolean;
}

function needsRestart(health: SessionHealth): boolean {
  return health === 'stalled' || health === 'unresponsive';
}

/**
 * Restart for a stalled or unresponsive session, through `useRestartSession`:
 * confirm, then pending, then done (until the session moves on) or an error
 * with a retry. Nothing for a healthy session with no restart under way.
 */
export function SessionRestartAction({
  sessionKey,
  health,
  stateSince,
  tabbable,
}: SessionRestartActionProps) {
  const restart = useRestartSession();
  const [confirming, setConfirming] = useState(false);
  // The state the session was in when the restart was accepted: "done" holds until it changes.
  const [requestedAt, setRequestedAt] = useState<number | undefined>();
  const done = restart.isSuccess && requestedAt !== undefined && requestedAt === stateSince;

  let phase: RestartPhase;
  if (restart.isPending) phase = 'pending';
  else if (restart.isError) phase = 'error';
  else if (done) phase = 'done';
  else if (confirming) phase = 'confirming';
  else phase = 'idle';

  if (phase === 'idle' && !needsRestart(health)) return null;
  return (
    <RestartActionView
      sessionKey={sessionKey}
      phase={phase}
      tabIndex={tabbable ? 0 : -1}
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
