import { isRestingState, type SessionState } from '@session-heartbeat/core';
import type { HeartbeatEmitter, SessionInit, TransitionDetails } from '@session-heartbeat/emitter';

/** What the bridge remembers of a session besides the emitter's own record. */
export interface BridgeSessionMemory {
  /** The run that drives the session now. */
  activeRunId: string | undefined;
  /** The last event or row that touched it (gateway clock): guards removal by an older list. */
  touchedAt: number;
  /** When its last run ended (gateway clock). */
  lastEndedAt: number | undefined;
  /** Busy only because a session-list row said so (no run event seen). */
  busyFromRow: boolean;
}

/** Between turns, or not known yet. */
export function isResting(state: SessionState | undefined): boolean {
  return state === undefined || isRestingState(state);
}

/**
 * The bridge's hands on the emitter: every call is guarded, so that a
 * session crashed or removed by someone else costs a counted rejection,
 * never an exception out of the bridge.
 */
export interface SessionDriver {
  state(sessionKey: string): SessionState | undefined;
  turnId(sessionKey: string): string | undefined;
  toolName(sessionKey: string): string | undefined;
  /** Moves the session to `state`, creating it there if it is new. False if refused or unchanged. */
  move(sessionKey: string, state: SessionState, details?: TransitionDetails): boolean;
  /** Creates a session as a row describes it (a no-op if it exists). */
  create(sessionKey: string, init: SessionInit): boolean;
  token(sessionKey: string, at: number): boolean;
  setModel(sessionKey: string, model: string): boolean;
  remove(sessionKey: string): boolean;
}

export function createSessionDriver(
  emitter: HeartbeatEmitter,
  rejected: (sessionKey: string, error: unknown) => void,
  created: () => void,
): SessionDriver {
  function guarded(sessionKey: string, work: () => boolean): boolean {
    try {
      return work();
    } catch (error) {
      rejected(sessionKey, error);
      return false;
    }
  }

  return {
    state: (sessionKey) => emitter.get(sessionKey)?.state,
    turnId: (sessionKey) => emitter.heartbeat(sessionKey)?.turnId,
    toolName: (sessionKey) => emitter.heartbeat(sessionKey)?.toolName,
    move(sessionKey, state, details = {}) {
      return guarded(sessionKey, () => {
        const handle = emitter.get(sessionKey);
        if (handle !== undefined) return handle.transition(state, details);
        // A new session starts in the state it was found in: one heartbeat, not an idle blip.
        emitter.createSession(sessionKey, { ...details, state });
        created();
        return true;
      });
    },
    create(sessionKey, init) {
      return guarded(sessionKey, () => {
        if (emitter.get(sessionKey) !== undefined) return false;
        emitter.createSession(sessionKey, init);
        created();
        return true;
      });
    },
    token(sessionKey, at) {
      return guarded(sessionKey, () => {
        const handle = emitter.get(sessionKey);
        if (handle === undefined) return false;
        handle.tokenReceived(at);
        return true;
      });
    },
    setModel(sessionKey, model) {
      return guarded(sessionKey, () => emitter.get(sessionKey)?.setModel(model) ?? false);
    },
    remove(sessionKey) {
      return guarded(sessionKey, () => emitter.get(sessionKey)?.remove() ?? false);
    },
  };
}
