import {
  isRestingState,
  isToolState,
  type HeartbeatReason,
  type SessionHeartbeat,
  type SessionState,
} from '@session-heartbeat/core';
import type { TransitionDetails } from './assert-session-input';
import { SessionHistory } from './session-history';

/** `live` sessions beat; `crashed` ones are silent but listed; `removed` ones are gone. */
export type SessionStatus = 'live' | 'crashed' | 'removed';

/** How a session starts. */
export interface SessionInit extends TransitionDetails {
  /** @default 'idle' */
  state?: SessionState;
  /** When the current turn started, for a session that was already busy. @default now */
  startedAt?: number;
  /** The session's human name (`"Ops Child"`), cut at 200 characters. @default undefined */
  label?: string;
}

/** The last fingerprinted tool call of a turn, and how many came in a row like it. */
export interface ToolCallStreak {
  readonly toolName: string;
  readonly fingerprint: string;
  readonly repeat: number;
}

/** The mutable truth about one session; heartbeats are frozen copies of it. */
export interface SessionRecord {
  readonly key: string;
  state: SessionState;
  turnId: string | undefined;
  model: string | undefined;
  toolName: string | undefined;
  lastTokenAt: number | undefined;
  startedAt: number;
  stateSince: number;
  label: string | undefined;
  /** The last progress in this state (never before `stateSince`); cleared when the state changes. */
  lastProgressAt: number | undefined;
  /** The host's word on that progress; cleared with it. */
  activity: string | undefined;
  /** `toolRepeat` of the call the tool state belongs to, when the host fingerprinted it. */
  toolRepeat: number | undefined;
  /** Tool calls (`toolCall`) so far in this turn. */
  turnToolCalls: number;
  /** The turn's last fingerprinted call, for counting repeats. */
  lastCall: ToolCallStreak | undefined;
  /** Changes of state, tool, model or turn: the last 60 minutes, at most 256. */
  readonly history: SessionHistory;
  /** The seq of the newest heartbeat (see {@link createSessionRecord} for where it starts). */
  seq: number;
  /** The newest heartbeat, which the hub and snapshots hand out. */
  last: SessionHeartbeat | undefined;
  status: SessionStatus;
  /** When an action on this session was last accepted (the emitter's clock). */
  actedAt: number | undefined;
}

/**
 * A new record. Its seq starts at `seqBase`, which the emitter sets to how
 * many heartbeats it has stamped so far. A record stamps at most as many
 * heartbeats as the emitter, so every record's seq stays ≤ that count, and a
 * key removed and created again starts above anything its old session sent:
 * seq never goes back per key while the emitter lives, with nothing kept per
 * removed key.
 */
export function createSessionRecord(
  key: string,
  init: SessionInit,
  at: number,
  seqBase: number,
): SessionRecord {
  const state = init.state ?? 'idle';
  const record: SessionRecord = {
    key,
    state,
    turnId: state === 'idle' ? undefined : init.turnId,
    model: init.model,
    toolName: isToolState(state) ? init.toolName : undefined,
    lastTokenAt: undefined,
    startedAt: init.startedAt ?? at,
    stateSince: at,
    label: init.label,
    lastProgressAt: undefined,
    activity: undefined,
    toolRepeat: undefined,
    turnToolCalls: 0,
    lastCall: undefined,
    history: new SessionHistory(),
    seq: seqBase,
    last: undefined,
    status: 'live',
    actedAt: undefined,
  };
  recordChange(record, at);
  return record;
}

/** Adds the record's state, tool, model and turn as they are now to its history. */
export function recordChange(record: SessionRecord, at: number): void {
  record.history.push(record.state, at, record.toolName, record.model, record.turnId);
}

/**
 * Moves a record to `state`. Returns whether a reader would see a change:
 * repeating the current state with the same details is a no-op, so a host
 * may call `transition('streaming')` on every chunk without flooding anyone.
 *
 * A new turn (leaving idle/complete for a working state, or a new `turnId`)
 * restarts `startedAt` and forgets `lastTokenAt` and the turn's tool calls;
 * becoming idle does too, since an idle session's `startedAt` is when it
 * went idle. A change of state forgets its progress (`lastProgressAt`,
 * `activity`): they were about the state it left.
 *
 * `newCall`: a tool call (`toolCall`) starts a new step even in the same
 * state with the same tool. A tool state entered otherwise belongs to no
 * fingerprinted call: it carries no `toolRepeat`, and the streak of
 * repeats ends, except a tool state that goes on with the same tool (an
 * approval asked and given: `tool_exec` ↔ `tool_wait`).
 */
export function applyTransition(
  record: SessionRecord,
  state: SessionState,
  details: TransitionDetails,
  at: number,
  newCall = false,
): boolean {
  const newTurn =
    (isRestingState(record.state) && !isRestingState(state)) ||
    (details.turnId !== undefined && details.turnId !== record.turnId);
  const keepsTool = isToolState(record.state) && !newTurn;
  const toolName = isToolState(state)
    ? (details.toolName ?? (keepsTool ? record.toolName : undefined))
    : undefined;
  const turnId =
    state === 'idle' ? undefined : (details.turnId ?? (newTurn ? undefined : record.turnId));
  const model = details.model ?? record.model;
  const stateChanged = newCall || state !== record.state || toolName !== record.toolName || newTurn;
  if (!stateChanged && model === record.model && turnId === record.turnId) return false;

  const sameCall = keepsTool && isToolState(state) && toolName === record.toolName;
  if (stateChanged) {
    record.stateSince = at;
    record.lastProgressAt = undefined;
    record.activity = undefined;
  }
  if (newTurn || (state === 'idle' && record.state !== 'idle')) {
    record.startedAt = at;
    record.lastTokenAt = undefined;
    record.turnToolCalls = 0;
    record.lastCall = undefined;
  }
  if (!sameCall || newCall) record.toolRepeat = undefined;
  if (isToolState(state) && !sameCall && !newCall) record.lastCall = undefined;
  record.state = state;
  record.toolName = toolName;
  record.turnId = turnId;
  record.model = model;
  return true;
}

/**
 * A tool call: enters `tool_exec` with `toolName` as a new step, and counts
 * it. `toolRepeat` is how many calls in a row of this turn had the same tool
 * and fingerprint (1 when not a repeat).
 */
export function applyToolCall(
  record: SessionRecord,
  toolName: string,
  fingerprint: string,
  details: Omit<TransitionDetails, 'toolName'>,
  at: number,
): void {
  applyTransition(record, 'tool_exec', { ...details, toolName }, at, true);
  const previous = record.lastCall;
  const repeat =
    previous?.toolName === toolName && previous.fingerprint === fingerprint
      ? previous.repeat + 1
      : 1;
  record.lastCall = { toolName, fingerprint, repeat };
  record.toolRepeat = repeat;
  record.turnToolCalls += 1;
}

/**
 * Progress in the current state: `lastProgressAt` becomes the latest of its
 * value, `at` and `stateSince`; `activity`, when given, replaces the last
 * one. A resting session (`idle`, `complete`) makes no progress: ignored.
 */
export function applyProgress(
  record: SessionRecord,
  at: number,
  activity: string | undefined,
): void {
  if (isRestingState(record.state)) return;
  record.lastProgressAt = Math.max(at, record.stateSince, record.lastProgressAt ?? -Infinity);
  if (activity === undefined) return;
  record.activity = activity;
  record.history.setActivity(activity);
}

/** Forces a record back to a fresh idle (a restart), whatever it was doing. */
export function resetToIdle(record: SessionRecord, at: number): void {
  record.state = 'idle';
  record.toolName = undefined;
  record.turnId = undefined;
  record.lastTokenAt = undefined;
  record.lastProgressAt = undefined;
  record.activity = undefined;
  record.toolRepeat = undefined;
  record.turnToolCalls = 0;
  record.lastCall = undefined;
  record.startedAt = at;
  record.stateSince = at;
  record.status = 'live';
}

/** Stamps the next heartbeat of a record (seq + 1) and keeps it as the newest. */
export function stampHeartbeat(
  record: SessionRecord,
  reason: HeartbeatReason,
  at: number,
): SessionHeartbeat {
  record.seq += 1;
  const heartbeat: SessionHeartbeat = {
    sessionKey: record.key,
    state: record.state,
    startedAt: record.startedAt,
    stateSince: record.stateSince,
    seq: record.seq,
    emittedAt: at,
    reason,
  };
  if (record.turnId !== undefined) heartbeat.turnId = record.turnId;
  if (record.model !== undefined) heartbeat.model = record.model;
  if (record.toolName !== undefined) heartbeat.toolName = record.toolName;
  if (record.lastTokenAt !== undefined) heartbeat.lastTokenAt = record.lastTokenAt;
  if (record.lastProgressAt !== undefined) heartbeat.lastProgressAt = record.lastProgressAt;
  if (record.activity !== undefined) heartbeat.activity = record.activity;
  if (record.toolRepeat !== undefined && isToolState(record.state)) {
    heartbeat.toolRepeat = record.toolRepeat;
  }
  // Only once the host counts calls (`toolCall`): a v1 host's beats stay v1.
  if (record.turnToolCalls > 0) heartbeat.turnToolCalls = record.turnToolCalls;
  if (record.label !== undefined) heartbeat.label = record.label;
  // Frozen: one object is shared by the hub, every subscriber and every client.
  record.last = Object.freeze(heartbeat);
  return record.last;
}
