import { describe, failed, isObject, isTime, parsed, type ParseResult } from './parse-heartbeat';
import { SOURCE_ID_MAX_LENGTH, type SourceStatus, type SourcesBody } from './types';

/** Whether a value is a source id: a string of 1–128 characters. */
export function isSourceId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= SOURCE_ID_MAX_LENGTH;
}

function parseSource(input: unknown): ParseResult<SourceStatus> {
  if (!isObject(input)) return failed(`source must be an object, got ${describe(input)}`);
  const { id, status, lastSeenAt, sessions, reason } = input;
  if (!isSourceId(id)) {
    return failed(
      `source id must be a string of 1–${SOURCE_ID_MAX_LENGTH} chars, got ${describe(id)}`,
    );
  }
  const at = `source ${JSON.stringify(id)}`;
  if (status !== 'live' && status !== 'unreachable') {
    return failed(`${at}: status must be "live" or "unreachable", got ${describe(status)}`);
  }
  if (!isTime(lastSeenAt)) {
    return failed(`${at}: lastSeenAt must be a number, got ${describe(lastSeenAt)}`);
  }
  if (typeof sessions !== 'number' || !Number.isSafeInteger(sessions) || sessions < 0) {
    return failed(`${at}: sessions must be an integer ≥ 0, got ${describe(sessions)}`);
  }
  const source: SourceStatus = { id, status, lastSeenAt, sessions };
  // A reason this reader does not know is dropped: the status still holds.
  if (status === 'unreachable' && (reason === 'silent' || reason === 'broker_unreachable')) {
    source.reason = reason;
  }
  return parsed(source);
}

/**
 * Reads a list of sources, keeping every valid one: a bad entry is dropped
 * and named in `problems`.
 */
export function parseSourceList(input: unknown, field = 'sources'): ParseResult<SourceStatus[]> {
  if (!Array.isArray(input)) return failed(`${field} must be an array, got ${describe(input)}`);
  const sources: SourceStatus[] = [];
  const problems: string[] = [];
  input.forEach((entry: unknown, index) => {
    const read = parseSource(entry);
    if (read.ok) sources.push(read.value);
    else problems.push(`${field}[${index}] dropped: ${read.error}`);
  });
  return parsed(sources, problems);
}

/** Reads the body of `GET /api/sources`. */
export function parseSourcesBody(input: unknown): ParseResult<SourcesBody> {
  if (!isObject(input)) return failed(`sources body must be a JSON object, got ${describe(input)}`);
  const { serverTime } = input;
  if (!isTime(serverTime)) {
    return failed(`sources body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  const list = parseSourceList(input.sources);
  if (!list.ok) return failed(`sources body: ${list.error}`);
  return parsed({ serverTime, sources: list.value }, list.problems);
}
