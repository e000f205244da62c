import type { SessionState } from '@session-heartbeat/core';
import {
  assertFingerprint,
  assertModel,
  assertSessionState,
  assertTime,
  assertTransitionDetails,
  readText,
  type TransitionDetails,
} from './assert-session-input';
import { HeartbeatEmitterError } from './heartbeat-emitter-error';
import {
  applyProgress,
  applyToolCall,
  applyTransition,
  recordChange,
  resetToIdle,
  type SessionRecord,
} from './session-record';
import type { SessionHandle } from './types';

/** What a handle needs of its emitter. */
export interface SessionHandleDeps {
  now(): number;
  /** Stamps and delivers a `transition` heartbeat, and schedules the next periodic one. */
  emitTransition(record: SessionRecord, at: number): void;
  /** Stops the session's periodic beats. */
  silence(record: SessionRecord): void;
  /** Unlists the session and delivers its `removed` event. */
  unlist(record: SessionRecord): void;
}

function assertUsable(record: SessionRecord): void {
  if (record.status === 'removed') {
    throw new HeartbeatEmitterError(
      'session_removed',
      record.key,
      `session ${JSON.stringify(record.key)} was removed`,
    );
  }
  if (record.status === 'crashed') {
    throw new HeartbeatEmitterError(
      'session_crashed',
      record.key,
      `session ${JSON.stringify(record.key)} has crashed; restart it first`,
    );
  }
}

/** The handle a host reports one session's lifecycle through. */
export function createSessionHandle(record: SessionRecord, deps: SessionHandleDeps): SessionHandle {
  const { now, emitTransition } = deps;

  /** A change of state, tool, model or turn: emitted, and kept in the history. */
  function emitChange(at: number): void {
    recordChange(record, at);
    emitTransition(record, at);
  }

  return {
    key: record.key,
    get state() {
      return record.state;
    },
    get status() {
      return record.status;
    },
    get heartbeat() {
      // Set at creation; never undefined once a handle exists.
      return record.last as SessionHandle['heartbeat'];
    },
    transition(state: SessionState, details: TransitionDetails = {}) {
      assertSessionState(state);
      assertTransitionDetails(state, details);
      assertUsable(record);
      const at = now();
      if (!applyTransition(record, state, details, at)) return false;
      emitChange(at);
      return true;
    },
    tokenReceived(at = now()) {
      assertTime('token time', at);
      assertUsable(record);
      record.lastTokenAt = at;
    },
    progress(at = now(), activity?: string) {
      assertTime('progress time', at);
      const text = readText('activity', activity);
      assertUsable(record);
      applyProgress(record, at, text);
    },
    toolCall(toolName: string, fingerprint: string, details = {}) {
      assertTransitionDetails('tool_exec', { ...details, toolName });
      if (toolName === undefined) throw new TypeError('toolName must be a string, got undefined');
      assertFingerprint(fingerprint);
      assertUsable(record);
      const at = now();
      applyToolCall(record, toolName, fingerprint, details, at);
      emitChange(at);
    },
    setModel(model: string) {
      assertModel(model);
      assertUsable(record);
      if (model === record.model) return false;
      record.model = model;
      emitChange(now());
      return true;
    },
    setLabel(label: string | undefined) {
      const text = readText('label', label);
      assertUsable(record);
      if (text === record.label) return false;
      record.label = text;
      // A name is not a change of what the session does: not in its history.
      emitTransition(record, now());
      return true;
    },
    crash() {
      if (record.status === 'crashed') return;
      assertUsable(record);
      record.status = 'crashed';
      deps.silence(record);
    },
    recover() {
      if (record.status === 'removed') assertUsable(record);
      const at = now();
      resetToIdle(record, at);
      emitChange(at);
    },
    remove() {
      if (record.status === 'removed') return false;
      record.status = 'removed';
      deps.unlist(record);
      return true;
    },
  };
}
