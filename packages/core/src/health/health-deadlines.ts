import type { ReceivedHeartbeat } from '../protocol/types';
import type { DurationEstimates } from './create-duration-learner';
import {
  resolveAdaptive,
  resolveThresholds,
  type HealthThresholds,
  type ThresholdConfig,
} from './resolve-thresholds';

/** What of a heartbeat its health depends on. */
export type TimedHeartbeat = Pick<
  ReceivedHeartbeat,
  | 'sessionKey'
  | 'state'
  | 'toolName'
  | 'model'
  | 'lastTokenAt'
  | 'lastProgressAt'
  | 'toolRepeat'
  | 'startedAt'
  | 'stateSince'
  | 'emittedAt'
>;

/** The first integer ms strictly after `limit`: "for more than" a threshold. */
function firstInstantAfter(limit: number): number {
  return Math.floor(limit) + 1;
}

/**
 * Since when the stall threshold is counted against a session, or
 * `undefined` if its state cannot stall: the latest of its state's start, its
 * last token and its last progress, in `awaiting_model`, `tool_exec` and
 * `streaming` (a token or output from before this state does not count).
 */
export function stallClockSince(
  heartbeat: Pick<ReceivedHeartbeat, 'state' | 'stateSince' | 'lastTokenAt' | 'lastProgressAt'>,
): number | undefined {
  switch (heartbeat.state) {
    case 'awaiting_model':
    case 'tool_exec':
    case 'streaming':
      return Math.max(
        heartbeat.stateSince,
        heartbeat.lastTokenAt ?? heartbeat.stateSince,
        heartbeat.lastProgressAt ?? heartbeat.stateSince,
      );
    case 'tool_wait': // waiting on a person (approval) is not a stall
    case 'idle':
    case 'complete':
    case 'unknown':
      return undefined;
    // Stryker disable next-line ConditionalExpression: unreachable, every state has its case
    default:
      return heartbeat.state satisfies never;
  }
}

/**
 * `stallAfterMs`, or in adaptive mode the learned p95 × factor when that is
 * longer and rests on enough samples: never earlier than the fixed limit.
 */
function effectiveStallAfterMs(
  heartbeat: TimedHeartbeat,
  fixed: number,
  thresholds: ThresholdConfig | undefined,
  learned: DurationEstimates | undefined,
): number {
  const adaptive = resolveAdaptive(thresholds);
  if (adaptive === undefined || learned === undefined) return fixed;
  const estimate = learned.estimate(heartbeat);
  if (estimate === undefined || estimate.samples < adaptive.minSamples) return fixed;
  return Math.max(fixed, Math.ceil(estimate.p95 * adaptive.factor));
}

/** When each time-driven change of a session's health begins, and the limits that decide it. */
export interface HealthDeadlines extends HealthThresholds {
  /** `no_progress` from this instant (states that can stall). */
  stallsAt: number | undefined;
  /** Where the stall clock starts (`stallClockSince`). */
  stallSince: number | undefined;
  /** `turn_overdue` from this instant (a turn in a working state). */
  overdueAt: number | undefined;
  /** `unresponsive` from this instant. */
  silentAt: number;
}

/**
 * When, on the server's clock, each time-driven change of health begins if no
 * new heartbeat arrives: the stall (if this state can stall), the overdue
 * turn and the silence. `assessHealth` reads these, so verdicts and the one
 * timer for the next change agree. (One object of one shape for every
 * heartbeat: a client calls this for each of them.)
 */
export function healthDeadlines(
  heartbeat: TimedHeartbeat,
  thresholds?: ThresholdConfig,
  learned?: DurationEstimates,
): HealthDeadlines {
  const limits = resolveThresholds(thresholds, heartbeat);
  const stallAfterMs = effectiveStallAfterMs(heartbeat, limits.stallAfterMs, thresholds, learned);
  const stallSince = stallClockSince(heartbeat);
  return {
    stallAfterMs,
    unresponsiveAfterMs: limits.unresponsiveAfterMs,
    loopAfterRepeats: limits.loopAfterRepeats,
    turnMaxMs: limits.turnMaxMs,
    silentAt: firstInstantAfter(heartbeat.emittedAt + limits.unresponsiveAfterMs),
    stallSince,
    stallsAt: stallSince === undefined ? undefined : firstInstantAfter(stallSince + stallAfterMs),
    // Busy but not finishing: only a turn that is working (a wait for a
    // person's approval is not overdue work).
    overdueAt:
      stallSince === undefined
        ? undefined
        : firstInstantAfter(heartbeat.startedAt + limits.turnMaxMs),
  };
}
