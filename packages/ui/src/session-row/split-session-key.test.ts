import { describe, expect, it } from 'vitest';
import { splitSessionKey } from './split-session-key';

describe('splitSessionKey', () => {
  it('keeps the end of the key whole, where sessions differ', () => {
    expect(splitSessionKey('agent:load:bench:direct:00042')).toEqual({
      head: 'agent:load:bench:',
      tail: 'direct:00042',
    });
    expect(splitSessionKey('agent:ops:telegram:direct:4711')).toEqual({
      head: 'agent:ops:telegram:',
      tail: 'direct:4711',
    });
  });

  it('keeps the part before a short last part, so `7` has context', () => {
    expect(splitSessionKey('agent:main:subagent:7')).toEqual({
      head: 'agent:main:',
      tail: 'subagent:7',
    });
    expect(splitSessionKey('agent:main:main')).toEqual({ head: 'agent:', tail: 'main:main' });
  });

  it('keeps the end of a long last part, and a fleet key’s part after its slash', () => {
    const uuid = 'agent:main:run:3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c';
    const { head, tail } = splitSessionKey(uuid);
    expect(tail).toBe('-a5c4-1d2e3f4a5b6c');
    expect(head + tail).toBe(uuid);
    expect(splitSessionKey('gw-2/job-1234567')).toEqual({ head: 'gw-2/', tail: 'job-1234567' });
  });

  it('leaves a short key whole, in the tail', () => {
    expect(splitSessionKey('main')).toEqual({ head: '', tail: 'main' });
    expect(splitSessionKey('')).toEqual({ head: '', tail: '' });
  });
});
