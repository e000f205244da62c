import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeHeartbeat, T0 } from '../test-utils';
import { parseHeartbeat } from './parse-heartbeat';
import { decodeServerFrame, parseBatchBody, parseServerFrame } from './parse-server-frame';

const heartbeat = makeHeartbeat({
  state: 'tool_exec',
  toolName: 'exec',
  model: 'openai/gpt-5',
  turnId: 'run-1',
});

describe('parseServerFrame: valid frames', () => {
  it('reads a snapshot', () => {
    const frame = {
      type: 'snapshot',
      serverTime: T0,
      epoch: 'e1',
      interval: 5000,
      heartbeats: [heartbeat],
    };
    expect(parseServerFrame(frame)).toEqual({ ok: true, value: frame, problems: [] });
  });

  it('reads heartbeats, removed and ping frames', () => {
    const heartbeats = { type: 'heartbeats', serverTime: T0, heartbeats: [heartbeat] };
    expect(parseServerFrame(heartbeats)).toEqual({ ok: true, value: heartbeats, problems: [] });
    const removed = { type: 'removed', serverTime: T0, sessionKey: 'agent:main:main' };
    expect(parseServerFrame(removed)).toEqual({ ok: true, value: removed, problems: [] });
    expect(parseServerFrame({ type: 'ping', serverTime: T0 })).toEqual({
      ok: true,
      value: { type: 'ping', serverTime: T0 },
      problems: [],
    });
  });

  it('ignores fields it does not know, at every level', () => {
    const read = parseServerFrame({
      type: 'heartbeats',
      serverTime: T0,
      region: 'eu',
      heartbeats: [{ ...heartbeat, tokensPerSecond: 42 }],
    });
    expect(read).toEqual({
      ok: true,
      value: { type: 'heartbeats', serverTime: T0, heartbeats: [heartbeat] },
      problems: [],
    });
  });

  it('keeps a session whose state it does not know, as unknown', () => {
    const read = parseServerFrame({
      type: 'heartbeats',
      serverTime: T0,
      heartbeats: [{ ...heartbeat, state: 'compacting' }],
    });
    expect(read.ok && read.value.type === 'heartbeats' && read.value.heartbeats[0]).toMatchObject({
      sessionKey: 'agent:main:main',
      state: 'unknown',
      unknownState: 'compacting',
    });
  });

  it('drops one bad heartbeat and keeps the others, naming the problem', () => {
    const other = makeHeartbeat({ sessionKey: 'agent:ops:main' });
    const read = parseServerFrame({
      type: 'snapshot',
      serverTime: T0,
      epoch: 'e1',
      interval: 5000,
      heartbeats: [heartbeat, { ...heartbeat, seq: 0 }, other],
    });
    expect(read.ok).toBe(true);
    if (!read.ok || read.value.type !== 'snapshot') return;
    expect(read.value.heartbeats.map((entry) => entry.sessionKey)).toEqual([
      'agent:main:main',
      'agent:ops:main',
    ]);
    expect(read.problems).toEqual([
      'heartbeats[1] dropped: heartbeat "agent:main:main": seq must be an integer ≥ 1, got 0',
    ]);
  });
});

describe('parseServerFrame: precise reasons', () => {
  it.each([
    [null, 'frame must be a JSON object, got null'],
    [[1, 2], 'frame must be a JSON object, got an array'],
    ['ping', 'frame must be a JSON object, got "ping"'],
    [{ type: 'hello' }, 'unknown frame type "hello"'],
    [{ serverTime: T0 }, 'unknown frame type nothing'],
    [{ type: 'ping' }, 'ping frame: serverTime must be a number, got nothing'],
    [{ type: 'ping', serverTime: '1' }, 'ping frame: serverTime must be a number, got "1"'],
    [
      { type: 'removed', serverTime: T0, sessionKey: '' },
      'removed frame: sessionKey must be a non-empty string, got ""',
    ],
    [
      { type: 'snapshot', serverTime: T0, epoch: '', interval: 5000, heartbeats: [] },
      'snapshot frame: epoch must be a non-empty string, got ""',
    ],
    [
      { type: 'snapshot', serverTime: T0, epoch: 'e', interval: 0, heartbeats: [] },
      'snapshot frame: interval must be a positive number, got 0',
    ],
    [
      { type: 'heartbeats', serverTime: T0, heartbeats: {} },
      'heartbeats frame: heartbeats must be an array, got an object',
    ],
  ])('%j → %s', (input, error) => {
    expect(parseServerFrame(input)).toEqual({ ok: false, error });
  });
});

describe('parseHeartbeat: every field', () => {
  it.each([
    [{ sessionKey: undefined }, 'sessionKey must be a string of 1–512 chars, got nothing'],
    [
      { sessionKey: 'x'.repeat(513) },
      'sessionKey must be a string of 1–512 chars, got a string of 513 chars',
    ],
    [{ state: 3 }, 'state must be a string, got 3'],
    [{ startedAt: null }, 'startedAt must be a number, got null'],
    [{ stateSince: Number.NaN }, 'stateSince must be a number, got NaN'],
    [{ seq: 1.5 }, 'seq must be an integer ≥ 1, got 1.5'],
    [{ emittedAt: '2026' }, 'emittedAt must be a number, got "2026"'],
    [{ reason: false }, 'reason must be a string, got a boolean'],
    [{ lastTokenAt: 'soon' }, 'lastTokenAt must be a number, got "soon"'],
    [{ model: 7 }, 'model must be a string, got 7'],
    [{ toolName: ['exec'] }, 'toolName must be a string, got an array'],
    [{ turnId: {} }, 'turnId must be a string, got an object'],
  ])('%j is refused: %s', (patch, error) => {
    const read = parseHeartbeat({ ...heartbeat, ...patch });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain(error);
  });

  it('reads null optional fields as absent', () => {
    const read = parseHeartbeat({
      ...makeHeartbeat(),
      model: null,
      toolName: null,
      turnId: null,
      lastTokenAt: null,
    });
    expect(read).toEqual({ ok: true, value: makeHeartbeat(), problems: [] });
  });

  it('accepts a 512-char key', () => {
    expect(parseHeartbeat(makeHeartbeat({ sessionKey: 'k'.repeat(512) })).ok).toBe(true);
  });

  it('keeps a reason it does not know', () => {
    const read = parseHeartbeat({ ...heartbeat, reason: 'resumed' });
    expect(read.ok && read.value.reason).toBe('resumed');
  });
});

describe('decodeServerFrame', () => {
  it('refuses text that is not JSON', () => {
    expect(decodeServerFrame('{"type":')).toEqual({
      ok: false,
      error: 'frame is not JSON (8 chars)',
    });
  });

  it('reads a JSON frame', () => {
    expect(decodeServerFrame(JSON.stringify({ type: 'ping', serverTime: T0 })).ok).toBe(true);
  });
});

describe('parseBatchBody', () => {
  it('reads the batch answer', () => {
    const body = { serverTime: T0, epoch: 'e1', interval: 5000, heartbeats: [heartbeat] };
    expect(parseBatchBody(body)).toEqual({ ok: true, value: body, problems: [] });
  });

  it('names what is missing', () => {
    expect(parseBatchBody({ serverTime: T0, interval: 5000, heartbeats: [] })).toEqual({
      ok: false,
      error: 'batch body: epoch must be a non-empty string, got nothing',
    });
  });
});

describe('hostile input', () => {
  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        expect(() => parseServerFrame(input)).not.toThrow();
        expect(() => parseBatchBody(input)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated valid frames, and keeps every valid heartbeat', () => {
    const field = fc.constantFrom(...Object.keys(heartbeat), '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.array(fc.tuple(field, fc.anything()), { maxLength: 4 }), (mutations) => {
        const bad: Record<string, unknown> = { ...heartbeat };
        for (const [key, value] of mutations) {
          Object.defineProperty(bad, key, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        const good = makeHeartbeat({ sessionKey: 'agent:good' });
        const read = parseServerFrame({
          type: 'heartbeats',
          serverTime: T0,
          heartbeats: [bad, good],
        });
        expect(read.ok).toBe(true);
        if (read.ok && read.value.type === 'heartbeats') {
          expect(read.value.heartbeats.at(-1)).toEqual(good);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
