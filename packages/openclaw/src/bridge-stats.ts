/** Why the bridge set an event (or a row) aside. None of them is an error: the bridge never throws. */
export type BridgeProblemKind =
  /** Not an object, no `runId`, no `stream`/`state`, an invalid session key. */
  | 'malformed'
  /** An `agent` stream this bridge does not know (a newer gateway). */
  | 'unknown_stream'
  /** A phase, status or chat state this bridge does not know. */
  | 'unknown_phase'
  /** `seq` not above the last one applied for its run: a duplicate or out of order. */
  | 'stale'
  /** An event of a run that already ended: it does not reopen it. */
  | 'after_end'
  /** A run whose session is unknown: no `sessionKey` on it, nor on an earlier event of the run. */
  | 'unroutable'
  /** The emitter refused (the session was crashed or removed by someone else). */
  | 'rejected';

export interface BridgeProblem {
  kind: BridgeProblemKind;
  /** What was set aside, for a log line (never a token or message text). */
  detail: string;
}

/** What the bridge did so far: for a debug panel, a metric or an alert. */
export interface OpenClawBridgeStats {
  /** Events fed in (`agent` and `chat`), whatever became of them. */
  received: number;
  /** Events that moved (or confirmed) a session's state. */
  applied: number;
  /** Session-list rows read. */
  rows: number;
  /** Sessions created and removed by the bridge. */
  sessionsCreated: number;
  sessionsRemoved: number;
  /** Runs a newer run of the same session replaced before they ended. */
  runsSuperseded: number;
  /** Set-aside events and rows, by reason. */
  problems: Record<BridgeProblemKind, number>;
}

export function createBridgeStats(): OpenClawBridgeStats {
  return {
    received: 0,
    applied: 0,
    rows: 0,
    sessionsCreated: 0,
    sessionsRemoved: 0,
    runsSuperseded: 0,
    problems: {
      malformed: 0,
      unknown_stream: 0,
      unknown_phase: 0,
      stale: 0,
      after_end: 0,
      unroutable: 0,
      rejected: 0,
    },
  };
}

export function copyBridgeStats(stats: OpenClawBridgeStats): OpenClawBridgeStats {
  return { ...stats, problems: { ...stats.problems } };
}
