import type { SessionHeartbeat } from '@session-heartbeat/core';
import { createHeartbeatEmitter } from '@session-heartbeat/emitter';
import { createManualClock, recordEmissions } from '@session-heartbeat/emitter/test-utils';
import type { BridgeProblem } from '../bridge-stats';
import { createOpenClawBridge, type OpenClawBridgeOptions } from '../create-openclaw-bridge';

export const T0 = 1_800_000_000_000;
export const MAIN = 'agent:main:main';

/**
 * A bridge over a real emitter on a manual clock that starts at `T0`, with
 * every heartbeat it emitted, every session it removed and every problem it
 * reported (unless `options.onProblem` takes them).
 */
export function setupBridge(options: OpenClawBridgeOptions = {}) {
  const clock = createManualClock(T0);
  const emitter = createHeartbeatEmitter({ now: clock.now, timers: clock.timers, interval: 5000 });
  const { beats, removed } = recordEmissions(emitter);
  const problems: BridgeProblem[] = [];
  const bridge = createOpenClawBridge(emitter, {
    onProblem: (problem) => problems.push(problem),
    ...options,
  });
  return {
    emitter,
    bridge,
    problems,
    removed,
    /** Moves the clock to T0 + ms and returns that time (the gateway stamps `ts` with it). */
    at(ms: number): number {
      clock.advance(T0 + ms - clock.now());
      return T0 + ms;
    },
    /** The heartbeats of one session that were not periodic, as `state` or `state:tool`. */
    transitions(sessionKey = MAIN): string[] {
      return beats
        .filter((beat) => beat.sessionKey === sessionKey && beat.reason !== 'periodic')
        .map((beat) =>
          beat.toolName === undefined ? beat.state : `${beat.state}:${beat.toolName}`,
        );
    },
    beats(sessionKey = MAIN): SessionHeartbeat[] {
      return beats.filter((beat) => beat.sessionKey === sessionKey);
    },
    last(sessionKey = MAIN): SessionHeartbeat | undefined {
      return emitter.heartbeat(sessionKey);
    },
  };
}
