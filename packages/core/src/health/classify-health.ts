import { isToolState, type SessionState } from '../protocol/types';
import type { DurationEstimates } from './create-duration-learner';
import { healthDeadlines, type TimedHeartbeat } from './health-deadlines';
import type { ThresholdConfig } from './resolve-thresholds';

/** What the client derives for a session (not on the wire). */
export type SessionHealth = 'active' | 'waiting' | 'stalled' | 'unresponsive' | 'idle' | 'unknown';

export const SESSION_HEALTHS: readonly SessionHealth[] = [
  'unresponsive',
  'stalled',
  'waiting',
  'active',
  'idle',
  'unknown',
];

/**
 * Why a session is `stalled`, in this order of precedence:
 * - `no_progress`: a working state with no progress for `stallAfterMs`;
 * - `tool_loop`: the same tool with the same input `loopAfterRepeats` times in a row;
 * - `turn_overdue`: a turn older than `turnMaxMs` that still reports progress.
 */
export type StallReason = 'no_progress' | 'tool_loop' | 'turn_overdue';

/**
 * Why a session has its health (the contract's reasons):
 * - for `active`, `waiting` and `idle`, the state it is in;
 * - for `stalled`, a `StallReason`;
 * - for `unresponsive`, `no_heartbeat`: none for longer than `unresponsiveAfterMs`;
 * - for `unknown`: `disconnected` (the client cannot hear the server, so it
 *   cannot know), `no_heartbeat_yet`, `unknown_state` (a state this client
 *   does not know) or `source_unreachable` (fleet: its gateway is not heard).
 */
export type HealthCause =
  | SessionState
  | StallReason
  | 'no_heartbeat'
  | 'disconnected'
  | 'no_heartbeat_yet'
  | 'unknown_state'
  | 'source_unreachable';

/** Red: the healths that mean a person should look at the session now. */
export type AlarmingHealth = Extract<SessionHealth, 'stalled' | 'unresponsive'>;

/** Whether a session with this health needs someone's attention (it is red). */
export function needsAttention(health: SessionHealth): health is AlarmingHealth {
  return health === 'stalled' || health === 'unresponsive';
}

export interface HealthVerdict {
  health: SessionHealth;
  because: HealthCause;
  /** How long the cause has held, in ms, when it is known. */
  forMs?: number;
  /** The time limit that was crossed (`stalled`, `unresponsive`) or that will be. */
  thresholdMs?: number;
  /** For `tool_loop`: the repeats that make a loop (`loopAfterRepeats`). */
  repeatLimit?: number;
}

export interface HealthContext {
  /** Now, on the server's clock (integer ms; see `createClockOffset`). */
  serverNow: number;
  /**
   * Whether the client hears the server now (its connection is live and not
   * silent). While it does not, every session is `unknown`, never
   * `unresponsive`.
   * @default true
   */
  listening?: boolean;
  /**
   * Fleet: whether the aggregator hears the session's gateway (its source is
   * `live`). While it does not, the session is `unknown`
   * (`source_unreachable`), never `unresponsive`: one gateway failing is not
   * a thousand sessions hanging.
   * @default true
   */
  sourceReachable?: boolean;
  /** Thresholds and their overrides. @default DEFAULT_THRESHOLDS */
  thresholds?: ThresholdConfig;
  /** Learned durations, read when `thresholds.adaptive` is on. */
  learned?: DurationEstimates;
  /**
   * When the client last heard the server: the newest frame's `serverTime`.
   * Silence counts only up to it. A session is `unresponsive` once the server
   * spoke after the session's limit and still said nothing of it; a
   * connection that went quiet itself makes nobody red (the client calls
   * that `unknown` once it notices, 2 × interval later).
   * @default serverNow
   */
  heardAt?: number;
}

/** Whether the heartbeat says the same tool ran with the same input `limit` times in a row. */
function isLooping(heartbeat: TimedHeartbeat, limit: number): boolean {
  return (
    heartbeat.state !== 'unknown' &&
    isToolState(heartbeat.state) &&
    heartbeat.toolRepeat !== undefined &&
    heartbeat.toolRepeat >= limit
  );
}

/**
 * The health of a known state before any limit passes (an unknown state is
 * classified first). A client also gives it to history from before it
 * listened, where no limit was watched.
 */
export function baseHealth(state: SessionState): SessionHealth {
  switch (state) {
    case 'awaiting_model':
    case 'tool_wait':
      return 'waiting';
    case 'streaming':
    case 'tool_exec':
      return 'active';
    // Stryker disable next-line StringLiteral: without this label idle reaches the default, which returns the state, and idle's health is its name
    case 'idle':
    case 'complete':
      return 'idle';
    // Stryker disable next-line ConditionalExpression: unreachable, every state has its case
    default:
      return state satisfies never;
  }
}

/** A verdict and how long it holds: what a client needs per heartbeat. */
export interface HealthAssessment {
  verdict: HealthVerdict;
  /** ms from `serverNow` until the health would change with no new heartbeat; `Infinity` if never. */
  msUntilChange: number;
  /**
   * The silence limit passed, but the server has not been heard since (see
   * `heardAt`): the session turns unresponsive at the next frame that still
   * brings nothing of it. Re-assess it when one arrives.
   */
  overdue: boolean;
}

/** The soonest of these instants still ahead of `now`, as ms from `now`; `Infinity` if none. */
function msUntilFirst(now: number, ...instants: (number | undefined)[]): number {
  let soonest = Infinity;
  for (const at of instants) {
    if (at !== undefined && at > now) soonest = Math.min(soonest, at - now);
  }
  return soonest;
}

/**
 * `classifyHealth` and `msUntilHealthChange` in one pass: thresholds and
 * deadlines are resolved once (a client calls this for every heartbeat).
 * `msUntilChange` counts any change of the verdict, its reason included (a
 * turn overdue that stops making progress becomes `no_progress`).
 */
export function assessHealth(
  heartbeat: TimedHeartbeat | undefined,
  {
    serverNow,
    listening = true,
    sourceReachable = true,
    thresholds,
    learned,
    heardAt = serverNow,
  }: HealthContext,
): HealthAssessment {
  // Disconnected, its gateway unheard, or empty: only new data changes anything.
  if (!listening) {
    return {
      verdict: { health: 'unknown', because: 'disconnected' },
      msUntilChange: Infinity,
      overdue: false,
    };
  }
  if (!sourceReachable) {
    return {
      verdict: { health: 'unknown', because: 'source_unreachable' },
      msUntilChange: Infinity,
      overdue: false,
    };
  }
  if (heartbeat === undefined) {
    return {
      verdict: { health: 'unknown', because: 'no_heartbeat_yet' },
      msUntilChange: Infinity,
      overdue: false,
    };
  }
  const deadlines = healthDeadlines(heartbeat, thresholds, learned);
  const { stallsAt, overdueAt, silentAt } = deadlines;
  if (serverNow >= silentAt && heardAt >= silentAt) {
    // Unresponsive is final until a heartbeat arrives.
    return {
      verdict: {
        health: 'unresponsive',
        because: 'no_heartbeat',
        forMs: serverNow - heartbeat.emittedAt,
        thresholdMs: deadlines.unresponsiveAfterMs,
      },
      msUntilChange: Infinity,
      overdue: false,
    };
  }
  // Past the limit with nothing heard since: the next frame decides, not the clock.
  const overdue = serverNow >= silentAt;
  const silenceAt = overdue ? undefined : silentAt;
  if (heartbeat.state === 'unknown') {
    return {
      verdict: { health: 'unknown', because: 'unknown_state' },
      msUntilChange: msUntilFirst(serverNow, silenceAt),
      overdue,
    };
  }
  const since = deadlines.stallSince ?? heartbeat.stateSince;
  const forMs = Math.max(0, serverNow - since);
  if (stallsAt !== undefined && serverNow >= stallsAt) {
    // No progress: only silence is ahead.
    return {
      verdict: {
        health: 'stalled',
        because: 'no_progress',
        forMs,
        thresholdMs: deadlines.stallAfterMs,
      },
      msUntilChange: msUntilFirst(serverNow, silenceAt),
      overdue,
    };
  }
  if (isLooping(heartbeat, deadlines.loopAfterRepeats)) {
    return {
      verdict: {
        health: 'stalled',
        because: 'tool_loop',
        forMs,
        repeatLimit: deadlines.loopAfterRepeats,
      },
      msUntilChange: msUntilFirst(serverNow, silenceAt, stallsAt),
      overdue,
    };
  }
  if (overdueAt !== undefined && serverNow >= overdueAt) {
    return {
      verdict: {
        health: 'stalled',
        because: 'turn_overdue',
        forMs: serverNow - heartbeat.startedAt,
        thresholdMs: deadlines.turnMaxMs,
      },
      msUntilChange: msUntilFirst(serverNow, silenceAt, stallsAt),
      overdue,
    };
  }
  const verdict: HealthVerdict = {
    health: baseHealth(heartbeat.state),
    because: heartbeat.state,
    forMs,
  };
  if (stallsAt !== undefined) verdict.thresholdMs = deadlines.stallAfterMs;
  return {
    verdict,
    msUntilChange: msUntilFirst(serverNow, silenceAt, stallsAt, overdueAt),
    overdue,
  };
}

/**
 * A session's health, exactly the table of the contract, with the reason the
 * UI shows ("stalled: awaiting_model for 42 s, limit 30 s").
 *
 * @example
 * classifyHealth(heartbeat, { serverNow, listening: true, thresholds })
 * // → { health: 'stalled', because: 'no_progress', forMs: 42000, thresholdMs: 30000 }
 */
export function classifyHealth(
  heartbeat: TimedHeartbeat | undefined,
  context: HealthContext,
): HealthVerdict {
  return assessHealth(heartbeat, context).verdict;
}

/**
 * How many ms from `serverNow` until this session's health would change if
 * nothing new arrives (`Infinity` if never). A client keeps one timer for the
 * soonest of these across all sessions instead of one interval per row.
 */
export function msUntilHealthChange(
  heartbeat: TimedHeartbeat | undefined,
  context: HealthContext,
): number {
  return assessHealth(heartbeat, context).msUntilChange;
}
