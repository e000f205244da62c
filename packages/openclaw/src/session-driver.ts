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
  /** Records progress (emits nothing). False if the session is not known or is resting. */
  progress(sessionKey: string, at: number, activity: string): boolean;
  /** A fingerprinted tool call: `tool_exec`, repeats counted. Creates the session if it is new. */
  toolCall(sessionKey: string, toolName: string, fingerprint: string, turnId: string): boolean;
  setModel(sessionKey: string, model: string): boolean;
  /** Sets or clears (`undefined`) the session's label. */
  setLabel(sessionKey: string, label: string | undefined): boolean;
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
    progress(sessionKey, at, activity) {
      return guarded(sessionKey, () => {
        const handle = emitter.get(sessionKey);
        if (handle === undefined || isResting(handle.state)) return false;
        handle.progress(at, activity);
        return true;
      });
    },
    toolCall(sessionKey, toolName, fingerprint, turnId) {
      return guarded(sessionKey, () => {
        let handle = emitter.get(sessionKey);
        if (handle === undefined) {
          // Found in a tool call: its turn is on; the call itself is the next beat (one batch).
          handle = emitter.createSession(sessionKey, { state: 'awaiting_model', turnId });
          created();
        }
        handle.toolCall(toolName, fingerprint, { turnId });
        return true;
      });
    },
    setLabel(sessionKey, label) {
      return guarded(sessionKey, () => emitter.get(sessionKey)?.setLabel(label) ?? false);
    },
    setModel(sessionKey, model) {
      return guarded(sessionKey, () => emitter.get(sessionKey)?.setModel(model) ?? false);
    },
    remove(sessionKey) {
      return guarded(sessionKey, () => emitter.get(sessionKey)?.remove() ?? false);
    },
  };
}
