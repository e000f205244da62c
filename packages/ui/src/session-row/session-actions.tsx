import {
  useHeartbeatState,
  useSessionHeartbeat,
  type SessionAction,
} from '@session-heartbeat/react';
import { useContext, useMemo, useRef, useState } from 'react';
import { ActionFlowContext, type Confirming } from './action-flow-context';
import type { ActionPhase } from './action-phase';
import { actionButtonName, actionButtonText, actionWords } from './action-words';
import type { SessionActionRequest } from './session-action-request';
import { useActionFlow, type ActionFlow } from './use-action-flow';

/** One rung of the ladder as the buttons show it. */
export interface ActionRung {
  action: SessionAction;
  phase: ActionPhase;
  /** Why its last run failed. */
  errorMessage?: string | undefined;
}

export interface SessionActionsBaseProps {
  sessionKey: string;
  /** -1 keeps the buttons out of the tab order (rows that are not the list's tab stop). @default 0 */
  tabIndex?: 0 | -1;
}

export type SessionActionsProps = SessionActionsBaseProps &
  (
    | {
        /** The rungs, in ladder order; with the callbacks, the buttons show what they say. */
        rungs: readonly ActionRung[];
        /** The first click on a rung: runs it, or asks to confirm an abort or a restart. */
        onRequest: (action: SessionAction) => void;
        onConfirm: (action: SessionAction) => void;
        onCancel: () => void;
        actions?: never;
        onAction?: never;
      }
    | {
        rungs?: never;
        onRequest?: never;
        onConfirm?: never;
        onCancel?: never;
        /**
         * The rungs to offer, in ladder order. @default what the server
         * supports (`HeartbeatState.supportedActions`): nudge, abort, restart
         */
        actions?: readonly SessionAction[];
        /**
         * Told of an action a person confirmed, before it is sent;
         * `preventDefault()` takes it over (nothing is sent; it shows as done).
         */
        onAction?: (request: SessionActionRequest) => void;
      }
  );

/**
 * Recovery, as a small ladder: **Nudge** (ask the agent to report or
 * resume), then **Abort** (end the turn), then **Restart** — only the rungs
 * the server supports. Abort and restart ask to confirm; every rung shows
 * pending, done and failed. Given only a `sessionKey`, it acts through the
 * provider's client (`useSessionAction`), and every view of the session shows
 * the same request; given `rungs` and callbacks, it shows what they say.
 * The button of a rung stays the same element through its phases, so
 * keyboard focus stays on it: Enter, Enter restarts; Escape or Cancel backs out.
 *
 * @example
 * <SessionActions sessionKey="agent:main:main" />
 */
export function SessionActions(props: SessionActionsProps) {
  return props.rungs === undefined ? (
    // Keyed by session: a component handed another session starts afresh.
    <ConnectedSessionActions
      key={props.sessionKey}
      sessionKey={props.sessionKey}
      tabIndex={props.tabIndex}
      actions={props.actions}
      onAction={props.onAction}
    />
  ) : (
    <SessionActionButtons {...props} rungs={props.rungs} />
  );
}

function ConnectedSessionActions({
  sessionKey,
  tabIndex,
  actions,
  onAction,
}: SessionActionsBaseProps & {
  actions: readonly SessionAction[] | undefined;
  onAction: ((request: SessionActionRequest) => void) | undefined;
}) {
  const list = useContext(ActionFlowContext);
  const [confirming, setConfirming] = useState<Confirming | undefined>(undefined);
  const own = useMemo(() => ({ confirming, setConfirming, onAction: undefined }), [confirming]);
  return (
    <ActionFlowContext.Provider value={list ?? own}>
      <Ladder sessionKey={sessionKey} tabIndex={tabIndex} actions={actions} onAction={onAction} />
    </ActionFlowContext.Provider>
  );
}

function Ladder({
  sessionKey,
  tabIndex,
  actions,
  onAction,
}: SessionActionsBaseProps & {
  actions: readonly SessionAction[] | undefined;
  onAction: ((request: SessionActionRequest) => void) | undefined;
}) {
  const supported = useHeartbeatState((state) => state.supportedActions);
  const stateSince = useSessionHeartbeat(sessionKey)?.stateSince;
  return (
    <SessionActionButtons
      {...useLadder(sessionKey, actions ?? supported, stateSince, onAction)}
      tabIndex={tabIndex}
    />
  );
}

/**
 * The flows of every rung a ladder may show (one hook per action, in a fixed
 * order), narrowed to `offered`, as the buttons' props.
 */
export function useLadder(
  sessionKey: string,
  offered: readonly SessionAction[],
  stateSince: number | undefined,
  onAction?: (request: SessionActionRequest) => void,
): Pick<
  SessionActionsProps & { rungs: readonly ActionRung[] },
  'sessionKey' | 'rungs' | 'onRequest' | 'onConfirm' | 'onCancel'
> {
  const flows: Record<SessionAction, ActionFlow> = {
    nudge: useActionFlow(sessionKey, 'nudge', stateSince, onAction),
    abort: useActionFlow(sessionKey, 'abort', stateSince, onAction),
    restart: useActionFlow(sessionKey, 'restart', stateSince, onAction),
  };
  return {
    sessionKey,
    rungs: offered.map((action) => ({
      action,
      phase: flows[action].phase,
      errorMessage: flows[action].errorMessage,
    })),
    onRequest: (action) => {
      if (actionWords(action).confirms) flows[action].onRequest();
      else flows[action].onConfirm();
    },
    onConfirm: (action) => flows[action].onConfirm(),
    // One rung at a time asks to confirm: backing out clears it, whichever it is.
    onCancel: () => flows.abort.onCancel(),
  };
}

export function SessionActionButtons({
  sessionKey,
  rungs,
  onRequest,
  onConfirm,
  onCancel,
  tabIndex = 0,
}: SessionActionsBaseProps & {
  rungs: readonly ActionRung[];
  onRequest: (action: SessionAction) => void;
  onConfirm: (action: SessionAction) => void;
  onCancel: () => void;
}) {
  const buttons = useRef(new Map<SessionAction, HTMLButtonElement>());
  const confirming = rungs.find((rung) => rung.phase === 'confirming');
  const failed = rungs.filter((rung) => rung.phase === 'error');
  if (rungs.length === 0) return null;
  const cancel = () => {
    onCancel();
    if (confirming !== undefined) buttons.current.get(confirming.action)?.focus();
  };
  return (
    <div
      className="shb-actions"
      data-state={confirming === undefined ? undefined : 'confirming'}
      role="group"
      aria-label={`Recover ${sessionKey}`}
      onKeyDown={(event) => {
        if (confirming !== undefined && event.key === 'Escape') {
          event.stopPropagation();
          cancel();
        }
      }}
    >
      {failed.map((rung) => (
        <span
          key={rung.action}
          className="shb-actions__error"
          role="alert"
          title={rung.errorMessage}
        >
          {actionWords(rung.action).failed}
        </span>
      ))}
      {confirming !== undefined && (
        <button
          type="button"
          className="shb-button shb-button--ghost"
          tabIndex={tabIndex}
          onClick={cancel}
        >
          Cancel
        </button>
      )}
      {rungs.map(({ action, phase }) => {
        // While one rung asks to confirm, the others step aside.
        if (confirming !== undefined && confirming.action !== action) return null;
        const busy = phase === 'pending' || phase === 'done';
        return (
          <button
            key={action}
            ref={(element) => {
              if (element === null) buttons.current.delete(action);
              else buttons.current.set(action, element);
            }}
            type="button"
            className={
              phase === 'confirming'
                ? 'shb-button shb-button--danger'
                : 'shb-button shb-button--quiet'
            }
            data-action={action}
            data-state={phase}
            tabIndex={tabIndex}
            aria-disabled={busy || undefined}
            aria-label={actionButtonName(action, phase, sessionKey)}
            onClick={() => {
              if (phase === 'idle') onRequest(action);
              else if (phase === 'confirming' || phase === 'error') onConfirm(action);
            }}
          >
            {phase === 'pending' && <span className="shb-spinner" aria-hidden="true" />}
            {actionButtonText(action, phase)}
          </button>
        );
      })}
    </div>
  );
}
