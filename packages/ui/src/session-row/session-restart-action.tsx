import type { SessionHealth } from '@session-heartbeat/core';
import { RestartActionView } from './restart-action-view';
import { useRestartFlow } from './use-restart-flow';

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
 * Restart for a stalled or unresponsive session (`useRestartFlow`): confirm,
 * then pending, then done (until the session moves on) or an error with a
 * retry. Nothing for a healthy session with no restart under way.
 */
export function SessionRestartAction({
  sessionKey,
  health,
  stateSince,
  tabbable,
}: SessionRestartActionProps) {
  const flow = useRestartFlow(sessionKey, stateSince);
  if (flow.phase === 'idle' && !needsRestart(health)) return null;
  return <RestartActionView {...flow} tabIndex={tabbable ? 0 : -1} />;
}
