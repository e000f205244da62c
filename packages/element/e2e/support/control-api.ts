import type { SessionState } from '@session-heartbeat/core';

/** The mock server's control API (`control: true`), as these tests drive it. */
export interface ControlApi {
  createSession(
    sessionKey: string,
    init?: { state?: SessionState; model?: string; toolName?: string },
  ): Promise<void>;
  /** Moves the server's clock on; overdue live sessions beat at once. */
  advanceClock(advanceMs: number): Promise<void>;
  /** Removes every session: a clean slate between tests on one server. */
  reset(): Promise<void>;
}

export function controlApi(baseUrl: string): ControlApi {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return JSON.parse(text);
  }
  return {
    async createSession(sessionKey, init = {}) {
      await call('POST', '/api/mock/sessions', { sessionKey, ...init });
    },
    async advanceClock(advanceMs) {
      await call('POST', '/api/mock/clock', { advanceMs });
    },
    async reset() {
      const body = (await call('GET', '/api/sessions/heartbeat')) as {
        heartbeats: { sessionKey: string }[];
      };
      for (const { sessionKey } of body.heartbeats) {
        await call('DELETE', `/api/mock/sessions/${encodeURIComponent(sessionKey)}`);
      }
    },
  };
}
