import { isRestingState, type SessionHealth, type SessionState } from '@session-heartbeat/core';
import type { SessionAction } from '@session-heartbeat/react';

/**
 * The actions of `offered` that would do something to a session in `state`
 * with `health`, in ladder order. The rule, from the protocol's recovery
 * actions:
 *
 * - **nudge** asks the agent to report or resume: only a stalled session
 *   has something to resume, and it must still be beating to hear it.
 * - **abort** cancels the current turn: only while a turn is under way
 *   (not idle, not complete), and not to a session that no longer beats (it
 *   cannot hear; a restart is the answer there).
 * - **restart** restarts the session, dropping what it was doing: only when
 *   something is wrong (stalled or unresponsive). On a healthy session it
 *   would throw work away, or, idle, change nothing.
 *
 * So an idle or complete session that beats is offered nothing. While the
 * client cannot hear the server (`unknown`), the last state it heard
 * decides, and the ladder shows the buttons disabled with the reason.
 */
export function applicableActions(
  offered: readonly SessionAction[],
  state: SessionState | 'unknown' | undefined,
  health: SessionHealth,
): SessionAction[] {
  const turnUnderWay = state !== undefined && state !== 'unknown' && !isRestingState(state);
  const beats = health !== 'unresponsive';
  return offered.filter((action) => {
    switch (action) {
      case 'nudge':
        return turnUnderWay && health === 'stalled';
      case 'abort':
        return turnUnderWay && beats;
      case 'restart':
        return health === 'stalled' || health === 'unresponsive';
      default:
        return action satisfies never;
    }
  });
}
