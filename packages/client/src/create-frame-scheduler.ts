import type { HeartbeatEnvironment, TimerHandle } from './environment';

/** Coalescing delay without animation frames (Node, workers). */
const FRAME_MS = 16;
/** Coalescing delay in a hidden page, where animation frames do not run. */
const HIDDEN_FLUSH_MS = 100;

/**
 * Runs `flush` once before the next paint however many times it is asked
 * for: frames arriving between two paints are applied together. A hidden
 * page gets no animation frames, so there it falls back to a timer (and a
 * frame already requested is moved to one when the page hides).
 */
export interface FrameScheduler {
  request(): void;
  cancel(): void;
  /** Call on `visibilitychange`. */
  visibilityChanged(): void;
}

export function createFrameScheduler(
  environment: HeartbeatEnvironment,
  flush: () => void,
): FrameScheduler {
  let pending: { viaFrame: boolean; handle: TimerHandle } | undefined;

  const run = (): void => {
    pending = undefined;
    flush();
  };

  function request(): void {
    if (pending !== undefined) return;
    const hidden = environment.isHidden();
    pending =
      environment.requestAnimationFrame !== undefined && !hidden
        ? { viaFrame: true, handle: environment.requestAnimationFrame(run) }
        : {
            viaFrame: false,
            handle: environment.setTimeout(run, hidden ? HIDDEN_FLUSH_MS : FRAME_MS),
          };
  }

  function cancel(): void {
    if (pending === undefined) return;
    if (pending.viaFrame) environment.cancelAnimationFrame?.(pending.handle);
    else environment.clearTimeout(pending.handle);
    pending = undefined;
  }

  return {
    request,
    cancel,
    visibilityChanged() {
      if (pending?.viaFrame === true && environment.isHidden()) {
        cancel();
        request();
      }
    },
  };
}
