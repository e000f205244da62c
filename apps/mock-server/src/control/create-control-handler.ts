import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_FRAME_BYTES, type SessionState } from '@session-heartbeat/core';
import { decodeSessionKeySegment } from '@session-heartbeat/core/server';
import {
  HeartbeatEmitterError,
  type HeartbeatEmitter,
  type SessionHandle,
  type SessionInit,
} from '@session-heartbeat/emitter';
import {
  readJsonBody,
  sendBodyError,
  sendError,
  sendJson,
  type ApiRouteHandler,
} from '@session-heartbeat/emitter/node';
import type { RunningScenario } from '../scenarios';
import type { MockClock } from './create-mock-clock';

type JsonObject = Record<string, unknown>;

/** `POST /api/mock/sessions/:key/<action>`: what the control API can make a session do. */
const CONTROL_ACTIONS: readonly string[] = ['transition', 'token', 'progress', 'tool', 'crash'];

/** Maps what the emitter refuses onto HTTP: bad input 400, missing 404, wrong status 409. */
function sendFailure(res: ServerResponse, error: unknown): void {
  if (error instanceof TypeError || error instanceof RangeError) {
    sendError(res, 400, 'bad_request', error.message);
  } else if (error instanceof HeartbeatEmitterError) {
    const status = error.code === 'session_removed' ? 404 : 409;
    sendError(res, status, status === 404 ? 'not_found' : 'conflict', error.message);
  } else {
    throw error;
  }
}

function optionalFields(body: JsonObject, fields: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const field of fields) if (body[field] !== undefined) picked[field] = body[field];
  return picked;
}

/**
 * The mock's control API under `/api/mock/sessions` (mounted behind the same
 * origin and token checks as the contract). A session it touches is released
 * from the scenario first, so the scenario never fights the caller.
 * `POST …/:key/transition {state, toolName?, model?, turnId?}`, `…/token
 * {at?}`, `…/progress {activity?, at?}` (v1.1), `…/tool {toolName,
 * fingerprint, turnId?}` (v1.1), `…/crash`; `DELETE …/:key`. The emitter
 * checks every field, so bad input gets its precise message with a 400.
 *
 * With `clock` (the emitter's), `POST /api/mock/clock {advanceMs}` moves the
 * server's time forward: the scenario's scripts run the steps now due, and
 * every live session whose periodic beat is then overdue beats at once
 * (crashed ones stay silent). It answers
 * `{serverTime, skewMs, beats, beatAt?}`: the keys that beat, and when.
 * `{stepMs}` instead steps the clock either way, as NTP would, and flushes
 * nothing. `POST /api/mock/churn {count, batchSize?}` creates and removes
 * `count` sessions under fresh keys.
 */
export function createControlHandler(
  emitter: HeartbeatEmitter,
  scenario: RunningScenario,
  clock?: MockClock,
): ApiRouteHandler {
  async function withBody(
    req: IncomingMessage,
    res: ServerResponse,
    act: (body: JsonObject) => void,
  ): Promise<void> {
    const read = await readJsonBody(req, MAX_FRAME_BYTES);
    if (!read.ok) return sendBodyError(res, read);
    const body = read.value ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendError(res, 400, 'bad_request', 'the request body must be a JSON object');
    }
    try {
      act(body as JsonObject);
    } catch (error) {
      sendFailure(res, error);
    }
  }

  function existing(res: ServerResponse, sessionKey: string): SessionHandle | undefined {
    const session = emitter.get(sessionKey);
    if (!session) sendError(res, 404, 'not_found', `no session ${JSON.stringify(sessionKey)}`);
    else scenario.release(sessionKey);
    return session;
  }

  function create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return withBody(req, res, (body) => {
      const { sessionKey } = body;
      if (typeof sessionKey === 'string') scenario.release(sessionKey);
      // The emitter validates key, state and details with precise messages.
      const init = optionalFields(body, [
        'state',
        'model',
        'toolName',
        'turnId',
        'label',
      ]) as SessionInit;
      const session = emitter.createSession(sessionKey as string, init);
      sendJson(res, 201, { serverTime: emitter.now(), heartbeat: session.heartbeat });
    });
  }

  function act(
    req: IncomingMessage,
    res: ServerResponse,
    sessionKey: string,
    action: string,
  ): Promise<void> {
    return withBody(req, res, (body) => {
      const session = existing(res, sessionKey);
      if (!session) return;
      switch (action) {
        case 'transition': {
          if (body.state === undefined) {
            return sendError(res, 400, 'bad_request', 'state is required');
          }
          const details = optionalFields(body, ['toolName', 'model', 'turnId']);
          const changed = session.transition(body.state as SessionState, details);
          return sendJson(res, 200, {
            serverTime: emitter.now(),
            changed,
            heartbeat: session.heartbeat,
          });
        }
        case 'token': {
          session.tokenReceived(body.at === undefined ? undefined : (body.at as number));
          return sendJson(res, 200, { serverTime: emitter.now(), sessionKey });
        }
        case 'progress': {
          // v1.1: progress emits nothing by itself; the next beat carries it.
          const at = body.at === undefined ? undefined : (body.at as number);
          session.progress(at, body.activity as string | undefined);
          return sendJson(res, 200, { serverTime: emitter.now(), sessionKey });
        }
        case 'tool': {
          // v1.1: a tool call, emitted at once, with its repeats counted by fingerprint.
          const details = optionalFields(body, ['model', 'turnId']);
          session.toolCall(body.toolName as string, body.fingerprint as string, details);
          return sendJson(res, 200, { serverTime: emitter.now(), heartbeat: session.heartbeat });
        }
        case 'crash': {
          session.crash();
          return sendJson(res, 200, { serverTime: emitter.now(), heartbeat: session.heartbeat });
        }
        default:
          return sendError(res, 404, 'not_found', `no control action ${JSON.stringify(action)}`);
      }
    });
  }

  function moveClock(req: IncomingMessage, res: ServerResponse, by: MockClock): Promise<void> {
    return withBody(req, res, (body) => {
      if (body.stepMs !== undefined) {
        // A step, as NTP makes it: the reading jumps; no time passes, nothing is flushed.
        by.step(body.stepMs as number);
        return sendJson(res, 200, { serverTime: emitter.now(), skewMs: by.skewMs, beats: [] });
      }
      by.advance(body.advanceMs as number);
      // Which sessions beat because of the jump: a caller can wait until its client heard them.
      const beats: string[] = [];
      let beatAt: number | undefined;
      const unsubscribe = emitter.subscribe((event) => {
        if (event.type !== 'heartbeats') return;
        for (const heartbeat of event.heartbeats) {
          beats.push(heartbeat.sessionKey);
          beatAt = heartbeat.emittedAt;
        }
      });
      try {
        // Scripts first (their steps now due run at the new time), then the periodic beats.
        scenario.catchUp();
        emitter.flushDue();
      } finally {
        unsubscribe();
      }
      sendJson(res, 200, {
        serverTime: emitter.now(),
        skewMs: by.skewMs,
        beats,
        ...(beatAt === undefined ? {} : { beatAt }),
      });
    });
  }

  /**
   * Creates and removes `count` sessions under fresh keys, `batchSize` per
   * turn of the event loop, each batch removed one turn after it was
   * created (so clients see them come and go); answers when done.
   */
  /** Keys already used by `churn`, so every run creates fresh ones. */
  let churned = 0;

  function churn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return withBody(req, res, (body) => {
      const count = body.count as number;
      const batchSize = (body.batchSize ?? 1000) as number;
      if (!Number.isSafeInteger(count) || count < 1 || count > 1_000_000) {
        return sendError(res, 400, 'bad_request', 'count must be an integer from 1 to 1000000');
      }
      if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        return sendError(res, 400, 'bad_request', 'batchSize must be an integer from 1 to 10000');
      }
      let created = 0;
      let alive: SessionHandle[] = [];
      const step = (): void => {
        emitter.batch(() => {
          for (const session of alive) session.remove();
          alive = [];
          for (const end = Math.min(count, created + batchSize); created < end; created += 1) {
            alive.push(emitter.createSession(`agent:churn:${(churned += 1)}`));
          }
        });
        if (alive.length > 0) setImmediate(step);
        else sendJson(res, 200, { serverTime: emitter.now(), created: count, removed: count });
      };
      step();
    });
  }

  return (req, res, segments) => {
    const [, area, resource, keySegment, action, ...rest] = segments;
    const sessionKey = keySegment === undefined ? undefined : decodeSessionKeySegment(keySegment);
    if (area !== 'mock') return false;
    const { method } = req;
    const fail = (error: unknown): void => {
      sendError(res, 500, 'internal_error', error instanceof Error ? error.message : 'failed');
    };
    if (resource === 'churn' && sessionKey === undefined) {
      if (method !== 'POST') {
        sendError(res, 405, 'method_not_allowed', 'use POST', { Allow: 'POST' });
      } else {
        churn(req, res).catch(fail);
      }
    } else if (resource === 'clock' && clock !== undefined && sessionKey === undefined) {
      if (method !== 'POST') {
        sendError(res, 405, 'method_not_allowed', 'use POST', { Allow: 'POST' });
      } else {
        moveClock(req, res, clock).catch(fail);
      }
    } else if (resource !== 'sessions' || rest.length > 0) {
      sendError(res, 404, 'not_found', 'no such control route');
    } else if (sessionKey === undefined) {
      if (method !== 'POST')
        sendError(res, 405, 'method_not_allowed', 'use POST', { Allow: 'POST' });
      else create(req, res).catch(fail);
    } else if (action === undefined) {
      if (method !== 'DELETE') {
        sendError(res, 405, 'method_not_allowed', 'use DELETE', { Allow: 'DELETE' });
      } else {
        const session = existing(res, sessionKey);
        if (session) {
          session.remove();
          sendJson(res, 200, { serverTime: emitter.now() });
        }
      }
    } else if (!CONTROL_ACTIONS.includes(action)) {
      sendError(res, 404, 'not_found', `no control action ${JSON.stringify(action)}`);
    } else if (method !== 'POST') {
      sendError(res, 405, 'method_not_allowed', 'use POST', { Allow: 'POST' });
    } else {
      act(req, res, sessionKey, action).catch(fail);
    }
    return true;
  };
}
