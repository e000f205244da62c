import { useRef } from 'react';

/** Where a restart request is: offered, being confirmed, sent, accepted, or failed. */
export type RestartPhase = 'idle' | 'confirming' | 'pending' | 'done' | 'error';

export interface RestartActionViewProps {
  sessionKey: string;
  phase: RestartPhase;
  /** The first click: ask to confirm. */
  onRequest: () => void;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shown (and announced) when `phase` is `error`. */
  errorMessage?: string;
  /** -1 keeps the buttons out of the tab order (rows that are not the list's tab stop). @default 0 */
  tabIndex?: 0 | -1;
}

function primaryText(phase: RestartPhase): string {
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
 * Restart, with a confirm step, a pending state and an error state. The
 * primary button stays the same element through every phase, so keyboard
 * focus stays on it: Enter, Enter restarts; Escape or Cancel backs out.
 */
export function RestartActionView({
  sessionKey,
  phase,
  onRequest,
  onConfirm,
  onCancel,
  errorMessage,
  tabIndex = 0,
}: RestartActionViewProps) {
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
