import { describe, expect, it } from 'vitest';
import { makeHeartbeat, T0 } from '../test-utils';
import {
  parseActionAcceptedBody,
  parseActionsBody,
  parseErrorBody,
  parseHistoryBody,
  parseSessionHeartbeatBody,
} from './parse-http-body';

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

  it('reads an action answer (restart included)', () => {
    expect(parseActionAcceptedBody({ serverTime: T0 })).toEqual({
      ok: true,
      value: { serverTime: T0 },
      problems: [],
    });
    expect(parseActionAcceptedBody({})).toEqual({
      ok: false,
      error: 'action body: serverTime must be a number, got nothing',
    });
  });

  it('reads an error answer, and nothing else as one', () => {
    expect(parseErrorBody({ error: { code: 'not_found', message: 'no session "x"' } })).toEqual({
      error: { code: 'not_found', message: 'no session "x"' },
    });
    expect(parseErrorBody({ error: 'nope' })).toBeUndefined();
    expect(parseErrorBody('nope')).toBeUndefined();
  });
});

describe('the history body (v1.1)', () => {
  const body = (changes: unknown[]): unknown => ({ serverTime: T0, epoch: 'e1', changes });

  it('reads the changes oldest first, with the details each one has', () => {
    const read = parseHistoryBody(
      body([
        { state: 'awaiting_model', at: T0 - 9000, turnId: 'run-1', model: 'openai/gpt-5' },
        { state: 'tool_exec', at: T0 - 5000, toolName: 'exec', activity: 'tests 42/120' },
      ]),
    );
    expect(read).toEqual({
      ok: true,
      value: {
        serverTime: T0,
        epoch: 'e1',
        changes: [
          { state: 'awaiting_model', at: T0 - 9000, turnId: 'run-1', model: 'openai/gpt-5' },
          { state: 'tool_exec', at: T0 - 5000, toolName: 'exec', activity: 'tests 42/120' },
        ],
      },
      problems: [],
    });
  });

  it('keeps a change of a state it does not know, drops a malformed one alone, and names it', () => {
    const read = parseHistoryBody(
      body([
        { state: 'thinking_hard', at: T0 - 3000 },
        { state: 'idle' },
        { state: 'streaming', at: T0 - 1000, model: 42 },
        { state: 'complete', at: T0 - 500, model: null },
      ]),
    );
    expect(read.ok && read.value.changes).toEqual([
      { state: 'unknown', unknownState: 'thinking_hard', at: T0 - 3000 },
      { state: 'complete', at: T0 - 500 },
    ]);
    expect(read.ok && read.problems).toEqual([
      'changes[1] dropped: change: at must be a number, got nothing',
      `changes[2] dropped: change at ${T0 - 1000}: model must be a string, got 42`,
    ]);
  });

  it('puts changes sent out of order back in order, and cuts an activity at 200 characters', () => {
    const read = parseHistoryBody(
      body([
        { state: 'complete', at: T0 - 100 },
        { state: 'tool_exec', at: T0 - 900, toolName: 'exec', activity: 'x'.repeat(250) },
      ]),
    );
    expect(read.ok && read.value.changes.map((change) => change.state)).toEqual([
      'tool_exec',
      'complete',
    ]);
    expect(read.ok && read.value.changes[0]?.activity).toHaveLength(200);
  });

  it('refuses a body without its serverTime, epoch or list, saying which', () => {
    expect(parseHistoryBody({ epoch: 'e1', changes: [] })).toMatchObject({
      error: 'history body: serverTime must be a number, got nothing',
    });
    expect(parseHistoryBody({ serverTime: T0, epoch: '', changes: [] })).toMatchObject({
      error: 'history body: epoch must be a non-empty string, got ""',
    });
    expect(parseHistoryBody({ serverTime: T0, epoch: 'e1', changes: {} })).toMatchObject({
      error: 'history body: changes must be an array, got an object',
    });
  });
});

describe('the actions body (v1.1)', () => {
  it('reads the actions the server supports', () => {
    expect(parseActionsBody({ actions: ['nudge', 'abort', 'restart'] })).toEqual({
      ok: true,
      value: { actions: ['nudge', 'abort', 'restart'] },
      problems: [],
    });
    expect(parseActionsBody({ actions: [] })).toMatchObject({ ok: true, value: { actions: [] } });
  });

  it('leaves out an action it does not know, and a repeated one, so a UI offers only what works', () => {
    expect(parseActionsBody({ actions: ['steer', 'abort', 'abort', 7] })).toEqual({
      ok: true,
      value: { actions: ['abort'] },
      problems: ['unknown action "steer" left out', 'unknown action 7 left out'],
    });
  });

  it('refuses a body without a list', () => {
    expect(parseActionsBody({ actions: 'restart' })).toEqual({
      ok: false,
      error: 'actions body: actions must be an array, got "restart"',
    });
    expect(parseActionsBody(null).ok).toBe(false);
  });
});
