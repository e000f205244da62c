import type { HeartbeatEmitter } from '@session-heartbeat/emitter';
import {
  copyBridgeStats,
  createBridgeStats,
  type BridgeProblem,
  type BridgeProblemKind,
  type OpenClawBridgeStats,
} from './bridge-stats';
import {
  readAgentEvent,
  readChatEvent,
  readSessionRow,
  readSessionsList,
  type SessionRowInput,
} from './read-gateway-payloads';
import { agentEventEffect, chatEventEffect, type RunEffect } from './run-effects';
import { createRunRegistry, type RunRecord } from './run-registry';
import { applyRunEffect } from './apply-run-effect';
import { createSessionDriver, isResting, type BridgeSessionMemory } from './session-driver';

export interface OpenClawBridgeOptions {
  /**
   * How many ended runs are remembered, so that their late events are
   * recognised and ignored (runs in flight are bounded at four times this).
   * @default 1024
   */
  maxEndedRuns?: number;
  /** Remove the sessions a full session list no longer has. @default true */
  removeUnlisted?: boolean;
  /** Told about every event or row set aside (they are also counted in `stats()`). @default undefined */
  onProblem?: (problem: BridgeProblem) => void;
}

/** Feeds the gateway's own events into an emitter; see the README for the mapping. */
export interface OpenClawBridge {
  /**
   * One gateway event by name: `agent` (and its `session.tool` mirror),
   * `chat`, `sessions.changed`. Returns whether it moved a session; any
   * other event name is ignored (false).
   */
  handleEvent(event: string, payload: unknown): boolean;
  /** An `agent` event `{runId, seq, stream, ts, data, sessionKey?}`. */
  agentEvent(payload: unknown): boolean;
  /** A `chat` event `{runId, sessionKey, seq, state, phase?}`. */
  chatEvent(payload: unknown): boolean;
  /**
   * A full `sessions.list` answer `{ts, sessions}` (or an array of rows):
   * creates and updates the listed sessions and removes the unlisted ones
   * (those touched by an event after `ts` stay: the list is older than them).
   */
  sessionList(list: unknown): void;
  /** One row (or a `sessions.changed` payload): creates or updates, never removes. */
  sessionRow(row: unknown): boolean;
  /** A copy of the counters. */
  stats(): OpenClawBridgeStats;
  /** Forgets every run; the sessions stay in the emitter. */
  dispose(): void;
}

/**
 * Turns the OpenClaw gateway's event stream into heartbeats on `emitter`:
 * no second server, no model call, and nothing thrown for bad input.
 *
 * @example
 * const emitter = createHeartbeatEmitter();
 * const bridge = createOpenClawBridge(emitter);
 * onGatewayEvent((event, payload) => bridge.handleEvent(event, payload));
 */
export function createOpenClawBridge(
  emitter: HeartbeatEmitter,
  options: OpenClawBridgeOptions = {},
): OpenClawBridge {
  const removeUnlisted = options.removeUnlisted ?? true;
  const counters = createBridgeStats();
  const sessions = new Map<string, BridgeSessionMemory>();
  const runs = createRunRegistry(
    Math.max(1, options.maxEndedRuns ?? 1024),
    (run) => sessions.get(run.sessionKey)?.activeRunId === run.runId,
  );
  const driver = createSessionDriver(
    emitter,
    (sessionKey, error) =>
      problem('rejected', `${sessionKey}: ${error instanceof Error ? error.message : 'refused'}`),
    () => (counters.sessionsCreated += 1),
  );

  function problem(kind: BridgeProblemKind, detail: string): false {
    counters.problems[kind] += 1;
    try {
      options.onProblem?.({ kind, detail });
    } catch {
      // A failing observer must not break the bridge.
    }
    return false;
  }

  function sessionMemory(sessionKey: string, at: number): BridgeSessionMemory {
    let record = sessions.get(sessionKey);
    if (record === undefined) {
      record = {
        activeRunId: undefined,
        touchedAt: at,
        lastEndedAt: undefined,
        busyFromRow: false,
      };
      sessions.set(sessionKey, record);
    }
    record.touchedAt = Math.max(record.touchedAt, at);
    return record;
  }

  function apply(run: RunRecord, effect: RunEffect, at: number, what: string): boolean {
    if (effect.kind === 'unknown_stream') return problem('unknown_stream', what);
    if (effect.kind === 'unknown_phase')
      return problem('unknown_phase', `${what}: ${effect.detail}`);
    if (effect.kind === 'none') return false;
    const record = sessionMemory(run.sessionKey, at);
    const superseded = record.activeRunId;
    const applied = applyRunEffect({ run, record, effect, at, driver, runs });
    if (superseded !== undefined && record.activeRunId !== superseded) {
      if (runs.ended(superseded)?.outcome === 'superseded') counters.runsSuperseded += 1;
    }
    if (applied) counters.applied += 1;
    return applied;
  }

  function agentEvent(payload: unknown): boolean {
    counters.received += 1;
    const read = readAgentEvent(payload);
    if (!read.ok) return problem('malformed', read.reason);
    const event = read.value;
    const what = `agent ${event.stream} of run ${event.runId}`;
    const at = event.ts ?? emitter.now();
    const effect = agentEventEffect(event);
    const ended = runs.ended(event.runId);
    let run = runs.get(event.runId);
    if (ended !== undefined) {
      // A run ended by an abort (or replaced) still reports its own end later: expected, quiet.
      if (effect.kind === 'end') return false;
      const stale = event.seq !== undefined && event.seq <= ended.lastAgentSeq;
      // The gateway retries a failed run under the same id (fallback model, retry).
      const retry = !stale && ended.outcome === 'lifecycle_error' && effect.kind === 'start';
      if (!retry) return problem(stale ? 'stale' : 'after_end', what);
      runs.reopen(event.runId);
      run = runs.create(event.runId, ended.sessionKey, at, ended);
    }
    if (run !== undefined && event.seq !== undefined && event.seq <= run.lastAgentSeq) {
      return problem('stale', `${what}: seq ${event.seq} ≤ ${run.lastAgentSeq}`);
    }
    const sessionKey = run?.sessionKey ?? event.sessionKey;
    if (sessionKey === undefined) return problem('unroutable', what);
    run ??= runs.create(event.runId, sessionKey, at);
    if (event.seq !== undefined) {
      run.lastAgentSeq = event.seq;
      run.lastSeq = Math.max(run.lastSeq, event.seq);
    }
    return apply(run, effect, at, what);
  }

  function chatEvent(payload: unknown): boolean {
    counters.received += 1;
    const read = readChatEvent(payload);
    if (!read.ok) return problem('malformed', read.reason);
    const event = read.value;
    const what = `chat ${event.state} of run ${event.runId}`;
    const effect = chatEventEffect(event);
    const chatState = `${event.state}:${event.phase ?? ''}`;
    const ended = runs.ended(event.runId);
    if (ended !== undefined) {
      // The gateway echoes a run's end as a chat final (and flushes a last delta): expected, quiet.
      if (effect.kind === 'end') {
        if (ended.outcome === 'lifecycle_error') ended.outcome = effect.outcome;
        return false;
      }
      if (event.seq === undefined || event.seq <= ended.lastSeq) return false;
      return problem('after_end', what);
    }
    let run = runs.get(event.runId);
    if (run !== undefined && event.seq !== undefined) {
      const duplicate = run.lastChat?.seq === event.seq && run.lastChat.state === chatState;
      if (event.seq < run.lastSeq || duplicate) {
        return problem('stale', `${what}: seq ${event.seq} after ${run.lastSeq}`);
      }
    }
    const sessionKey = run?.sessionKey ?? event.sessionKey;
    if (sessionKey === undefined) return problem('unroutable', what);
    const at = event.at ?? emitter.now();
    run ??= runs.create(event.runId, sessionKey, at);
    if (event.seq !== undefined) {
      const echo = effect.kind === 'token' && event.seq <= run.lastAgentSeq;
      run.lastChat = { seq: event.seq, state: chatState };
      run.lastSeq = Math.max(run.lastSeq, event.seq);
      // A chat delta re-broadcasts the assistant event already applied: nothing new.
      if (echo) return false;
    }
    return apply(run, effect, at, what);
  }

  function applyRow(row: SessionRowInput, at: number): void {
    counters.rows += 1;
    const { key } = row;
    const record = sessionMemory(key, at);
    const state = driver.state(key);
    if (state === undefined) {
      const busy = row.active === true;
      record.busyFromRow = busy;
      driver.create(key, {
        state: busy ? 'awaiting_model' : 'idle',
        ...(row.model === undefined ? {} : { model: row.model }),
        ...(typeof row.label === 'string' ? { label: row.label } : {}),
        ...(busy && row.startedAt !== undefined ? { startedAt: row.startedAt } : {}),
      });
      return;
    }
    if (row.model !== undefined) driver.setModel(key, row.model);
    if (row.label !== undefined) driver.setLabel(key, row.label ?? undefined);
    const active = record.activeRunId === undefined ? undefined : runs.get(record.activeRunId);
    if (active !== undefined) {
      // Events are fresher than rows, unless the row says the run ended after it began.
      if (row.active === false && row.endedAt !== undefined && row.endedAt >= active.firstAt) {
        apply(active, { kind: 'end', outcome: 'end' }, row.endedAt, `row of ${key}`);
      }
      return;
    }
    const startedAt = row.startedAt ?? row.updatedAt ?? -Infinity;
    if (row.active === true && isResting(state) && startedAt > (record.lastEndedAt ?? -Infinity)) {
      // A run we heard nothing of (we joined late, or the gateway restarted): busy, turn unknown.
      if (driver.move(key, 'awaiting_model')) record.busyFromRow = true;
    } else if (row.active === false && record.busyFromRow && !isResting(state)) {
      record.busyFromRow = false;
      record.lastEndedAt = row.endedAt ?? at;
      driver.move(key, 'complete');
    }
  }

  function sessionRow(payload: unknown): boolean {
    const read = readSessionRow(payload);
    if (!read.ok) return problem('malformed', read.reason);
    emitter.batch(() => applyRow(read.value, read.value.updatedAt ?? emitter.now()));
    return true;
  }

  function sessionList(payload: unknown): void {
    const read = readSessionsList(payload);
    if (!read.ok) {
      problem('malformed', read.reason);
      return;
    }
    const { ts, rows } = read.value;
    const at = ts ?? emitter.now();
    const listed = new Set<string>();
    emitter.batch(() => {
      for (const input of rows) {
        const row = readSessionRow(input);
        if (!row.ok) {
          problem('malformed', row.reason);
          continue;
        }
        listed.add(row.value.key);
        applyRow(row.value, at);
      }
      if (!removeUnlisted) return;
      for (const [key, record] of sessions) {
        // A session an event touched after the list was read is newer than the list.
        if (listed.has(key) || (ts !== undefined && record.touchedAt > ts)) continue;
        for (const run of runs.runsOf(key)) runs.end(run, 'removed');
        sessions.delete(key);
        if (driver.remove(key)) counters.sessionsRemoved += 1;
      }
    });
  }

  return {
    handleEvent(event, payload) {
      switch (event) {
        case 'agent':
        case 'session.tool':
          return emitter.batch(() => agentEvent(payload));
        case 'chat':
          return emitter.batch(() => chatEvent(payload));
        case 'sessions.changed':
          return sessionRow(payload);
        default:
          return false;
      }
    },
    agentEvent: (payload) => emitter.batch(() => agentEvent(payload)),
    chatEvent: (payload) => emitter.batch(() => chatEvent(payload)),
    sessionList,
    sessionRow,
    stats: () => copyBridgeStats(counters),
    dispose() {
      runs.clear();
      sessions.clear();
    },
  };
}
