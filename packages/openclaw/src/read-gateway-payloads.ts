import { isSessionKey } from '@session-heartbeat/core';

/** A JSON object as read from the wire. */
export type JsonRecord = Record<string, unknown>;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function readTime(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function readSeq(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A run id, usable as our `turnId` (1–512 characters). */
function readRunId(value: unknown): string | undefined {
  const runId = readString(value);
  return runId !== undefined && runId.length <= 512 ? runId : undefined;
}

function readKey(value: unknown): string | undefined {
  // The gateway leaves the key out for runs hidden from the Control UI; a blank one is absent too.
  return typeof value === 'string' && value.trim() !== '' && isSessionKey(value)
    ? value
    : undefined;
}

/** An `agent` event, normalised. `seq` and `ts` are undefined when missing or malformed. */
export interface AgentEventInput {
  runId: string;
  seq: number | undefined;
  stream: string;
  ts: number | undefined;
  data: JsonRecord;
  sessionKey: string | undefined;
}

export function readAgentEvent(input: unknown): ReadResult<AgentEventInput> {
  if (!isRecord(input)) return { ok: false, reason: 'agent event: not an object' };
  const runId = readRunId(input.runId);
  if (runId === undefined) return { ok: false, reason: 'agent event: runId missing or too long' };
  const stream = readString(input.stream);
  if (stream === undefined) return { ok: false, reason: `agent event ${runId}: stream missing` };
  return {
    ok: true,
    value: {
      runId,
      seq: readSeq(input.seq),
      stream,
      ts: readTime(input.ts),
      data: isRecord(input.data) ? input.data : {},
      sessionKey: readKey(input.sessionKey),
    },
  };
}

/** A `chat` event, normalised. */
export interface ChatEventInput {
  runId: string;
  seq: number | undefined;
  state: string;
  phase: string | undefined;
  sessionKey: string | undefined;
  /** `message.timestamp`, the closest a chat event has to a token time. */
  at: number | undefined;
}

export function readChatEvent(input: unknown): ReadResult<ChatEventInput> {
  if (!isRecord(input)) return { ok: false, reason: 'chat event: not an object' };
  const runId = readRunId(input.runId);
  if (runId === undefined) return { ok: false, reason: 'chat event: runId missing or too long' };
  const state = readString(input.state);
  if (state === undefined) return { ok: false, reason: `chat event ${runId}: state missing` };
  const message = isRecord(input.message) ? input.message : undefined;
  return {
    ok: true,
    value: {
      runId,
      seq: readSeq(input.seq),
      state,
      phase: readString(input.phase),
      sessionKey: readKey(input.sessionKey),
      at: readTime(message?.timestamp),
    },
  };
}

/** A session-list row (or a `sessions.changed` payload, keyed by `sessionKey`), normalised. */
export interface SessionRowInput {
  key: string;
  model: string | undefined;
  /** True: a run is going on; false: none is; undefined: the row does not say. */
  active: boolean | undefined;
  /** When the row's current (or last) run started, if it says. */
  startedAt: number | undefined;
  endedAt: number | undefined;
  updatedAt: number | undefined;
  /**
   * The session's name for people: `displayName`, else `label`, as the
   * Control UI shows it. `null`: the row names none (or only its key);
   * `undefined`: the row does not say (a partial `sessions.changed`).
   */
  label: string | null | undefined;
}

/** A row's name for people, unless it is only its key. */
function readRowLabel(row: JsonRecord, key: string): string | null | undefined {
  if (!('displayName' in row) && !('label' in row)) return undefined;
  const name = readString(row.displayName)?.trim() || readString(row.label)?.trim();
  return name === undefined || name === '' || name === key ? null : name;
}

const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['done', 'failed', 'killed', 'timeout']);

/**
 * The model as our contract names it: `provider/model` (`anthropic/claude-sonnet-4-5`).
 * The gateway reports them apart; a model that already names its provider stays as is.
 */
export function formatRowModel(model: unknown, provider: unknown): string | undefined {
  const name = readString(model);
  if (name === undefined) return undefined;
  const owner = readString(provider);
  const full = owner === undefined || name.includes('/') ? name : `${owner}/${name}`;
  return full.length <= 512 ? full : undefined;
}

export function readSessionRow(input: unknown): ReadResult<SessionRowInput> {
  if (!isRecord(input)) return { ok: false, reason: 'session row: not an object' };
  // `sessions.changed` payloads carry the row's fields flat, keyed by `sessionKey`, or under `session`.
  const row = isRecord(input.session) ? { ...input, ...input.session } : input;
  const key = readKey(row.key) ?? readKey(row.sessionKey);
  if (key === undefined) return { ok: false, reason: 'session row: key missing or invalid' };
  const status = readString(row.status);
  let active: boolean | undefined;
  if (typeof row.hasActiveRun === 'boolean') active = row.hasActiveRun;
  else if (status === 'running') active = true;
  else if (status !== undefined && TERMINAL_STATUSES.has(status)) active = false;
  return {
    ok: true,
    value: {
      key,
      model: formatRowModel(row.model, row.modelProvider),
      active,
      startedAt: readTime(row.startedAt),
      endedAt: readTime(row.endedAt),
      updatedAt: readTime(row.updatedAt),
      label: readRowLabel(row, key),
    },
  };
}

/** `sessions.list`'s answer, or a bare array of rows. */
export function readSessionsList(
  input: unknown,
): ReadResult<{ ts: number | undefined; rows: readonly unknown[] }> {
  if (Array.isArray(input)) return { ok: true, value: { ts: undefined, rows: input } };
  if (isRecord(input) && Array.isArray(input.sessions)) {
    return { ok: true, value: { ts: readTime(input.ts), rows: input.sessions } };
  }
  return { ok: false, reason: 'session list: expected {sessions: [...]} or an array of rows' };
}
