import { useHeartbeatClient, useHeartbeatState, useListening } from '@session-heartbeat/react';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { actionWords, sessionName } from '../session-row/action-words';
import { DISCONNECTED_REASON } from '../session-row/session-actions';
import { bulkActionSets, type BulkActionSet } from './bulk-action-sets';
import { bulkQuestion, countSessions, listedNames, type BulkSetWords } from './bulk-action-words';
import { useBulkRun } from './use-bulk-run';

export interface BulkActionsProps {
  /** The sessions the list shows now (filter and search); read only when a person opens the actions. */
  shownKeys: readonly string[];
  /** Whether the list is filtered or searched: only a chosen set is acted on in bulk. */
  narrowed: boolean;
  /** How the confirm names the set ("stalled", "matching “gpt”"). */
  setWords: BulkSetWords;
  getLabel: ((sessionKey: string) => string | undefined) | undefined;
}

type Step =
  | { kind: 'closed' }
  | { kind: 'choosing'; shown: number; sets: readonly BulkActionSet[] }
  | { kind: 'confirming'; set: BulkActionSet; names: readonly string[] };

type FocusTarget = 'trigger' | 'first-choice' | 'confirm' | 'status';

/**
 * "Restart all stalled": the actions that apply to the sessions a filter or
 * search shows, in the list's toolbar. Which sessions each action applies to
 * is worked out when a person opens it (one pass, not in every render); the
 * confirm names the count, the effect and the first few sessions; the set is
 * fixed when it is confirmed. Disabled with the reason while disconnected.
 */
export function BulkActions({ shownKeys, narrowed, setWords, getLabel }: BulkActionsProps) {
  const client = useHeartbeatClient();
  const supported = useHeartbeatState((state) => state.supportedActions);
  const listening = useListening();
  const run = useBulkRun();
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const focusNext = useRef<FocusTarget | undefined>(undefined);
  const trigger = useRef<HTMLButtonElement>(null);
  const firstChoice = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const ids = useId();
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (target === undefined) return;
    focusNext.current = undefined;
    const element = {
      trigger: trigger.current,
      'first-choice': firstChoice.current ?? trigger.current,
      confirm: confirmButton.current,
      status: status.current,
    }[target];
    element?.focus();
  });
  const running = run.progress !== undefined;
  if (supported.length === 0) return null;
  if (!narrowed && step.kind === 'closed' && !running && run.result === undefined) return null;

  const disabled = !listening;
  const go = (next: Step, focus: FocusTarget) => {
    focusNext.current = focus;
    setStep(next);
  };
  const open = () => {
    const sessions = client.store.getState().sessions;
    run.dismissResult();
    go(
      {
        kind: 'choosing',
        shown: shownKeys.length,
        sets: bulkActionSets(shownKeys, (key) => sessions.get(key), supported),
      },
      'first-choice',
    );
  };
  const choose = (set: BulkActionSet) => {
    const sessions = client.store.getState().sessions;
    // Only the names the confirm lists are looked up.
    const names = set.sessionKeys
      .slice(0, 3)
      .map((key) => sessionName(key, getLabel?.(key) ?? sessions.get(key)?.heartbeat.label));
    go({ kind: 'confirming', set, names }, 'confirm');
  };
  const close = () => go({ kind: 'closed' }, 'trigger');
  const shownCount = narrowed && shownKeys.length > 0 ? shownKeys.length : undefined;

  return (
    <div
      className="shb-bulk"
      role="group"
      aria-label="Act on the sessions shown"
      data-state={step.kind}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && step.kind !== 'closed') {
          event.stopPropagation();
          close();
        }
      }}
    >
      {shownCount !== undefined && (
        <button
          ref={trigger}
          type="button"
          className="shb-button shb-button--quiet shb-bulk__trigger"
          aria-expanded={step.kind !== 'closed'}
          aria-controls={step.kind === 'closed' ? undefined : `${ids}-panel`}
          aria-disabled={disabled || running || undefined}
          aria-describedby={disabled ? `${ids}-reason` : undefined}
          title={disabled ? DISCONNECTED_REASON : undefined}
          onClick={() => {
            if (disabled || running) return;
            if (step.kind === 'closed') open();
            else close();
          }}
        >
          Act on {countSessions(shownCount)} shown
        </button>
      )}
      {disabled && shownCount !== undefined && (
        <span className="shb-actions__reason" id={`${ids}-reason`}>
          {DISCONNECTED_REASON}
        </span>
      )}
      {step.kind === 'choosing' && (
        <div className="shb-bulk__panel" id={`${ids}-panel`}>
          {step.sets.length === 0 ? (
            <p className="shb-bulk__words">
              Nothing to do: no action applies to {countSessions(step.shown)}.
            </p>
          ) : (
            step.sets.map((set, index) => (
              <button
                key={set.action}
                ref={index === 0 ? firstChoice : undefined}
                type="button"
                className="shb-button shb-button--quiet"
                data-action={set.action}
                aria-disabled={disabled || undefined}
                onClick={() => {
                  if (!disabled) choose(set);
                }}
              >
                {actionWords(set.action).idle} {countSessions(set.sessionKeys.length, setWords)}…
              </button>
            ))
          )}
          <button type="button" className="shb-button shb-button--ghost" onClick={close}>
            Cancel
          </button>
        </div>
      )}
      {step.kind === 'confirming' && (
        <div className="shb-bulk__panel" id={`${ids}-panel`} data-state="confirming">
          <p className="shb-bulk__words" id={`${ids}-question`}>
            {bulkQuestion(step.set.action, step.set.sessionKeys.length, setWords)}
          </p>
          <ul className="shb-bulk__names" aria-label="Among them">
            {listedNames(step.names).listed.map((name, index) => (
              <li key={`${index}-${name}`}>{name}</li>
            ))}
            {step.set.sessionKeys.length > step.names.length && (
              <li>{listedNames(step.set.sessionKeys).more}</li>
            )}
          </ul>
          <button type="button" className="shb-button shb-button--ghost" onClick={close}>
            Cancel
          </button>
          <button
            ref={confirmButton}
            type="button"
            className="shb-button shb-button--danger"
            aria-label={`Confirm ${step.set.action} of ${countSessions(step.set.sessionKeys.length)}`}
            aria-describedby={`${ids}-question`}
            aria-disabled={disabled || undefined}
            onClick={() => {
              if (disabled) return;
              run.start(step.set.action, step.set.sessionKeys);
              go({ kind: 'closed' }, 'status');
            }}
          >
            Confirm
          </button>
        </div>
      )}
      {(running || run.result !== undefined) && (
        <p
          className="shb-bulk__status"
          ref={status}
          tabIndex={-1}
          data-state={running ? 'running' : 'done'}
        >
          {run.progress ?? run.result}
          {!running && (
            <button
              type="button"
              className="shb-button shb-button--ghost shb-bulk__dismiss"
              onClick={() => {
                run.dismissResult();
                focusNext.current = 'trigger';
              }}
            >
              Dismiss
            </button>
          )}
        </p>
      )}
    </div>
  );
}
