import {
  describe,
  failed,
  isObject,
  isTime,
  parsed,
  parseHeartbeat,
  type ParseResult,
} from './parse-heartbeat';
import {
  isSessionAction,
  type ActionsBody,
  type ErrorBody,
  type RestartBody,
  type SessionHeartbeatBody,
} from './types';

/** Reads the body of `GET /api/sessions/:key/heartbeat`. */
export function parseSessionHeartbeatBody(input: unknown): ParseResult<SessionHeartbeatBody> {
  if (!isObject(input)) return failed(`session body must be a JSON object, got ${describe(input)}`);
  const { serverTime } = input;
  if (!isTime(serverTime)) {
    return failed(`session body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  const heartbeat = parseHeartbeat(input.heartbeat);
  if (!heartbeat.ok) return failed(`session body: ${heartbeat.error}`);
  return parsed({ serverTime, heartbeat: heartbeat.value });
}

/** Reads the body of `POST /api/sessions/:key/restart`. */
export function parseRestartBody(input: unknown): ParseResult<RestartBody> {
  if (!isObject(input)) return failed(`restart body must be a JSON object, got ${describe(input)}`);
  const { serverTime } = input;
  if (!isTime(serverTime)) {
    return failed(`restart body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  return parsed({ serverTime });
}

/** Reads an error answer; anything else yields `undefined`. */
export function parseErrorBody(input: unknown): ErrorBody | undefined {
  if (!isObject(input) || !isObject(input.error)) return undefined;
  const { code, message } = input.error;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { error: { code, message } };
}

/**
 * Reads the body of `GET /api/sessions/actions` (v1.1). An action this
 * reader does not know is left out, not an error (a newer host may offer more).
 */
export function parseActionsBody(input: unknown): ParseResult<ActionsBody> {
  if (!isObject(input) || !Array.isArray(input.actions)) {
    return failed(`actions body must be {"actions": [...]}, got ${describe(input)}`);
  }
  return parsed({ actions: input.actions.filter(isSessionAction) });
}
