import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from './create-frame-scheduler';
import { createTestEnvironment, T0 } from './test-utils';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

function setup(now?: () => number) {
  const environment = createTestEnvironment(now === undefined ? {} : { now });
  const flush = vi.fn();
  const scheduler = createFrameScheduler(environment, flush);
  return { environment, flush, scheduler };
}

describe('createFrameScheduler', () => {
  it('applies news in a task of its own at once, without asking for an animation frame', () => {
    const { environment, flush, scheduler } = setup();
    scheduler.request();
    scheduler.request();
    expect(flush).not.toHaveBeenCalled(); // not inside the caller's task
    vi.advanceTimersByTime(0);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(environment.framesRequested).toBe(0);
  });

  it('applies at most once per frame interval: news right after a flush waits for the rest of it', () => {
    const { flush, scheduler } = setup();
    scheduler.request();
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(5);
    scheduler.request();
    vi.advanceTimersByTime(10);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1); // 16 ms after the last flush
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('a local clock that steps back does not hold the news longer than a frame interval', () => {
    let offset = 0;
    const { flush, scheduler } = setup(() => Date.now() + offset);
    scheduler.request();
    vi.advanceTimersByTime(0);
    offset = -3_600_000;
    scheduler.request();
    vi.advanceTimersByTime(16);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("asks for an animation frame for a snapshot's next slice, and news heard meanwhile joins it", () => {
    const { environment, flush, scheduler } = setup();
    scheduler.requestFrame();
    scheduler.request();
    expect(environment.framesRequested).toBe(1);
    vi.advanceTimersByTime(15);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('in a hidden page, both wait for a slower timer; a frame asked for before hiding moves to it', () => {
    const { environment, flush, scheduler } = setup();
    environment.setHidden(true);
    scheduler.request();
    vi.advanceTimersByTime(99);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);

    environment.setHidden(false);
    scheduler.requestFrame();
    environment.setHidden(true); // the frame would never come
    scheduler.visibilityChanged();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("runs the news on the environment's own task timers when it has them (a story's clock moves by hand)", () => {
    const environment = createTestEnvironment();
    const tasks: (() => void)[] = [];
    const flush = vi.fn();
    const scheduler = createFrameScheduler(
      {
        ...environment,
        setTimeout: () => {
          throw new Error('the clock is moved by hand');
        },
        requestTask(callback) {
          tasks.push(callback);
          return tasks.length;
        },
        cancelTask: () => undefined,
      },
      flush,
    );
    scheduler.request();
    expect(tasks).toHaveLength(1);
    tasks[0]?.();
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
