import { RestartActionView, useRestartFlow } from '@session-heartbeat/ui';

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
  return <RestartActionView {...useRestartFlow(sessionKey, stateSince)} />;
}
