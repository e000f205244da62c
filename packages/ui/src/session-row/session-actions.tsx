import type { SessionHealth } from '@session-heartbeat/core';
import {
  useHeartbeatState,
  useListening,
  useSessionHealth,
  useSessionHeartbeat,
  type SessionAction,
} from '@session-heartbeat/react';
import { useContext, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ActionFlowContext, type Confirming } from './action-flow-context';
import type { ActionPhase } from './action-phase';
import {
  actionButtonName,
  actionButtonText,
  actionFailedMessage,
  actionWords,
  sessionName,
} from './action-words';
import { applicableActions } from './applicable-actions';
import type { SessionActionRequest } from './session-action-request';
import { useActionFlow, type ActionFlow } from './use-action-flow';

/** One rung of the ladder as the buttons show it. */
export interface ActionRung {
  action: SessionAction;
  phase: ActionPhase;
  /** Why its last run failed. */
  errorMessage?: string | undefined;
}

/** What the ladder says besides its buttons. */
export interface LadderWords {
  /** How a person reads the session in the confirm's question: its label, else its key. @default sessionKey */
  sessionName?: string | undefined;
  /** Set while the actions cannot be sent (disconnected): the buttons are disabled and this says why. */
  disabledReason?: string | undefined;
  /** The newest action's result, shown under the buttons ("Restart sent: … comes back idle."). */
  outcome?: string | undefined;
}

export interface SessionActionsBaseProps {
  sessionKey: string;
  /** -1 keeps the buttons out of the tab order (rows that are not the list's tab stop). @default 0 */
  tabIndex?: 0 | -1;
}

export type SessionActionsProps = SessionActionsBaseProps &
  (
    | (LadderWords & {
        /** The rungs, in ladder order; with the callbacks, the buttons show what they say. */
        rungs: readonly ActionRung[];
        /** The first click on a rung: runs it, or asks to confirm an abort or a restart. */
        onRequest: (action: SessionAction) => void;
        onConfirm: (action: SessionAction) => void;
        onCancel: () => void;
        actions?: never;
        onAction?: never;
      })
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
 * the server supports and that would do something to the session now
 * (`applicableActions`: no restart on a healthy session, nothing on an
 * idle one). Abort and restart ask to confirm, with a question that names
 * the session and the effect; every rung shows pending, done and failed,
 * the result is said in a polite live region and shown under the buttons,
 * and while the client cannot hear the server the buttons are disabled with
 * the reason. Given only a `sessionKey`, it acts through the
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

/** Said beside disabled actions while the client cannot hear the server. */
export const DISCONNECTED_REASON = 'Not connected: actions wait for the connection to come back.';

/**
 * What a person reads once the session has done what the action asked
 * (it left the state it was asked in, for the state the action leads to);
 * undefined when it went elsewhere, e.g. stalled again.
 */
function arrivedMessage(
  action: SessionAction,
  name: string,
  state: string | undefined,
  health: SessionHealth,
): string | undefined {
  switch (action) {
    case 'nudge':
      return health === 'active' || health === 'waiting'
        ? `Nudged: ${name} is working again.`
        : undefined;
    case 'abort':
      return state === 'complete' ? `Aborted: ${name} completed its turn.` : undefined;
    case 'restart':
      return state === 'idle' && health === 'idle'
        ? `Restarted: ${name} is idle again.`
        : undefined;
    default:
      return action satisfies never;
  }
}

/**
 * The flows of every rung a ladder may show (one hook per action, in a fixed
 * order), narrowed to those of `offered` that apply to the session now
 * (plus any under way, so a pending or done one stays where it is), with
 * the words around them, as the buttons' props.
 */
export function useLadder(
  sessionKey: string,
  offered: readonly SessionAction[],
  stateSince: number | undefined,
  onAction?: (request: SessionActionRequest) => void,
): Pick<
  SessionActionsProps & { rungs: readonly ActionRung[] },
  'sessionKey' | 'rungs' | 'onRequest' | 'onConfirm' | 'onCancel'
> &
  LadderWords {
  const heartbeat = useSessionHeartbeat(sessionKey);
  const { health } = useSessionHealth(sessionKey);
  const listening = useListening();
  const name = sessionName(sessionKey, heartbeat?.label);
  const flows: Record<SessionAction, ActionFlow> = {
    nudge: useActionFlow(sessionKey, 'nudge', stateSince, onAction, name),
    abort: useActionFlow(sessionKey, 'abort', stateSince, onAction, name),
    restart: useActionFlow(sessionKey, 'restart', stateSince, onAction, name),
  };
  const applicable = applicableActions(offered, heartbeat?.state, health);
  const shown = offered.filter(
    (action) => applicable.includes(action) || flows[action].phase !== 'idle',
  );
  // The newest accepted action, said while it is news: sent, then arrived.
  const newest = offered
    .filter((action) => flows[action].latest?.status === 'success')
    .sort((a, b) => (flows[b].latest?.submittedAt ?? 0) - (flows[a].latest?.submittedAt ?? 0))[0];
  const outcome =
    newest === undefined
      ? undefined
      : flows[newest].phase === 'done'
        ? actionWords(newest).sent(name)
        : arrivedMessage(newest, name, heartbeat?.state, health);
  return {
    sessionKey,
    sessionName: name,
    disabledReason: listening ? undefined : DISCONNECTED_REASON,
    outcome,
    rungs: shown.map((action) => ({
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
  sessionName: name = sessionKey,
  disabledReason,
  outcome,
  rungs,
  onRequest,
  onConfirm,
  onCancel,
  tabIndex = 0,
}: SessionActionsBaseProps &
  LadderWords & {
    rungs: readonly ActionRung[];
    onRequest: (action: SessionAction) => void;
    onConfirm: (action: SessionAction) => void;
    onCancel: () => void;
  }) {
  const buttons = useRef(new Map<SessionAction, HTMLButtonElement>());
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // The rung that had focus: when it goes (its session no longer needs it), focus goes to the result.
  const focused = useRef<SessionAction | undefined>(undefined);
  const ids = useId();
  const questionId = `${ids}-question`;
  const reasonId = `${ids}-reason`;
  const confirming = rungs.find((rung) => rung.phase === 'confirming');
  const failed = rungs.filter((rung) => rung.phase === 'error');
  useLayoutEffect(() => {
    const action = focused.current;
    if (action === undefined || buttons.current.has(action)) return;
    focused.current = undefined;
    const active = outcomeRef.current?.ownerDocument.activeElement;
    if (active === null || active === outcomeRef.current?.ownerDocument.body) {
      outcomeRef.current?.focus();
    }
  });
  if (rungs.length === 0 && outcome === undefined) return null;
  const cancel = () => {
    onCancel();
    if (confirming !== undefined) buttons.current.get(confirming.action)?.focus();
  };
  const disabled = disabledReason !== undefined;
  return (
    <div
      className="shb-actions"
      data-state={confirming === undefined ? undefined : 'confirming'}
      data-disabled={disabled || undefined}
      role="group"
      aria-label={`Recover ${sessionKey}`}
      onKeyDown={(event) => {
        if (confirming !== undefined && event.key === 'Escape') {
          event.stopPropagation();
          cancel();
        }
      }}
    >
      {confirming !== undefined && (
        <p className="shb-actions__question" id={questionId}>
          {actionWords(confirming.action).question(name)} {actionWords(confirming.action).effect}
        </p>
      )}
      {failed.map((rung) => (
        <span key={rung.action} className="shb-actions__error" role="alert">
          {actionFailedMessage(rung.action, name, rung.errorMessage)}
        </span>
      ))}
      {disabled && (
        <span className="shb-actions__reason" id={reasonId}>
          {disabledReason}
        </span>
      )}
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
        const blocked = disabled && !busy;
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
            aria-disabled={busy || blocked || undefined}
            aria-describedby={blocked ? reasonId : phase === 'confirming' ? questionId : undefined}
            aria-label={actionButtonName(action, phase, sessionKey)}
            title={
              blocked
                ? disabledReason
                : phase === 'confirming'
                  ? `${actionWords(action).question(name)} ${actionWords(action).effect}`
                  : undefined
            }
            onFocus={() => (focused.current = action)}
            onBlur={(event) => {
              // Focus that moved elsewhere is not ours to move; a removed button blurs to nothing.
              if (event.relatedTarget !== null) focused.current = undefined;
            }}
            onClick={() => {
              if (blocked) return;
              if (phase === 'idle') onRequest(action);
              else if (phase === 'confirming' || phase === 'error') onConfirm(action);
            }}
          >
            {phase === 'pending' && <span className="shb-spinner" aria-hidden="true" />}
            {actionButtonText(action, phase)}
          </button>
        );
      })}
      {outcome !== undefined && (
        <p className="shb-actions__outcome" ref={outcomeRef} tabIndex={-1}>
          {outcome}
        </p>
      )}
    </div>
  );
}
