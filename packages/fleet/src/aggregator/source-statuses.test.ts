import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourceStatus } from '@session-heartbeat/core';
import { SourceStatuses } from './source-statuses';

const LIMIT = 15_000;
const T0 = 1_800_000_000_000;

function statuses() {
  const changes: SourceStatus[][] = [];
  const tracked = new SourceStatuses({
    unreachableAfterMs: LIMIT,
    now: () => Date.now(),
    sessionsOf: (id) => (id === 'gw-2' ? 1000 : 3),
    onChange: (list) => changes.push(list),
  });
  return { tracked, changes };
}

const summary = (list: SourceStatus[] | undefined) =>
  list?.map(({ id, status, reason }) => `${id}:${status}${reason ? `:${reason}` : ''}`).join(' ');

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SourceStatuses', () => {
  it('turns a source unreachable just after unreachableAfterMs unheard, and live when heard again', () => {
    const { tracked, changes } = statuses();
    tracked.add('gw-1', true, 0);
    tracked.add('gw-2', true, 0);
    vi.advanceTimersByTime(LIMIT - 1000);
    tracked.heard('gw-1');
    vi.advanceTimersByTime(1000);
    expect(summary(tracked.list())).toBe('gw-1:live gw-2:live');
    vi.advanceTimersByTime(1);
    expect(summary(changes.at(-1))).toBe('gw-1:live gw-2:unreachable:silent');
    expect(tracked.list()[1]).toEqual({
      id: 'gw-2',
      status: 'unreachable',
      lastSeenAt: T0,
      sessions: 1000,
      reason: 'silent',
    });
    tracked.heard('gw-2');
    expect(summary(changes.at(-1))).toBe('gw-1:live gw-2:live');
    vi.advanceTimersByTime(LIMIT - 1000 + 1);
    expect(summary(changes.at(-1))).toBe('gw-1:unreachable:silent gw-2:live');
  });

  it('calls every source unreachable at once when Redis is lost, and waits to hear each again', () => {
    const { tracked, changes } = statuses();
    tracked.add('gw-1', true, 0);
    tracked.add('gw-2', true, 0);
    tracked.brokerDown();
    expect(summary(changes.at(-1))).toBe(
      'gw-1:unreachable:broker_unreachable gw-2:unreachable:broker_unreachable',
    );
    tracked.heard('gw-1'); // nothing can be heard without Redis
    expect(summary(tracked.list())).toBe(
      'gw-1:unreachable:broker_unreachable gw-2:unreachable:broker_unreachable',
    );
    tracked.brokerUp();
    tracked.heard('gw-1');
    expect(summary(changes.at(-1))).toBe('gw-1:live gw-2:unreachable:silent');
  });

  it('lists a new source that does not beat as unreachable since its last beat', () => {
    const { tracked } = statuses();
    tracked.add('gw-9', false, T0 - 60_000);
    expect(tracked.list()).toEqual([
      { id: 'gw-9', status: 'unreachable', lastSeenAt: T0 - 60_000, sessions: 3, reason: 'silent' },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
