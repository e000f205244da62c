import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestEnvironment, T0 } from './test-utils';
import { createServerTicker } from './create-server-ticker';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 + 250 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createServerTicker', () => {
  it('wakes once per boundary for every subscriber, with one timer', () => {
    const ticker = createServerTicker(() => Date.now(), createTestEnvironment());
    const seconds = [vi.fn(), vi.fn(), vi.fn()];
    const unsubscribes = seconds.map((listener) => ticker.subscribe(1000, listener));
    const minutes = vi.fn();
    ticker.subscribe(60_000, minutes);
    expect(vi.getTimerCount()).toBe(1);
    expect(ticker.read(1000)).toBe(T0);
    vi.advanceTimersByTime(749);
    expect(seconds[0]).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    for (const listener of seconds) expect(listener).toHaveBeenCalledTimes(1);
    expect(ticker.read(1000)).toBe(T0 + 1000);
    vi.advanceTimersByTime(59_000);
    expect(seconds[0]).toHaveBeenCalledTimes(60);
    expect(minutes).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(1);
    for (const unsubscribe of unsubscribes) unsubscribe();
    vi.advanceTimersByTime(60_000);
    expect(seconds[0]).toHaveBeenCalledTimes(60);
    expect(minutes).toHaveBeenCalledTimes(2);
  });

  it('pauses when nothing subscribes', () => {
    const ticker = createServerTicker(() => Date.now(), createTestEnvironment());
    const unsubscribe = ticker.subscribe(1000, () => undefined);
    expect(vi.getTimerCount()).toBe(1);
    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops in a hidden page and catches up at once when shown', () => {
    const environment = createTestEnvironment();
    const ticker = createServerTicker(() => Date.now(), environment);
    const seconds = vi.fn();
    ticker.subscribe(1000, seconds);
    environment.setHidden(true);
    ticker.visibilityChanged();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(seconds).not.toHaveBeenCalled();
    // Shown again: the text moves on before the next paint, without waiting for a boundary.
    environment.setHidden(false);
    ticker.visibilityChanged();
    expect(seconds).toHaveBeenCalledTimes(1);
    expect(ticker.read(1000)).toBe(T0 + 10_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(750);
    expect(seconds).toHaveBeenCalledTimes(2);
  });
});
