import { useSessionAction, type SessionAction } from '@session-heartbeat/react';
import { useContext } from 'react';
import { ActionFlowContext } from './action-flow-context';
import { actionPhase, type ActionPhase } from './action-phase';
import { createSessionActionRequest, type SessionActionRequest } from './session-action-request';

export interface ActionFlow {
  sessionKey: string;
  phase: ActionPhase;
  /** Why the newest run failed. */
  errorMessage: string | undefined;
  /** The first click: ask to confirm. */
  onRequest: () => void;
  onCancel: () => void;
  /** Runs the action (after the host's `onAction`, which may take it over). */
  onConfirm: () => void;
}

/**
 * One action on one session as a person goes through it: request, confirm,
 * then pending, then done (until the session moves on) or an error with a
 * retry. Where it stands is the client's mutation (`useSessionAction`), so
 * every view of the session agrees; only "confirming" is UI state, kept by
 * the enclosing `ActionFlowContext` (the list's, or a ladder's own).
 *
 * @param stateSince when the session entered its state
 * @param onAction the host's say before it is sent (else the context's)
 */
export function useActionFlow(
  sessionKey: string,
  action: SessionAction,
  stateSince: number | undefined,
  onAction?: (request: SessionActionRequest) => void,
): ActionFlow {
  const context = useContext(ActionFlowContext);
  if (context === undefined) {
    throw new Error('`useActionFlow` must be used within `SessionList` or `SessionActions`.');
  }
  const { confirming, setConfirming } = context;
  const tellHost = onAction ?? context.onAction;
  const { latest, run } = useSessionAction(sessionKey, action);
  const isConfirming = confirming?.sessionKey === sessionKey && confirming.action === action;
  return {
    sessionKey,
    phase: actionPhase(latest, isConfirming, stateSince),
    errorMessage: latest?.error?.message,
    onRequest: () => setConfirming({ sessionKey, action }),
    onCancel: () => setConfirming(undefined),
    onConfirm: () => {
      setConfirming(undefined);
      const request = createSessionActionRequest(sessionKey, action);
      tellHost?.(request);
      // A failure is shown from the mutation's state; nothing to catch here.
      run({ stateSince, handledByHost: request.defaultPrevented }).catch(() => undefined);
    },
  };
}
