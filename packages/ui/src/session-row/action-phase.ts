import type { SessionActionRun } from '@session-heartbeat/react';

/** Where an action on a session is: offered, being confirmed, sent, accepted, or failed. */
export type ActionPhase = 'idle' | 'confirming' | 'pending' | 'done' | 'error';

/**
 * The phase to show, from the newest run of the action (the client's
 * mutation) and whether a person is confirming one. An accepted action is
 * "done" until the session leaves the state it was in when it was asked
 * for; then the action is offered again.
 *
 * @param stateSince when the session entered its current state
 */
export function actionPhase(
  latest: SessionActionRun | undefined,
  confirming: boolean,
  stateSince: number | undefined,
): ActionPhase {
  if (latest?.status === 'pending') return 'pending';
  if (latest?.status === 'error') return 'error';
  if (
    latest?.status === 'success' &&
    latest.variables?.stateSince !== undefined &&
    latest.variables.stateSince === stateSince
  ) {
    return 'done';
  }
  return confirming ? 'confirming' : 'idle';
}
