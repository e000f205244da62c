import type { HeartbeatEnvironment, TimerHandle } from './environment';

/**
 * One timer for the soonest of many deadlines (TanStack's "one timer for the
 * next crossing"): `wakeAt` keeps the earlier of the pending wake-up and the
 * new one, and the woken owner asks again for the next. A wake-up that comes
 * late (a throttled or sleeping page) runs as soon as it can.
 */
export interface WakeTimer {
  /** Wakes at local time `at`, unless an earlier wake-up is pending. */
  wakeAt(at: number, localNow: number): void;
  cancel(): void;
}

export function createWakeTimer(
  environment: Pick<HeartbeatEnvironment, 'setTimeout' | 'clearTimeout'>,
  wake: () => void,
): WakeTimer {
  let pending: { at: number; handle: TimerHandle } | undefined;

  function cancel(): void {
    if (pending !== undefined) environment.clearTimeout(pending.handle);
    pending = undefined;
  }

  return {
    wakeAt(at, localNow) {
      if (!Number.isFinite(at) || (pending !== undefined && pending.at <= at)) return;
      cancel();
      const timer = {
        at,
        handle: environment.setTimeout(() => {
          if (pending === timer) pending = undefined;
          wake();
        }, at - localNow),
      };
      pending = timer;
    },
    cancel,
  };
}
