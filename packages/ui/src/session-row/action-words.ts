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
  /** The confirm's question, naming the session. */
  question: (name: string) => string;
  /** What it does, said with the question. */
  effect: string;
  /** What it does to each session of a bulk action, said with its question. */
  effectOnEach: string;
  /** Said of the sessions the server accepted it for, in a bulk result ("Restarted 11 of 12"). */
  verbed: string;
  /** Said once the server accepted it, naming the session. */
  sent: (name: string) => string;
}

const WORDS: Readonly<Record<SessionAction, ActionWords>> = {
  nudge: {
    idle: 'Nudge',
    pending: 'Nudging…',
    done: 'Nudged',
    failed: 'Nudge failed',
    confirms: false,
    question: (name) => `Nudge ${name}?`,
    effect: 'The agent is asked to report or resume.',
    effectOnEach: 'Each agent is asked to report or resume.',
    verbed: 'Nudged',
    sent: (name) => `Nudge sent: ${name} is asked to report or resume.`,
  },
  abort: {
    idle: 'Abort',
    pending: 'Aborting…',
    done: 'Aborted',
    failed: 'Abort failed',
    confirms: true,
    question: (name) => `Abort the current turn of ${name}?`,
    effect: 'The session stops and goes to complete.',
    effectOnEach: 'Each one stops its current turn and goes to complete.',
    verbed: 'Aborted',
    sent: (name) => `Abort sent: ${name} stops its turn and goes to complete.`,
  },
  restart: {
    idle: 'Restart',
    pending: 'Restarting…',
    done: 'Requested',
    failed: 'Restart failed',
    confirms: true,
    question: (name) => `Restart ${name}?`,
    effect: 'What it is doing is dropped, and it comes back idle.',
    effectOnEach: 'What each one is doing is dropped, and it comes back idle.',
    verbed: 'Restarted',
    sent: (name) => `Restart sent: ${name} comes back idle.`,
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

/** How a person reads a session: its label when it has one, else its key. */
export function sessionName(sessionKey: string, label: string | undefined): string {
  return label === undefined || label === '' ? sessionKey : label;
}

/** Said when an action failed, naming the session and the server's reason. */
export function actionFailedMessage(action: SessionAction, name: string, reason?: string): string {
  return `${WORDS[action].failed} for ${name}${reason === undefined ? '.' : `: ${reason}`}`;
}
