import {
  TEXT_FIELD_MAX_LENGTH,
  isSessionState,
  SESSION_KEY_MAX_LENGTH,
  type ReceivedHeartbeat,
} from './types';

/**
 * The answer of every parser here: the value, or a precise reason that names
 * the field. `problems` lists parts that were dropped while the rest was kept
 * (one bad heartbeat in a frame of many).
 */
export type ParseResult<T> =
  { ok: true; value: T; problems: string[] } | { ok: false; error: string };

export function parsed<T>(value: T, problems: string[] = []): ParseResult<T> {
  return { ok: true, value, problems };
}

export function failed<T>(error: string): ParseResult<T> {
  return { ok: false, error };
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return value.length > 40 ? `a string of ${value.length} chars` : JSON.stringify(value);
  }
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A finite number; wire times are epoch ms. */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function isSessionKey(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= SESSION_KEY_MAX_LENGTH;
}

/** Why an optional string field is wrong, or `undefined` if it is fine (absent counts). */
export function optionalStringProblem(value: unknown, field: string): string | undefined {
  // null is read as absent: some JSON writers emit it for a missing optional.
  if (value === undefined || value === null || typeof value === 'string') return undefined;
  return `${field} must be a string, got ${describe(value)}`;
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** At most `TEXT_FIELD_MAX_LENGTH` (200) characters: a longer text is cut, not refused. */
export function boundedText(value: string): string {
  return value.length > TEXT_FIELD_MAX_LENGTH ? value.slice(0, TEXT_FIELD_MAX_LENGTH) : value;
}

/**
 * The v1.1 fields (label, progress, repeats): copied when well formed, a
 * precise problem when present but wrong. `null` reads as absent.
 */
function readProgressFields(
  heartbeat: ReceivedHeartbeat,
  label: unknown,
  activity: unknown,
  lastProgressAt: unknown,
  toolRepeat: unknown,
  turnToolCalls: unknown,
): string | undefined {
  const problem =
    optionalStringProblem(label, 'label') ?? optionalStringProblem(activity, 'activity');
  if (problem !== undefined) return problem;
  if (lastProgressAt !== undefined && lastProgressAt !== null && !isTime(lastProgressAt)) {
    return `lastProgressAt must be a number, got ${describe(lastProgressAt)}`;
  }
  if (toolRepeat !== undefined && toolRepeat !== null && !isCount(toolRepeat, 1)) {
    return `toolRepeat must be an integer ≥ 1, got ${describe(toolRepeat)}`;
  }
  if (turnToolCalls !== undefined && turnToolCalls !== null && !isCount(turnToolCalls, 0)) {
    return `turnToolCalls must be an integer ≥ 0, got ${describe(turnToolCalls)}`;
  }
  if (typeof label === 'string') heartbeat.label = boundedText(label);
  if (typeof activity === 'string') heartbeat.activity = boundedText(activity);
  if (isTime(lastProgressAt)) heartbeat.lastProgressAt = lastProgressAt;
  if (isCount(toolRepeat, 1)) heartbeat.toolRepeat = toolRepeat;
  if (isCount(turnToolCalls, 0)) heartbeat.turnToolCalls = turnToolCalls;
  return undefined;
}

/**
 * Reads one heartbeat from the wire. Unknown fields are ignored; a state this
 * reader does not know keeps the heartbeat (state `'unknown'`).
 */
export function parseHeartbeat(input: unknown): ParseResult<ReceivedHeartbeat> {
  const read = readHeartbeat(input);
  return typeof read === 'string' ? failed(read) : parsed(read);
}

/**
 * `parseHeartbeat` without a result object: the heartbeat, or why not. A
 * snapshot reads 10,000 of these in one task, so nothing is allocated that
 * is not kept.
 */
function readHeartbeat(input: unknown): ReceivedHeartbeat | string {
  if (!isObject(input)) return `heartbeat must be an object, got ${describe(input)}`;
  const { sessionKey, state, startedAt, stateSince, seq, emittedAt, reason, lastTokenAt } = input;
  const { turnId, model, toolName, label, activity } = input;
  const { lastProgressAt, toolRepeat, turnToolCalls, source } = input;
  if (!isSessionKey(sessionKey)) {
    return `sessionKey must be a string of 1–${SESSION_KEY_MAX_LENGTH} chars, got ${describe(sessionKey)}`;
  }
  // Named only when something is wrong: most heartbeats are fine.
  const at = (): string => `heartbeat ${JSON.stringify(sessionKey)}`;
  if (typeof state !== 'string') return `${at()}: state must be a string, got ${describe(state)}`;
  if (!isTime(startedAt)) return `${at()}: startedAt must be a number, got ${describe(startedAt)}`;
  if (!isTime(stateSince)) {
    return `${at()}: stateSince must be a number, got ${describe(stateSince)}`;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    return `${at()}: seq must be an integer ≥ 1, got ${describe(seq)}`;
  }
  if (!isTime(emittedAt)) return `${at()}: emittedAt must be a number, got ${describe(emittedAt)}`;
  if (typeof reason !== 'string') {
    return `${at()}: reason must be a string, got ${describe(reason)}`;
  }
  if (lastTokenAt !== undefined && lastTokenAt !== null && !isTime(lastTokenAt)) {
    return `${at()}: lastTokenAt must be a number, got ${describe(lastTokenAt)}`;
  }

  const heartbeat: ReceivedHeartbeat = isSessionState(state)
    ? { sessionKey, state, startedAt, stateSince, seq, emittedAt, reason }
    : {
        sessionKey,
        state: 'unknown',
        unknownState: state,
        startedAt,
        stateSince,
        seq,
        emittedAt,
        reason,
      };
  const problem =
    optionalStringProblem(turnId, 'turnId') ??
    optionalStringProblem(model, 'model') ??
    optionalStringProblem(toolName, 'toolName') ??
    optionalStringProblem(source, 'source');
  if (problem !== undefined) return `${at()}: ${problem}`;
  if (typeof source === 'string') heartbeat.source = source;
  if (typeof turnId === 'string') heartbeat.turnId = turnId;
  if (typeof model === 'string') heartbeat.model = model;
  if (typeof toolName === 'string') heartbeat.toolName = toolName;
  if (isTime(lastTokenAt)) heartbeat.lastTokenAt = lastTokenAt;
  const v11Problem = readProgressFields(
    heartbeat,
    label,
    activity,
    lastProgressAt,
    toolRepeat,
    turnToolCalls,
  );
  if (v11Problem !== undefined) return `${at()}: ${v11Problem}`;
  return heartbeat;
}

/**
 * Reads a list of heartbeats, keeping every valid one: a bad entry is dropped
 * and named in `problems`, it does not cost the others.
 */
export function parseHeartbeatList(
  input: unknown,
  field = 'heartbeats',
): ParseResult<ReceivedHeartbeat[]> {
  if (!Array.isArray(input)) return failed(`${field} must be an array, got ${describe(input)}`);
  const heartbeats: ReceivedHeartbeat[] = [];
  const problems: string[] = [];
  for (let index = 0; index < input.length; index += 1) {
    const read = readHeartbeat(input[index]);
    if (typeof read === 'string') problems.push(`${field}[${index}] dropped: ${read}`);
    else heartbeats.push(read);
  }
  return parsed(heartbeats, problems);
}
