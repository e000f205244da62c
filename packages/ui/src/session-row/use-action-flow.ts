import {
  useHeartbeatClient,
  useSessionAction,
  type SessionAction,
  type SessionActionRun,
} from '@session-heartbeat/react';
import { useContext } from 'react';
import { ActionFlowContext } from './action-flow-context';
import { actionPhase, type ActionPhase } from './action-phase';
import { actionFailedMessage, actionWords } from './action-words';
import { announcePolitely, prepareAnnouncer } from './announce-politely';
import { createSessionActionRequest, type SessionActionRequest } from './session-action-request';

export interface ActionFlow {
  sessionKey: string;
  phase: ActionPhase;
  /** The newest run (the client's mutation), from whichever view ran it. */
  latest: SessionActionRun | undefined;
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
 * The result is said in the page's polite live region ("Restart sent:
 * agent:ci:main comes back idle."), naming the session by `name`.
 *
 * @param stateSince when the session entered its state
 * @param onAction the host's say before it is sent (else the context's)
 * @param name how a person reads the session (its label, else its key)
 */
export function useActionFlow(
  sessionKey: string,
  action: SessionAction,
  stateSince: number | undefined,
  onAction?: (request: SessionActionRequest) => void,
  name: string = sessionKey,
): ActionFlow {
  const context = useContext(ActionFlowContext);
  if (context === undefined) {
    throw new Error('`useActionFlow` must be used within `SessionList` or `SessionActions`.');
  }
  const { confirming, setConfirming } = context;
  const tellHost = onAction ?? context.onAction;
  const { latest, run } = useSessionAction(sessionKey, action);
  const client = useHeartbeatClient();
  const isConfirming = confirming?.sessionKey === sessionKey && confirming.action === action;
  return {
    sessionKey,
    phase: actionPhase(latest, isConfirming, stateSince),
    latest,
    errorMessage: latest?.error?.message,
    onRequest: () => {
      prepareAnnouncer();
      setConfirming({ sessionKey, action });
    },
    onCancel: () => setConfirming(undefined),
    onConfirm: () => {
      setConfirming(undefined);
      prepareAnnouncer();
      const request = createSessionActionRequest(sessionKey, action);
      tellHost?.(request);
      const askedAt = client.serverNow();
      // A failure is shown from the mutation's state; here it is only said.
      run({ stateSince, askedAt, handledByHost: request.defaultPrevented }).then(
        () => announcePolitely(actionWords(action).sent(name)),
        (error: unknown) =>
          announcePolitely(
            actionFailedMessage(action, name, error instanceof Error ? error.message : undefined),
          ),
      );
    },
  };
}
