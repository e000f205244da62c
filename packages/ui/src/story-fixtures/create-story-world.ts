import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  createBrowserEnvironment,
  createEmitterSource,
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatSource,
} from '@session-heartbeat/react';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock, type ManualClock } from '@session-heartbeat/emitter/test-utils';
import { NOW } from './fixtures';

/** A restart the story decides the outcome of: pending until resolved or rejected. */
export interface PendingRestart {
  sessionKey: string;
  /** Accepts it; with `recover` (default) the emitter also brings the session back idle. */
  resolve(recover?: boolean): void;
  reject(message: string): void;
}

export interface StoryWorld {
  clock: ManualClock;
  emitter: HeartbeatEmitter;
  client: HeartbeatClient;
  /** Restarts asked for and not yet settled, oldest first (with `controlRestarts`). */
  pendingRestarts: PendingRestart[];
}

export interface StoryWorldOptions {
  /** Where the clock starts; the script moves it on. @default NOW − 15 min */
  start?: number;
  /** Creates and drives sessions; the clock ends at `NOW` whatever it did. */
  script?: (emitter: HeartbeatEmitter, clock: ManualClock) => void;
  thresholds?: ThresholdConfig;
  /** Restarts wait for the story to settle them (`pendingRestarts`). @default false */
  controlRestarts?: boolean;
}

/**
 * The same isomorphic emitter the mock server runs, on a manual clock, feeding
 * a real client in the page through `createEmitterSource`: deterministic data
 * that still flows through every layer. The client's clock and timers are the
 * same manual ones, so the server's time is exactly `clock.now()` and health
 * changes only when the story advances the clock.
 */
export function createStoryWorld({
  start = NOW - 15 * 60_000,
  script,
  thresholds,
  controlRestarts = false,
}: StoryWorldOptions = {}): StoryWorld {
  const clock = createManualClock(start);
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock, epoch: 'story' });
  script?.(emitter, clock);
  clock.advanceTo(NOW);
  const pendingRestarts: PendingRestart[] = [];
  const emitterSource = createEmitterSource(emitter);
  const source: HeartbeatSource = controlRestarts
    ? {
        ...emitterSource,
        restart: (sessionKey) =>
          new Promise<void>((resolve, reject) => {
            pendingRestarts.push({
              sessionKey,
              resolve(recover = true) {
                if (recover) emitter.act(sessionKey, 'restart');
                resolve();
              },
              reject: (message) => reject(new Error(message)),
            });
          }),
      }
    : emitterSource;
  const client = createHeartbeatClient({
    source,
    thresholds,
    environment: {
      ...createBrowserEnvironment(),
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    },
  });
  return { clock, emitter, client, pendingRestarts };
}
