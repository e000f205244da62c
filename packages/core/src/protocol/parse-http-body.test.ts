import { describe, expect, it } from 'vitest';
import { makeHeartbeat, T0 } from '../test-utils';
import { parseErrorBody, parseRestartBody, parseSessionHeartbeatBody } from './parse-http-body';

describe('HTTP bodies', () => {
  it('reads a single-session answer', () => {
    const body = { serverTime: T0, heartbeat: makeHeartbeat() };
    expect(parseSessionHeartbeatBody(body)).toEqual({ ok: true, value: body, problems: [] });
  });

  it('refuses a single-session answer without a valid heartbeat', () => {
    expect(parseSessionHeartbeatBody({ serverTime: T0, heartbeat: { state: 'idle' } })).toEqual({
      ok: false,
      error: 'session body: sessionKey must be a string of 1–512 chars, got nothing',
    });
  });

  it('reads a restart answer', () => {
    expect(parseRestartBody({ serverTime: T0 })).toEqual({
      ok: true,
      value: { serverTime: T0 },
      problems: [],
    });
    expect(parseRestartBody({}).ok).toBe(false);
  });

  it('reads an error answer, and nothing else as one', () => {
    expect(parseErrorBody({ error: { code: 'not_found', message: 'no session "x"' } })).toEqual({
      error: { code: 'not_found', message: 'no session "x"' },
    });
    expect(parseErrorBody({ error: 'nope' })).toBeUndefined();
    expect(parseErrorBody('nope')).toBeUndefined();
  });
});
