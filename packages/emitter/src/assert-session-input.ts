import {
  SESSION_KEY_MAX_LENGTH,
  SESSION_STATES,
  boundedText,
  isSessionKey,
  isSessionState,
  isToolState,
  type SessionState,
} from '@session-heartbeat/core';

/** What a transition may carry besides the state. */
export interface TransitionDetails {
  /** The tool being executed or waited on; only in `tool_exec` / `tool_wait`. */
  toolName?: string;
  /** The active model; kept across turns until changed. */
  model?: string;
  /** The current turn; a new value starts a new turn. */
  turnId?: string;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return value.length > 40 ? `a string of ${value.length} chars` : JSON.stringify(value);
  }
  if (typeof value === 'number') return String(value);
  return `a ${typeof value}`;
}

export function assertSessionKey(value: unknown): asserts value is string {
  if (!isSessionKey(value)) {
    throw new TypeError(
      `session key must be a string of 1–${SESSION_KEY_MAX_LENGTH} characters, got ${describeValue(value)}`,
    );
  }
}

export function assertSessionState(value: unknown): asserts value is SessionState {
  if (!isSessionState(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : describeValue(value);
    throw new TypeError(`unknown state ${shown}; expected one of ${SESSION_STATES.join(', ')}`);
  }
}

function assertOptionalLabel(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > SESSION_KEY_MAX_LENGTH) {
    throw new TypeError(
      `${field} must be a string of 1–${SESSION_KEY_MAX_LENGTH} characters, got ${describeValue(value)}`,
    );
  }
}

/** Checks a transition's details against its target state; throws a precise TypeError. */
export function assertTransitionDetails(state: SessionState, details: TransitionDetails): void {
  assertOptionalLabel('toolName', details.toolName);
  assertOptionalLabel('model', details.model);
  assertOptionalLabel('turnId', details.turnId);
  if (details.toolName !== undefined && !isToolState(state)) {
    throw new TypeError(
      `toolName is only valid in tool_exec or tool_wait, not in ${JSON.stringify(state)}`,
    );
  }
}

export function assertModel(value: unknown): asserts value is string {
  assertOptionalLabel('model', value);
  if (value === undefined) throw new TypeError('model must be a string, got undefined');
}

export function assertTime(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${field} must be a finite number of ms, got ${describeValue(value)}`);
  }
}

/** A tool call's fingerprint: any string up to 512 characters (the host hashes the input). */
export function assertFingerprint(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length > SESSION_KEY_MAX_LENGTH) {
    throw new TypeError(
      `fingerprint must be a string of at most ${SESSION_KEY_MAX_LENGTH} characters, got ${describeValue(value)}`,
    );
  }
}

/**
 * A text for people (`label`, `activity`): a string, cut at 200 characters
 * (`TEXT_FIELD_MAX_LENGTH`); an empty one is none.
 */
export function readText(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new TypeError(`${field} must be a string, got ${describeValue(value)}`);
  }
  return value.length === 0 ? undefined : boundedText(value);
}
