import type { ThresholdConfig } from '@session-heartbeat/core';
import {
  createBrowserEnvironment,
  createEmitterSource,
  createHeartbeatClient,
  type HeartbeatClient,
  type HeartbeatSource,
  type SessionAction,
} from '@session-heartbeat/react';
import { createHeartbeatEmitter, type HeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock, type ManualClock } from '@session-heartbeat/emitter/test-utils';
import { asFleet, type FleetSource } from './as-fleet';
import { NOW } from './fixtures';

/** An action the story decides the outcome of: pending until resolved or rejected. */
export interface PendingAction {
  sessionKey: string;
  action: SessionAction;
  /**
   * Accepts it; with `recover` (default) the emitter also does it: a restart
   * brings the session back idle, an abort ends its turn, a nudge changes nothing.
   */
  resolve(recover?: boolean): void;
  reject(message: string): void;
}

export interface StoryWorld {
  clock: ManualClock;
  emitter: HeartbeatEmitter;
  client: HeartbeatClient;
  /** Actions asked for and not yet settled, oldest first (with `controlActions`). */
  pendingActions: PendingAction[];
  /** With `sourceOf`: the pretend aggregator. */
  fleet: FleetSource | undefined;
}

export interface StoryWorldOptions {
  /** Where the clock starts; the script moves it on. @default NOW − 15 min */
  start?: number;
  /** Creates and drives sessions; the clock ends at `NOW` whatever it did. */
  script?: (emitter: HeartbeatEmitter, clock: ManualClock) => void;
  thresholds?: ThresholdConfig;
  /**
   * The server supports nudge, abort and restart, and each waits for the
   * story to settle it (`pendingActions`). @default false (restart only, at once)
   */
  controlActions?: boolean;
  /**
   * Fleet: the heartbeats come through a pretend aggregator, each from the
   * source this names (see `asFleet`); `world.fleet` makes one unreachable.
   */
  sourceOf?: (sessionKey: string) => string;
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
  controlActions = false,
  sourceOf,
}: StoryWorldOptions = {}): StoryWorld {
  const clock = createManualClock(start);
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock, epoch: 'story' });
  script?.(emitter, clock);
  clock.advanceTo(NOW);
  const pendingActions: PendingAction[] = [];
  const emitterSource = createEmitterSource(emitter);
  const source: HeartbeatSource = controlActions
    ? {
        ...emitterSource,
        actions: async () => ['nudge', 'abort', 'restart'],
        act: (sessionKey, action) =>
          new Promise<void>((resolve, reject) => {
            pendingActions.push({
              sessionKey,
              action,
              resolve(recover = true) {
                if (recover && action === 'restart') emitter.act(sessionKey, 'restart');
                if (recover && action === 'abort') emitter.get(sessionKey)?.transition('complete');
                resolve();
              },
              reject: (message) => reject(new Error(message)),
            });
          }),
      }
    : emitterSource;
  const fleet = sourceOf === undefined ? undefined : asFleet(source, sourceOf);
  const client = createHeartbeatClient({
    source: fleet?.source ?? source,
    thresholds,
    environment: {
      ...createBrowserEnvironment(),
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
    },
  });
  return { clock, emitter, client, pendingActions, fleet };
}
