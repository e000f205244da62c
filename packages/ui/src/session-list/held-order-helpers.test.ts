import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionHealth } from '@session-heartbeat/core';
import { countNewProblems, describeNewProblems } from './count-new-problems';
import { createIdleRelease } from './create-idle-release';

describe('countNewProblems', () => {
  const healths = new Map<string, SessionHealth>([
    ['a', 'stalled'],
    ['b', 'active'],
    ['c', 'stalled'],
    ['d', 'unresponsive'],
    ['e', 'idle'],
  ]);
  const healthOf = (key: string) => healths.get(key);

  it('counts only sessions that became worse, not those already bad or reshuffled', () => {
    const problems = countNewProblems(new Set(['a']), ['e', 'b', 'c', 'a', 'd'], healthOf);
    expect(problems).toEqual({ stalled: 1, unresponsive: 1, first: 'c' });
    expect(describeNewProblems(problems)).toBe('↑ 2 new problems — show');
  });

  it('is nothing when nobody got worse, whatever moved', () => {
    expect(countNewProblems(new Set(['a', 'c', 'd']), ['d', 'c', 'b', 'a', 'e'], healthOf)).toEqual(
      {
        stalled: 0,
        unresponsive: 0,
        first: undefined,
      },
    );
  });

  it('says stalled or unresponsive when all are of one kind', () => {
    expect(describeNewProblems({ stalled: 2, unresponsive: 0, first: 'a' })).toBe(
      '↑ 2 newly stalled — show',
    );
    expect(describeNewProblems({ stalled: 0, unresponsive: 1, first: 'a' })).toBe(
      '↑ 1 newly unresponsive — show',
    );
  });
});

describe('createIdleRelease', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets go after the idle time, and each poke starts the wait over', () => {
    const onIdle = vi.fn();
    const release = createIdleRelease(3000, onIdle);
    release.poke();
    vi.advanceTimersByTime(2999);
    release.poke();
    vi.advanceTimersByTime(2999);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    release.poke();
    release.stop();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
