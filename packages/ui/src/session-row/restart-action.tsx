import { useSessionHeartbeat } from '@session-heartbeat/react';
import { useRef } from 'react';
import type { ActionPhase } from './action-phase';
import type { SessionActionRequest } from './session-action-request';
import { useActionFlow } from './use-action-flow';

export interface RestartActionBaseProps {
  sessionKey: string;
  /** -1 keeps the buttons out of the tab order (rows that are not the list's tab stop). @default 0 */
  tabIndex?: 0 | -1;
}

export type RestartActionProps = RestartActionBaseProps &
  (
    | {
        /** Where the restart is; with the callbacks, the action shows what they say. */
        phase: ActionPhase;
        /** The first click: ask to confirm. */
        onRequest: () => void;
        onConfirm: () => void;
        onCancel: () => void;
        /** Shown (and announced) when `phase` is `error`. */
        errorMessage?: string | undefined;
        onAction?: never;
      }
    | {
        phase?: never;
        onRequest?: never;
        onConfirm?: never;
        onCancel?: never;
        errorMessage?: never;
        /**
         * Told of a confirmed restart before it is sent; `preventDefault()`
         * takes it over (nothing is sent; it shows as done).
         */
        onAction?: (request: SessionActionRequest) => void;
      }
  );

function primaryText(phase: ActionPhase): string {
  switch (phase) {
    case 'idle':
      return 'Restart';
    case 'confirming':
      return 'Confirm';
    case 'pending':
      return 'Restarting…';
    case 'done':
      return 'Requested';
    case 'error':
      return 'Retry';
    default:
      return phase satisfies never;
  }
}

/**
 * Restart, with a confirm step, a pending state and an error state. Given
 * only a `sessionKey`, it restarts that session through the provider's
 * client (`useSessionAction`), and every view of the session shows the same
 * request; given a `phase` and callbacks, it shows what they say. The
 * primary button stays the same element through every phase, so keyboard
 * focus stays on it: Enter, Enter restarts; Escape or Cancel backs out.
 *
 * @example
 * <RestartAction sessionKey="agent:main:main" />
 */
export function RestartAction(props: RestartActionProps) {
  return props.phase === undefined ? (
    <ConnectedRestartAction
      sessionKey={props.sessionKey}
      tabIndex={props.tabIndex}
      onAction={props.onAction}
    />
  ) : (
    <RestartActionButtons {...props} phase={props.phase} />
  );
}

function ConnectedRestartAction({
  sessionKey,
  tabIndex,
  onAction,
}: RestartActionBaseProps & { onAction?: ((request: SessionActionRequest) => void) | undefined }) {
  const stateSince = useSessionHeartbeat(sessionKey)?.stateSince;
  return (
    <RestartActionButtons
      {...useActionFlow(sessionKey, 'restart', stateSince, onAction)}
      tabIndex={tabIndex}
    />
  );
}

export function RestartActionButtons({
  sessionKey,
  phase,
  onRequest,
  onConfirm,
  onCancel,
  errorMessage,
  tabIndex = 0,
}: RestartActionBaseProps & {
  phase: ActionPhase;
  onRequest: () => void;
  onConfirm: () => void;
  onCancel: () => void;
  errorMessage?: string | undefined;
}) {
  const primary = useRef<HTMLButtonElement>(null);
  const busy = phase === 'pending' || phase === 'done';
  const cancel = () => {
    onCancel();
    primary.current?.focus();
  };
  return (
    <div
      className="shb-restart"
      data-state={phase}
      role="group"
      aria-label={`Restart ${sessionKey}`}
      onKeyDown={(event) => {
        if (phase === 'confirming' && event.key === 'Escape') {
          event.stopPropagation();
          cancel();
        }
      }}
    >
      {phase === 'error' && (
        <span className="shb-restart__error" role="alert" title={errorMessage}>
          Restart failed
        </span>
      )}
      {phase === 'confirming' && (
        <button
          type="button"
          className="shb-button shb-button--ghost"
          tabIndex={tabIndex}
          onClick={cancel}
        >
          Cancel
        </button>
      )}
      <button
        ref={primary}
        type="button"
        className={
          phase === 'confirming' ? 'shb-button shb-button--danger' : 'shb-button shb-button--quiet'
        }
        tabIndex={tabIndex}
        aria-disabled={busy || undefined}
        aria-label={phase === 'confirming' ? `Confirm restart of ${sessionKey}` : undefined}
        onClick={() => {
          if (phase === 'idle') onRequest();
          else if (phase === 'confirming' || phase === 'error') onConfirm();
        }}
      >
        {phase === 'pending' && <span className="shb-spinner" aria-hidden="true" />}
        {primaryText(phase)}
      </button>
    </div>
  );
}
