import {
  SESSION_STATES,
  type SessionHealth,
  type SessionState,
  type StallReason,
} from '@session-heartbeat/core';
import { STATE_DURATION_BUCKETS_SECONDS } from '../metrics/health-metric-families';

/** How many sessions have one health in one state. */
export interface SessionCount {
  health: SessionHealth;
  state: SessionState;
  count: number;
}

/** Completed durations of one state (and tool), bucketed. */
export interface StateDurationSeries {
  state: SessionState;
  /** The tool's label in tool states (a declared name or `other`); absent in the others. */
  tool?: string;
  /**
   * How many durations fell at or below each bound of
   * `STATE_DURATION_BUCKETS_SECONDS` and above the previous one; the last
   * entry counts those above every bound.
   */
  bucketCounts: number[];
  /** Seconds, all durations together. */
  sum: number;
  count: number;
}

/** What the health metrics say at one moment: every figure is a total, none per session. */
export interface HealthTallies {
  sessions: SessionCount[];
  stalls: Record<StallReason, number>;
  unresponsive: number;
  emitted: number;
  stateDurations: StateDurationSeries[];
}

/** Where a session stands, as far as the tallies go. */
export interface TalliedVerdict {
  health: SessionHealth;
  state: SessionState;
}

/**
 * Every (health, state) pair the rules can give a session, listed at 0 from
 * the start so that a dashboard's series exist before the first stall.
 */
const POSSIBLE_COUNTS: readonly TalliedVerdict[] = [
  { health: 'active', state: 'streaming' },
  { health: 'active', state: 'tool_exec' },
  { health: 'waiting', state: 'awaiting_model' },
  { health: 'waiting', state: 'tool_wait' },
  { health: 'idle', state: 'idle' },
  { health: 'idle', state: 'complete' },
  { health: 'stalled', state: 'awaiting_model' },
  { health: 'stalled', state: 'streaming' },
  { health: 'stalled', state: 'tool_exec' },
  { health: 'stalled', state: 'tool_wait' },
  ...SESSION_STATES.map((state) => ({ health: 'unresponsive' as const, state })),
];

export interface HealthTally {
  /** One session left `from` (if it was counted) for `to` (if it still is). */
  move(from: TalliedVerdict | undefined, to: TalliedVerdict | undefined): void;
  stalled(reason: StallReason): void;
  unresponsive(): void;
  emitted(count: number): void;
  stateCompleted(state: SessionState, tool: string | undefined, seconds: number): void;
  /** A copy of every figure. */
  read(): HealthTallies;
}

/**
 * The running totals behind the metrics, kept as sessions change, so that
 * reading them costs the same for ten sessions as for ten thousand.
 */
export function createHealthTally(): HealthTally {
  const counts = new Map<string, SessionCount>();
  const stalls: Record<StallReason, number> = { no_progress: 0, tool_loop: 0, turn_overdue: 0 };
  let unresponsive = 0;
  let emitted = 0;
  const durations = new Map<string, StateDurationSeries>();

  function cell({ health, state }: TalliedVerdict): SessionCount {
    const key = `${health} ${state}`;
    let found = counts.get(key);
    if (found === undefined) {
      // A pair the list above missed still counts: the series appears when it happens.
      found = { health, state, count: 0 };
      counts.set(key, found);
    }
    return found;
  }
  for (const pair of POSSIBLE_COUNTS) cell(pair);

  return {
    move(from, to) {
      if (from !== undefined) cell(from).count -= 1;
      if (to !== undefined) cell(to).count += 1;
    },
    stalled(reason) {
      stalls[reason] += 1;
    },
    unresponsive() {
      unresponsive += 1;
    },
    emitted(count) {
      emitted += count;
    },
    stateCompleted(state, tool, seconds) {
      const key = tool === undefined ? state : `${state} ${tool}`;
      let series = durations.get(key);
      if (series === undefined) {
        series = {
          state,
          ...(tool === undefined ? {} : { tool }),
          bucketCounts: new Array<number>(STATE_DURATION_BUCKETS_SECONDS.length + 1).fill(0),
          sum: 0,
          count: 0,
        };
        durations.set(key, series);
      }
      let bucket = STATE_DURATION_BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
      if (bucket === -1) bucket = STATE_DURATION_BUCKETS_SECONDS.length;
      series.bucketCounts[bucket] = (series.bucketCounts[bucket] ?? 0) + 1;
      series.sum += seconds;
      series.count += 1;
    },
    read() {
      return {
        sessions: [...counts.values()].map((entry) => ({ ...entry })),
        stalls: { ...stalls },
        unresponsive,
        emitted,
        stateDurations: [...durations.values()].map((series) => ({
          ...series,
          bucketCounts: [...series.bucketCounts],
        })),
      };
    },
  };
}
