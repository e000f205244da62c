import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncementThrottle, describeAlerts } from './create-announcement-throttle';

describe('describeAlerts', () => {
  it('summarizes, unresponsive first, listing at most three keys', () => {
    expect(describeAlerts({ stalled: ['a', 'b'], unresponsive: [] })).toBe(
      '2 sessions stalled: a, b.',
    );
    expect(describeAlerts({ stalled: ['a'], unresponsive: ['x', 'y', 'z', 'w'] })).toBe(
      '4 sessions unresponsive: x, y, z and 1 more. 1 session stalled: a.',
    );
  });

  it('says an unreachable source once, with its sessions, before any session', () => {
    expect(
      describeAlerts({
        stalled: ['a'],
        unresponsive: [],
        sources: [{ id: 'gw-2', sessions: 1000 }],
      }),
    ).toBe('1 source unreachable (1,000 sessions): gw-2. 1 session stalled: a.');
    expect(
      describeAlerts({
        stalled: [],
        unresponsive: [],
        sources: [
          { id: 'gw-1', sessions: 1 },
          { id: 'gw-2', sessions: 2 },
        ],
      }),
    ).toBe('2 sources unreachable (3 sessions): gw-1, gw-2.');
  });
});

describe('createAnnouncementThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('announces a burst as one sentence, then at most once per gap', () => {
    const announce = vi.fn<(message: string) => void>();
    const throttle = createAnnouncementThrottle({ announce, minGapMs: 5000 });
    throttle.add('a', 'stalled');
    throttle.add('b', 'stalled');
    vi.advanceTimersByTime(0);
    expect(announce).toHaveBeenCalledTimes(1);
    expect(announce).toHaveBeenLastCalledWith('2 sessions stalled: a, b.');

    throttle.add('c', 'unresponsive');
    vi.advanceTimersByTime(4999);
    expect(announce).toHaveBeenCalledTimes(1);
    throttle.add('a', 'stalled');
    vi.advanceTimersByTime(1);
    expect(announce).toHaveBeenCalledTimes(2);
    expect(announce).toHaveBeenLastCalledWith('1 session unresponsive: c. 1 session stalled: a.');
    throttle.dispose();
  });

  it('joins a source that became unreachable into the same sentence as sessions', () => {
    const announce = vi.fn<(message: string) => void>();
    const throttle = createAnnouncementThrottle({ announce, minGapMs: 5000 });
    throttle.addSource('gw-2', 1000);
    throttle.add('a', 'unresponsive');
    vi.advanceTimersByTime(0);
    expect(announce).toHaveBeenCalledTimes(1);
    expect(announce).toHaveBeenLastCalledWith(
      '1 source unreachable (1,000 sessions): gw-2. 1 session unresponsive: a.',
    );
    throttle.dispose();
  });

  it('says nothing after dispose', () => {
    const announce = vi.fn<(message: string) => void>();
    const throttle = createAnnouncementThrottle({ announce });
    throttle.add('a', 'stalled');
    throttle.dispose();
    vi.advanceTimersByTime(10_000);
    expect(announce).not.toHaveBeenCalled();
  });
});
