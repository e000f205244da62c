import {
  encodeSessionKeySegment,
  resolveRoute,
  Routes,
  type SessionAction,
  type SessionHeartbeat,
  type SessionState,
} from '@session-heartbeat/core';
import { MOCK_THRESHOLDS } from '../scenarios/scenario-types';

/** A client of the mock server's control API (`--control`), for tests and demos. */
export interface ControlApi {
  createSession(
    sessionKey: string,
    init?: {
      state?: SessionState;
      model?: string;
      toolName?: string;
      turnId?: string;
      /** The session's human name (v1.1 `label`). */
      label?: string;
    },
  ): Promise<SessionHeartbeat>;
  transition(
    sessionKey: string,
    to: { state: SessionState; toolName?: string; model?: string; turnId?: string },
  ): Promise<SessionHeartbeat>;
  /** Progress in the session's state (v1.1); it emits nothing until the next beat. */
  progress(sessionKey: string, report?: { activity?: string; at?: number }): Promise<void>;
  /** A tool call (v1.1): `tool_exec`, with repeats of the same fingerprint counted. */
  toolCall(
    sessionKey: string,
    call: { toolName: string; fingerprint: string; turnId?: string },
  ): Promise<SessionHeartbeat>;
  /** An action through the contract's route, as a dashboard asks it (202). */
  act(sessionKey: string, action: SessionAction): Promise<void>;
  crash(sessionKey: string): Promise<void>;
  remove(sessionKey: string): Promise<void>;
  /** Every session the server lists, crashed ones included. */
  list(): Promise<SessionHeartbeat[]>;
  /**
   * Moves the server's clock forward; overdue live sessions beat at once
   * (`beats`: their keys; `beatAt`: when, on the server's clock).
   */
  advanceClock(
    advanceMs: number,
  ): Promise<{ serverTime: number; skewMs: number; beats: string[]; beatAt?: number }>;
  /** Steps the server's clock either way (an NTP correction): nothing is flushed. */
  stepClock(stepMs: number): Promise<{ serverTime: number; skewMs: number }>;
  /** Creates and removes `count` sessions under fresh keys, `batchSize` at a time. */
  churn(count: number, batchSize?: number): Promise<{ created: number; removed: number }>;
  /** Removes every session and restores the thresholds (a clean slate between tests on one server). */
  reset(): Promise<void>;
}

export function controlApi(baseUrl: string, token?: string): ControlApi {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(resolveRoute(baseUrl, path), {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }
  const sessionPath = (key: string, action = '') =>
    `/api/mock/sessions/${encodeSessionKeySegment(key)}${action === '' ? '' : `/${action}`}`;
  const api: ControlApi = {
    async createSession(sessionKey, init = {}) {
      const body = await call<{ heartbeat: SessionHeartbeat }>('POST', '/api/mock/sessions', {
        sessionKey,
        ...init,
      });
      return body.heartbeat;
    },
    async transition(sessionKey, to) {
      const body = await call<{ heartbeat: SessionHeartbeat }>(
        'POST',
        sessionPath(sessionKey, 'transition'),
        to,
      );
      return body.heartbeat;
    },
    async progress(sessionKey, report = {}) {
      await call('POST', sessionPath(sessionKey, 'progress'), report);
    },
    async toolCall(sessionKey, toolCall) {
      const body = await call<{ heartbeat: SessionHeartbeat }>(
        'POST',
        sessionPath(sessionKey, 'tool'),
        toolCall,
      );
      return body.heartbeat;
    },
    async act(sessionKey, action) {
      await call('POST', Routes.action(sessionKey, action));
    },
    async crash(sessionKey) {
      await call('POST', sessionPath(sessionKey, 'crash'));
    },
    async remove(sessionKey) {
      await call('DELETE', sessionPath(sessionKey));
    },
    async list() {
      const body = await call<{ heartbeats: SessionHeartbeat[] }>('GET', Routes.batch);
      return body.heartbeats;
    },
    advanceClock(advanceMs) {
      return call('POST', '/api/mock/clock', { advanceMs });
    },
    stepClock(stepMs) {
      return call('POST', '/api/mock/clock', { stepMs });
    },
    churn(count, batchSize) {
      return call('POST', '/api/mock/churn', {
        count,
        ...(batchSize === undefined ? {} : { batchSize }),
      });
    },
    async reset() {
      for (const heartbeat of await api.list()) await api.remove(heartbeat.sessionKey);
      await call('PUT', Routes.thresholds, MOCK_THRESHOLDS);
    },
  };
  return api;
}
