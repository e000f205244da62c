import {
  isRestingState,
  isToolState,
  type HeartbeatReason,
  type SessionHeartbeat,
  type SessionState,
} from '@session-heartbeat/core';
import type { TransitionDetails } from './assert-session-input';

/** `live` sessions beat; `crashed` ones are silent but listed; `removed` ones are gone. */
export type SessionStatus = 'live' | 'crashed' | 'removed';

/** How a session starts. */
export interface SessionInit extends TransitionDetails {
  /** @default 'idle' */
  state?: SessionState;
  /** When the current turn started, for a session that was already busy. @default now */
  startedAt?: number;
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
  /** The seq of the newest heartbeat (see {@link createSessionRecord} for where it starts). */
  seq: number;
  /** The newest heartbeat, which the hub and snapshots hand out. */
  last: SessionHeartbeat | undefined;
  status: SessionStatus;
  /** When a restart of this session was last accepted (the emitter's clock). */
  restartedAt: number | undefined;
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
  return {
    key,
    state,
    turnId: state === 'idle' ? undefined : init.turnId,
    model: init.model,
    toolName: isToolState(state) ? init.toolName : undefined,
    lastTokenAt: undefined,
    startedAt: init.startedAt ?? at,
    stateSince: at,
    seq: seqBase,
    last: undefined,
    status: 'live',
    restartedAt: undefined,
  };
}

/**
 * Moves a record to `state`. Returns whether a reader would see a change:
 * repeating the current state with the same details is a no-op, so a host
 * may call `transition('streaming')` on every chunk without flooding anyone.
 *
 * A new turn (leaving idle/complete for a working state, or a new `turnId`)
 * restarts `startedAt` and forgets `lastTokenAt`; becoming idle restarts
 * `startedAt` too, since an idle session's `startedAt` is when it went idle.
 */
export function applyTransition(
  record: SessionRecord,
  state: SessionState,
  details: TransitionDetails,
  at: number,
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
  const stateChanged = state !== record.state || toolName !== record.toolName || newTurn;
  if (!stateChanged && model === record.model && turnId === record.turnId) return false;

  if (stateChanged) record.stateSince = at;
  if (newTurn || (state === 'idle' && record.state !== 'idle')) {
    record.startedAt = at;
    record.lastTokenAt = undefined;
  }
  record.state = state;
  record.toolName = toolName;
  record.turnId = turnId;
  record.model = model;
  return true;
}

/** Forces a record back to a fresh idle (a restart), whatever it was doing. */
export function resetToIdle(record: SessionRecord, at: number): void {
  record.state = 'idle';
  record.toolName = undefined;
  record.turnId = undefined;
  record.lastTokenAt = undefined;
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
  // Frozen: one object is shared by the hub, every subscriber and every client.
  record.last = Object.freeze(heartbeat);
  return record.last;
}
