import {
  boundedText,
  describe,
  failed,
  isObject,
  isTime,
  optionalStringProblem,
  parsed,
  parseHeartbeat,
  type ParseResult,
} from './parse-heartbeat';
import {
  isSessionAction,
  isSessionState,
  type ActionAcceptedBody,
  type ActionsBody,
  type ErrorBody,
  type HistoryBody,
  type ReceivedStateChange,
  type SessionAction,
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

/** Reads the 202 body of `POST /api/sessions/:key/actions/:action` (and `…/restart`). */
export function parseActionAcceptedBody(input: unknown): ParseResult<ActionAcceptedBody> {
  if (!isObject(input)) return failed(`action body must be a JSON object, got ${describe(input)}`);
  const { serverTime } = input;
  if (!isTime(serverTime)) {
    return failed(`action body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  return parsed({ serverTime });
}

/**
 * Reads one change of a session's history. As for heartbeats, a state this
 * reader does not know keeps the change (state `'unknown'`), and `activity`
 * longer than 200 characters is cut.
 */
export function parseStateChange(input: unknown): ParseResult<ReceivedStateChange> {
  if (!isObject(input)) return failed(`change must be an object, got ${describe(input)}`);
  const { state, at, toolName, model, turnId, activity } = input;
  if (typeof state !== 'string') {
    return failed(`change: state must be a string, got ${describe(state)}`);
  }
  if (!isTime(at)) return failed(`change: at must be a number, got ${describe(at)}`);
  const problem =
    optionalStringProblem(toolName, 'toolName') ??
    optionalStringProblem(model, 'model') ??
    optionalStringProblem(turnId, 'turnId') ??
    optionalStringProblem(activity, 'activity');
  if (problem !== undefined) return failed(`change at ${at}: ${problem}`);
  const change: ReceivedStateChange = isSessionState(state)
    ? { state, at }
    : { state: 'unknown', unknownState: state, at };
  if (typeof toolName === 'string') change.toolName = toolName;
  if (typeof model === 'string') change.model = model;
  if (typeof turnId === 'string') change.turnId = turnId;
  if (typeof activity === 'string') change.activity = boundedText(activity);
  return parsed(change);
}

/**
 * Reads the body of `GET /api/sessions/:key/history`. A bad change is
 * dropped alone and named in `problems`; the others are kept, oldest first.
 */
export function parseHistoryBody(input: unknown): ParseResult<HistoryBody> {
  if (!isObject(input)) return failed(`history body must be a JSON object, got ${describe(input)}`);
  const { serverTime, epoch, changes } = input;
  if (!isTime(serverTime)) {
    return failed(`history body: serverTime must be a number, got ${describe(serverTime)}`);
  }
  if (typeof epoch !== 'string' || epoch.length === 0) {
    return failed(`history body: epoch must be a non-empty string, got ${describe(epoch)}`);
  }
  if (!Array.isArray(changes)) {
    return failed(`history body: changes must be an array, got ${describe(changes)}`);
  }
  const kept: ReceivedStateChange[] = [];
  const problems: string[] = [];
  changes.forEach((entry: unknown, index) => {
    const read = parseStateChange(entry);
    if (read.ok) kept.push(read.value);
    else problems.push(`changes[${index}] dropped: ${read.error}`);
  });
  // Oldest first is the contract; a server that broke it must not break a timeline.
  kept.sort((a, b) => a.at - b.at);
  return parsed({ serverTime, epoch, changes: kept }, problems);
}

/**
 * Reads the body of `GET /api/sessions/actions`. An action this reader does
 * not know (a newer server) is left out and named in `problems`: a UI offers
 * only what it can show.
 */
export function parseActionsBody(input: unknown): ParseResult<ActionsBody> {
  if (!isObject(input)) return failed(`actions body must be a JSON object, got ${describe(input)}`);
  const { actions } = input;
  if (!Array.isArray(actions)) {
    return failed(`actions body: actions must be an array, got ${describe(actions)}`);
  }
  const known: SessionAction[] = [];
  const problems: string[] = [];
  for (const action of actions as unknown[]) {
    if (!isSessionAction(action)) problems.push(`unknown action ${describe(action)} left out`);
    else if (!known.includes(action)) known.push(action);
  }
  return parsed({ actions: known }, problems);
}

/** Reads an error answer; anything else yields `undefined`. */
export function parseErrorBody(input: unknown): ErrorBody | undefined {
  if (!isObject(input) || !isObject(input.error)) return undefined;
  const { code, message } = input.error;
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { error: { code, message } };
}
