import type { SessionHealth } from '@session-heartbeat/core';
import { useCallback, useSyncExternalStore } from 'react';
import { RestartActionView } from './restart-action-view';
import type { RestartFlows } from './restart-flows';
import { restartPhase } from './restart-phase';
import { needsRestart } from './session-restart-action';

export interface ListRestartActionProps {
  flows: RestartFlows;
  sessionKey: string;
  health: SessionHealth;
  /** When the session entered its state: a restart is "done" until the session moves on. */
  stateSince: number | undefined;
  tabbable: boolean;
}

/**
 * `SessionRestartAction` for a row of `SessionList`, whose request lives in
 * the list's `RestartFlows`: it follows the session when the row is reused
 * for another one, and a healthy session with nothing under way costs one
 * keyed subscription, not a mutation observer.
 */
export function ListRestartAction({
  flows,
  sessionKey,
  health,
  stateSince,
  tabbable,
}: ListRestartActionProps) {
  const subscribe = useCallback(
    (listener: () => void) => flows.subscribe(sessionKey, listener),
    [flows, sessionKey],
  );
  const read = () => flows.get(sessionKey);
  const flow = useSyncExternalStore(subscribe, read, read);
  const phase = flow === undefined ? 'idle' : restartPhase(flow, stateSince);
  if (phase === 'idle' && !needsRestart(health)) return null;
  return (
    <RestartActionView
      sessionKey={sessionKey}
      phase={phase}
      errorMessage={flow?.errorMessage}
      onRequest={() => flows.request(sessionKey)}
      onCancel={() => flows.cancel(sessionKey)}
      onConfirm={() => flows.confirm(sessionKey, stateSince)}
      tabIndex={tabbable ? 0 : -1}
    />
  );
}
