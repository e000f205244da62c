import type { ReceivedHeartbeat, ServerFrame } from '@session-heartbeat/core';
import { keepNewest, type HeardTimes } from './create-snapshot-mirror';
import type { HeartbeatEnvironment, TimerHandle } from './environment';
import { frameMessage, type TabMessage } from './tab-channel';

/**
 * How often the leader posts to tabs in the background: the heartbeats of
 * that second, newest per session, in one message. Far inside any health
 * threshold (an interval of 5 s, stalls at 30 s), so a hidden tab's title
 * and alerts stay right, while it wakes once a second instead of for every frame.
 */
export const BACKGROUND_BATCH_MS = 1000;

/** What the leader posts on the background channel. */
export interface BackgroundBatch {
  /** A frame the leader heard: heartbeats are batched, the rest goes at once. */
  frame(frame: ServerFrame): void;
  /**
   * Posts the heartbeats collected since the last batch; with `switchedTab`,
   * marked as the answer to that tab's switch (and posted even if empty).
   */
  flush(switchedTab?: string): void;
  stop(): void;
}

/**
 * The leader's side of the background channel. `lastHeard` gives the times
 * of the newest frame heard, which a batch carries as its own.
 */
export function createBackgroundBatch(
  env: HeartbeatEnvironment,
  post: (message: TabMessage) => void,
  lastHeard: () => HeardTimes | undefined,
): BackgroundBatch {
  /** Heartbeats since the last batch, newest per session. */
  const batch = new Map<string, ReceivedHeartbeat>();
  let timer: TimerHandle | undefined;
  let postedAt = -Infinity;

  function flush(switchedTab?: string): void {
    if (timer !== undefined) env.clearTimeout(timer);
    timer = undefined;
    const heard = lastHeard();
    if (heard === undefined || (batch.size === 0 && switchedTab === undefined)) return;
    postedAt = env.now();
    const frame = {
      type: 'heartbeats',
      serverTime: heard.serverTime,
      heartbeats: [...batch.values()],
    };
    batch.clear();
    post(
      frameMessage(
        frame,
        heard,
        postedAt,
        switchedTab === undefined ? {} : { switched: switchedTab },
      ),
    );
  }

  return {
    frame(frame) {
      if (frame.type === 'heartbeats') {
        keepNewest(batch, frame.heartbeats);
        // Due already (a hidden leader's timers are throttled): post with this frame.
        if (env.now() - postedAt >= BACKGROUND_BATCH_MS) flush();
        else timer ??= env.setTimeout(() => flush(), BACKGROUND_BATCH_MS);
        return;
      }
      if (frame.type === 'snapshot') batch.clear();
      if (frame.type === 'removed') batch.delete(frame.sessionKey);
      flush();
      const heard = lastHeard();
      if (heard !== undefined) post(frameMessage(frame, heard, env.now()));
    },
    flush,
    stop() {
      if (timer !== undefined) env.clearTimeout(timer);
      timer = undefined;
    },
  };
}
