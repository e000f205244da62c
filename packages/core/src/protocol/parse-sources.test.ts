import { describe, expect, it } from 'vitest';
import { makeHeartbeat, T0 } from '../test-utils';
import { parseHeartbeat } from './parse-heartbeat';
import { parseServerFrame } from './parse-server-frame';
import { parseSourcesBody } from './parse-sources';

const live = { id: 'gw-1', status: 'live', lastSeenAt: T0, sessions: 3 };
const gone = {
  id: 'gw-2',
  status: 'unreachable',
  lastSeenAt: T0 - 20_000,
  sessions: 1000,
  reason: 'silent',
};

describe('fleet: sources on the wire', () => {
  it('reads a sources frame and a snapshot that carries sources', () => {
    const frame = { type: 'sources', serverTime: T0, sources: [live, gone] };
    expect(parseServerFrame(frame)).toEqual({ ok: true, value: frame, problems: [] });
    const snapshot = {
      type: 'snapshot',
      serverTime: T0,
      epoch: 'e1',
      interval: 5000,
      heartbeats: [makeHeartbeat({ sessionKey: 'gw-1/agent:main:main', source: 'gw-1' })],
      sources: [live],
    };
    expect(parseServerFrame(snapshot)).toEqual({ ok: true, value: snapshot, problems: [] });
  });

  it('keeps a heartbeat’s source and refuses one that is not a string', () => {
    const read = parseHeartbeat(makeHeartbeat({ sessionKey: 'gw-1/a', source: 'gw-1' }));
    expect(read.ok && read.value.source).toBe('gw-1');
    expect(parseHeartbeat({ ...makeHeartbeat({ sessionKey: 'a' }), source: 7 })).toEqual({
      ok: false,
      error: 'heartbeat "a": source must be a string, got 7',
    });
  });

  it('drops a bad source alone, naming it, and a reason it does not know', () => {
    const read = parseSourcesBody({
      serverTime: T0,
      sources: [live, { ...live, id: '' }, { ...gone, status: 'gone' }, { ...gone, reason: 'x' }],
    });
    expect(read).toEqual({
      ok: true,
      value: { serverTime: T0, sources: [live, { ...gone, reason: undefined }].map(clean) },
      problems: [
        'sources[1] dropped: source id must be a string of 1–128 chars, got ""',
        'sources[2] dropped: source "gw-2": status must be "live" or "unreachable", got "gone"',
      ],
    });
  });

  it('refuses a body or frame whose sources are not a list', () => {
    expect(parseSourcesBody({ serverTime: T0, sources: {} })).toEqual({
      ok: false,
      error: 'sources body: sources must be an array, got an object',
    });
    expect(parseServerFrame({ type: 'sources', serverTime: T0 })).toEqual({
      ok: false,
      error: 'sources frame: sources must be an array, got nothing',
    });
  });
});

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
