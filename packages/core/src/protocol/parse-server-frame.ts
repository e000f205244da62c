import {
  describe,
  failed,
  isObject,
  isSessionKey,
  isTime,
  parsed,
  parseHeartbeatList,
  type JsonObject,
  type ParseResult,
} from './parse-heartbeat';
import { parseSourceList } from './parse-sources';
import type { BatchHeartbeatsBody, HeartbeatsFrame, ServerFrame, SnapshotFrame } from './types';

function readServerTime(input: JsonObject, what: string): ParseResult<number> {
  const { serverTime } = input;
  return isTime(serverTime)
    ? parsed(serverTime)
    : failed(`${what}: serverTime must be a number, got ${describe(serverTime)}`);
}

function readEpochAndInterval(
  input: JsonObject,
  what: string,
): ParseResult<{ epoch: string; interval: number }> {
  const { epoch, interval } = input;
  if (typeof epoch !== 'string' || epoch.length === 0) {
    return failed(`${what}: epoch must be a non-empty string, got ${describe(epoch)}`);
  }
  if (!isTime(interval) || interval <= 0) {
    return failed(`${what}: interval must be a positive number, got ${describe(interval)}`);
  }
  return parsed({ epoch, interval });
}

/**
 * Reads a frame the server sent over the WebSocket (already JSON-decoded).
 * Returns the frame, or a precise reason. Unknown fields are ignored; a bad
 * heartbeat inside a frame is dropped alone and named in `problems`.
 */
export function parseServerFrame(input: unknown): ParseResult<ServerFrame> {
  if (!isObject(input)) return failed(`frame must be a JSON object, got ${describe(input)}`);
  const { type } = input;
  switch (type) {
    case 'snapshot':
    case 'heartbeats': {
      const time = readServerTime(input, `${type} frame`);
      if (!time.ok) return time;
      const list = parseHeartbeatList(input.heartbeats);
      if (!list.ok) return failed(`${type} frame: ${list.error}`);
      if (type === 'heartbeats') {
        const frame: HeartbeatsFrame = { type, serverTime: time.value, heartbeats: list.value };
        return parsed(frame, list.problems);
      }
      const run = readEpochAndInterval(input, 'snapshot frame');
      if (!run.ok) return run;
      const frame: SnapshotFrame = {
        type,
        serverTime: time.value,
        ...run.value,
        heartbeats: list.value,
      };
      if (input.sources === undefined) return parsed(frame, list.problems);
      // Fleet: an aggregator's snapshot also says which sources it hears.
      const sources = parseSourceList(input.sources);
      if (!sources.ok) return failed(`snapshot frame: ${sources.error}`);
      frame.sources = sources.value;
      return parsed(frame, [...list.problems, ...sources.problems]);
    }
    case 'sources': {
      const time = readServerTime(input, 'sources frame');
      if (!time.ok) return time;
      const sources = parseSourceList(input.sources);
      if (!sources.ok) return failed(`sources frame: ${sources.error}`);
      return parsed({ type, serverTime: time.value, sources: sources.value }, sources.problems);
    }
    case 'removed': {
      const time = readServerTime(input, 'removed frame');
      if (!time.ok) return time;
      const { sessionKey } = input;
      if (!isSessionKey(sessionKey)) {
        return failed(
          `removed frame: sessionKey must be a non-empty string, got ${describe(sessionKey)}`,
        );
      }
      return parsed({ type, serverTime: time.value, sessionKey });
    }
    case 'ping': {
      const time = readServerTime(input, 'ping frame');
      if (!time.ok) return time;
      return parsed({ type, serverTime: time.value });
    }
    default:
      return failed(`unknown frame type ${describe(type)}`);
  }
}

/** Decodes a WebSocket text message and reads it as a server frame. */
export function decodeServerFrame(text: string): ParseResult<ServerFrame> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failed(`frame is not JSON (${text.length} chars)`);
  }
  return parseServerFrame(value);
}

/** Reads the body of `GET /api/sessions/heartbeat`. */
export function parseBatchBody(input: unknown): ParseResult<BatchHeartbeatsBody> {
  if (!isObject(input)) return failed(`batch body must be a JSON object, got ${describe(input)}`);
  const time = readServerTime(input, 'batch body');
  if (!time.ok) return time;
  const run = readEpochAndInterval(input, 'batch body');
  if (!run.ok) return run;
  const list = parseHeartbeatList(input.heartbeats);
  if (!list.ok) return failed(`batch body: ${list.error}`);
  return parsed({ serverTime: time.value, ...run.value, heartbeats: list.value }, list.problems);
}
