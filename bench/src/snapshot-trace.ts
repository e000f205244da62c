/**
 * Reads the trace of a page load for the snapshot figure: from the snapshot
 * frame's arrival to the first paint that shows rows, and the longest
 * main-thread task in between. The page marks `bench:snapshot-arrived` and
 * `bench:rows-shown` (User Timing), which places its clock on the trace's.
 */

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { startTime?: number } };
}

export interface SnapshotTimes {
  /** Snapshot arrival → the end of the first main-thread Paint after the rows were in the DOM. */
  toFirstPaintMs: number;
  /** Snapshot arrival → the rows in the DOM. */
  toRowsInDomMs: number;
  /** The longest main-thread task between the arrival and that paint (the task the arrival was in included). */
  longestTaskMs: number;
  /** Tasks over 50 ms in that span. */
  tasksOver50Ms: number;
  /**
   * The main-thread tasks of 10 ms or more in that span, in order, ms: where
   * the time to the first paint goes (the socket message's task, then the
   * frame that applies the first slice and renders it).
   */
  tasksToFirstPaintMs: number[];
  /** Snapshot arrival → the whole snapshot applied (the list no longer busy). */
  toCompleteMs: number;
  /** The longest main-thread task from the arrival to that point. */
  longestTaskToCompleteMs: number;
}

export const SNAPSHOT_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
];

const LONG_TASK_MS = 50;
/** Shorter tasks are left out of `tasksToFirstPaintMs`. */
const LISTED_TASK_MS = 10;

function mark(events: readonly TraceEvent[], name: string): TraceEvent {
  const found = events.find((event) => event.name === name && event.cat === 'blink.user_timing');
  if (found === undefined) throw new Error(`the trace has no "${name}" mark`);
  return found;
}

export function readSnapshotTrace(traceJson: string): SnapshotTimes {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const arrived = mark(events, 'bench:snapshot-arrived');
  const rowsShown = mark(events, 'bench:rows-shown');
  const { pid, tid } = arrived;
  const onMainThread = events.filter(
    (event) => event.pid === pid && event.tid === tid && event.ph === 'X',
  );
  const paint = onMainThread
    .filter((event) => event.name === 'Paint' && event.ts >= rowsShown.ts)
    .sort((a, b) => a.ts - b.ts)[0];
  if (paint === undefined) throw new Error('the trace has no Paint after the rows were shown');
  const paintEnd = paint.ts + (paint.dur ?? 0);
  const complete = mark(events, 'bench:snapshot-complete');
  const taskDurationsMs = (until: number): number[] =>
    onMainThread
      .filter(
        (event) =>
          event.name === 'RunTask' &&
          event.ts <= until &&
          event.ts + (event.dur ?? 0) >= arrived.ts,
      )
      .sort((a, b) => a.ts - b.ts)
      .map((task) => (task.dur ?? 0) / 1000);
  const durationsMs = taskDurationsMs(paintEnd);
  return {
    toFirstPaintMs: (paintEnd - arrived.ts) / 1000,
    toRowsInDomMs: (rowsShown.ts - arrived.ts) / 1000,
    longestTaskMs: Math.max(0, ...durationsMs),
    tasksOver50Ms: durationsMs.filter((ms) => ms > LONG_TASK_MS).length,
    tasksToFirstPaintMs: durationsMs.filter((ms) => ms >= LISTED_TASK_MS),
    toCompleteMs: (complete.ts - arrived.ts) / 1000,
    longestTaskToCompleteMs: Math.max(0, ...taskDurationsMs(Math.max(complete.ts, paintEnd))),
  };
}
