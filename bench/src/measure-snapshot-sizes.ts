import { chromium } from 'playwright';
import { CHROMIUM } from '../../chromium';
import { tracedLoads } from './measure-page';
import { startLoadServer } from './start-load-server';

/** The list page's first load at one fleet size (the median of its runs by first paint). */
export interface SnapshotSizeResult {
  sessions: number;
  /** Every run's snapshot → first paint, ms. */
  firstPaintRunsMs: number[];
  toFirstPaintMs: number;
  /** The longest task from the arrival to that paint. */
  longestTaskMs: number;
  /** The tasks of 10 ms or more from the arrival to that paint, in order (absent in results before 2026-12-06). */
  tasksToFirstPaintMs?: number[];
  /** Arrival → the whole snapshot applied, and the longest task until then. */
  toCompleteMs: number;
  longestTaskToCompleteMs: number;
}

export interface SnapshotSizeOptions {
  sizes: readonly number[];
  runs: number;
  intervalMs: number;
  loadTimeoutMs: number;
  pagesDir: string;
  log: (line: string) => void;
}

/**
 * The snapshot figures at several fleet sizes, each against a load server of
 * that many sessions sending their periodic beats only (`--rate 0`), so the
 * load is the snapshot's size and nothing else.
 */
export async function measureSnapshotSizes(
  options: SnapshotSizeOptions,
): Promise<SnapshotSizeResult[]> {
  const results: SnapshotSizeResult[] = [];
  for (const sessions of options.sizes) {
    options.log(`snapshot at ${sessions} sessions (${options.runs} loads)…`);
    const server = await startLoadServer({
      sessions,
      rate: 0,
      intervalMs: options.intervalMs,
      staticDir: options.pagesDir,
    });
    const browser = await chromium.launch(CHROMIUM);
    try {
      const loads = await tracedLoads(
        browser,
        `${server.url}/index.html`,
        options.runs,
        options.loadTimeoutMs,
      );
      const byFirstPaint = [...loads].sort((a, b) => a.toFirstPaintMs - b.toFirstPaintMs);
      const median = byFirstPaint[Math.floor((byFirstPaint.length - 1) / 2)];
      if (median === undefined) throw new Error(`no load at ${sessions} sessions`);
      results.push({
        sessions,
        firstPaintRunsMs: loads.map((load) => load.toFirstPaintMs),
        toFirstPaintMs: median.toFirstPaintMs,
        longestTaskMs: median.longestTaskMs,
        tasksToFirstPaintMs: median.tasksToFirstPaintMs,
        toCompleteMs: median.toCompleteMs,
        longestTaskToCompleteMs: median.longestTaskToCompleteMs,
      });
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  return results;
}
