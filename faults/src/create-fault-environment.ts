import type { Socket } from 'node:net';
import type { HeartbeatEnvironment, TimerHandle } from '@session-heartbeat/client';

/**
 * The page a Node client runs in, with the faults a browser tab meets: its
 * clock can be stepped, it can be hidden, and it can be frozen (no timer
 * runs, no byte is read) and woken after time passed on its clock.
 */
export interface FaultEnvironment extends HeartbeatEnvironment {
  /** Steps the local clock by `ms` (a wrong clock, an NTP correction). */
  stepClock(ms: number): void;
  setHidden(hidden: boolean): void;
  /** Freezes the page: timers wait, and these sockets are not read. */
  freeze(sockets: readonly Socket[]): void;
  /**
   * Wakes it after `sleptMs` on its clock (on top of the real time that
   * passed): the timers that fell due run late, all at once, the sockets
   * deliver what piled up, and the page hears `resume`.
   */
  thaw(sleptMs: number): void;
}

interface FaultTimer {
  real: NodeJS.Timeout | undefined;
  cancelled: boolean;
}

export function createFaultEnvironment(): FaultEnvironment {
  let skewMs = 0;
  let hidden = false;
  let frozen = false;
  let frozenSockets: readonly Socket[] = [];
  const late: (() => void)[] = [];
  const visibilityListeners = new Set<() => void>();
  const resumeListeners = new Set<() => void>();

  return {
    now: () => Date.now() + skewMs,
    setTimeout(callback, delayMs): TimerHandle {
      const timer: FaultTimer = { real: undefined, cancelled: false };
      const run = (): void => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        callback();
      };
      timer.real = setTimeout(() => (frozen ? late.push(run) : run()), delayMs);
      return timer;
    },
    clearTimeout(handle) {
      const timer = handle as FaultTimer | undefined;
      if (timer === undefined) return;
      timer.cancelled = true;
      clearTimeout(timer.real);
    },
    isHidden: () => hidden,
    onVisibilityChange(listener) {
      visibilityListeners.add(listener);
      return () => visibilityListeners.delete(listener);
    },
    isOnline: () => true,
    onOnlineChange: () => () => undefined,
    onResume(listener) {
      resumeListeners.add(listener);
      return () => resumeListeners.delete(listener);
    },
    random: () => Math.random(),
    stepClock(ms) {
      skewMs += ms;
    },
    setHidden(next) {
      if (next === hidden) return;
      hidden = next;
      for (const listener of visibilityListeners) listener();
    },
    freeze(sockets) {
      frozen = true;
      frozenSockets = sockets;
      for (const socket of sockets) socket.pause();
    },
    thaw(sleptMs) {
      skewMs += sleptMs;
      frozen = false;
      for (const socket of frozenSockets) socket.resume();
      frozenSockets = [];
      for (const run of late.splice(0)) run();
      for (const listener of resumeListeners) listener();
    },
  };
}
