import {
  assessHealth,
  type DurationEstimates,
  type HealthVerdict,
  lastActivityAt,
  type ReceivedHeartbeat,
  type SessionHealth,
  type SortableSession,
  type ThresholdConfig,
} from '@session-heartbeat/core';

/**
 * One session as the store holds it. Immutable: a new object exactly when
 * something a row shows changed (a new heartbeat, or a new verdict), so a row
 * that selects its entry re-renders only for its own session.
 */
export interface SessionEntry extends SortableSession {
  readonly sessionKey: string;
  readonly heartbeat: ReceivedHeartbeat;
  /** When the heartbeat arrived, on the server's clock. */
  readonly receivedAt: number;
  /**
   * The health and its reason. `verdict.forMs` is as of `evaluatedAt`; for a
   * live elapsed time use `serverNow − causeSince`.
   */
  readonly verdict: HealthVerdict;
  /** `verdict.health`, flat for the comparators. */
  readonly health: SessionHealth;
  /** See `lastActivityAt` in the sort module. */
  readonly lastActivityAt: number;
  /** When the verdict was computed, on the server's clock. */
  readonly evaluatedAt: number;
  /** Since when the verdict's cause has held (server clock), when it is known. */
  readonly causeSince?: number;
}

export interface EvaluationContext {
  serverNow: number;
  /** Whether the client hears the server (`HeartbeatState.listening`). */
  listening: boolean;
  thresholds: ThresholdConfig | undefined;
  /** What the client learned of state durations (adaptive thresholds). */
  learned?: DurationEstimates | undefined;
  /** The newest frame's `serverTime`: silence counts up to it (see `HealthContext.heardAt`). */
  heardAt?: number | undefined;
  /** Fleet: the sources the aggregator does not hear; their sessions are `unknown`. */
  unreachableSources?: ReadonlySet<string> | undefined;
}

function sameVerdict(a: HealthVerdict, b: HealthVerdict): boolean {
  return (
    a.health === b.health &&
    a.because === b.because &&
    a.thresholdMs === b.thresholdMs &&
    a.repeatLimit === b.repeatLimit
  );
}

function assess(heartbeat: ReceivedHeartbeat, context: EvaluationContext) {
  const { serverNow, listening, thresholds, learned, heardAt, unreachableSources } = context;
  return assessHealth(heartbeat, {
    serverNow,
    listening,
    sourceReachable:
      heartbeat.source === undefined || unreachableSources?.has(heartbeat.source) !== true,
    thresholds,
    ...(learned === undefined ? {} : { learned }),
    ...(heardAt === undefined ? {} : { heardAt }),
  });
}

/** The health `evaluateEntry` would give `heartbeat` now, without building an entry. */
export function healthNow(heartbeat: ReceivedHeartbeat, context: EvaluationContext): SessionHealth {
  return assess(heartbeat, context).verdict.health;
}

/**
 * The entry for `heartbeat` now, and when its health changes next (server
 * clock, `Infinity` if only new data can change it); `overdue` when the next
 * frame heard may change it (see `HealthAssessment.overdue`). With `previous` for the
 * same heartbeat, returns `previous` itself when the verdict did not change.
 */
export function evaluateEntry(
  heartbeat: ReceivedHeartbeat,
  receivedAt: number,
  context: EvaluationContext,
  previous?: SessionEntry,
): { entry: SessionEntry; nextChangeAt: number; overdue: boolean } {
  const { serverNow } = context;
  const { verdict, msUntilChange, overdue } = assess(heartbeat, context);
  const nextChangeAt = serverNow + msUntilChange;
  if (
    previous !== undefined &&
    previous.heartbeat === heartbeat &&
    sameVerdict(previous.verdict, verdict)
  ) {
    return { entry: previous, nextChangeAt, overdue };
  }
  const entry: SessionEntry = {
    sessionKey: heartbeat.sessionKey,
    heartbeat,
    receivedAt,
    verdict,
    health: verdict.health,
    lastActivityAt: lastActivityAt(heartbeat),
    evaluatedAt: serverNow,
    ...(verdict.forMs === undefined ? {} : { causeSince: serverNow - verdict.forMs }),
  };
  return { entry, nextChangeAt, overdue };
}
