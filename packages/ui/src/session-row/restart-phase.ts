import type { RestartPhase } from './restart-action-view';
import type { RestartFlowState } from './restart-flows';

/**
 * The phase to show: a restart is "done" until the session leaves the state
 * it was in when the restart was accepted.
 *
 * @param stateSince when the session entered its current state
 */
export function restartPhase(
  progress: RestartFlowState,
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
