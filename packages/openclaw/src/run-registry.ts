import type { BlockSource, RunOutcome } from './run-effects';

/** The tool call a block holds up, and what reported the block. */
export interface BlockedCall {
  toolCallId: string;
  by: BlockSource;
}

/** What the bridge knows of one run of the gateway. */
export interface RunRecord {
  readonly runId: string;
  /** The session the run belongs to: from its first event that named one. */
  readonly sessionKey: string;
  /** When its first event happened (gateway clock). */
  readonly firstAt: number;
  /** The highest `agent` seq applied; `agent` seqs rise strictly per run. */
  lastAgentSeq: number;
  /** The highest seq applied from `agent` or `chat` (a chat event carries its agent event's seq). */
  lastSeq: number;
  /** The last chat event applied, to recognise it repeated (`state:phase`). */
  lastChat: { seq: number; state: string } | undefined;
  /** Tool calls started and not yet returned: `toolCallId` → tool name. */
  readonly openTools: Map<string, string | undefined>;
  /** Approvals or blocked items waiting on a person: id → tool name. */
  readonly blocks: Map<string, string | undefined>;
  /** The tool call each block holds up, when it says: id → call. */
  readonly blockTools: Map<string, BlockedCall>;
}

/** A run that ended, kept so that its late events are recognised. */
export interface EndedRun {
  readonly sessionKey: string;
  readonly lastAgentSeq: number;
  readonly lastSeq: number;
  outcome: RunOutcome | 'superseded' | 'removed';
}

/**
 * Runs in flight and the most recently ended ones, both bounded: a gateway
 * that never ends its runs (or a flood of runs nobody shows) cannot grow
 * the bridge's memory.
 */
export interface RunRegistry {
  get(runId: string): RunRecord | undefined;
  create(runId: string, sessionKey: string, at: number, after?: EndedRun): RunRecord;
  ended(runId: string): EndedRun | undefined;
  /** Moves a run to the ended list. */
  end(run: RunRecord, outcome: EndedRun['outcome']): void;
  /** Takes a run off the ended list (the gateway retries it). */
  reopen(runId: string): void;
  /** Every run in flight of a session (to forget them when the session goes). */
  runsOf(sessionKey: string): RunRecord[];
  /** Forgets everything. */
  clear(): void;
}

export function createRunRegistry(
  maxEndedRuns: number,
  isPinned: (run: RunRecord) => boolean,
): RunRegistry {
  const runs = new Map<string, RunRecord>();
  const endedRuns = new Map<string, EndedRun>();
  const maxRuns = maxEndedRuns * 4;

  function evictRuns(): void {
    if (runs.size <= maxRuns) return;
    // Oldest first (insertion order); a run that drives a session stays.
    for (const run of runs.values()) {
      if (runs.size <= maxRuns) return;
      if (!isPinned(run)) runs.delete(run.runId);
    }
  }

  return {
    get: (runId) => runs.get(runId),
    create(runId, sessionKey, at, after) {
      const run: RunRecord = {
        runId,
        sessionKey,
        firstAt: at,
        lastAgentSeq: after?.lastAgentSeq ?? -1,
        lastSeq: after?.lastSeq ?? -1,
        lastChat: undefined,
        openTools: new Map(),
        blocks: new Map(),
        blockTools: new Map(),
      };
      runs.set(runId, run);
      evictRuns();
      return run;
    },
    ended: (runId) => endedRuns.get(runId),
    end(run, outcome) {
      runs.delete(run.runId);
      endedRuns.delete(run.runId);
      endedRuns.set(run.runId, {
        sessionKey: run.sessionKey,
        lastAgentSeq: run.lastAgentSeq,
        lastSeq: run.lastSeq,
        outcome,
      });
      if (endedRuns.size > maxEndedRuns) {
        const oldest = endedRuns.keys().next();
        if (oldest.done !== true) endedRuns.delete(oldest.value);
      }
    },
    reopen(runId) {
      endedRuns.delete(runId);
    },
    runsOf: (sessionKey) => [...runs.values()].filter((run) => run.sessionKey === sessionKey),
    clear() {
      runs.clear();
      endedRuns.clear();
    },
  };
}
