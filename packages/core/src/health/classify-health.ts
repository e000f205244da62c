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
  let stallSince: number | undefined;
  switch (heartbeat.state) {
    case 'awaiting_model':
    case 'tool_exec':
      stallSince = heartbeat.stateSince;
      break;
    case 'streaming':
      // A token from earlier in the turn does not count against this stream.
      stallSince = Math.max(heartbeat.lastTokenAt ?? heartbeat.stateSince, heartbeat.stateSince);
      break;
    case 'tool_wait': // waiting on a person (approval) is not a stall
    case 'idle':
    case 'complete':
    case 'unknown':
      break;
    default:
      heartbeat.state satisfies never;
  }
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

function baseHealth(state: ReceivedHeartbeat['state']): SessionHealth {
  switch (state) {
    case 'awaiting_model':
    case 'tool_wait':
      return 'waiting';
    case 'streaming':
    case 'tool_exec':
      return 'active';
    case 'idle':
    case 'complete':
      return 'idle';
    case 'unknown':
      return 'unknown';
    default:
      return state satisfies never;
  }
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
  { serverNow, connected = true, thresholds }: HealthContext,
): HealthVerdict {
  if (!connected) return { health: 'unknown', because: 'disconnected' };
  if (heartbeat === undefined) return { health: 'unknown', because: 'no_heartbeat' };
  const deadlines = healthDeadlines(heartbeat, thresholds);
  if (serverNow >= deadlines.silentAt) {
    return {
      health: 'unresponsive',
      because: 'silent',
      forMs: serverNow - heartbeat.emittedAt,
      thresholdMs: deadlines.unresponsiveAfterMs,
    };
  }
  if (heartbeat.state === 'unknown') return { health: 'unknown', because: 'unknown_state' };
  const { stallsAt, stallSince = heartbeat.stateSince } = deadlines;
  const forMs = Math.max(0, serverNow - stallSince);
  if (stallsAt !== undefined && serverNow >= stallsAt) {
    return {
      health: 'stalled',
      because: heartbeat.state,
      forMs,
      thresholdMs: deadlines.stallAfterMs,
    };
  }
  const verdict: HealthVerdict = {
    health: baseHealth(heartbeat.state),
    because: heartbeat.state,
    forMs,
  };
  if (stallsAt !== undefined) verdict.thresholdMs = deadlines.stallAfterMs;
  return verdict;
}

/**
 * How many ms from `serverNow` until this session's health would change if
 * nothing new arrives (`Infinity` if never). A client keeps one timer for the
 * soonest of these across all sessions instead of one interval per row.
 */
export function msUntilHealthChange(
  heartbeat: TimedHeartbeat | undefined,
  { serverNow, connected = true, thresholds }: HealthContext,
): number {
  // Disconnected or empty: only new data changes anything.
  if (!connected || heartbeat === undefined) return Infinity;
  const { stallsAt, silentAt } = healthDeadlines(heartbeat, thresholds);
  if (serverNow >= silentAt) return Infinity; // unresponsive is final until a heartbeat arrives
  let next = silentAt;
  // Already stalled, or a state that does not stall: only silence is ahead.
  if (heartbeat.state !== 'unknown' && stallsAt !== undefined && stallsAt > serverNow) {
    next = Math.min(next, stallsAt);
  }
  return next - serverNow;
}
