import { useCallback, useSyncExternalStore } from 'react';
import type { RestartActionViewProps } from './restart-action-view';
import { useRestartFlows } from './restart-flows-context';
import { restartPhase } from './restart-phase';

/** What `RestartActionView` needs from the flow, ready to spread. */
export type RestartFlow = Pick<
  RestartActionViewProps,
  'sessionKey' | 'phase' | 'errorMessage' | 'onRequest' | 'onCancel' | 'onConfirm'
>;

/**
 * The restart flow of one session: request, confirm, then pending, then done
 * (until the session leaves the state it was in when the restart was
 * accepted) or an error with a retry. Inside a `SessionList` the request is
 * the list's (`RestartFlows`), so it follows its session from row to row;
 * elsewhere the caller keeps its own, per session.
 *
 * @param stateSince when the session entered its state
 */
export function useRestartFlow(sessionKey: string, stateSince: number | undefined): RestartFlow {
  const flows = useRestartFlows();
  const subscribe = useCallback(
    (listener: () => void) => flows.subscribe(sessionKey, listener),
    [flows, sessionKey],
  );
  const read = () => flows.get(sessionKey);
  const flow = useSyncExternalStore(subscribe, read, read);
  return {
    sessionKey,
    phase: flow === undefined ? 'idle' : restartPhase(flow, stateSince),
    errorMessage: flow?.errorMessage,
    onRequest: () => flows.request(sessionKey),
    onCancel: () => flows.cancel(sessionKey),
    onConfirm: () => flows.confirm(sessionKey, stateSince),
  };
}
