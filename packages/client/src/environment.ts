/* eslint-disable no-restricted-globals, no-restricted-properties --
   The default environment: the one place in packages/client that reads the real
   clock and the page. Everything else takes them from here, as a parameter. */
import { focusManager, onlineManager } from '@tanstack/query-core';

/** An opaque timer handle: whatever the environment's `setTimeout` returns. */
export type TimerHandle = unknown;

/**
 * Everything the client reads from the page: the clock, timers, animation
 * frames, visibility, network state and page-lifecycle events. The client
 * never touches a global; tests pass a fake (see `createTestEnvironment` in
 * `@session-heartbeat/core/test-utils`).
 */
export interface HeartbeatEnvironment {
  /** Local wall-clock time in ms since the Unix epoch. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /**
   * Runs `callback` before the next paint: the client applies a snapshot
   * in one (a big one slice by slice, one a frame). Absent (Node, workers):
   * a short timer.
   */
  requestAnimationFrame?(callback: () => void): TimerHandle;
  cancelAnimationFrame?(handle: TimerHandle): void;
  /**
   * Runs `callback` in a task of its own after `delayMs`, on the page's own
   * timers: when the client applies what it hears. A test or story that
   * fakes `setTimeout` to move the clock by hand can keep these real.
   * Absent: `setTimeout`.
   */
  requestTask?(callback: () => void, delayMs: number): TimerHandle;
  cancelTask?(handle: TimerHandle): void;
  /** Whether the page is hidden (no animation frames, throttled timers). */
  isHidden(): boolean;
  /** Calls `listener` when the page is shown or hidden; returns an unsubscribe. */
  onVisibilityChange(listener: () => void): () => void;
  /** Whether the browser believes it has a network. */
  isOnline(): boolean;
  onOnlineChange(listener: () => void): () => void;
  /**
   * Calls `listener` when a frozen page resumes (Page Lifecycle `resume`):
   * its timers did not run for a while.
   */
  onResume(listener: () => void): () => void;
  /** A number in [0, 1): the jitter of the reconnect backoff. */
  random(): number;
}

const noop = (): void => undefined;

/**
 * The page the client runs in. Visibility and network state come from
 * TanStack Query's `focusManager` and `onlineManager`, so the client and the
 * queries it runs agree (and `focusManager.setEventListener` customises both).
 * In Node or a worker there is no page: always visible, always online, no
 * animation frames.
 */
export function createBrowserEnvironment(): HeartbeatEnvironment {
  const page = typeof window === 'undefined' ? undefined : window;
  const doc = typeof document === 'undefined' ? undefined : document;
  return {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
    clearTimeout: (handle) => {
      globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
    },
    requestTask: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
    cancelTask: (handle) => {
      globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
    },
    ...(page?.requestAnimationFrame === undefined
      ? {}
      : {
          requestAnimationFrame: (callback: () => void) =>
            page.requestAnimationFrame(() => callback()),
          cancelAnimationFrame: (handle: TimerHandle) => {
            page.cancelAnimationFrame(handle as number);
          },
        }),
    isHidden: () => !focusManager.isFocused(),
    onVisibilityChange: (listener) => focusManager.subscribe(() => listener()),
    isOnline: () => onlineManager.isOnline(),
    onOnlineChange: (listener) => onlineManager.subscribe(() => listener()),
    onResume(listener) {
      if (doc === undefined) return noop;
      doc.addEventListener('resume', listener);
      return () => doc.removeEventListener('resume', listener);
    },
    random: () => Math.random(),
  };
}
