import { isRestingState, type SessionAction } from '@session-heartbeat/core';
import type { HeartbeatEmitter } from '@session-heartbeat/emitter';

/** What a nudged session says it is doing. */
export const NUDGE_ACTIVITY = 'answered a nudge: still working';

/**
 * The mock host's actions on an emitter's own session (the demo, quiet and
 * load scenarios). A script notices a transition it did not make and starts
 * over from rest, so an abort or a restart also ends what the script was
 * doing. Nothing is thrown for a session that cannot answer: like a real
 * host, the server was asked (202) and the session shows what came of it.
 */
export function actOnSession(
  emitter: HeartbeatEmitter,
  sessionKey: string,
  action: SessionAction,
): void {
  const session = emitter.get(sessionKey);
  if (session === undefined) return;
  switch (action) {
    case 'restart':
      session.recover();
      return;
    case 'abort':
      // A hung process does not answer an abort; a resting session has nothing to abort.
      if (session.status === 'live' && !isRestingState(session.state)) {
        session.transition('complete');
      }
      return;
    case 'nudge':
      // The agent reports: progress now, which restarts the stall clock.
      if (session.status === 'live' && !isRestingState(session.state)) {
        session.progress(undefined, NUDGE_ACTIVITY);
      }
      return;
    default:
      return action satisfies never;
  }
}
