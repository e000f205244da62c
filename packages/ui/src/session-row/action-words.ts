import type { SessionAction } from '@session-heartbeat/react';
import type { ActionPhase } from './action-phase';

interface ActionWords {
  /** The button in each phase (the confirm step reads "Confirm"). */
  idle: string;
  pending: string;
  done: string;
  /** Said when the last run failed. */
  failed: string;
  /** Whether a person confirms it first (it ends or restarts work). */
  confirms: boolean;
}

const WORDS: Readonly<Record<SessionAction, ActionWords>> = {
  nudge: {
    idle: 'Nudge',
    pending: 'Nudging…',
    done: 'Nudged',
    failed: 'Nudge failed',
    confirms: false,
  },
  abort: {
    idle: 'Abort',
    pending: 'Aborting…',
    done: 'Aborted',
    failed: 'Abort failed',
    confirms: true,
  },
  restart: {
    idle: 'Restart',
    pending: 'Restarting…',
    done: 'Requested',
    failed: 'Restart failed',
    confirms: true,
  },
};

export function actionWords(action: SessionAction): ActionWords {
  return WORDS[action];
}

/** The text of an action's button in a phase. */
export function actionButtonText(action: SessionAction, phase: ActionPhase): string {
  const words = WORDS[action];
  switch (phase) {
    case 'idle':
      return words.idle;
    case 'confirming':
      return 'Confirm';
    case 'pending':
      return words.pending;
    case 'done':
      return words.done;
    case 'error':
      return 'Retry';
    default:
      return phase satisfies never;
  }
}

/** The button's accessible name, where its text alone would not say what it does. */
export function actionButtonName(
  action: SessionAction,
  phase: ActionPhase,
  sessionKey: string,
): string | undefined {
  switch (phase) {
    case 'confirming':
      return `Confirm ${action} of ${sessionKey}`;
    case 'error':
      return `Retry ${action} of ${sessionKey}`;
    default:
      return undefined;
  }
}
