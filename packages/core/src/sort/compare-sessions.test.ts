import { describe, expect, it } from 'vitest';
import { T0 } from '../test-utils';
import {
  compareByKey,
  compareByLastActivity,
  compareBySeverity,
  lastActivityAt,
  type SortableSession,
} from './compare-sessions';

function session(
  sessionKey: string,
  health: SortableSession['health'],
  lastActivityAt = T0,
): SortableSession {
  return { sessionKey, health, lastActivityAt };
}

const keys = (sessions: SortableSession[]) => sessions.map((entry) => entry.sessionKey);

describe('compareBySeverity', () => {
  it('puts what needs a person first: unresponsive, stalled, waiting, active, idle, unknown', () => {
    const sessions = [
      session('f', 'unknown'),
      session('e', 'idle'),
      session('d', 'active'),
      session('c', 'waiting'),
      session('b', 'stalled'),
      session('a', 'unresponsive'),
    ];
    expect(keys([...sessions].sort(compareBySeverity))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('breaks ties by most recent activity, then by key', () => {
    const sessions = [
      session('old', 'stalled', T0),
      session('b-new', 'stalled', T0 + 10),
      session('a-new', 'stalled', T0 + 10),
    ];
    expect(keys([...sessions].sort(compareBySeverity))).toEqual(['a-new', 'b-new', 'old']);
  });

  it('gives the same order whatever the input order (total order)', () => {
    const sessions = [
      session('x', 'idle', T0 + 1),
      session('y', 'idle', T0 + 1),
      session('z', 'waiting', T0),
      session('w', 'idle', T0 + 2),
    ];
    const expected = keys([...sessions].sort(compareBySeverity));
    expect(keys([...sessions].reverse().sort(compareBySeverity))).toEqual(expected);
    expect(expected).toEqual(['z', 'w', 'x', 'y']);
  });
});

describe('compareByLastActivity and compareByKey', () => {
  it('orders by most recent activity regardless of health', () => {
    const sessions = [session('a', 'unresponsive', T0), session('b', 'idle', T0 + 5)];
    expect(keys([...sessions].sort(compareByLastActivity))).toEqual(['b', 'a']);
  });

  it('orders by key in code-unit order', () => {
    const sessions = [
      session('agent:b', 'idle'),
      session('Agent:c', 'idle'),
      session('agent:a', 'idle'),
    ];
    expect(keys([...sessions].sort(compareByKey))).toEqual(['Agent:c', 'agent:a', 'agent:b']);
  });
});

describe('lastActivityAt', () => {
  it('is the later of the last transition and the last token', () => {
    expect(lastActivityAt({ stateSince: T0, lastTokenAt: T0 + 9 })).toBe(T0 + 9);
    expect(lastActivityAt({ stateSince: T0 + 20, lastTokenAt: T0 + 9 })).toBe(T0 + 20);
    expect(lastActivityAt({ stateSince: T0 })).toBe(T0);
  });
});
