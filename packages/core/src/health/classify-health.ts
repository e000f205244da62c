import type { ReceivedHeartbeat, SessionState } from '../protocol/types';
import { resolveThresholds, type ThresholdConfig } from './resolve-thresholds';

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
 * Why a session has its health: the state it is in, or
 * - `disconnected`: the client cannot hear the server, so it cannot know;
 * - `no_heartbeat`: nothing received for this session yet;
 * - `unknown_state`: a state this client does not know;
 * - `silent`: no heartbeat for longer than `unresponsiveAfterMs`.
 */
export type HealthCause =
  SessionState | 'disconnected' | 'no_heartbeat' | 'unknown_state' | 'silent';

export interface HealthVerdict {
  health: SessionHealth;
  because: HealthCause;
  /** How long the cause has held, in ms, when it is known. */
  forMs?: number;
  /** The limit that was crossed (`stalled`, `unresponsive`) or that will be. */
  thresholdMs?: number;
}

export interface HealthContext {
  /** Now, on the server's clock (integer ms; see `createClockOffset`). */
  serverNow: number;
  /**
   * Whether the client can hear the server now. While it cannot, every
   * session is `unknown`, never `unresponsive`.
   * @default true
   */
  connected?: boolean;
  /** Thresholds and their overrides. @default DEFAULT_THRESHOLDS */
  thresholds?: ThresholdConfig;
}

type TimedHeartbeat = Pick<
  ReceivedHeartbeat,
  'sessionKey' | 'state' | 'toolName' | 'model' | 'lastTokenAt' | 'stateSince' | 'emittedAt'
>;

/** The first integer ms strictly after `limit`: "for more than" a threshold. */
function firstInstantAfter(limit: number): number {
  return Math.floor(limit) + 1;
}

/**
 * Since when the stall threshold is counted against a session, or
 * `undefined` if its state cannot stall: its state's start for
 * `awaiting_model` and `tool_exec`, its last token (of this stream) for
 * `streaming`.
 */
export function stallClockSince(
  heartbeat: Pick<ReceivedHeartbeat, 'state' | 'stateSince' | 'lastTokenAt'>,
): number | undefined {
  switch (heartbeat.state) {
    case 'awaiting_model':
    case 'tool_exec':
      return heartbeat.stateSince;
    case 'streaming':
      // A token from earlier in the turn does not count against this stream.
      return Math.max(heartbeat.lastTokenAt ?? heartbeat.stateSince, heartbeat.stateSince);
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
 * When, on the server's clock, each time-driven change of health begins if no
 * new heartbeat arrives: the stall (if this state can stall) and the silence.
 * `classifyHealth` and `msUntilHealthChange` both read these, so they agree.
 */
export function healthDeadlines(
  heartbeat: TimedHeartbeat,
  thresholds?: ThresholdConfig,
): {
  stallsAt?: number;
  stallSince?: number;
  silentAt: number;
  stallAfterMs: number;
  unresponsiveAfterMs: number;
} {
  const { stallAfterMs, unresponsiveAfterMs } = resolveThresholds(thresholds, heartbeat);
  const silentAt = firstInstantAfter(heartbeat.emittedAt + unresponsiveAfterMs);
  const stallSince = stallClockSince(heartbeat);
  return stallSince === undefined
    ? { silentAt, stallAfterMs, unresponsiveAfterMs }
    : {
        stallsAt: firstInstantAfter(stallSince + stallAfterMs),
        stallSince,
        silentAt,
        stallAfterMs,
        unresponsiveAfterMs,
      };
}

/** The health of a known state before any limit passes (an unknown state is classified first). */
function baseHealth(state: Exclude<ReceivedHeartbeat['state'], 'unknown'>): SessionHealth {
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
}

/**
 * `classifyHealth` and `msUntilHealthChange` in one pass: thresholds and
 * deadlines are resolved once (a client calls this for every heartbeat).
 */
export function assessHealth(
  heartbeat: TimedHeartbeat | undefined,
  { serverNow, connected = true, thresholds }: HealthContext,
): HealthAssessment {
  // Disconnected or empty: only new data changes anything.
  if (!connected)
    return { verdict: { health: 'unknown', because: 'disconnected' }, msUntilChange: Infinity };
  if (heartbeat === undefined) {
    return { verdict: { health: 'unknown', because: 'no_heartbeat' }, msUntilChange: Infinity };
  }
  const deadlines = healthDeadlines(heartbeat, thresholds);
  const { stallsAt, silentAt } = deadlines;
  if (serverNow >= silentAt) {
    // Unresponsive is final until a heartbeat arrives.
    return {
      verdict: {
        health: 'unresponsive',
        because: 'silent',
        forMs: serverNow - heartbeat.emittedAt,
        thresholdMs: deadlines.unresponsiveAfterMs,
      },
      msUntilChange: Infinity,
    };
  }
  const msUntilSilent = silentAt - serverNow;
  if (heartbeat.state === 'unknown') {
    return {
      verdict: { health: 'unknown', because: 'unknown_state' },
      msUntilChange: msUntilSilent,
    };
  }
  const forMs = Math.max(0, serverNow - (deadlines.stallSince ?? heartbeat.stateSince));
  if (stallsAt === undefined) {
    return {
      verdict: { health: baseHealth(heartbeat.state), because: heartbeat.state, forMs },
      msUntilChange: msUntilSilent,
    };
  }
  const thresholdMs = deadlines.stallAfterMs;
  if (serverNow >= stallsAt) {
    // Already stalled: only silence is ahead.
    return {
      verdict: { health: 'stalled', because: heartbeat.state, forMs, thresholdMs },
      msUntilChange: msUntilSilent,
    };
  }
  return {
    verdict: { health: baseHealth(heartbeat.state), because: heartbeat.state, forMs, thresholdMs },
    msUntilChange: Math.min(msUntilSilent, stallsAt - serverNow),
  };
}

/**
 * A session's health, exactly the table of the contract, with the reason the
 * UI shows ("stalled: awaiting_model for 42 s, limit 30 s").
 *
 * @example
 * classifyHealth(heartbeat, { serverNow, connected: true, thresholds })
 * // → { health: 'stalled', because: 'awaiting_model', forMs: 42000, thresholdMs: 30000 }
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
