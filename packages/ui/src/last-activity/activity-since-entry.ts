import { lastActivityAt, type ReceivedHeartbeat } from '@session-heartbeat/core';

/**
 * The last sign of work (a token, a tool's progress) since the session
 * entered its state, or undefined when there was none. "In state" already
 * says when the state began: a "Last activity" that only repeats it (every
 * idle session, a tool that reports nothing) is left out, so the two never
 * say the same thing.
 */
export function activitySinceEntry(
  heartbeat: Pick<ReceivedHeartbeat, 'stateSince' | 'lastTokenAt' | 'lastProgressAt'>,
): number | undefined {
  const at = lastActivityAt(heartbeat);
  return at > heartbeat.stateSince ? at : undefined;
}
