import type { ServerFrame } from '@session-heartbeat/core';
import type { ConnectionStatus, HeartbeatSource, SourceProblem } from '@session-heartbeat/client';
import { createTestEnvironment } from '@session-heartbeat/client/test-utils';

/**
 * Connects a source to a sink that records every status, frame and problem;
 * `until` resolves once what was recorded satisfies a check.
 */
export function listenToSource(source: HeartbeatSource) {
  const statuses: ConnectionStatus[] = [];
  const frames: ServerFrame[] = [];
  const problems: SourceProblem[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((check) => check());
  const disconnect = source.connect(
    {
      frame: (frame) => {
        frames.push(frame);
        notify();
      },
      status: (status) => {
        statuses.push(status);
        notify();
      },
      problem: (problem) => {
        problems.push(problem);
        notify();
      },
    },
    {
      environment: createTestEnvironment({ animationFrames: false }),
      serverNow: () => Date.now(),
    },
  );
  return {
    statuses,
    frames,
    problems,
    disconnect,
    kinds: () => statuses.map((status) => status.kind),
    /**
     * Resolves once `check` holds. With `safetyNetMs` (real timers), rejects
     * naming `what` if it has not by then: a net for a broken test, not a wait
     * for a threshold.
     */
    until(check: () => boolean, what = 'a check', safetyNetMs?: number): Promise<void> {
      return new Promise((resolve, reject) => {
        const waiter = (): void => {
          if (!check()) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve();
        };
        const timer =
          safetyNetMs === undefined
            ? undefined
            : setTimeout(() => {
                waiters.delete(waiter);
                reject(new Error(`timed out waiting for ${what}`));
              }, safetyNetMs);
        waiters.add(waiter);
        waiter();
      });
    },
  };
}
