import { describe, expect, it } from 'vitest';
import { alertCount, pageTitle } from './page-title';

describe('pageTitle', () => {
  it('counts the sessions that need a look, and says nothing at zero', () => {
    expect(pageTitle(2)).toBe('(2) Sessions — Heartbeat');
    expect(pageTitle(0)).toBe('Sessions — Heartbeat');
  });
});

describe('alertCount', () => {
  it('counts an unreachable gateway once, not its thousand unknown sessions', () => {
    const sources = [
      { id: 'gw-1', status: 'live' as const, lastSeenAt: 0, sessions: 1000 },
      {
        id: 'gw-2',
        status: 'unreachable' as const,
        lastSeenAt: 0,
        sessions: 1000,
        reason: 'silent' as const,
      },
    ];
    expect(alertCount({ stalled: 1, unresponsive: 1 }, sources)).toBe(3);
    expect(alertCount({ stalled: 0, unresponsive: 0 }, [])).toBe(0);
  });
});
