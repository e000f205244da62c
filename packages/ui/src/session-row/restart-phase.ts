import type { RestartPhase } from './restart-action-view';

/** Where a restart request stands, whoever keeps it (a row's own hook, or the list). */
export interface RestartProgress {
  /** The first click asked to confirm. */
  confirming: boolean;
  /** The request is in flight. */
  pending: boolean;
  /** The last request failed. */
  failed: boolean;
  /** The last request was accepted. */
  accepted: boolean;
  /** `stateSince` of the session when the accepted request was confirmed. */
  requestedAt: number | undefined;
}

/**
 * The phase to show: a restart is "done" until the session leaves the state
 * it was in when the restart was accepted.
 *
 * @param stateSince when the session entered its current state
 */
export function restartPhase(
  progress: RestartProgress,
  stateSince: number | undefined,
): RestartPhase {
  if (progress.pending) return 'pending';
  if (progress.failed) return 'error';
  if (
    progress.accepted &&
    progress.requestedAt !== undefined &&
    progress.requestedAt === stateSince
  ) {
    return 'done';
  }
  if (progress.confirming) return 'confirming';
  return 'idle';
}
