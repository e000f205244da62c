import type { HeartbeatEnvironment, TimerHandle } from './environment';

/** At most one flush per this many ms: one per frame at 60 Hz. */
const FRAME_MS = 16;
/** Coalescing delay in a hidden page, where nothing is painted. */
const HIDDEN_FLUSH_MS = 100;

/**
 * Runs `flush` at most once per frame interval however many times it is
 * asked: frames arriving within one interval are applied together.
 *
 * - `request()` (news): in a task of its own, at once if the last flush was
 *   a frame interval ago. Not in an animation frame: asking for one makes
 *   the browser render a frame even when the news changes nothing on
 *   screen (most news is about sessions out of view), and every such frame
 *   also updates each running animation's style. News that changes the DOM
 *   is painted at the next frame anyway.
 * - `requestFrame()` (a snapshot, and each next slice of it): before the
 *   next paint, so that a slice is applied and painted in one frame, and
 *   painted before the next is applied.
 *
 * A hidden page gets no animation frames and paints nothing, so there both
 * fall back to a slower timer (and a frame already requested is moved to
 * one when the page hides).
 */
export interface FrameScheduler {
  request(): void;
  requestFrame(): void;
  cancel(): void;
  /** Call on `visibilitychange`. */
  visibilityChanged(): void;
}

export function createFrameScheduler(
  environment: HeartbeatEnvironment,
  flush: () => void,
): FrameScheduler {
  let pending: { viaFrame: boolean; handle: TimerHandle } | undefined;
  let lastRunAt = -Infinity;

  const run = (): void => {
    pending = undefined;
    lastRunAt = environment.now();
    flush();
  };

  const requestTask = environment.requestTask ?? environment.setTimeout;
  const cancelTask = environment.cancelTask ?? environment.clearTimeout;

  function viaTask(): { viaFrame: false; handle: TimerHandle } {
    const delay = environment.isHidden()
      ? HIDDEN_FLUSH_MS
      : // Clamped: a wall clock that steps back must not hold the news.
        Math.min(FRAME_MS, Math.max(0, lastRunAt + FRAME_MS - environment.now()));
    return { viaFrame: false, handle: requestTask(run, delay) };
  }

  function cancel(): void {
    if (pending === undefined) return;
    if (pending.viaFrame) environment.cancelAnimationFrame?.(pending.handle);
    else cancelTask(pending.handle);
    pending = undefined;
  }

  return {
    request() {
      if (pending === undefined) pending = viaTask();
    },
    requestFrame() {
      if (pending?.viaFrame === true) return;
      cancel();
      pending =
        environment.requestAnimationFrame !== undefined && !environment.isHidden()
          ? { viaFrame: true, handle: environment.requestAnimationFrame(run) }
          : viaTask();
    },
    cancel,
    visibilityChanged() {
      if (pending?.viaFrame === true && environment.isHidden()) {
        cancel();
        pending = viaTask();
      }
    },
  };
}
