import type { HeartbeatState, SourceStatus } from '@session-heartbeat/react';

/** The page's title with no alert pending. */
export const BASE_TITLE = 'Sessions — Heartbeat';

/** "(2) Sessions — Heartbeat" while two sessions need a look; the base title at zero. */
export function pageTitle(needingAttention: number): string {
  return needingAttention > 0 ? `(${needingAttention}) ${BASE_TITLE}` : BASE_TITLE;
}

/**
 * What the title counts: the stalled and unresponsive sessions, plus each
 * gateway the aggregator cannot hear as one (fleet), not its sessions.
 */
export function alertCount(
  counts: Pick<HeartbeatState['counts'], 'stalled' | 'unresponsive'>,
  sources: readonly SourceStatus[],
): number {
  const unreachable = sources.filter((source) => source.status === 'unreachable').length;
  return counts.stalled + counts.unresponsive + unreachable;
}
