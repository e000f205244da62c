import type { ReceivedHeartbeat } from '../protocol/types';

type Subject = Pick<ReceivedHeartbeat, 'state' | 'toolName' | 'model'>;

/** What the health rules read of learned durations. */
export interface DurationEstimates {
  /**
   * The 95th percentile of the completed durations seen for this state's
   * subject (its tool in `tool_exec`, its model in `awaiting_model` and
   * `streaming`), and how many it rests on; `undefined` when none.
   */
  estimate(subject: Subject): { p95: number; samples: number } | undefined;
}

export interface DurationLearner extends DurationEstimates {
  /** A state that lasted `durationMs` and ended (the session moved on). */
  record(subject: Subject, durationMs: number): void;
}

export interface DurationLearnerOptions {
  /** The newest durations kept per subject. @default 200 */
  maxSamples?: number;
}

/** Which learned durations apply to a state: `undefined` for states that cannot stall. */
function subjectKey({ state, toolName, model }: Subject): string | undefined {
  switch (state) {
    case 'tool_exec':
      return toolName === undefined ? undefined : `tool\u0000${toolName}`;
    case 'awaiting_model':
    case 'streaming':
      return model === undefined ? undefined : `${state}\u0000${model}`;
    case 'tool_wait':
    case 'idle':
    case 'complete':
    case 'unknown':
      return undefined;
    default:
      return state satisfies never;
  }
}

function percentile95(sorted: readonly number[]): number {
  // Nearest rank: the smallest value with at least 95 % of the samples at or below it.
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

/**
 * Learns how long states take, per tool and per model, from the newest
 * `maxSamples` completed durations of each: bounded memory, and a p95 is
 * worked out when it is read after new samples came, not on every sample.
 */
export function createDurationLearner({
  maxSamples = 200,
}: DurationLearnerOptions = {}): DurationLearner {
  const samples = new Map<string, number[]>();
  const estimates = new Map<string, { p95: number; samples: number }>();
  return {
    record(subject, durationMs) {
      const key = subjectKey(subject);
      if (key === undefined || !Number.isFinite(durationMs) || durationMs < 0) return;
      let list = samples.get(key);
      if (list === undefined) {
        list = [];
        samples.set(key, list);
      }
      list.push(durationMs);
      if (list.length > maxSamples) list.shift();
      estimates.delete(key);
    },
    estimate(subject) {
      const key = subjectKey(subject);
      if (key === undefined) return undefined;
      let estimate = estimates.get(key);
      const list = samples.get(key);
      if (estimate === undefined && list !== undefined) {
        estimate = { p95: percentile95([...list].sort((a, b) => a - b)), samples: list.length };
        estimates.set(key, estimate);
      }
      return estimate;
    },
  };
}
