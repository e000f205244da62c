/**
 * What a bench page exposes as `window.__bench` for the driver, and what it
 * answers. The page measures in its own clock (`performance.now()`, ms).
 */

/** Percentiles of a set of arrival → DOM samples, ms. */
export interface LatencyPercentiles {
  /** Heartbeats whose seq a row showed within the window, timed from the frame's arrival. */
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Arrival → DOM latencies of one measurement window. */
export interface LatencySummary extends LatencyPercentiles {
  /** Seqs a row showed that no frame was seen carrying first (the naive list's fetch can outrun the socket). */
  unmatched: number;
  /**
   * The samples of rows that were in the DOM before (updated in place, or
   * moved). Absent from results written before 2026-12-06 06:00 UTC.
   */
  inPlace?: LatencyPercentiles;
  /**
   * The samples of rows that entered the DOM with news the page got since its
   * previous commit. In `SessionList` these come in bursts: the paced order's
   * re-order, at most once a second, brings a screenful of sessions into view.
   */
  entered?: LatencyPercentiles;
}

export interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** What DOM commits did to rows within a window. */
export interface RowChurn {
  /** Rows that entered the DOM (mounted: scrolled, pushed or moved into view). */
  entered: number;
  /** Rows that left it. */
  left: number;
  /** Rows whose `data-seq` changed in place. */
  updated: number;
  /**
   * Rows that stayed in the DOM and now show another session (the list
   * reuses rows by place): not in `entered` nor `left`, though arrival → DOM
   * treats each as the old session's row leaving and the new one's entering.
   */
  reused: number;
  /** DOM commits that touched rows. */
  commits: number;
}

export interface WindowResult {
  elapsedMs: number;
  /** Heartbeats in the `heartbeats` frames that arrived within the window. */
  heartbeats: number;
  /** WebSocket frames that arrived within the window (pings included). */
  frames: number;
  latency: LatencySummary;
  rows: RowChurn;
  longTasks: LongTaskSummary;
}

export interface ScrollResult {
  /** Animation frames counted while scrolling. */
  frames: number;
  elapsedMs: number;
  fps: number;
  /** Frames that took longer than 1.5 × the display's frame (a dropped frame or more). */
  slowFrames: number;
  /** The longest gap between two frames, ms. */
  longestFrameMs: number;
  /** How far the list was scrolled in total, px. */
  scrolledPx: number;
  longTasks: LongTaskSummary;
}

export interface LoadTimes {
  /** When the snapshot frame arrived (`performance.now()`), if it has. */
  snapshotArrivedAt?: number;
  /** When the first row carrying a seq was in the DOM. */
  rowsShownAt?: number;
  /** The timestamp of the first animation frame after that: the rows were on screen by then. */
  firstFrameAt?: number;
  /**
   * When the whole snapshot was applied: the list's `aria-busy` turned off
   * (a big snapshot is applied over several frames), or the rows were shown
   * on a page without one.
   */
  snapshotCompleteAt?: number;
}

export interface BenchPageApi {
  /** `list` (the real SessionList) or `naive` (the baseline). */
  readonly variant: string;
  /** The element the scroll phase scrolls. */
  readonly scrollSelector: string;
  loadTimes(): LoadTimes;
  /** Starts a measurement window. */
  begin(): void;
  /** Ends it and summarises it. */
  end(): Promise<WindowResult>;
  /** Scrolls the list by `pxPerFrame` every animation frame for `durationMs`. */
  scroll(durationMs: number, pxPerFrame: number): Promise<ScrollResult>;
  /** Elements in the document. */
  domElements(): number;
}
