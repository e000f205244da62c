import {
  lastActivityAt,
  sessionComparators,
  type ReceivedHeartbeat,
  type SessionHealth,
  type SortableSession,
} from '@session-heartbeat/core';
import type { InboxBatch, PendingHeartbeat } from './frame-inbox';

/** How far a sliced snapshot has got: `applied` of `total` sessions are in the table. */
export interface SnapshotProgress {
  /** Sessions of the snapshot in the store so far. */
  readonly applied: number;
  /** Sessions the snapshot listed. */
  readonly total: number;
}

/** How a big first snapshot is spread over frames. */
export interface SnapshotSliceOptions {
  /** A first snapshot of more sessions than this is applied in slices. @default 2000 */
  sliceAbove?: number;
  /** Sessions in the first slice: more than a tall screenful. @default 300 */
  firstSlice?: number;
  /** What one later slice may cost the frame, in ms (sized from the last slice's cost). @default 8 */
  budgetMs?: number;
}

/**
 * Applies a big first snapshot over several frames, most severe first, so
 * the first screenful is painted from the first slice and no frame holds the
 * whole snapshot's work. Only a snapshot into an empty table is sliced: a
 * resync over known sessions is applied whole, since a session still waiting
 * in a queue would show its old verdict next to fresh ones.
 *
 * Heartbeats and removals that arrive meanwhile are newer than the queued
 * snapshot entries for their sessions, so those entries are dropped from the
 * queue; a new snapshot drops the whole queue.
 */
export interface SnapshotSlicer {
  /**
   * What to apply this frame, given what the inbox holds: `health` ranks the
   * snapshot's sessions (the verdict they would get now).
   */
  next(
    batch: InboxBatch | undefined,
    tableEmpty: boolean,
    health: (heartbeat: ReceivedHeartbeat) => SessionHealth,
    hidden: boolean,
  ): InboxBatch | undefined;
  /** The table applied `count` sessions in `ms`: sizes the next slice. */
  measured(count: number, ms: number): void;
  /** Set while a snapshot is being applied in slices. */
  readonly progress: SnapshotProgress | undefined;
}

const NO_REMOVALS: ReadonlySet<string> = new Set();
const MIN_SLICE = 100;
const MAX_SLICE = 5000;

export function createSnapshotSlicer(options: SnapshotSliceOptions = {}): SnapshotSlicer {
  const sliceAbove = options.sliceAbove ?? 2000;
  const firstSlice = options.firstSlice ?? 300;
  const budgetMs = options.budgetMs ?? 8;
  /** The snapshot's keys, most severe first, and the entries not yet applied nor superseded. */
  let queue: string[] = [];
  let cursor = 0;
  const waiting = new Map<string, PendingHeartbeat>();
  let total = 0;
  let applied = 0;
  let progress: SnapshotProgress | undefined;
  /**
   * What the slices of this snapshot cost so far, summed: the clock counts
   * whole ms only, so one slice's 0 ms says little, many together say more.
   */
  const spent = { ms: 0, sessions: 0 };

  function clear(): void {
    queue = [];
    cursor = 0;
    waiting.clear();
    progress = undefined;
  }

  /** Moves up to `count` queued entries into `into`. */
  function take(count: number, into: Map<string, PendingHeartbeat>): void {
    let taken = 0;
    while (cursor < queue.length && taken < count) {
      const key = queue[cursor] as string;
      cursor += 1;
      const pending = waiting.get(key);
      // Superseded by a newer heartbeat or a removal (`next` drops those from
      // `waiting` before it takes, so nothing taken is also in the batch).
      if (pending === undefined) continue;
      waiting.delete(key);
      into.set(key, pending);
      taken += 1;
    }
    applied += taken;
    progress = cursor < queue.length ? { applied, total } : undefined;
    if (progress === undefined) clear();
  }

  function nextSize(): number {
    if (spent.ms <= 0) return MAX_SLICE;
    const msPerSession = spent.ms / spent.sessions;
    return Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.floor(budgetMs / msPerSession)));
  }

  function start(
    batch: InboxBatch,
    health: (heartbeat: ReceivedHeartbeat) => SessionHealth,
  ): InboxBatch {
    const ranked: SortableSession[] = [];
    for (const [key, { heartbeat }] of batch.upserts) {
      ranked.push({
        sessionKey: key,
        health: health(heartbeat),
        lastActivityAt: lastActivityAt(heartbeat),
      });
    }
    ranked.sort(sessionComparators.severity);
    queue = ranked.map((session) => session.sessionKey);
    cursor = 0;
    for (const [key, pending] of batch.upserts) waiting.set(key, pending);
    total = queue.length;
    applied = 0;
    spent.ms = 0;
    spent.sessions = 0;
    const upserts = new Map<string, PendingHeartbeat>();
    take(firstSlice, upserts);
    return { ...batch, upserts };
  }

  return {
    next(batch, tableEmpty, health, hidden) {
      if (batch?.resync !== undefined) {
        clear();
        if (!tableEmpty || hidden || batch.upserts.size <= sliceAbove) return batch;
        return start(batch, health);
      }
      if (progress === undefined) return batch;
      for (const key of batch?.upserts.keys() ?? []) waiting.delete(key);
      for (const key of batch?.removals ?? []) waiting.delete(key);
      const upserts = new Map<string, PendingHeartbeat>(batch?.upserts);
      // Nobody sees a hidden page: the rest goes in at once.
      take(hidden ? Infinity : nextSize(), upserts);
      return { ...batch, upserts, removals: batch?.removals ?? NO_REMOVALS };
    },
    measured(count, ms) {
      if (progress === undefined || count === 0) return;
      spent.ms += ms;
      spent.sessions += count;
    },
    get progress() {
      return progress;
    },
  };
}
